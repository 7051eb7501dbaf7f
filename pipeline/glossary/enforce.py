"""Making machine translation obey the glossary.

Before translation each term in a Russian sentence is replaced by its
rendering in the step's target language (declined for Kazakh, expanded at its
first mention on a page), which models copy; forbidden renderings are
suppressed in decoding. After translation the output is checked: when a
rendering is missing or a forbidden one appears, the engine's n-best
hypotheses are reranked by compliance, and a sentence that still fails is
returned with its violations, to be marked for review, never silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.glossary.match import TermMatch, TermMatcher
from pipeline.glossary.model import Glossary, Rendering, Term
from pipeline.glossary.morphology import PLAIN, morphology
from pipeline.languages import REGISTRY
from pipeline.mt.translate import Outcome

N_BEST = 4


@dataclass(frozen=True)
class Occurrence:
    """A term in a source sentence and how it must read in the target."""

    match: TermMatch
    expanded: bool  # its first mention on the page: "Full Name (ABBR)"

    @property
    def term(self) -> Term:
        return self.match.term


def render(occurrence: Occurrence, language: str) -> str:
    """The text that stands for a term occurrence in ``language``."""
    term, match = occurrence.term, occurrence.match
    r = term.renderings[language]
    base = r.form_for(match.form)
    expand = bool(occurrence.expanded and r.use == "first-expanded" and r.abbreviation)
    rules = PLAIN if term.kind == "keep" else morphology(language)
    text = rules.inflect(r, base, match.case, expand)
    quotes = REGISTRY[language].quotes
    if match.quoted and quotes:
        text = f"{quotes[0]}{text}{quotes[1]}"
    return text


def phrase(occurrence: Occurrence, source: str, language: str) -> tuple[int, int, str]:
    """What replaces a term in the sentence ``source`` before translation into
    ``language``: its span and text (in Kazakh the Russian preposition goes with
    it: в рамках ЕАЭС → ЕАЭО аясында)."""
    r = occurrence.term.renderings[language]
    text = render(occurrence, language)
    return morphology(language).phrase(occurrence.match, r, text, source)


def present(rendering: Rendering, text: str, language: str) -> bool:
    """Whether the rendering is used in ``text`` (in Kazakh, in any case form)."""
    for form in rendering.accepted():
        # A lower-case rendering may open a sentence: «Теңге үшін …»
        flags = 0 if form[:1].isupper() else re.IGNORECASE
        if re.search(rf"(?<!\w){re.escape(form)}", text, flags):
            return True
        if form.isupper():
            continue  # abbreviations take endings after a hyphen: matched above
        stem = morphology(language).stem(form)  # Kazakh одақ → одағының
        if stem and re.search(re.escape(stem), text, flags):
            return True
    return False


def forbidden_in(rendering: Rendering, text: str) -> list[str]:
    return [f for f in rendering.forbidden if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]


def violations(terms: tuple[Term, ...], language: str, text: str) -> tuple[str, ...]:
    out: list[str] = []
    for term in dict.fromkeys(terms):
        r = term.renderings[language]
        if not present(r, text, language):
            out.append(f"missing {r.abbreviation or r.name}")
        out += [f"forbidden {f}" for f in forbidden_in(r, text)]
    return tuple(out)


def unexpanded(term: Term, language: str, text: str) -> tuple[str, ...]:
    """The house rule for a term's first mention on a page: "Full Name (ABBR)",
    the name in any case form in Kazakh (одақтың (ЕАЭО), одақ (ЕАЭО) аясында)."""
    r = term.renderings[language]
    if r.use != "first-expanded" or not r.abbreviation:
        return ()
    stem = morphology(language).stem(r.name)  # Kazakh одақ → одағының
    name = re.escape(stem) + r"\w*" if stem else re.escape(r.name)
    if re.search(rf"(?<!\w){name}»? \({re.escape(r.abbreviation)}\)", text):
        return ()
    return (f"first mention not expanded: {r.name} ({r.abbreviation})",)


class TermPolicy:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.matcher = TermMatcher(glossary)

    def occurrences(self, sentences: list[str]) -> list[list[Occurrence]]:
        """Terms of each sentence of one page, in order; the first mention of
        a term on the page is marked for expansion."""
        seen: set[str] = set()
        out = []
        for sentence in sentences:
            found = []
            for match in self.matcher.find(sentence):
                found.append(Occurrence(match, match.term.id not in seen))
                seen.add(match.term.id)
            out.append(found)
        return out

    def protect(self, sentence: str, occurrences: list[Occurrence], language: str) -> str:
        """The sentence with its terms replaced; in Kazakh a preposition goes
        with its term (из Казахстана → Қазақстаннан)."""
        parts, last = [], 0
        for o in occurrences:
            start, end, text = phrase(o, sentence, language)
            parts += [sentence[last:start], text]
            last = end
        parts.append(sentence[last:])
        return "".join(parts)

    def forbidden(self, language: str) -> tuple[str, ...]:
        return tuple(f for t in self.glossary.terms for f in t.renderings[language].forbidden)

    def versions(self, occurrences: list[Occurrence]) -> dict[str, str]:
        """The entries a sentence uses → their fingerprints, recorded with its
        translation (pipeline.mt.fill), so that an edited entry is seen."""
        return {o.term.id: o.term.fingerprint() for o in occurrences}

    def edited(
        self, recorded: dict[str, str], occurrences: list[Occurrence], language: str
    ) -> list[str]:
        """The entries a sentence uses whose ``recorded`` versions a translation
        into ``language`` no longer follows (pipeline.mt.fill)."""
        now = {o.term.id: o.term for o in occurrences}
        return sorted(i for i, v in recorded.items() if i in now and not now[i].holds(v, language))

    def hooks(self, occurrences: Sequence[list[Occurrence]]) -> TermHooks:
        return TermHooks(self, occurrences)


@dataclass(frozen=True)
class TermHooks:
    """The glossary enforced on a batch of sentences, each with its terms: the
    hooks of pipeline.mt.translate's loop."""

    policy: TermPolicy
    occurrences: Sequence[list[Occurrence]]
    n_best: int = N_BEST

    def protect(self, index: int, text: str, language: str) -> str:
        return self.policy.protect(text, self.occurrences[index], language)

    def swap(self, index: int, text: str, before: str, after: str) -> str:
        """A pivot step: what the step into ``before`` was given for each term
        (its rendering, which the model copied) becomes the rendering in ``after``."""
        for o in self.occurrences[index]:
            r = o.term.renderings[after]
            rules = PLAIN if o.term.kind == "keep" else morphology(after)
            text = rules.swap(o.match, r, text, render(o, before), render(o, after))
        return text

    def suppressed(self, language: str) -> tuple[str, ...]:
        return self.policy.forbidden(language)

    def choose(self, index: int, hypotheses: Sequence[str], language: str) -> Outcome[Term]:
        return _choose(hypotheses, self.occurrences[index], language)


def _choose(
    hypotheses: Sequence[str], occurrences: list[Occurrence], language: str
) -> Outcome[Term]:
    """The best hypothesis that obeys the glossary, else the best one, flagged;
    a term's first mention on the page must read "Full Name (ABBR)"."""
    terms = tuple(o.term for o in occurrences)
    first = dict.fromkeys(o.term for o in occurrences if o.expanded)
    scored = []
    for text in hypotheses:
        text = morphology(language).finish(text, terms, language)
        problems = violations(terms, language, text)
        problems += tuple(p for term in first for p in unexpanded(term, language, text))
        scored.append(Outcome(text, terms, problems))
    return next((o for o in scored if not o.violations), scored[0])
