"""What changes in one memory: its document and PO file as a publish holds them
(``DocumentMemory``), the changes a stage decides (``MemoryChanges``: new machine
translations, reviewed ones sent back to review, glossary notes), and ``record``,
the one place where they are made to the PO file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polib

from pipeline.memory.notes import set_note
from pipeline.memory.store import (
    MemoryKey,
    SegmentTranslation,
    Status,
    flag_for_review,
    record_machine,
)
from pipeline.source.document import Document, Segment

GLOSSARY = "glossary"  # the note naming the glossary entries' versions a translation follows


@dataclass
class DocumentMemory:
    """One document's memory for one language, as the publish plan holds it."""

    document: Document
    language: str
    segments: list[Segment]
    po: polib.POFile
    translations: dict[str, SegmentTranslation]

    @property
    def key(self) -> MemoryKey:
        return MemoryKey(self.language, self.document.slug)


@dataclass(frozen=True)
class MachineEntry:
    """A new machine translation: a fuzzy entry naming what made it."""

    text: str
    engine: str  # a route's label, or the rule a name was spelled by
    notes: Mapping[str, str | None] = field(default_factory=dict)  # `#. key: value` lines


@dataclass(frozen=True)
class MemoryChanges:
    """What to change in one memory, by segment id."""

    machine: Mapping[str, MachineEntry] = field(default_factory=dict)
    flagged: Mapping[str, str] = field(default_factory=dict)  # reviewed → why to review it again
    glossary: Mapping[str, str | None] = field(default_factory=dict)  # reviewed → its note now


def record(memory: DocumentMemory, changes: MemoryChanges) -> None:
    """Write ``changes`` into the memory's PO file and its translations."""
    entries = {e.msgctxt: e for e in memory.po if not e.obsolete}
    for segment_id, reason in changes.flagged.items():
        flag_for_review(entries[segment_id], reason)
        memory.translations[segment_id] = SegmentTranslation(
            entries[segment_id].msgstr, Status.STALE
        )
    for segment_id, value in changes.glossary.items():
        set_note(entries[segment_id], GLOSSARY, value)
    for engine in dict.fromkeys(m.engine for m in changes.machine.values()):
        made = {k: m for k, m in changes.machine.items() if m.engine == engine}
        notes = {k: dict(m.notes) for k, m in made.items()}
        record_machine(memory.po, {k: m.text for k, m in made.items()}, engine, notes)
    for segment_id, made_entry in changes.machine.items():
        memory.translations[segment_id] = SegmentTranslation(made_entry.text, Status.MACHINE)
