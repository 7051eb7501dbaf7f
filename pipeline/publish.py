"""The publish build: read → plan → write → build.

Each stage is a function that returns a value: the transcripts read
(``Sources``), their memories (``Memories``, keyed by ``MemoryKey``), the
memories carried over from renamed transcripts (``CarriedOver``), brought up
to date (``DocumentMemory``), translated (``Translated``), checked against the
glossary (``GlossaryCheck``), the pages (``Page``) and the files to write
(``Outputs``). The ``Report`` is assembled from those values in one place.
Everything is read and checked before anything is written, so a bad input
stops the run with the files on disk as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pipeline import cache, cache_glossary, settled
from pipeline.archive import Archive, read_archive
from pipeline.errors import InputError, Location, MissingTranslations, OutOfDate
from pipeline.fileio import write_if_changed
from pipeline.glossary.check import GlossaryCheck, combine
from pipeline.memory.changes import DocumentMemory
from pipeline.memory.orphans import CarriedOver, Orphan, carry_over
from pipeline.memory.store import MemoryKey, Status
from pipeline.mt.backend import Backend
from pipeline.mt.fill import MachineReport
from pipeline.mt.local import LocalBackend
from pipeline.plan import (
    LANGUAGES,
    glossary_check,
    made_once,
    merged,
    translate_gaps,
    update_memories,
)
from pipeline.progress import Bars, counted, hidden, timed
from pipeline.project import Project, Sources, read_memories
from pipeline.rendering import Rendered, cached_interview, render_pages
from pipeline.settled import StatusCounts
from pipeline.site.build import build_site
from pipeline.site.languages import check_site_languages
from pipeline.site.news import require_dates, stale_news_files, undated_warnings
from pipeline.source.files import TRANSCRIPT_SUFFIXES

__all__ = ["Project", "Report", "publish"]


@dataclass(frozen=True)
class Report:
    """What a publish did, for the summary."""

    documents: int
    warnings: tuple[str, ...]  # one line each
    orphans: tuple[Orphan, ...]  # PO files no transcript uses
    statuses: dict[MemoryKey, StatusCounts]
    machine: MachineReport
    glossary: GlossaryCheck | None  # None: the glossary has no terms
    written: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    @property
    def glossary_violations(self) -> int:
        return self.glossary.count if self.glossary is not None else 0

    def count(self, status: Status) -> dict[MemoryKey, int]:
        return {k: v[status] for k, v in self.statuses.items() if v.get(status)}


@dataclass(frozen=True)
class Outputs:
    files: dict[Path, bytes]  # every generated file: memories and pages
    stale: tuple[Path, ...]  # generated pages whose transcript is gone


@dataclass(frozen=True)
class Written:
    written: tuple[Path, ...]  # files whose bytes changed
    removed: tuple[Path, ...]


def publish(
    project: Project,
    strict: bool = False,
    check: bool = False,
    site: bool = True,
    retranslate_machine: bool = False,
    engine: Callable[[], Backend] = LocalBackend,
    log: Callable[[str], None] = lambda _: None,
    progress: Bars = hidden,
) -> Report:
    """Run the build; ``engine`` makes the translation backend, when one is needed.
    What does not change between runs is found again in the cache (pipeline/cache.py)."""
    with cache.session(project.root, save=not check):
        return _publish(project, strict, check, site, retranslate_machine, engine, log, progress)


def _publish(
    project: Project,
    strict: bool,
    check: bool,
    site: bool,
    retranslate_machine: bool,
    engine: Callable[[], Backend],
    log: Callable[[str], None],
    progress: Bars,
) -> Report:
    # Read: what changed since the last publish (settled interviews are not read).
    backend = made_once(engine)
    reading = read_archive(project, backend, retranslate_machine, progress)
    sources, records = reading.sources, reading.records
    if not sources.documents and not records:
        kinds = ", ".join(f"*{s}" for s in sorted(TRANSCRIPT_SUFFIXES))
        raise InputError(f"no transcripts ({kinds}) to publish", Location(project.transcripts))
    memories = read_memories(project, sources.documents, cache.load_memory)
    glossary = cache_glossary.load_glossary(project.glossary)
    check_site_languages(project.mkdocs_yml)
    for warning in glossary.warnings:
        log(warning)
    # Plan. Settled interviews are there only when no PO file lacks its transcript.
    carried = (
        CarriedOver(memories, ())
        if records
        else carry_over(project.translations, list(sources.documents), memories)
    )
    segments = {doc.slug: cache.segment(doc) for doc in sources.documents}
    updated = update_memories(project, sources.documents, segments, carried.memories)
    saved: list[Path] = []  # memories saved as soon as translated: a killed job resumes

    def save(memories: Sequence[DocumentMemory]) -> None:
        for m in memories:
            path = project.memory(m.language, m.document.slug)
            if write_if_changed(path, cache.serialize(m.po, path)):
                saved.append(path)

    translated = translate_gaps(
        updated, glossary, backend, retranslate_machine, None if check else save
    )
    uses = glossary_check(project, translated.memories, glossary)
    archive = Archive.of(sources.documents, translated.memories, uses, records)
    checked = combine(archive.uses()) if glossary.terms else None
    render = partial(cached_interview, docs=project.docs)
    glossary_page = partial(cache_glossary.render_glossary, docs=project.docs)
    rendered = render_pages(
        project,
        sources.documents,
        segments,
        translated.memories,
        glossary,
        render,
        glossary_page,
        archive.settled,
    )
    outputs = plan_outputs(project, translated.memories, rendered, archive.generated)
    machine = merged([translated.machine, reading.machine])
    report = _report(project, sources, carried.orphans, archive, machine, checked, rendered)
    missing = report.count(Status.MISSING)
    if strict and missing:
        raise MissingTranslations(_missing_message(missing))
    if strict and rendered.undated:
        require_dates(list(rendered.undated))
    if check:
        changed = [p for p, c in outputs.files.items() if not p.exists() or p.read_bytes() != c]
        if changed or outputs.stale:
            names = ", ".join(str(p.relative_to(project.root)) for p in [*changed, *outputs.stale])
            raise OutOfDate(f"generated files are out of date: {names}; run 'make publish'")
        return report
    # Write, then build.
    written = write_outputs(outputs, progress, saved)
    report = _report(
        project, sources, carried.orphans, archive, machine, checked, rendered, written
    )
    if (session := cache.current()) is not None:
        listed = (rendered.previews, rendered.titles, rendered.mentions)
        context, made = reading.context, outputs.files
        settled.remember(session, project, context, translated.memories, uses, listed, made)
    # The build reads what was written: the documents, memories and pages go
    # first (hundreds of megabytes at a thousand interviews) for MkDocs to use.
    del sources, memories, carried, segments, updated, translated, checked, rendered, outputs
    del reading, records, archive, uses
    if site:
        log("building the site")
        with timed(progress, "building the site"):
            build_site(project.mkdocs_yml)
    return report


def plan_outputs(
    project: Project,
    memories: Sequence[DocumentMemory],
    rendered: Rendered,
    kept: Collection[Path] = frozenset(),
) -> Outputs:
    """The files to write; ``kept``: settled interviews' files, left as they are."""
    files = {
        (path := project.memory(m.language, m.document.slug)): cache.serialize(m.po, path)
        for m in memories
    }
    files |= rendered.files
    files |= {project.docs / page.path: page.markdown.encode("utf-8") for page in rendered.pages}
    stale = [*_stale_pages(project, files), *stale_news_files(project.docs, files)]
    return Outputs(files, tuple(p for p in stale if p not in kept))


