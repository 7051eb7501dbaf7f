"""The glossary's Russian forms as an index of lemma sequences.

A form of several words matches when each word of the text has the form's
word's lemma among its readings (pymorphy3), so the forms sit in a trie keyed
by lemma; a walk from a word of a sentence follows every lemma of each next
word and stops where no form goes on. Abbreviations match as written and sit
in a table by their first word. Among the forms that match at a word the
longest wins, then the one the glossary lists first: ``TermMatcher`` used to
try every form in that order at every word, which cost terms × words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.glossary.model import Glossary, Term

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[tuple[str, str, frozenset[str], float], ...]:
    """(lemma, part of speech, grammemes, likelihood) for each reading of a word."""
    return tuple(
        (p.normal_form, str(p.tag.POS), frozenset(p.tag.grammemes), p.score)
        for p in _morph().parse(word.lower())
    )


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> frozenset[str]:
    return frozenset(p[0] for p in parses(word))


def is_abbreviation(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2


def _indeclinable(word: str) -> bool:
    """pymorphy3 marks some indeclinable words (Fixd); others (тенге) it reads
    as a case form of another word, with no nominative reading of the canonical
    form a glossary gives."""
    found = parses(word)
    return any("Fixd" in p[2] for p in found) or not any("nomn" in p[2] for p in found)


@dataclass(frozen=True)
class Pattern:
    term: Term
    form: str  # "name", "variant:N" or "abbreviation"
    words: tuple[str, ...]  # lemmas, or the abbreviation as written
    abbreviation: bool
    capitalised: bool
    head: int  # index of the word whose case is the match's case (0: an abbreviation)
    indeclinable: bool  # an abbreviation, or a word such as тенге


def _pattern(term: Term, form: str, what: str) -> Pattern | None:
    words = WORD.findall(form)
    if not words:
        return None  # a form with no word in it («—») names nothing in a text
    abbreviation = is_abbreviation(form)
    if abbreviation:  # matched as written and never declined: no reading needed
        return Pattern(term, what, tuple(words), True, words[0][:1].isupper(), 0, True)
    head = next((i for i, w in enumerate(words) if parses(w)[0][1] == "NOUN"), 0)
    return Pattern(
        term,
        what,
        tuple(parses(w)[0][0] for w in words),
        False,
        words[0][:1].isupper(),
        head,
        _indeclinable(words[head]),
    )


@dataclass
class _Node:
    next: dict[str, _Node] = field(default_factory=dict)
    ends: list[tuple[int, Pattern]] = field(default_factory=list)  # (rank, pattern)


class PatternIndex:
    """Every Russian form of a glossary, ranked: longest first, then in the
    glossary's order (so «Евразийская экономическая комиссия» before «комиссия»)."""

    def __init__(self, glossary: Glossary) -> None:
        built = [
            p
            for term in glossary.terms
            for form, what in term.ru.forms()
            if (p := _pattern(term, form, what)) is not None
        ]
        self.patterns = sorted(built, key=lambda p: -len(p.words))
        self._root = _Node()
        self._abbreviations: dict[str, list[tuple[int, Pattern]]] = {}
        for rank, p in enumerate(self.patterns):
            if p.abbreviation:
                self._abbreviations.setdefault(p.words[0], []).append((rank, p))
                continue
            node = self._root
            for lemma in p.words:
                node = node.next.setdefault(lemma, _Node())
            node.ends.append((rank, p))

    def longest(self, tokens: list[re.Match[str]], i: int) -> Pattern | None:
        """The first-ranked form that matches the words from ``tokens[i]`` on."""
        best: tuple[int, Pattern] | None = None
        first = tokens[i].group()
        for rank, p in self._abbreviations.get(first, ()):
            # ЕАЭС, and ЕАЭС-овский style derivations are not the term itself.
            if i + len(p.words) <= len(tokens) and (best is None or rank < best[0]):
                best = (rank, p)
        capital = first[:1].isupper()
        nodes = [self._root]
        for token in tokens[i:]:
            lemmas = _lemmas(token.group())
            nodes = [child for node in nodes for lemma in lemmas if (child := node.next.get(lemma))]
            for node in nodes:
                for rank, p in node.ends:
                    if (capital or not p.capitalised) and (best is None or rank < best[0]):
                        best = (rank, p)
            if not nodes:
                break
        return None if best is None else best[1]
