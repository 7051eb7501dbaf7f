"""The publish build: transcripts → documents → segments → translations → pages → site.

Everything is read and checked before anything is written, so a bad input
stops the run with the files on disk as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline import cache
from pipeline.errors import InputError, InputErrors, Location, MissingTranslations, OutOfDate
from pipeline.fileio import write_if_changed
from pipeline.glossary.commands import check_memories
from pipeline.glossary.enforce import TermPolicy
from pipeline.glossary.load import load_glossary
from pipeline.glossary.model import Glossary
from pipeline.languages import SOURCE, TARGETS
from pipeline.memory.names import fill_names, merge, without_names
from pipeline.memory.orphans import Orphan, carry_over
from pipeline.memory.store import Status, update_memory
from pipeline.mt.fill import DocumentMemory, MachineReport, fill_gaps
from pipeline.mt.local import Engine
from pipeline.site.build import build_site
from pipeline.site.glossary_pages import glossary_path, render_glossary
from pipeline.site.pages import Page, page_title, render_index
from pipeline.source.document import Document
from pipeline.source.files import TRANSCRIPT_SUFFIXES, list_transcripts, not_a_transcript

LANGUAGES = (SOURCE, *TARGETS)


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def transcripts(self) -> Path:
        return self.root / "transcripts"

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
        return self.root / "translations" / language / f"{slug}.po"


@dataclass
class Report:
    documents: int = 0
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    # (language, slug) → number of segments in each status
    statuses: dict[tuple[str, str], dict[Status, int]] = field(default_factory=dict)
    machine: MachineReport = field(default_factory=MachineReport)
    glossary_violations: int = 0
    warnings: list[str] = field(default_factory=list)  # one line each, for the summary
    orphans: list[Orphan] = field(default_factory=list)  # PO files no transcript uses

    def count(self, status: Status) -> dict[tuple[str, str], int]:
        return {k: v[status] for k, v in self.statuses.items() if v.get(status)}


@dataclass(frozen=True)
class _Plan:
    memories: dict[Path, bytes]
    pages: list[Page]


@dataclass(frozen=True)
class _Options:
    engine: Callable[[], Engine]
    retranslate_machine: bool
    policy: TermPolicy | None
    glossary: Glossary


def publish(
    project: Project,
    strict: bool = False,
    check: bool = False,
    site: bool = True,
    retranslate_machine: bool = False,
    engine: Callable[[], Engine] = Engine,
    log: Callable[[str], None] = lambda _: None,
) -> Report:
    """Run the build; ``engine`` makes the translation engine, when one is needed."""
    with cache.session(project.root, save=not check):
        return _publish(project, strict, check, site, retranslate_machine, engine, log)


def _publish(
    project: Project,
    strict: bool,
    check: bool,
    site: bool,
    retranslate_machine: bool,
    engine: Callable[[], Engine],
    log: Callable[[str], None],
) -> Report:
    report = Report()
    documents = _read_documents(project, report)
    memories = _read_memories(project, documents)
    glossary = load_glossary(project.glossary)
    for warning in glossary.warnings:
        log(warning)
    report.documents = len(documents)
    report.orphans = carry_over(project.root / "translations", documents, memories)
    plan = _plan(
        project,
        documents,
        memories,
        _Options(
            engine, retranslate_machine, TermPolicy(glossary) if glossary.terms else None, glossary
        ),
        report,
    )
    missing = report.count(Status.MISSING)
    if strict and missing:
        raise MissingTranslations(_missing_message(project, missing))
    outputs = dict(plan.memories)
    outputs |= {project.docs / page.path: page.markdown.encode("utf-8") for page in plan.pages}
    stale = _stale_pages(project, outputs)
    if check:
        changed = [p for p, c in outputs.items() if not p.exists() or p.read_bytes() != c]
        if changed or stale:
            names = ", ".join(str(p.relative_to(project.root)) for p in [*changed, *stale])
            raise OutOfDate(f"generated files are out of date: {names}; run 'make publish'")
        return report
    for path, content in outputs.items():
        if write_if_changed(path, content):
            report.written.append(path)
    for path in stale:
        path.unlink()
        report.removed.append(path)
    if site:
        log("building the site")
        build_site(project.mkdocs_yml)
    return report


def _read_documents(project: Project, report: Report) -> list[Document]:
    errors: list[InputError] = []
    documents: list[Document] = []
    paths, others = list_transcripts(project.transcripts)
    report.warnings += [not_a_transcript(p) for p in others]
    if not paths:
        kinds = ", ".join(f"*{s}" for s in sorted(TRANSCRIPT_SUFFIXES))
        raise InputError(f"no transcripts ({kinds}) to publish", Location(project.transcripts))
    for path in paths:
        try:
            documents.append(cache.read_transcript(path))
        except InputError as e:
            errors.append(e)
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
    return documents


def _read_memories(
    project: Project, documents: list[Document]
) -> dict[tuple[str, str], polib.POFile | None]:
    errors: list[InputError] = []
    memories = {}
    for doc in documents:
        for language in TARGETS:
            try:
                memories[language, doc.slug] = cache.load_memory(
                    project.memory(language, doc.slug), language
                )
            except InputError as e:
                errors.append(e)
    if errors:
        raise InputErrors(errors)
    return memories


def _plan(
    project: Project,
    documents: list[Document],
    memories: dict[tuple[str, str], polib.POFile | None],
    options: _Options,
    report: Report,
) -> _Plan:
    segments = {doc.slug: cache.segment(doc) for doc in documents}
    work = [
        DocumentMemory(
            doc,
            language,
            segments[doc.slug],
            *update_memory(
                segments[doc.slug], memories[language, doc.slug], _header(project, doc, language)
            ),
        )
        for doc in documents
        for language in TARGETS
    ]
    fill_names(work, options.glossary)
    views = without_names(work)  # speakers' names are spelled, not machine-translated
    report.machine = fill_gaps(views, options.engine, options.retranslate_machine, options.policy)
    merge(work, views)
    written = {
        (path := project.memory(m.language, m.document.slug)): cache.serialize(m.po, path)
        for m in work
    }
    if options.glossary.terms:
        # Checked on the memories about to be written: no second reading.
        report.glossary_violations = check_memories(
            ((m.document.slug, m.segments, m.language, m.po) for m in work), options.glossary
        )[1]
    pages: list[Page] = []
    titles: dict[str, list[tuple[Document, str]]] = {lang: [] for lang in LANGUAGES}
    for doc in documents:
        pages.append(
            cache.render_interview(
                doc, segments[doc.slug], SOURCE, docs=project.docs, glossary=options.glossary
            )
        )
        titles[SOURCE].append((doc, page_title(doc, segments[doc.slug], None)))
    for m in work:
        pages.append(
            cache.render_interview(
                m.document,
                m.segments,
                m.language,
                m.translations,
                docs=project.docs,
                glossary=options.glossary,
            )
        )
        titles[m.language].append((m.document, page_title(m.document, m.segments, m.translations)))
        statuses = dict.fromkeys(Status, 0)
        for t in m.translations.values():
            statuses[t.status] += 1
        report.statuses[m.language, m.document.slug] = statuses
    pages += [render_index(titles[lang], lang) for lang in LANGUAGES]
    if options.glossary.terms:
        pages += [
            Page(glossary_path(lang), render_glossary(options.glossary, lang)) for lang in LANGUAGES
        ]
    return _Plan(written, pages)


def _header(project: Project, doc: Document, language: str) -> dict[str, str]:
    source = doc.source
    shown = source.relative_to(project.root) if source.is_relative_to(project.root) else source
    return {"Project-Id-Version": doc.slug, "Language": language, "X-Source": shown.as_posix()}


def _stale_pages(project: Project, outputs: dict[Path, bytes]) -> list[Path]:
    """Generated pages whose transcript is gone: the language folders are ours."""
    stale = []
    for language in LANGUAGES:
        folder = project.docs / language
        if folder.is_dir():
            stale += [p for p in sorted(folder.rglob("*.md")) if p not in outputs]
    return stale


def _missing_message(project: Project, missing: dict[tuple[str, str], int]) -> str:
    parts = [f"{lang}/{slug}: {n}" for (lang, slug), n in sorted(missing.items())]
    return (
        "untranslated segments (" + ", ".join(parts) + "): add their translations to"
        " the PO files under translations/ or install a translation model"
    )
