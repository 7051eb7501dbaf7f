"""The plan stages of a publish: from the documents and their memories to the
memories brought up to date, translated and checked, and the pages.

Each stage returns a value; nothing here writes a file.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UsageError, shown
from pipeline.glossary.check import CheckedMemory, GlossaryCheck, check_glossary
from pipeline.glossary.enforce import TermPolicy
from pipeline.glossary.match import TermMatcher
from pipeline.glossary.model import Glossary
from pipeline.glossary.names import fill_names, without_names
from pipeline.languages import CODES, SOURCE, TARGETS
from pipeline.memory.changes import DocumentMemory, MemoryChanges, record
from pipeline.memory.orphans import Memories
from pipeline.memory.store import MemoryKey, Status, update_memory
from pipeline.mt.backend import Backend
from pipeline.mt.fill import MachineReport, fill_gaps
from pipeline.project import Project
from pipeline.site.glossary_pages import glossary_path, render_glossary
from pipeline.site.mentions import Mentions
from pipeline.site.news import Edition, plan_news
from pipeline.site.pages import Page, page_title, render_index, render_interview
from pipeline.source.document import Document, Segment

LANGUAGES = CODES  # the source, then the targets

StatusCounts = dict[Status, int]  # segments of one memory in each status


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
    backend = _made_once(engine)
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


def _made_once(factory: Callable[[], Backend]) -> Callable[[], Backend]:
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
    return groups


def glossary_check(
    project: Project, memories: Sequence[DocumentMemory], glossary: Glossary
) -> GlossaryCheck | None:
    """Checked on the memories about to be written: no second reading."""
    if not glossary.terms:
        return None
    return check_glossary(
        (
            CheckedMemory(
                project.memory(m.language, m.document.slug),
                m.document.slug,
                m.language,
                m.segments,
                m.po,
            )
            for m in memories
        ),
        glossary,
    )


# The glossary page in a language, with the interviews that mention each term.
GlossaryPage = Callable[[Glossary, str, dict[str, list[str]]], str]


@dataclass(frozen=True)
class Rendered:
    pages: tuple[Page, ...]
    files: dict[Path, bytes]  # pictures copied into docs/
    undated: tuple[Path, ...]  # transcripts without 'date:'


def render_pages(
    project: Project,
    documents: Sequence[Document],
    segments: dict[str, list[Segment]],
    memories: Sequence[DocumentMemory],
    glossary: Glossary,
    render: Callable[..., Page] = render_interview,
    glossary_page: GlossaryPage = render_glossary,
) -> Rendered:
    """Every interview in every language with its link previews and structured
    data, each language's home page and feed, the glossary with its interviews
    (``render`` and ``glossary_page`` make the pages: publish finds them in its cache)."""
    editions = [Edition(doc, segments[doc.slug], SOURCE) for doc in documents]
    editions += [
        Edition(m.document, m.segments, m.language, m.translations, m.po) for m in memories
    ]
    news = plan_news(
        project.root, project.mkdocs_yml, editions, _mentions(documents, segments, glossary)
    )
    pages: list[Page] = []
    titles: dict[str, list[tuple[Document, str]]] = {lang: [] for lang in LANGUAGES}
    for e in editions:
        front = news.front[e.language, e.document.slug]
        pages.append(
            render(e.document, e.segments, e.language, e.translations, True, glossary, front)
        )
        titles[e.language].append((e.document, page_title(e.document, e.segments, e.translations)))
    pages += [render_index(titles[lang], lang, news.summaries) for lang in LANGUAGES]
    if glossary.terms:
        pages += [
            Page(glossary_path(lang), glossary_page(glossary, lang, news.mentions[lang]))
            for lang in LANGUAGES
        ]
    pages += news.pages
    files = {project.docs / path: content for path, content in news.files.items()}
    return Rendered(tuple(pages), files, tuple(news.undated))


def _mentions(
    documents: Sequence[Document], segments: dict[str, list[Segment]], glossary: Glossary
) -> Mentions:
    """How often each interview mentions each term (the matcher keeps each
    sentence's matches: nothing is matched twice in a run)."""
    out: Mentions = {}
    if glossary.terms:
        matcher = TermMatcher(glossary)
        for doc in documents:
            for s in segments[doc.slug]:
                for match in matcher.find(s.text):
                    out.setdefault(match.term.id, Counter())[doc.slug] += 1
    return out


def count_statuses(memories: Sequence[DocumentMemory]) -> dict[MemoryKey, StatusCounts]:
    out = {}
    for m in memories:
        statuses = dict.fromkeys(Status, 0)
        for t in m.translations.values():
            statuses[t.status] += 1
        out[MemoryKey(m.language, m.document.slug)] = statuses
    return out


def _header(project: Project, doc: Document, language: str) -> dict[str, str]:
    source = doc.source
    shown = source.relative_to(project.root) if source.is_relative_to(project.root) else source
    return {"Project-Id-Version": doc.slug, "Language": language, "X-Source": shown.as_posix()}
