"""The plan stages of a publish: from the documents and their memories to the
memories brought up to date, translated and checked, and the pages.

Each stage returns a value; nothing here writes a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.errors import UsageError, shown
from pipeline.glossary.check import CheckedMemory, PageUse, check_pages
from pipeline.glossary.enforce import TermPolicy
from pipeline.glossary.model import Glossary
from pipeline.glossary.names import fill_names, without_names
from pipeline.languages import CODES, TARGETS
from pipeline.memory.changes import DocumentMemory, MemoryChanges, record
from pipeline.memory.orphans import Memories
from pipeline.memory.store import MemoryKey, update_memory
from pipeline.mt.backend import Backend
from pipeline.mt.fill import MachineReport, fill_gaps
from pipeline.project import Project
from pipeline.source.document import Document, Segment

LANGUAGES = CODES  # the source, then the targets


@dataclass(frozen=True)
class Translated:
    memories: tuple[DocumentMemory, ...]  # every gap filled that could be
    machine: MachineReport


def update_memories(
    project: Project,
    documents: Sequence[Document],
    segments: dict[str, list[Segment]],
    memories: Memories,
) -> tuple[DocumentMemory, ...]:
    """Each document's memory in each target language, for its current segments."""
    out = []
    for doc in documents:
        for language in TARGETS:
            update = update_memory(
                segments[doc.slug],
                memories[MemoryKey(language, doc.slug)],
                _header(project, doc, language),
            )
            out.append(
                DocumentMemory(doc, language, segments[doc.slug], update.po, update.translations)
            )
    return tuple(out)


# Sentences translated between two saves of the memories: a job killed after
# hours loses at most this much work, and a large batch still fills every core.
# PIPELINE_CHECKPOINT_SENTENCES sets another size (smaller: less to lose on a
# flaky cluster; larger: fewer, bigger batches).
CHECKPOINT_SENTENCES = 2000
CHECKPOINT_VARIABLE = "PIPELINE_CHECKPOINT_SENTENCES"

Checkpoint = Callable[[Sequence[DocumentMemory]], None]


def checkpoint_sentences() -> int:
    """CHECKPOINT_SENTENCES, or the size PIPELINE_CHECKPOINT_SENTENCES asks for."""
    asked = os.environ.get(CHECKPOINT_VARIABLE, "").strip()
    if not asked:
        return CHECKPOINT_SENTENCES
    if not (asked.isascii() and asked.isdigit()) or int(asked) < 1:
        raise UsageError(f"{CHECKPOINT_VARIABLE}={shown(asked)}: not a whole number of sentences")
    return int(asked)


def translate_gaps(
    memories: tuple[DocumentMemory, ...],
    glossary: Glossary,
    engine: Callable[[], Backend],
    retranslate_machine: bool,
    checkpoint: Checkpoint | None = None,
) -> Translated:
    """Speakers' names spelled, every other gap machine-translated, a group of
    documents at a time; ``checkpoint`` gets each group's memories as soon as
    they are translated (publish saves them, so a killed job resumes there)."""
    work = list(memories)
    policy = TermPolicy(glossary) if glossary.terms else None
    names = fill_names(work, glossary)  # speakers' names: spelled, not machine-translated
    for m in work:
        record(m, names.get(m.key, MemoryChanges()))
    by_key = {m.key: m for m in work}
    backend = made_once(engine)
    reports = []
    for group in _by_documents(without_names(work), checkpoint_sentences()):
        machine = fill_gaps(group, backend, retranslate_machine, policy)
        changed = [by_key[key] for key in machine.changes]
        for m in changed:  # where the memories change
            record(m, machine.changes[m.key])
        reports.append(machine.report)
        if checkpoint is not None and any(c.machine for c in machine.changes.values()):
            checkpoint(changed)
    return Translated(tuple(work), merged(reports))


def merged(reports: Sequence[MachineReport]) -> MachineReport:
    """One report for several runs of the stage over parts of the memories."""
    out = MachineReport()
    for r in reports:
        for total, part in (
            (out.translated, r.translated),
            (out.outdated, r.outdated),
            (out.violations, r.violations),
            (out.flagged, r.flagged),
        ):
            for language, n in part.items():
                total[language] = total.get(language, 0) + n
        out.routes |= r.routes
        out.no_model = sorted({*out.no_model, *r.no_model})
        out.calls = max(out.calls, r.calls)  # the backend's count so far
    return out


def made_once(factory: Callable[[], Backend]) -> Callable[[], Backend]:
    """The backend is made on first need, once for all groups (models load once)."""
    made: list[Backend] = []

    def backend() -> Backend:
        if not made:
            made.append(factory())
        return made[0]

    return backend


def _by_documents(memories: list[DocumentMemory], sentences: int) -> list[list[DocumentMemory]]:
    """Whole documents (all their languages) in groups of about ``sentences``."""
    groups: list[list[DocumentMemory]] = [[]]
    size, last = 0, None
    for m in sorted(memories, key=lambda m: (m.document.slug, m.language)):
        if size >= sentences and m.document.slug != last:
            groups.append([])
            size = 0
        groups[-1].append(m)
        size += len(m.segments)
        last = m.document.slug
    return [g for g in groups if g]


def glossary_check(
    project: Project, memories: Sequence[DocumentMemory], glossary: Glossary
) -> dict[MemoryKey, PageUse]:
    """Checked on the memories about to be written: no second reading. Each
    memory's part (``combine`` adds them up, with settled interviews' parts)."""
    if not glossary.terms or not memories:
        return {}
    checked = (
        CheckedMemory(
            project.memory(m.language, m.document.slug),
            m.document.slug,
            m.language,
            m.segments,
            m.po,
        )
        for m in memories
    )
    return dict(zip((m.key for m in memories), check_pages(checked, glossary), strict=True))


def _header(project: Project, doc: Document, language: str) -> dict[str, str]:
    source = doc.source
    shown = source.relative_to(project.root) if source.is_relative_to(project.root) else source
    return {"Project-Id-Version": doc.slug, "Language": language, "X-Source": shown.as_posix()}
