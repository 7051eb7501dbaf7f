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
ШОС» → ШЫҰ-ның).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pipeline.glossary.cases import LONGEST, RUSSIAN_CASES, Rule, main_case, rules_before
from pipeline.glossary.model import Glossary, Term

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
_GAP = re.compile(r"\s+[«\"“„]?")  # between a preposition and the word after it
_TIE = 0.05  # pymorphy3 scores closer than this are equally likely readings


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[tuple[str, str, frozenset[str], float], ...]:
    """(lemma, part of speech, grammemes, likelihood) for each reading of a word."""
    return tuple(
        (p.normal_form, str(p.tag.POS), frozenset(p.tag.grammemes), p.score)
        for p in _morph().parse(word.lower())
    )


def _is_abbreviation(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2


def form_key(form: str) -> tuple[str, ...]:
    """What a Russian form is, whatever its inflection (for duplicate claims)."""
    if _is_abbreviation(form):
        return (form,)
    return tuple(_parses(w)[0][0] for w in _WORD.findall(form))


@dataclass(frozen=True)
class _Pattern:
    term: Term
    form: str  # "name", "variant:N" or "abbreviation"
    words: tuple[str, ...]  # lemmas, or the abbreviation as written
    abbreviation: bool
    capitalised: bool
    head: int  # index of the word whose case is the match's case
    indeclinable: bool  # an abbreviation, or a word such as тенге


def _indeclinable(word: str) -> bool:
    """pymorphy3 marks some indeclinable words (Fixd); others (тенге) it reads
    as a case form of another word, with no nominative reading of the canonical
    form a glossary gives."""
    parses = _parses(word)
    return any("Fixd" in p[2] for p in parses) or not any("nomn" in p[2] for p in parses)


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
    joined: bool = False  # the X of «между X и Y»: «X мен Y арасында»
    rule: Rule | None = None  # the preposition rule that chose the case

    @property
    def phrase(self) -> tuple[int, int]:
        """The span a Kazakh rendering replaces: the term and its preposition."""
        return (
            self.start if self.lead is None else self.lead,
            self.end if self.tail is None else self.tail,
        )


class TermMatcher:
    def __init__(self, glossary: Glossary) -> None:
        patterns = []
        for term in glossary.terms:
            for form, what in term.ru.forms():
                words = _WORD.findall(form)
                abbreviation = _is_abbreviation(form)
                head = next((i for i, w in enumerate(words) if _parses(w)[0][1] == "NOUN"), 0)
                patterns.append(
                    _Pattern(
                        term,
                        what,
                        tuple(words) if abbreviation else tuple(_parses(w)[0][0] for w in words),
                        abbreviation,
                        words[0][:1].isupper(),
                        head,
                        abbreviation or _indeclinable(words[head]),
                    )
                )
        # Longest first: «Евразийская экономическая комиссия» before «комиссия».
        self._patterns = sorted(patterns, key=lambda p: -len(p.words))

    def find(self, text: str) -> list[TermMatch]:
        tokens = list(_WORD.finditer(text))
        matches: list[TermMatch] = []
        i = 0
        while i < len(tokens):
            found = next((p for p in self._patterns if self._matches(p, tokens, i)), None)
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
            case, rule, lead = self._case(found, tokens, i, text)
            match = TermMatch(
                start, end, text[start:end], found.term, found.form, case, quoted, lead=lead
            )
            if rule is not None:
                match = replace(match, after=rule.after, rule=rule)
            matches.append(match)
            i += len(found.words)
        return _pairs(matches, text)

    @staticmethod
    def _matches(pattern: _Pattern, tokens: list[re.Match[str]], i: int) -> bool:
        if i + len(pattern.words) > len(tokens):
            return False
        words = [t.group() for t in tokens[i : i + len(pattern.words)]]
        if pattern.abbreviation:
            # ЕАЭС, and ЕАЭС-овский style derivations are not the term itself.
            return words[0] == pattern.words[0]
        if pattern.capitalised and not words[0][:1].isupper():
            return False
        return all(
            lemma in {p[0] for p in _parses(w)}
            for w, lemma in zip(words, pattern.words, strict=True)
        )

    @staticmethod
    def _case(
        pattern: _Pattern, tokens: list[re.Match[str]], i: int, text: str
    ) -> tuple[str | None, Rule | None, int | None]:
        """(Kazakh case, the rule that chose it, where its preposition starts)."""
        before = _words_before(tokens, i, text)
        readings = {} if pattern.indeclinable else _readings(pattern, tokens[i:])
        for rule, n in rules_before([w.group().lower() for w in before]):
            if pattern.indeclinable or rule.russian_case in readings:
                return rule.kazakh_case, rule, before[-n].start()
        previous = before[-1].group().lower() if before else ""
        verb_before = any(p[1] in ("VERB", "INFN") and "tran" in p[2] for p in _parses(previous))
        if pattern.indeclinable:
            if not pattern.abbreviation:
                return None, None, None  # «курс тенге»: теңге бағамы
            if verb_before:
                return "accusative", None, None  # «поддерживает ЕАЭС»: a definite object
            # «саммит ШОС»: an abbreviation after a noun is its attribute
            noun_before = any(p[1] == "NOUN" for p in _parses(previous))
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


def _readings(pattern: _Pattern, tokens: list[re.Match[str]]) -> dict[str, float]:
    """The Russian cases the head of a match can be in, with pymorphy3's
    likelihood, keeping those its adjectives agree with («Шанхайской
    организации» is no plural nominative)."""

    def forms(k: int) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = {}
        for lemma, _, grammemes, score in _parses(tokens[k].group()):
            if lemma != pattern.words[k]:
                continue
            for g in grammemes & RUSSIAN_CASES.keys():
                key = (main_case(g), "plur" if "plur" in grammemes else "sing")
                out[key] = max(out.get(key, 0.0), score)
        return out

    head = forms(pattern.head)
    for k in range(pattern.head):
        if any(p[1] == "ADJF" for p in _parses(tokens[k].group())):
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


def _pairs(matches: list[TermMatch], text: str) -> list[TermMatch]:
    """«между X и Y»: X joins Y with мен/бен/пен and Y takes арасында; a lone
    «между X» keeps its preposition and X stays in the nominative."""
    out = list(matches)
    for k, match in enumerate(out):
        rule = match.rule
        if rule is None or not rule.pair:
            continue
        following = out[k + 1] if k + 1 < len(out) else None
        gap = text[match.end : following.start] if following else ""
        word = re.fullmatch(rf"\s+({re.escape(rule.pair)})\s+", gap)
        if following is None or word is None:
            out[k] = replace(match, case=None, after="", lead=None, rule=None)
            continue
        out[k] = replace(match, case=None, after="", joined=True, tail=match.end + word.end(1))
        out[k + 1] = replace(following, case=None, after=rule.after, lead=None, rule=None)
    return out
