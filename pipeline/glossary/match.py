"""Finding glossary terms in Russian text, in every inflected form.

A multi-word name matches when each word's lemma (pymorphy3) matches the
term's word in order, so «Евразийской экономической комиссии» is the
Eurasian Economic Commission while «экономический союз двух компаний» is no
EAEU. Abbreviations match as written, in any case. The longest match wins.

The Kazakh case of a match comes first from the preposition before it (the
table in pipeline/glossary/cases.py: «из Казахстана» → Қазақстаннан, «в рамках
ЕАЭС» → ЕАЭО аясында), then from its head noun's Russian case. A word that
does not decline (ЕАЭС, тенге) or whose case pymorphy3 cannot tell stays in
the nominative, but an abbreviation after a noun is its attribute («саммит
ШОС» → ШЫҰ-ның). Terms joined by «и» take their case once, on the last
(pipeline/glossary/coordination.py: «из Казахстана и России» → Қазақстан мен
Ресейден).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from pipeline.glossary.cases import (
    LONGEST,
    RUSSIAN_CASES,
    Rule,
    main_case,
    rules_before,
    towards,
)
from pipeline.glossary.coordination import coordinate
from pipeline.glossary.index import WORD, Pattern, PatternIndex, is_abbreviation, parses
from pipeline.glossary.model import Glossary, Term

_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
_GAP = re.compile(r"\s+[«\"“„]?")  # between a preposition and the word after it
_TIE = 0.05  # pymorphy3 scores closer than this are equally likely readings


def form_key(form: str) -> tuple[str, ...]:
    """What a Russian form is, whatever its inflection (for duplicate claims)."""
    if is_abbreviation(form):
        return (form,)
    return tuple(parses(w)[0][0] for w in WORD.findall(form))


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    text: str
    term: Term
    form: str
    case: str | None  # Kazakh case for the rendering; None for the nominative
    quoted: bool = False
    after: str = ""  # the Kazakh word after the rendering: туралы, аясында
    lead: int | None = None  # where the Russian preposition the Kazakh replaces starts
    tail: int | None = None  # where the replaced text ends, when after ``end``
    joined: str = ""  # Kazakh word to the next conjunct (coordination.py): мен, және
    rule: Rule | None = None  # the preposition rule that chose the case
    russian: frozenset[str] = frozenset()  # its possible Russian cases; none: indeclinable

    @property
    def phrase(self) -> tuple[int, int]:
        """The span a Kazakh rendering replaces: the term and its preposition."""
        return (
            self.start if self.lead is None else self.lead,
            self.end if self.tail is None else self.tail,
        )


class TermMatcher:
    """Finds the terms of a glossary in sentences.

    The patterns sit in a trie keyed by lemma (abbreviations in a table keyed
    by the form as written), so a sentence costs a walk from each word over the
    lemmas of the words after it, whatever the glossary's size. Matchers of
    one glossary share that index and the matches of every sentence already
    seen: a publish finds a sentence's terms once, for the machine stage and
    the glossary check alike.
    """

    def __init__(self, glossary: Glossary) -> None:
        self._index, self._found, self._known = _shared(glossary)

    def find(self, text: str) -> list[TermMatch]:
        found = self._found.get(text)
        if found is None:
            found = self._known.get(text)
            self._found[text] = found = tuple(self._find(text)) if found is None else found
        return list(found)

    def _find(self, text: str) -> list[TermMatch]:
        tokens = list(WORD.finditer(text))
        matches: list[TermMatch] = []
        i = 0
        while i < len(tokens):
            found = self._index.longest(tokens, i)
            if found is None:
                i += 1
                continue
            last = tokens[i + len(found.words) - 1]
            start, end = tokens[i].start(), last.end()
            quoted = (
                start > 0
                and text[start - 1] in _QUOTES
                and text[end : end + 1] == _QUOTES[text[start - 1]]
            )
            if quoted:
                start, end = start - 1, end + 1
            readings = {} if found.indeclinable else _readings(found, tokens[i:])
            case, rule, lead = self._case(found, tokens, i, text, dict(readings))
            match = TermMatch(
                start,
                end,
                text[start:end],
                found.term,
                found.form,
                case,
                quoted,
                lead=lead,
                russian=frozenset(readings),
            )
            if rule is not None:
                match = replace(match, after=rule.after, rule=rule)
            matches.append(match)
            i += len(found.words)
        return [replace(m, **c) for m, c in zip(matches, coordinate(matches, text), strict=True)]

    @staticmethod
    def _case(
        pattern: Pattern, tokens: list[re.Match[str]], i: int, text: str, readings: dict[str, float]
    ) -> tuple[str | None, Rule | None, int | None]:
        """(Kazakh case, the rule that chose it, where its preposition starts)."""
        before = _words_before(tokens, i, text)
        for rule, n in rules_before([w.group().lower() for w in before]):
            word = before[-n - 1].group() if len(before) > n else ""
            if pattern.indeclinable and rule.russian_case == "loct" and towards(word):
                continue  # «вступить в ЕАЭС»: into, the accusative row
            if pattern.indeclinable or rule.russian_case in readings:
                return rule.kazakh_case, rule, before[-n].start()
        previous = before[-1].group().lower() if before else ""
        verb_before = any(p[1] in ("VERB", "INFN") and "tran" in p[2] for p in parses(previous))
        if pattern.indeclinable:
            if not pattern.abbreviation:
                return None, None, None  # «курс тенге»: теңге бағамы
            if verb_before:
                return "accusative", None, None  # «поддерживает ЕАЭС»: a definite object
            # «саммит ШОС»: an abbreviation after a noun is its attribute
            noun_before = any(p[1] == "NOUN" for p in parses(previous)[:1])  # not «и»
            return ("genitive" if noun_before else None), None, None
        if "accs" in readings and verb_before:
            return "accusative", None, None  # «поддерживает Казахстан»: a direct object
        if "nomn" in readings and "accs" in readings:
            # «диалог»: one form for both; with no verb before it, the subject
            readings["nomn"] = max(readings.pop("accs"), readings["nomn"])
        best = max(readings.values(), default=0.0)
        likely = [c for c, score in readings.items() if best - score < _TIE]
        # Two cases equally likely, or the nominative: the nominative.
        return (RUSSIAN_CASES[likely[0]] if len(likely) == 1 else None), None, None


# The index of a glossary, the matches of each sentence seen in this run and
# those an earlier run found, by its text: one per glossary, however many
# matchers a run makes of it (the last few kept).
Matches = dict[str, tuple[TermMatch, ...]]
_SHARED: dict[Glossary, tuple[PatternIndex, Matches, Matches]] = {}
_KEPT = 4


def _shared(glossary: Glossary) -> tuple[PatternIndex, Matches, Matches]:
    found = _SHARED.get(glossary)
    if found is None:
        use_index(glossary, PatternIndex(glossary))
        found = _SHARED[glossary]
    return found


def use_index(glossary: Glossary, index: PatternIndex, known: Matches | None = None) -> Matches:
    """Match ``glossary`` with ``index``, made before of an equal glossary, and
    the matches ``known`` from an earlier run (pipeline/cache_glossary.py keeps
    both: indexing 5,000 terms takes seconds, matching an archive minutes).
    Returns the matches of the sentences this run looks up, filled as it goes."""
    if glossary not in _SHARED:
        _SHARED[glossary] = (index, {}, known or {})
        while len(_SHARED) > _KEPT:
            del _SHARED[next(iter(_SHARED))]
    return _SHARED[glossary][1]


def index_of(glossary: Glossary) -> PatternIndex | None:
    """The index this run made or found of ``glossary`` (None: none yet)."""
    found = _SHARED.get(glossary)
    return None if found is None else found[0]


def carried(old: PatternIndex, new: PatternIndex, glossary: Glossary, known: Matches) -> Matches:
    """The matches ``known`` under the index ``old``, as ``new`` (of ``glossary``)
    finds them, when an edit left every Russian form, its order and what is
    read from it as they were (a rendering, a note): the same, but for each
    term, which is the entry as it is now. Otherwise none are known."""

    def form(p: Pattern) -> tuple[object, ...]:  # all but the entry itself
        return (p.term.id, *(getattr(p, f.name) for f in fields(p) if f.name != "term"))

    if list(map(form, old.patterns)) != list(map(form, new.patterns)):
        return {}
    terms = glossary.by_id()
    return {
        text: tuple(replace(m, term=terms[m.term.id]) for m in found)
        for text, found in known.items()
    }


def _readings(pattern: Pattern, tokens: list[re.Match[str]]) -> dict[str, float]:
    """The Russian cases the head of a match can be in, with pymorphy3's
    likelihood, keeping those its adjectives agree with («Шанхайской
    организации» is no plural nominative)."""

    def forms(k: int) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = {}
        for lemma, _, grammemes, score in parses(tokens[k].group()):
            if lemma != pattern.words[k]:
                continue
            for g in grammemes & RUSSIAN_CASES.keys():
                key = (main_case(g), "plur" if "plur" in grammemes else "sing")
                out[key] = max(out.get(key, 0.0), score)
        return out

    head = forms(pattern.head)
    for k in range(pattern.head):
        if any(p[1] == "ADJF" for p in parses(tokens[k].group())):
            agreeing = forms(k)
            head = {key: score for key, score in head.items() if key in agreeing} or head
    readings: dict[str, float] = {}
    for (case, _), score in head.items():
        readings[case] = max(readings.get(case, 0.0), score)
    return readings


def _words_before(tokens: list[re.Match[str]], i: int, text: str) -> list[re.Match[str]]:
    """The words right before token ``i`` that could be its preposition: up to
    the longest preposition, with nothing but spaces (and an opening quote)
    between them."""
    out: list[re.Match[str]] = []
    end = tokens[i].start() if i < len(tokens) else len(text)
    for token in reversed(tokens[max(0, i - LONGEST) : i]):
        gap = text[token.end() : end]
        if not _GAP.fullmatch(gap):
            break
        out.insert(0, token)
        end = token.start()
    return out
