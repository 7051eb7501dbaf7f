"""How the translations use the glossary: per language and term, occurrences,
use and every violation (a rendering that is not the house term, or a first
mention on a page that is not "Full Name (ABBR)").

The same check runs in ``publish`` (on the memories about to be written) and
in ``glossary check`` (on the files on disk).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.glossary.enforce import unexpanded, violations
from pipeline.glossary.match import TermMatch, TermMatcher
from pipeline.glossary.model import Glossary
from pipeline.memory.store import Status, status_of
from pipeline.source.document import Segment


@dataclass(frozen=True)
class CheckedMemory:
    """What the check reads of one memory: an interview's segments in a language."""

    file: Path  # translations/LANGUAGE/SLUG.po
    slug: str
    language: str
    segments: Sequence[Segment]
    po: polib.POFile | None  # None: no memory yet


@dataclass(frozen=True)
class Violation:
    file: Path
    slug: str
    segment: str  # its id, the entry's msgctxt
    term: str  # the term's id
    language: str
    reviewed: bool  # a translator's text, not machine output
    problems: tuple[str, ...]
    translation: str


@dataclass(frozen=True)
class TermUse:
    language: str
    term: str  # its id
    source: int  # sentences that use it in Russian
    reviewed: int  # reviewed translations that use its rendering
    machine: int
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class GlossaryCheck:
    uses: tuple[TermUse, ...]  # in the order the terms were first met

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(v for use in self.uses for v in use.violations)

    @property
    def count(self) -> int:
        return sum(len(use.violations) for use in self.uses)


@dataclass
class Tally:
    """One language's use of one term, on one page or over several."""

    source: int = 0
    reviewed: int = 0
    machine: int = 0
    violations: list[Violation] = field(default_factory=list)


# (language, term id) → its use on one page, in the order the terms are met
PageUse = dict[tuple[str, str], Tally]


def check_glossary(memories: Iterable[CheckedMemory], glossary: Glossary) -> GlossaryCheck:
    return combine(check_pages(memories, glossary))


def check_pages(memories: Iterable[CheckedMemory], glossary: Glossary) -> list[PageUse]:
    """Each memory's use of the terms, in order (``combine`` adds them up)."""
    matcher = TermMatcher(glossary)
    found: dict[str, dict[str, list[TermMatch]]] = {}  # slug → segment id → matches
    out = []
    for memory in memories:
        if memory.slug not in found:  # once per interview, not per language
            found[memory.slug] = {s.id: matcher.find(s.text) for s in memory.segments}
        out.append(_check_page(memory, found[memory.slug]))
    return out


def combine(pages: Iterable[PageUse]) -> GlossaryCheck:
    """The pages' uses added up; terms in the order they were first met."""
    tallies: dict[tuple[str, str], Tally] = {}
    for page in pages:
        for key, use in page.items():
            tally = tallies.setdefault(key, Tally())
            tally.source += use.source
            tally.reviewed += use.reviewed
            tally.machine += use.machine
            tally.violations += use.violations
    return GlossaryCheck(
        tuple(
            TermUse(language, term, t.source, t.reviewed, t.machine, tuple(t.violations))
            for (language, term), t in tallies.items()
        )
    )


def _check_page(memory: CheckedMemory, matches: dict[str, list[TermMatch]]) -> PageUse:
    tallies: PageUse = {}
    entries = {e.msgctxt: e for e in memory.po if not e.obsolete} if memory.po else {}
    mentioned: set[str] = set()  # terms met on this page so far, in reading order
    for seg in memory.segments:
        entry = entries.get(seg.id)
        status = status_of(entry) if entry is not None else Status.MISSING
        for term in dict.fromkeys(m.term for m in matches[seg.id]):
            tally = tallies.setdefault((memory.language, term.id), Tally())
            tally.source += 1
            first = term.id not in mentioned
            mentioned.add(term.id)
            if entry is None or status is Status.MISSING:
                continue
            problems = violations((term,), memory.language, entry.msgstr)
            if first:
                problems += unexpanded(term, memory.language, entry.msgstr)
            reviewed = status is Status.REVIEWED
            if problems:
                tally.violations.append(
                    Violation(
                        memory.file,
                        memory.slug,
                        seg.id,
                        term.id,
                        memory.language,
                        reviewed,
                        tuple(problems),
                        entry.msgstr,
                    )
                )
            elif reviewed:
                tally.reviewed += 1
            else:
                tally.machine += 1
    return tallies
