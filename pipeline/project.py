"""A newsroom's project folder, and reading it: the transcripts and their memories.

Publishing and ``glossary check`` read the project the same way: every
transcript (all bad ones reported together), each page name used once, and
each document's translation memories.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import polib

from pipeline.errors import InputError, InputErrors, Location
from pipeline.languages import TARGETS
from pipeline.memory.orphans import Memories
from pipeline.memory.store import MemoryKey, load_memory
from pipeline.progress import Bars, counted, hidden
from pipeline.source.document import Document
from pipeline.source.files import list_transcripts, not_a_transcript
from pipeline.source.transcript import read_transcript


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def transcripts(self) -> Path:
        return self.root / "transcripts"

    @property
    def translations(self) -> Path:
        return self.root / "translations"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary.yaml"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def memory(self, language: str, slug: str) -> Path:
        return self.translations / language / f"{slug}.po"


@dataclass(frozen=True)
class Sources:
    """The transcripts read, in file-name order."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...]  # files in transcripts/ that are not transcripts


def read_documents(
    project: Project,
    bars: Bars = hidden,
    read: Callable[[Path], Document] = read_transcript,
    settled: Collection[Path] = (),
) -> Sources:
    """Every transcript but the ``settled`` ones (pipeline/settled.py: known
    unchanged); all the bad ones are reported together."""
    errors: list[InputError] = []
    documents: list[Document] = []
    paths, others = list_transcripts(project.transcripts)
    paths = [p for p in paths if p not in settled]
    with counted(bars, len(paths), "reading transcripts", "file") as bar:
        for path in paths:
            try:
                documents.append(read(path))
            except InputError as e:
                errors.append(e)
            bar.update()
    slugs: dict[str, Path] = {}
    for doc in documents:
        if doc.slug in slugs:
            errors.append(
                InputError(
                    f"page name '{doc.slug}' is also used by {slugs[doc.slug]}",
                    Location(doc.source),
                )
            )
        slugs[doc.slug] = doc.source
    if errors:
        raise InputErrors(errors)
    return Sources(tuple(documents), tuple(not_a_transcript(p) for p in others))


def read_memories(
    project: Project,
    documents: tuple[Document, ...],
    load: Callable[[Path, str], polib.POFile | None] = load_memory,
) -> Memories:
    """Each document's memory in each target language (``None``: none yet)."""
    errors: list[InputError] = []
    memories: Memories = {}
    for doc in documents:
        for language in TARGETS:
            key = MemoryKey(language, doc.slug)
            try:
                memories[key] = load(project.memory(language, doc.slug), language)
            except InputError as e:
                errors.append(e)
    if errors:
        raise InputErrors(errors)
    return memories
