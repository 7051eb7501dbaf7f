"""A language's rules for a glossary term in a sentence, named in the language
registry (``Language.morphology``, pipeline/languages.py).

A language with no rules of its own gets its renderings as written. Kazakh
declines them (pipeline/glossary/kazakh.py) and replaces a Russian preposition
together with its term (в рамках ЕАЭС → ЕАЭО аясында); English puts articles
before abbreviations (the EAEU).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.glossary.kazakh import decline, ending, has_possessive, reading
from pipeline.glossary.match import TermMatch
from pipeline.glossary.model import Rendering, Term
from pipeline.languages import REGISTRY

_SENTENCE_START = re.compile(r"(^|[.!?]\s+)$")
# What an English pivot step put before a term whose Kazakh phrase (case
# ending, postposition) replaces it: a preposition, then an article.
_ENGLISH_PREPOSITIONS = (
    "within the framework of", "in the framework of", "in the context of", "as part of",
    "as a part of", "on the part of", "on behalf of", "in relation to", "with regard to",
    "with respect to", "together with", "along with", "in front of", "attached to", "up to",
    "thanks to", "due to", "in connection with", "in spite of", "despite", "apart from",
    "aside from", "except for", "except", "besides", "outside of", "outside", "alongside",
    "in the course of", "during", "on the territory of", "in the territory of",
    "in the interests of", "in the interest of", "on the side of", "beyond",
    "between", "among", "within", "inside", "through", "throughout", "across", "via", "from",
    "into", "in", "at", "on", "towards", "toward", "to", "with", "for", "about", "of", "by",
    "after", "before", "against", "until", "under", "around", "over", "regarding",
    "concerning", "near", "since", "facing",
)  # fmt: skip
_PIVOT_ARTICLE = re.compile(r"(?:\bthe\s+)?$", re.IGNORECASE)
_PIVOT_AND = re.compile(r"^(?:,?\s+(?:and|or)\s+)?")  # a group's conjunction
_PIVOT_S = re.compile(r"^(?:['’]s\b)?")  # an English possessive
_PIVOT_PREPOSITION = re.compile(
    rf"(?:\b(?:{'|'.join(_ENGLISH_PREPOSITIONS)})\s+)?(?:\bthe\s+)?$", re.IGNORECASE
)
_DETERMINERS = ("the ", "The ", "a ", "an ", "its ", "their ", "this ", "that ", "(")


class Morphology:
    """Renderings as written."""

    def inflect(self, r: Rendering, base: str, case: str | None, expand: bool) -> str:
        """The rendering ``base`` of a term in the Russian case ``case``;
        ``expand``: its first mention on a page, "Full Name (ABBR)"."""
        return f"{r.name} ({r.abbreviation})" if expand else base

    def phrase(
        self, match: TermMatch, r: Rendering, text: str, source: str
    ) -> tuple[int, int, str]:
        """What replaces the term in ``source`` before translation: its span and text."""
        return match.start, match.end, text

    def swap(self, match: TermMatch, r: Rendering, text: str, given: str, rendered: str) -> str:
        """A pivot step's input: the rendering ``given`` to the previous step,
        as its model copied it into ``text``, replaced by ``rendered``."""
        return text.replace(given, rendered, 1)

    def stem(self, form: str) -> str | None:
        """What stays of a rendering when it takes endings (None: it takes none)."""
        return None

    def finish(self, text: str, terms: Iterable[Term], language: str) -> str:
        """A translation with the terms in it, as a reader of the language expects."""
        return text

    def warnings(self, r: Rendering) -> list[tuple[str, str]]:
        """(key, what looks wrong) in a glossary entry's section for the language."""
        return []


