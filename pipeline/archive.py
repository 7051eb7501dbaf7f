"""The interviews of one publish: those read now and the settled ones
(pipeline/settled.py), in the transcripts' order, which the summary and the
glossary check follow."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import cache, settled
from pipeline.glossary.check import PageUse
from pipeline.languages import TARGETS
from pipeline.memory.changes import DocumentMemory
from pipeline.memory.store import MemoryKey
from pipeline.mt.backend import Backend
from pipeline.mt.fill import MachineReport
from pipeline.progress import Bars
from pipeline.project import Project, Sources, read_documents
from pipeline.settled import Settled, StatusCounts, statuses
from pipeline.source.document import Document


@dataclass(frozen=True)
class Reading:
    """The transcripts read now, the settled ones' records and what they share."""

    sources: Sources  # the transcripts read
    records: dict[Path, Settled]  # the settled transcripts: not read
    machine: MachineReport  # what the summary says of the settled ones
    context: str  # settled.context: what every interview is made with


def read_archive(
    project: Project, backend: Callable[[], Backend], retranslate_machine: bool, bars: Bars
) -> Reading:
    """Every transcript the last publish did not leave as it is now, read."""
    session = cache.current()
    context = settled.context(project)
    records, kept = settled.still_there(project, session, context, backend, retranslate_machine)
    sources = read_documents(project, bars, cache.read_transcript, records)
    if records and not alone(project, [d.slug for d in sources.documents], records.values()):
        records, kept = {}, MachineReport()  # a renamed transcript, a name taken: all read
        sources = read_documents(project, bars, cache.read_transcript)
    return Reading(sources, records, kept, context)


def alone(project: Project, slugs: Sequence[str], records: Iterable[Settled]) -> bool:
    """Whether the interviews read (``slugs``) take no settled one's page name
    and every PO file has its transcript (a renamed one's may be carried over):
    otherwise a publish reads every transcript, as without records."""
    taken = {r.slug for r in records}
    if taken.intersection(slugs):
        return False
    known = taken.union(slugs)
    folders = (project.translations / language for language in TARGETS)
    return all(p.stem in known for folder in folders for p in folder.glob("*.po"))


@dataclass(frozen=True)
class Archive:
    """Every interview of a publish, read now or settled."""

    order: tuple[tuple[Path, str], ...]  # every transcript, and its page name
    memories: dict[MemoryKey, DocumentMemory]  # of the interviews read
    checked: dict[MemoryKey, PageUse]  # their use of the glossary
    records: dict[Path, Settled]

    @classmethod
    def of(
        cls,
        documents: Sequence[Document],
        memories: Sequence[DocumentMemory],
        uses: dict[MemoryKey, PageUse],
        records: dict[Path, Settled],
    ) -> Archive:
        read = [(doc.source, doc.slug) for doc in documents]
        order = sorted([*read, *((path, r.slug) for path, r in records.items())])
        return cls(tuple(order), {m.key: m for m in memories}, uses, records)

    @property
    def documents(self) -> int:
        return len(self.order)

    @property
    def settled(self) -> list[Settled]:
        return [self.records[path] for path, _ in self.order if path in self.records]

    @property
    def generated(self) -> set[Path]:
        return {path for r in self.records.values() for path in r.generated}

    def statuses(self) -> dict[MemoryKey, StatusCounts]:
        out: dict[MemoryKey, StatusCounts] = {}
        for path, slug in self.order:
            if path in self.records:
                out |= self.records[path].statuses
            else:
                keys = (MemoryKey(language, slug) for language in TARGETS)
                out |= {k: statuses(self.memories[k]) for k in keys if k in self.memories}
        return out

    def uses(self) -> list[PageUse]:
        out: list[PageUse] = []
        for path, slug in self.order:
            if path in self.records:
                out += self.records[path].check
            else:
                keys = (MemoryKey(language, slug) for language in TARGETS)
                out += [self.checked[k] for k in keys if k in self.checked]
        return out
