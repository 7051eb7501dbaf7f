"""Coordinated terms in Kazakh: «X и Y», «X, Y или Z» under one preposition or case.

Russian repeats the case on every conjunct (из Казахстана и России, в ЕАЭС и
ШОС); Kazakh inflects a group joined by «и» once, on its last conjunct
(ортақ жалғау): the conjuncts before it stay bare, the last two joined by
мен/бен/пен, and the case ending or postposition goes on the last
(Қазақстан мен Ресейден, ЕАЭО мен ШЫҰ-да, ЕАЭО мен ШЫҰ үшін, Қазақстан мен
Ресей арасында). In the instrumental, where a -мен would follow the
conjunction мен, each keeps -мен and және joins them (Қазақстанмен және
Ресеймен); alternatives («или», «либо») each keep their case, joined by
немесе (Қазақстанда немесе Ресейде), a postposition once, after the last
(Қазақстан немесе Ресей үшін).

A term joins the group when nothing but a comma or the conjunction stands
before it and it can be in the Russian case of the first (an abbreviation can
be in any): «из Казахстана, и Россия ответила» is two clauses, and Россия
stays apart; «из Казахстана и из России» are two groups of one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from pipeline.glossary.cases import RULES, RUSSIAN_CASES, Rule

_LINK = re.compile(r"\s*,\s*|,?\s+(и|или|либо)\s+")  # group 1: the conjunction
# Russian conjunction → (the Kazakh one, whether each conjunct takes the case)
_JOINERS = {"и": ("мен", False), "или": ("немесе", True), "либо": ("немесе", True)}
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
        rule = _governing(head, matches[k + 1 :], text)
        if rule is None and head.case is None:
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
        final = _LINK.fullmatch(text[matches[group[-2]].end : matches[group[-1]].start])
        joiner, each = _JOINERS[final.group(1) if final else "и"]
        if kazakh == "instrumental":  # no «мен … -мен»: each keeps -мен, және joins
            joiner, each = ("және" if joiner == "мен" else joiner), True
        for n in group[:-1]:
            conjunct: dict[str, Any] = {"case": kazakh if each else None, "after": "", "rule": None}
            link = _LINK.fullmatch(text[matches[n].end : matches[n + 1].start])
            if link is not None and link.group(1):
                conjunct.update(joined=joiner, tail=matches[n].end + link.end(1))
            changes[n] = conjunct if n == k else {**conjunct, "lead": None}
        changes[group[-1]] = {"case": kazakh, "after": after, "lead": None, "rule": None}
        k = group[-1] + 1
    return changes


def _governing(head: Conjunct, rest: Sequence[Conjunct], text: str) -> Rule | None:
    """The preposition rule a group follows: the head's, or for a head that
    does not decline the row its followers' case agrees with («в ЕАЭС и
    Россию» → dative); None for a head with no preposition."""
    if head.rule is None:
        return None
    same = [r for r in RULES if r.russian == head.rule.russian and not head.russian]
    for rule in [head.rule, *same]:
        if _chain(head, rest, text, rule):
            return rule
    return head.rule


def _chain(head: Conjunct, rest: Sequence[Conjunct], text: str, rule: Rule | None) -> list[int]:
    """The followers of ``head`` in its group, up to its conjunction."""
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
    return []  # a list with no conjunction is no group: «в ЕАЭС, говорят, …»
