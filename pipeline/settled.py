"""Interviews a publish need not read again: settled by the last one.

An archive grows by an interview a day; a publish changes a few pages of a
thousand. An interview is *settled* when its transcript, its PO files, its
pages and its picture are byte for byte what the last successful publish left,
under the same glossary, mkdocs.yml and code, and no model could now fill a gap
the last one left: publishing it again would change nothing. A publish then
neither reads, translates, checks nor renders it; it takes from its record
(kept in the publish cache, pipeline/cache.py) what the archive-wide parts
need: its status counts, its part of the glossary check, its previews and
titles for the home pages, feeds and glossary pages, its mentions of terms and
the models its machine translations came from.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.cache import Session
from pipeline.glossary.check import PageUse
from pipeline.glossary.names import without_names
from pipeline.languages import CODES as LANGUAGES
from pipeline.languages import SOURCE, TARGETS
from pipeline.memory.changes import DocumentMemory
from pipeline.memory.store import MemoryKey, Status, engine_of
from pipeline.mt.backend import Backend, Route
from pipeline.mt.fill import MachineReport
from pipeline.project import Project
from pipeline.site.mentions import Mentions
from pipeline.site.meta import Preview
from pipeline.site.news import MEDIA
from pipeline.site.pages import interview_path
from pipeline.source.files import list_transcripts

StatusCounts = dict[Status, int]  # segments of one memory in each status


@dataclass(frozen=True)
class Settled:
    """What the last publish made of one interview, for the archive-wide parts."""

    slug: str
    source: Path  # the transcript
    files: tuple[tuple[Path, str], ...]  # read or made, with their sha256, as left
    generated: tuple[Path, ...]  # of those, the ones publish writes: never stale
    statuses: dict[MemoryKey, StatusCounts]
    missing: dict[str, int]  # language → sentences left untranslated (names aside)
    machine: dict[str, Counter[str]]  # language → machine entries per model label
    check: tuple[PageUse, ...]  # its pages' use of the glossary, one per target
    previews: tuple[Preview, ...]  # one per language
    titles: dict[str, str]  # language → its title on the home page
    mentions: dict[str, int]  # glossary term id → mentions in the Russian text
    keys: tuple[str, ...] = ()  # the publish cache's entries for its files: kept


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(session: Session, path: Path, data: bytes, context: str) -> str:
    return session.key("settled", path, data, context)


def find(
    session: Session, paths: Sequence[Path], context: str, project: Project
) -> dict[Path, Settled]:
    """The settled transcripts among ``paths``: their records, each file they
    name still as it was (``context``: the digest of what all pages share)."""
    out: dict[Path, Settled] = {}
    for path in paths:
        try:
            record = session.stored(_key(session, path, path.read_bytes(), context))
        except OSError:  # read, and reported, with the others
            continue
        if isinstance(record, Settled) and _unchanged(record, project):
            out[path] = record
            session.used.update(record.keys)
    return out


def _unchanged(record: Settled, project: Project) -> bool:
    for path, sha in record.files:
        try:
            if digest((project.root / path).read_bytes()) != sha:
                return False
        except OSError:
            return False
    return True


def still_settled(
    records: dict[Path, Settled],
    backend: Callable[[], Backend],
    retranslate_machine: bool,
) -> tuple[dict[Path, Settled], MachineReport]:
    """The records a model would not change now, and what the summary says of
    them (as pipeline.mt.fill reports a memory it leaves as it is)."""
    routes: dict[str, Route | None] = {}

    def route(language: str) -> Route | None:  # the backend is made only if needed
        if language not in routes:
            routes[language] = backend().route(SOURCE, language)
        return routes[language]

    kept = {
        path: r
        for path, r in records.items()
        if not any(r.missing.get(lang) and route(lang) is not None for lang in TARGETS)
        and not (retranslate_machine and any(r.machine.get(lang) for lang in TARGETS))
    }
    report = MachineReport()
    for language in TARGETS:
        mine = [r for r in kept.values() if r.missing.get(language) or r.machine.get(language)]
        if not mine:
            continue
        found = route(language)
        if found is None:
            if any(r.missing.get(language) for r in mine):
                report.no_model.append(language)
            continue
        report.routes[language] = found.label
        machine = sum((r.machine.get(language, Counter()) for r in mine), Counter[str]())
        if outdated := sum(n for label, n in machine.items() if label != found.label):
            report.outdated[language] = outdated
    return kept, report


def remember(
    session: Session,
    project: Project,
    context: str,
    memories: Iterable[DocumentMemory],
    checked: dict[MemoryKey, PageUse],
    listed: tuple[Sequence[Preview], dict[str, dict[str, str]], Mentions],
    files: dict[Path, bytes],
) -> None:
    """A record of each interview this publish read, for the next to find:
    publishing is idempotent, so what it made is settled.

    ``listed``: the interviews' previews, titles (language → slug → title) and
    mentions of terms; ``files``: every file this publish made, by path."""
    previews, titles, mentions = listed
    by_slug: dict[str, list[DocumentMemory]] = {}
    for m in memories:
        by_slug.setdefault(m.document.slug, []).append(m)
    by_page: dict[str, list[Preview]] = {}
    for preview in previews:
        by_page.setdefault(preview.slug, []).append(preview)
    pictures: dict[str, list[Path]] = {}  # docs/media/<slug>/…
    for path in files:
        if path.is_relative_to(project.docs / MEDIA):
            slug = path.relative_to(project.docs / MEDIA).parts[0]
            pictures.setdefault(slug, []).append(path)
    for slug, held in by_slug.items():
        document = held[0].document
        image = document.metadata.image
        files_of = _generated(project, slug, pictures.get(slug, []))
        try:
            transcript = document.source.read_bytes()
            made = {p.relative_to(project.root): digest(files[p]) for p in files_of}
            read = [project.root / image] if image is not None else []
            made |= {p.relative_to(project.root): digest(p.read_bytes()) for p in read}
        except (OSError, ValueError, KeyError):  # outside the project, gone: not settled
            continue
        views = without_names(held)
        record = Settled(
            slug,
            document.source,
            tuple(sorted(made.items())),
            tuple(project.root / p for p, _ in sorted(made.items()) if project.root / p in files),
            {m.key: statuses(m) for m in held},
            {m.language: _count(m, Status.MISSING) for m in views},
            {m.language: _models(m) for m in views},
            tuple(checked.get(m.key, {}) for m in held),
            tuple(by_page[slug]),
            {language: titles[language][slug] for language in titles},
            {term: counts[slug] for term, counts in mentions.items() if slug in counts},
            tuple(k for p in [document.source, *files_of] for k in session.files.get(p, [])),
        )
        session.store(_key(session, document.source, transcript, context), record)


def _generated(project: Project, slug: str, pictures: list[Path]) -> list[Path]:
    """An interview's files that publish writes: PO files, pages, its picture."""
    return [
        *(project.memory(language, slug) for language in TARGETS),
        *(project.docs / interview_path(language, slug) for language in LANGUAGES),
        *pictures,
    ]


