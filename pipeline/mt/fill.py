"""The machine-translation stage: fill the memory's gaps with a backend.

All missing sentences of all documents for one language go to the backend in
one call per step, so it can batch them together; a publish with nothing
missing makes no call and does not even make the backend. The stage returns
what to change in each memory (``Fill``); ``record`` is where a memory's PO
file is changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, TypeVar

import polib

from pipeline.languages import SOURCE
from pipeline.memory.changes import GLOSSARY, DocumentMemory, MachineEntry, MemoryChanges
from pipeline.memory.notes import note
from pipeline.memory.store import (
    MemoryKey,
    SegmentTranslation,
    Status,
    engine_of,
    status_of,
)
from pipeline.mt.backend import Backend
from pipeline.mt.translate import Hooks, Outcome, translate
from pipeline.source.document import Segment

F = TypeVar("F")  # what a policy found in one sentence: its glossary terms


class Policy(Protocol[F]):
    """The glossary as this stage sees it (pipeline/glossary/enforce.py's TermPolicy)."""

    def occurrences(self, sentences: list[str]) -> list[F]:
        """What is found in each sentence of one page, in order."""
        ...

    def versions(self, found: F) -> dict[str, str]:
        """The glossary entries a sentence uses → their versions: recorded with
        its translation, so that an edited entry is seen."""
        ...

    def edited(self, recorded: dict[str, str], found: F, language: str) -> list[str]:
        """The entries found whose ``recorded`` versions a translation into
        ``language`` no longer follows (edited since; a language added is no edit)."""
        ...

    def hooks(self, found: Sequence[F]) -> Hooks[Any]:
        """The hooks that enforce the glossary on a batch of these sentences."""
        ...


@dataclass
class MachineReport:
    translated: dict[str, int] = field(default_factory=dict)  # language → sentences
    routes: dict[str, str] = field(default_factory=dict)  # language → route label
    no_model: list[str] = field(default_factory=list)  # languages with gaps, no model
    # language → machine entries made by other models than the installed ones
    outdated: dict[str, int] = field(default_factory=dict)
    # language → machine sentences the glossary could not be enforced in (flagged)
    violations: dict[str, int] = field(default_factory=dict)
    # language → reviewed sentences sent back to review after a glossary edit
    flagged: dict[str, int] = field(default_factory=dict)
    calls: int = 0


@dataclass(frozen=True)
class Fill:
    report: MachineReport
    changes: dict[MemoryKey, MemoryChanges]


_NONE = SegmentTranslation(None, Status.MISSING)


@dataclass(frozen=True)
class _Page(Generic[F]):
    """A memory with its live entries and what the policy found in each segment."""

    memory: DocumentMemory
    entries: dict[str, polib.POEntry]
    found: dict[str, F]
    notes: dict[str, str]  # segment id → its glossary note now: the entries' versions

    def status(self, segment_id: str) -> Status:
        return self.memory.translations.get(segment_id, _NONE).status


def fill_gaps(
    memories: Sequence[DocumentMemory],
    backend_factory: Callable[[], Backend],
    retranslate_machine: bool = False,
    policy: Policy[F] | None = None,
) -> Fill:
    """The machine translations the memories lack; they are not changed."""
    report = MachineReport()
    changes: dict[MemoryKey, MemoryChanges] = {}
    backend: Backend | None = None
    pages = [_page(m, policy) for m in memories]
    for language in sorted({p.memory.language for p in pages}):
        mine = [p for p in pages if p.memory.language == language]
        if policy is not None:
            reviewed = {p.memory.key: _reviewed(p, policy) for p in mine}
            changes |= reviewed
            if flagged := sum(len(c.flagged) for c in reviewed.values()):
                report.flagged[language] = flagged
        todo = [
            (p, s)
            for p in mine
            for s in p.memory.segments
            if _wanted(p, s, retranslate_machine, policy)
        ]
        machine = [
            e for p in mine for e in p.entries.values() if p.status(e.msgctxt) is Status.MACHINE
        ]
        if not todo and not machine:
            continue
        backend = backend or backend_factory()
        route = backend.route(SOURCE, language)
        if route is None:
            if todo:
                report.no_model.append(language)
            continue
        report.routes[language] = route.label
        outdated = sum(1 for e in machine if engine_of(e) != route.label)
        if outdated and not retranslate_machine:
            report.outdated[language] = outdated
        if not todo:
            continue
        hooks = policy.hooks([p.found[s.id] for p, s in todo]) if policy is not None else None
        outcomes: list[Outcome[Any]] = translate(backend, route, [s.text for _, s in todo], hooks)
        made: dict[MemoryKey, dict[str, MachineEntry]] = {}
        for (page, seg), outcome in zip(todo, outcomes, strict=True):
            review = "glossary: " + ", ".join(outcome.violations) if outcome.violations else None
            notes = {GLOSSARY: page.notes[seg.id] or None, "review": review}
            made.setdefault(page.memory.key, {})[seg.id] = MachineEntry(
                outcome.text, route.label, notes
            )
        for key, entries in made.items():
            changes[key] = replace(changes.get(key, MemoryChanges()), machine=entries)
        report.translated[language] = len(todo)
        report.violations[language] = sum(1 for o in outcomes if o.violations)
    report.calls = backend.calls if backend is not None else 0
    return Fill(report, changes)


def _page(memory: DocumentMemory, policy: Policy[F] | None) -> _Page[F]:
    found: dict[str, F] = {}
    notes = {s.id: "" for s in memory.segments}
    if policy is not None:
        in_order = policy.occurrences([s.text for s in memory.segments])
        found = {s.id: f for s, f in zip(memory.segments, in_order, strict=True)}
        notes = {s: _fingerprints(policy.versions(f)) for s, f in found.items()}
    entries = {e.msgctxt: e for e in memory.po if not e.obsolete}
    return _Page(memory, entries, found, notes)


def _fingerprints(versions: Mapping[str, str]) -> str:
    """Which version of each glossary entry a translation was made under."""
    return " ".join(sorted(f"{term}@{version}" for term, version in versions.items()))


def term_versions(fingerprints: str | None) -> dict[str, str]:
    """Term id → fingerprint, from a ``#. glossary:`` note. A word that is not
    ``id@fingerprint`` (a hand edit) names no version: it is left out."""
    pairs = (word.partition("@") for word in (fingerprints or "").split())
    return {term: version for term, at, version in pairs if at and term and version}


def _wanted(
    page: _Page[F], seg: Segment, retranslate_machine: bool, policy: Policy[F] | None
) -> bool:
    status = page.status(seg.id)
    if status is Status.MISSING:
        return True
    if status is not Status.MACHINE:
        return False
    if retranslate_machine:
        return True
    # A glossary entry the sentence uses was edited since it was translated.
    recorded = term_versions(note(page.entries[seg.id], GLOSSARY))
    if recorded.keys() != term_versions(page.notes[seg.id]).keys():
        return True
    language = page.memory.language
    return policy is not None and bool(policy.edited(recorded, page.found[seg.id], language))


def _reviewed(page: _Page[F], policy: Policy[F]) -> MemoryChanges:
    """Reviewed sentences whose glossary entries changed go back to review
    (their translations are kept); every reviewed entry's glossary note is
    brought up to date."""
    flagged: dict[str, str] = {}
    notes: dict[str, str | None] = {}
    for segment_id, entry in page.entries.items():
        if page.status(segment_id) not in (Status.REVIEWED, Status.STALE):
            continue
        current = page.notes.get(segment_id, "")
        before = term_versions(note(entry, GLOSSARY))
        # Only an entry still in the glossary but edited; a term added to or
        # removed from the glossary leaves the translator's text as valid as it was.
        found = page.found.get(segment_id)
        changed = policy.edited(before, found, page.memory.language) if found is not None else []
        if changed and status_of(entry) is Status.REVIEWED:
            flagged[segment_id] = f"glossary entry changed: {', '.join(changed)}"
        notes[segment_id] = current or None
    return MemoryChanges(flagged=flagged, glossary=notes)
