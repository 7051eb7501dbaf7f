"""The machine-translation stage: fill the memory's gaps with installed models.

All missing sentences of all documents for one language go to the engine in
one call, so CTranslate2 batches them together; a publish with nothing
missing makes no call and does not even load Argos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polib

from pipeline.glossary.enforce import Occurrence, Outcome, TermPolicy, translate_with_terms
from pipeline.glossary.model import Term
from pipeline.languages import SOURCE
from pipeline.memory.notes import note, set_note
from pipeline.memory.store import (
    SegmentTranslation,
    Status,
    engine_of,
    flag_for_review,
    record_machine,
    status_of,
)
from pipeline.mt.local import Engine
from pipeline.source.document import Document, Segment


@dataclass
class DocumentMemory:
    """One document's memory for one language, as the publish plan holds it."""

    document: Document
    language: str
    segments: list[Segment]
    po: polib.POFile
    translations: dict[str, SegmentTranslation]


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


def fill_gaps(
    memories: list[DocumentMemory],
    engine_factory: Callable[[], Engine],
    retranslate_machine: bool = False,
    policy: TermPolicy | None = None,
) -> MachineReport:
    report = MachineReport()
    engine: Engine | None = None
    terms = _occurrences(memories, policy)
    for language in sorted({m.language for m in memories}):
        mine = [m for m in memories if m.language == language]
        if policy is not None:
            flagged = _flag_reviewed(mine, terms)
            if flagged:
                report.flagged[language] = flagged
        todo = [
            (m, seg)
            for m in mine
            for seg in m.segments
            if _wanted(m, seg, terms[id(m)][seg.id], retranslate_machine)
        ]
        machine = [
            e
            for m in mine
            for e in m.po
            if not e.obsolete and m.translations.get(e.msgctxt, _NONE).status is Status.MACHINE
        ]
        if not todo and not machine:
            continue
        engine = engine or engine_factory()
        route = engine.route(SOURCE, language)
        if route is None:
            if todo:
                report.no_model.append(language)
            continue
        report.routes[language] = route.label
        if not retranslate_machine:
            outdated = sum(1 for e in machine if engine_of(e) != route.label)
            if outdated:
                report.outdated[language] = outdated
        if not todo:
            continue
        sentences = [seg.text for _, seg in todo]
        if policy is not None:
            occurrences = [terms[id(m)][seg.id] for m, seg in todo]
            outcomes = translate_with_terms(engine, route, sentences, occurrences, language, policy)
        else:
            outcomes = [Outcome(t, (), ()) for t in engine.translate(route, sentences)]
        for memory in {id(m): m for m, _ in todo}.values():
            mine_todo = [
                (seg, o) for (m, seg), o in zip(todo, outcomes, strict=True) if m is memory
            ]
            notes = {
                seg.id: {
                    GLOSSARY: _fingerprints(o.terms) or None,
                    "review": "glossary: " + ", ".join(o.violations) if o.violations else None,
                }
                for seg, o in mine_todo
            }
            record_machine(memory.po, {seg.id: o.text for seg, o in mine_todo}, route.label, notes)
            for seg, o in mine_todo:
                memory.translations[seg.id] = SegmentTranslation(o.text, Status.MACHINE)
        report.translated[language] = len(todo)
        report.violations[language] = sum(1 for o in outcomes if o.violations)
    report.calls = engine.calls if engine is not None else 0
    return report


GLOSSARY = "glossary"
_NONE = SegmentTranslation(None, Status.MISSING)


def _occurrences(
    memories: list[DocumentMemory], policy: TermPolicy | None
) -> dict[int, dict[str, list[Occurrence]]]:
    out: dict[int, dict[str, list[Occurrence]]] = {}
    for m in memories:
        found = (
            policy.occurrences([s.text for s in m.segments])
            if policy is not None
            else [[] for _ in m.segments]
        )
        out[id(m)] = {s.id: occ for s, occ in zip(m.segments, found, strict=True)}
    return out


def _fingerprints(terms: tuple[Term, ...] | list[Term]) -> str:
    """Which version of each glossary entry a translation was made under."""
    return " ".join(sorted({f"{t.id}@{t.fingerprint()}" for t in terms}))


def term_versions(fingerprints: str | None) -> dict[str, str]:
    """Term id → fingerprint, from a ``#. glossary:`` note. A word that is not
    ``id@fingerprint`` (a hand edit) names no version: it is left out."""
    pairs = (word.partition("@") for word in (fingerprints or "").split())
    return {term: version for term, at, version in pairs if at and term and version}


def _edited(recorded: dict[str, str], terms: list[Term], language: str) -> list[str]:
    """The entries a translation into ``language`` uses that were edited since
    their ``recorded`` versions (term id → fingerprint)."""
    now = {t.id: t for t in terms}
    return sorted(i for i, v in recorded.items() if i in now and not now[i].holds(v, language))


def _wanted(
    memory: DocumentMemory, seg: Segment, occurrences: list[Occurrence], retranslate_machine: bool
) -> bool:
    status = memory.translations[seg.id].status
    if status is Status.MISSING:
        return True
    if status is not Status.MACHINE:
        return False
    if retranslate_machine:
        return True
    # A glossary entry the sentence uses was edited since it was translated.
    entry = next(e for e in memory.po if e.msgctxt == seg.id and not e.obsolete)
    recorded = term_versions(note(entry, GLOSSARY))
    terms = [o.term for o in occurrences]
    return recorded.keys() != {t.id for t in terms} or bool(
        _edited(recorded, terms, memory.language)
    )


def _flag_reviewed(
    memories: list[DocumentMemory], terms: dict[int, dict[str, list[Occurrence]]]
) -> int:
    """Reviewed sentences whose glossary entries changed go back to review;
    their translations are kept. Returns how many were flagged."""
    flagged = 0
    for m in memories:
        for entry in m.po:
            if entry.obsolete or m.translations.get(entry.msgctxt, _NONE).status not in (
                Status.REVIEWED,
                Status.STALE,
            ):
                continue
            occurring = terms[id(m)].get(entry.msgctxt, [])
            current = _fingerprints([o.term for o in occurring])
            before = term_versions(note(entry, GLOSSARY))
            # Only an entry still in the glossary but edited; a term added to or
            # removed from the glossary leaves the translator's text as valid as it was.
            changed = _edited(before, [o.term for o in occurring], m.language)
            if changed and status_of(entry) is Status.REVIEWED:
                flag_for_review(entry, f"glossary entry changed: {', '.join(changed)}")
                m.translations[entry.msgctxt] = SegmentTranslation(entry.msgstr, Status.STALE)
                flagged += 1
            set_note(entry, GLOSSARY, current or None)
    return flagged