def statuses(memory: DocumentMemory) -> StatusCounts:
    counts = dict.fromkeys(Status, 0)
    for t in memory.translations.values():
        counts[t.status] += 1
    return counts


def _count(memory: DocumentMemory, status: Status) -> int:
    return sum(1 for t in memory.translations.values() if t.status is status)


def _models(memory: DocumentMemory) -> Counter[str]:
    entries = {e.msgctxt: e for e in memory.po if not e.obsolete}
    return Counter(
        engine_of(entries[s]) or ""
        for s, t in memory.translations.items()
        if t.status is Status.MACHINE and s in entries
    )


def context(project: Project) -> str:
    """What every page is made with besides its own files: the glossary and
    mkdocs.yml (the code and libraries are in the cache's key)."""
    parts = []
    for path in (project.glossary, project.mkdocs_yml):
        try:
            parts.append(digest(path.read_bytes()))
        except OSError:
            parts.append("")  # read, and reported, by the stages
    return " ".join(parts)


def still_there(
    project: Project,
    session: Session | None,
    context: str,
    backend: Callable[[], Backend],
    retranslate_machine: bool,
) -> tuple[dict[Path, Settled], MachineReport]:
    """The transcripts whose pages and PO files the last publish left as they
    are now, and a model would not change: what the summary says of them."""
    if session is None:
        return {}, MachineReport()
    paths, _ = list_transcripts(project.transcripts)
    return still_settled(find(session, paths, context, project), backend, retranslate_machine)