class Kazakh(Morphology):
    def inflect(self, r: Rendering, base: str, case: str | None, expand: bool) -> str:
        named = decline(r.name, case, possessive_head=r.possessive, declines_as=r.declines_as)
        if expand:
            return f"{named} ({r.abbreviation})"
        is_abbreviation = base == r.abbreviation
        # `endings` and `reading` are the abbreviation's; a name's when there is none
        own = is_abbreviation or not r.abbreviation
        return decline(
            base,
            case,
            abbreviation=is_abbreviation,
            possessive_head=None if is_abbreviation else r.possessive,
            overrides=dict(r.endings) if own else None,
            read_as=r.reading if own else None,
            declines_as=r.declines_as,
        )

    def phrase(
        self, match: TermMatch, r: Rendering, text: str, source: str
    ) -> tuple[int, int, str]:
        start, end = match.phrase
        text = _words_around(match, r, text)
        if start < match.start and source[start].isupper():
            text = text[0].upper() + text[1:]  # «Для тенге …» → «Теңге үшін …»
        return start, end, text

    def swap(self, match: TermMatch, r: Rendering, text: str, given: str, rendered: str) -> str:
        """The English step copied the English rendering and translated the
        Russian preposition around it («в рамках ЕАЭС» → "within the EAEU"):
        the Kazakh phrase the Russian decided (ЕАЭО аясында) replaces both,
        and the article; the conjunction of a group goes too ("the EAEU and
        the SCO" → ЕАЭО мен ШЫҰ)."""
        found = re.search(rf"(?<!\w){re.escape(given)}(?!\w)", text)
        if found is None:
            return text
        before = _PIVOT_ARTICLE if match.lead is None else _PIVOT_PREPOSITION
        genitive = match.case == "genitive"  # "the EAEU's report": ЕАЭО-ның
        after = _PIVOT_AND if match.joined else _PIVOT_S if genitive else None
        start = _matched(before, text[: found.start()]).start()
        end = found.end() + (len(_matched(after, text[found.end() :]).group()) if after else 0)
        phrase = _words_around(match, r, rendered)
        if match.joined and end < len(text):
            phrase += " "
        if text[start : start + 1].isupper():
            phrase = phrase[0].upper() + phrase[1:]
        return text[:start] + phrase + text[end:]

    def stem(self, form: str) -> str | None:
        # одақ → одағы, одағының: the last word may soften and take endings
        head, _, last = form.rpartition(" ")
        return (head + " " if head else "") + last[:-1] if len(last) > 3 else None

    def warnings(self, r: Rendering) -> list[tuple[str, str]]:
        """`possessive: true` on a name whose last word has no possessive: an
        adjective-headed name (Еуразиялық экономикалық одақ) takes plain endings;
        `declines_as` that is not the name's last word as it takes endings."""
        words = r.name.split()
        if not words:  # no name: reported as such by the glossary's checks
            return []
        lasts = {f.split()[-1].lower() for f in (r.name, *r.variants) if f.split()}
        if r.declines_as and not any(r.declines_as.lower().startswith(w) for w in lasts):
            return [
                (
                    "declines_as",
                    f"declines_as '{r.declines_as}' does not begin with the name's last word"
                    f" ('{words[-1]}'), so it is not used: write that word as it takes"
                    f" endings ({words[-1]}і for {words[-1]}іде)",
                )
            ]
        if r.possessive is not True or has_possessive(words[-1]):
            return []
        plain = decline(r.name, "dative", possessive_head=False).split()[-1]
        given = decline(r.name, "dative", possessive_head=True).split()[-1]
        return [
            (
                "possessive",
                "possessive is for noun + noun names whose last word carries it"
                f" (Кеден одағы); '{r.name}' is headed by"
                f" {'an adjective' if len(words) > 1 else 'a bare noun'} and takes plain"
                f" endings ({plain}, not {given}): remove 'possessive: true'",
            )
        ]


def _matched(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    found = pattern.search(text)
    assert found is not None  # the pattern's parts are all optional
    return found


def _words_around(match: TermMatch, r: Rendering, text: str) -> str:
    """The declined rendering, then a postposition (ЕАЭО аясында) or, for a
    conjunct before the last, the conjunction: мен/бен/пен by its last sound
    (Қазақстан мен, ЕЭК пен), or және."""
    if match.joined == "мен":
        spoken = re.sub(r" \([^)]*\)$", "", text.strip("«»"))  # the name, not «(ЕАЭО)»
        if spoken == r.abbreviation:
            spoken = r.reading or reading(spoken)
        return text + " " + ending(spoken, "instrumental")
    if match.joined:
        return f"{text} {match.joined}"
    return f"{text} {match.after}" if match.after else text


class English(Morphology):
    def finish(self, text: str, terms: Iterable[Term], language: str) -> str:
        """ "the EAEU", "The EEC" at a sentence start, as a reader expects."""
        for term in dict.fromkeys(terms):
            r = term.renderings[language]
            if term.kind != "abbreviation":
                continue
            for form in sorted({f for f in (r.name, r.abbreviation) if f}, key=len, reverse=True):
                text = _add_article(text, form)
        return text


def _add_article(text: str, form: str) -> str:
    out, last = [], 0
    for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
        before = text[: m.start()]
        if before.endswith(_DETERMINERS) or re.search(r"\w+ \($", before):
            continue
        if re.search(r"\b[Tt]he (?:[A-Z]\w* )+$", before):
            continue  # inside "the Eurasian Economic Union" already
        article = "The " if _SENTENCE_START.search(before) else "the "
        out += [text[last : m.start()], article]
        last = m.start()
    out.append(text[last:])
    return "".join(out)


PLAIN = Morphology()
MORPHOLOGIES: dict[str, Morphology] = {"": PLAIN, "kazakh": Kazakh(), "english": English()}


def morphology(language: str) -> Morphology:
    """The rules the registry names for ``language``."""
    return MORPHOLOGIES[REGISTRY[language].morphology]
