"""Finding glossary terms in Russian text, in every inflected form.

A multi-word name matches when each word's lemma (pymorphy3) matches the
term's word in order, so «Евразийской экономической комиссии» is the
Eurasian Economic Commission while «экономический союз двух компаний» is no
EAEU. Abbreviations match as written, in any case. The longest match wins.
The grammatical case of a match (for Kazakh endings) comes from its head noun,
or, for words that do not decline, from the preposition or noun before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.glossary import Glossary, Term

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
# pymorphy3 case tags → the Kazakh case a rendering takes (nominative: none)
_CASES = {
    "gent": "genitive",
    "gen2": "genitive",
    "datv": "dative",
    "accs": "accusative",
    "ablt": "instrumental",
    "loct": "locative",
    "loc2": "locative",
}
_PREPOSITIONS = {
    "в": "loct",
    "во": "loct",
    "на": "loct",
    "о": "loct",
    "об": "loct",
    "обо": "loct",
    "при": "loct",
    "к": "datv",
    "ко": "datv",
    "по": "datv",
    "из": "gent",
    "от": "gent",
    "у": "gent",
    "для": "gent",
    "до": "gent",
    "без": "gent",
    "после": "gent",
    "среди": "gent",
    "с": "ablt",
    "со": "ablt",
    "между": "ablt",
    "над": "ablt",
    "под": "ablt",
    "перед": "ablt",
    "за": "ablt",
}
_ABLATIVE_PREPOSITIONS = {"из", "от", "с", "со"}


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(lemma, part of speech, grammemes) for each reading of a word."""
    return tuple(
        (p.normal_form, str(p.tag.POS), frozenset(p.tag.grammemes))
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


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    text: str
    term: Term
    form: str
    case: str | None  # Kazakh case for the rendering; None for the nominative
    quoted: bool = False


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
            case = self._case(found, tokens, i)
            matches.append(
                TermMatch(start, end, text[start:end], found.term, found.form, case, quoted)
            )
            i += len(found.words)
        return matches

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
    def _case(pattern: _Pattern, tokens: list[re.Match[str]], i: int) -> str | None:
        before = tokens[i - 1].group().lower() if i > 0 else ""
        governed = _PREPOSITIONS.get(before)
        if pattern.abbreviation:
            if governed:
                tag = governed
            elif before and any(p[1] == "NOUN" for p in _parses(before)):
                tag = "gent"  # «саммит ШОС»: a noun followed by an indeclinable one
            else:
                return None
        else:
            head = tokens[i + pattern.head].group()
            lemma = pattern.words[pattern.head]
            tags = [
                g
                for lem, _, gs in _parses(head)
                if lem == lemma
                for g in gs
                if g in _CASES or g == "nomn"
            ]
            if governed in tags:
                tag = governed
            elif "nomn" in tags:
                return None  # «инициатива «Трансалтайский диалог»»: the same as accs
            elif tags:
                tag = tags[0]
            else:
                return None
        if tag == "gent" and before in _ABLATIVE_PREPOSITIONS:
            return "ablative"
        return _CASES.get(tag)
