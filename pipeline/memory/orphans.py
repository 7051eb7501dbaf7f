"""Translation files that no transcript uses: a transcript renamed (or given
another slug) leaves its PO files under the old name. Such a file is carried
over to the new document when it holds the same sentences, or reported; it is
never deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.errors import InputError, InputErrors
from pipeline.languages import TARGETS
from pipeline.memory.store import MemoryKey, Status, load_memory, status_of
from pipeline.source.document import Document
from pipeline.source.segments import segment

Memories = dict[MemoryKey, polib.POFile | None]


@dataclass(frozen=True)
class Orphan:
    """A PO file whose document is gone."""

    path: Path
    reviewed: int  # reviewed translations it holds
    carried_to: Path | None = None  # its memory now serves this file's document
    matched: tuple[int, int] = (0, 0)  # (sentences it has, of the document's)
    kept_in: Path | None = None  # every reviewed translation of it is already there


@dataclass(frozen=True)
class CarriedOver:
    memories: Memories  # every document's memory, some now an orphan's
    orphans: tuple[Orphan, ...]  # every orphaned file, carried over or not, by path


def carry_over(folder: Path, documents: list[Document], memories: Memories) -> CarriedOver:
    """Give each document without a translator's work the orphaned PO file that
    has most of its sentences (and most of whose sentences it has); report
    every orphaned file. ``memories`` is not modified."""
    memories = dict(memories)
    slugs = {doc.slug for doc in documents}
    orphans: list[Orphan] = []
    errors: list[InputError] = []
    for language in TARGETS:
        found: dict[Path, polib.POFile] = {}
        for path in sorted((folder / language).glob("*.po")):
            if path.stem not in slugs:
                try:
                    found[path] = load_memory(path, language) or polib.POFile()
                except InputError as e:
                    errors.append(e)
        live = {path: {e.msgid for e in po if not e.obsolete} for path, po in found.items()}
        holders: dict[str, list[Path]] = {}  # sentence → the orphans that have it
        for path, sentences in live.items():
            for sentence in sentences:
                holders.setdefault(sentence, []).append(path)
        for doc in documents:
            if _translator_work(memories[MemoryKey(language, doc.slug)]):
                continue
            texts = {s.text for s in segment(doc)}
            shared = Counter(p for t in texts for p in holders.get(t, ()) if p in found)
            if not shared:
                continue
            best = min(shared, key=lambda path: (-shared[path], path))
            if 2 * shared[best] >= len(texts) and 2 * shared[best] >= len(live[best]):
                po = found.pop(best)
                memories[MemoryKey(language, doc.slug)] = po
                target = folder / language / f"{doc.slug}.po"
                orphans.append(Orphan(best, _reviewed(po), target, (shared[best], len(texts))))
        for path, po in found.items():
            kept_in = _kept_in(po, language, memories, folder)
            orphans.append(Orphan(path, _reviewed(po), kept_in=kept_in))
    if errors:
        raise InputErrors(errors)
    return CarriedOver(memories, tuple(sorted(orphans, key=lambda o: o.path)))


def _translator_work(po: polib.POFile | None) -> bool:
    """Whether a memory holds anything a translator did (reviewed text, live or
    obsolete): such a memory is the document's own and is never replaced."""
    return po is not None and any(status_of(e) in (Status.REVIEWED, Status.STALE) for e in po)


def _reviewed(po: polib.POFile) -> int:
    return sum(1 for e in po if status_of(e) is Status.REVIEWED)


def _kept_in(orphan: polib.POFile, language: str, memories: Memories, folder: Path) -> Path | None:
    """The current memory that holds every reviewed translation of ``orphan``."""
    wanted = _pairs(e for e in orphan if status_of(e) is Status.REVIEWED)
    if not wanted:
        return None
    for key, po in sorted(memories.items()):
        if key.language == language and po is not None and wanted <= _pairs(po):
            return folder / language / f"{key.slug}.po"
    return None


def _pairs(entries: Iterable[polib.POEntry]) -> set[tuple[str, str]]:
    return {(e.msgid, e.msgstr) for e in entries}
