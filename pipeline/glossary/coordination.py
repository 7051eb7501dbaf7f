"""Coordinated terms in Kazakh: «X и Y», «X, Y и Z» under one preposition or case.

Russian repeats the case on every conjunct (из Казахстана и России, в ЕАЭС и
ШОС); Kazakh inflects the group once, on its last conjunct (ортақ жалғау):
the conjuncts before it stay bare, the last two joined by мен/бен/пен, and
the case ending or postposition goes on the last (Қазақстан мен Ресейден,
ЕАЭО мен ШЫҰ-да, ЕАЭО мен ШЫҰ үшін, Қазақстан мен Ресей арасында). In the
instrumental, where a -мен would follow the conjunction мен, the conjuncts
are joined by және (Қазақстан және Ресеймен).

A term joins the group when nothing but «и» or a comma stands before it and
it can be in the Russian case of the first (an abbreviation can be in any):
«из Казахстана и Россия ответила» is two clauses, and Россия stays apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from pipeline.glossary.cases import RULES, RUSSIAN_CASES, Rule

_LINK = re.compile(r"\s*,\s*|,?\s+(и)\s+")  # group 1: the conjunction
_RUSSIAN = {kazakh: russian for russian, kazakh in reversed(RUSSIAN_CASES.items()) if kazakh}


class Conjunct(Protocol):
    """What the grouping reads of a term match (pipeline.glossary.match.TermMatch)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def case(self) -> str | None: ...
    @property
    def rule(self) -> Rule | None: ...
    @property
    def russian(self) -> frozenset[str]: ...


def coordinate(matches: Sequence[Conjunct], text: str) -> list[dict[str, Any]]:
    """For each match, the fields of it that its group changes (none: {}).

    A lone «между X» keeps its preposition, and X stays in the nominative."""
    changes: list[dict[str, Any]] = [{} for _ in matches]
    k = 0
    while k < len(matches):
        head = matches[k]
        rule, governed = _governing(head, matches[k + 1 :], text)
        if rule is None and governed is None:
            k += 1
            continue
        group = [k] + [k + 1 + n for n in range(len(_chain(head, matches[k + 1 :], text, rule)))]
        kazakh = rule.kazakh_case if rule else head.case
        after = rule.after if rule else ""
        if len(group) == 1:
            if rule is not None and rule.pair:
                changes[k] = {"case": None, "after": "", "lead": None, "rule": None}
            k += 1
            continue
        joiner = "және" if kazakh == "instrumental" else "мен"
        for n in group[:-1]:
            bare: dict[str, Any] = {"case": None, "after": "", "rule": None}
            word = _LINK.fullmatch(text[matches[n].end : matches[n + 1].start])
            if word is not None and word.group(1):
                bare.update(joined=joiner, tail=matches[n].end + word.end(1))
            changes[n] = bare if n == k else {**bare, "lead": None}
        changes[group[-1]] = {"case": kazakh, "after": after, "lead": None, "rule": None}
        k = group[-1] + 1
    return changes


def _governing(
    head: Conjunct, rest: Sequence[Conjunct], text: str
) -> tuple[Rule | None, str | None]:
    """The preposition rule a group follows (an indeclinable head takes the
    row its followers' case agrees with: «в ЕАЭС и Россию» → dative), or,
    with none, the Russian case of a declined head; (None, None) for neither."""
    if head.rule is not None:
        others = () if head.russian else [r for r in RULES if r.russian == head.rule.russian]
        for rule in (head.rule, *others):
            if _chain(head, rest, text, rule):
                return rule, rule.russian_case
        return head.rule, head.rule.russian_case
    if head.case is None:
        return None, None
    return None, _RUSSIAN[head.case]


def _chain(head: Conjunct, rest: Sequence[Conjunct], text: str, rule: Rule | None) -> list[int]:
    """The followers of ``head`` in its group, up to the first «и»."""
    wanted = rule.russian_case if rule else _RUSSIAN.get(head.case or "")
    out: list[int] = []
    before = head
    for n, match in enumerate(rest):
        link = _LINK.fullmatch(text[before.end : match.start])
        agrees = not match.russian or wanted in match.russian
        if link is None or match.rule is not None or not agrees:
            break
        out.append(n)
        if link.group(1):
            return out
        before = match
    return []  # a list with no «и» is no group: «в ЕАЭС, говорят, …»