def write_outputs(outputs: Outputs, progress: Bars = hidden, saved: Sequence[Path] = ()) -> Written:
    """Each file whose bytes changed, atomically; stale pages removed. ``saved``:
    files already written during the run (memories saved by the translate stage)."""
    written = list(saved)
    with counted(progress, len(outputs.files), "writing", "file") as bar:
        for path, content in outputs.files.items():
            if write_if_changed(path, content) and path not in saved:
                written.append(path)
            bar.update()
    for path in outputs.stale:
        path.unlink()
    return Written(tuple(written), outputs.stale)


def _report(
    project: Project,
    sources: Sources,
    orphans: tuple[Orphan, ...],
    archive: Archive,
    machine: MachineReport,
    checked: GlossaryCheck | None,
    rendered: Rendered,
    written: Written | None = None,
) -> Report:
    undated = undated_warnings(project.root, list(rendered.undated))
    return Report(
        documents=archive.documents,
        warnings=(*sources.warnings, *undated),
        orphans=orphans,
        statuses=archive.statuses(),
        machine=machine,
        glossary=checked,
        written=written.written if written is not None else (),
        removed=written.removed if written is not None else (),
    )


def _stale_pages(project: Project, outputs: dict[Path, bytes]) -> tuple[Path, ...]:
    """Generated pages whose transcript is gone: the language folders are ours."""
    stale: list[Path] = []
    for language in LANGUAGES:
        folder = project.docs / language
        if folder.is_dir():
            stale += [p for p in sorted(folder.rglob("*.md")) if p not in outputs]
    return tuple(stale)


def _missing_message(missing: dict[MemoryKey, int]) -> str:
    parts = [f"{key.language}/{key.slug}: {n}" for key, n in sorted(missing.items())]
    return (
        "untranslated segments (" + ", ".join(parts) + "): add their translations to"
        " the PO files under translations/ or install a translation model"
    )
