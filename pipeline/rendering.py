"""The pages of a publish: every interview read in every language, and the
archive-wide pages (home pages, feeds, the glossary with its interviews) made of
those and of the settled interviews' records (pipeline/settled.py).

Nothing here writes a file.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pipeline import cache
from pipeline.glossary.match import TermMatcher
from pipeline.glossary.model import Glossary
from pipeline.languages import CODES as LANGUAGES
from pipeline.languages import SOURCE
from pipeline.memory.changes import DocumentMemory
from pipeline.project import Project
from pipeline.settled import Settled
from pipeline.site import pages
from pipeline.site.glossary_pages import glossary_path, render_glossary
from pipeline.site.home import render_index
from pipeline.site.mentions import Mentions
from pipeline.site.meta import Preview
from pipeline.site.news import Edition, plan_news
from pipeline.site.pages import (
    Page,
    Translations,
    interview_path,
    page_title,
    render_interview,
)
from pipeline.source.document import Document, Segment

# The glossary page in a language, with the interviews that mention each term.
GlossaryPage = Callable[[Glossary, str, dict[str, list[str]]], str]
Listed = tuple[str, datetime.date | None, str]  # a home page's entry: slug, date, title


@dataclass(frozen=True)
class Rendered:
    pages: tuple[Page, ...]
    files: dict[Path, bytes]  # pictures copied into docs/
    undated: tuple[Path, ...]  # transcripts without 'date:'
    # What the interviews rendered now show the lists, for their records:
    previews: tuple[Preview, ...] = ()
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # language → slug → title
    mentions: Mentions = field(default_factory=dict)


def render_pages(
    project: Project,
    documents: Sequence[Document],
    segments: dict[str, list[Segment]],
    memories: Sequence[DocumentMemory],
    glossary: Glossary,
    render: Callable[..., Page] = render_interview,
    glossary_page: GlossaryPage = render_glossary,
    settled: Sequence[Settled] = (),
) -> Rendered:
    """Every interview in every language with its link previews and structured
    data, each language's home page and feed, the glossary with its interviews
    (``render`` and ``glossary_page`` make the pages: publish finds them in its
    cache); ``settled``: interviews listed from their records, not rendered."""
    editions = [Edition(doc, segments[doc.slug], SOURCE) for doc in documents]
    editions += [
        Edition(m.document, m.segments, m.language, m.translations, m.po) for m in memories
    ]
    found = _mentions(documents, segments, glossary)
    mentions = {term: Counter(counts) for term, counts in found.items()}
    for record in settled:
        for term, n in record.mentions.items():
            mentions.setdefault(term, Counter())[record.slug] = n
    listed = [p for record in settled for p in record.previews]
    news = plan_news(project.root, project.mkdocs_yml, editions, mentions, listed)
    pages: list[Page] = []
    titles: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    entries: dict[str, list[Listed]] = {lang: [] for lang in LANGUAGES}
    for e in editions:
        front = news.front[e.language, e.document.slug]
        pages.append(
            render(e.document, e.segments, e.language, e.translations, True, glossary, front)
        )
        title = page_title(e.document, e.segments, e.translations)
        titles[e.language][e.document.slug] = title
        entries[e.language].append((e.document.slug, e.document.metadata.date, title))
    for record in settled:
        date = record.previews[0].published
        for lang, title in record.titles.items():
            entries[lang].append((record.slug, date, title))
    pages += [
        render_index(entries[lang], lang, news.summaries, news.directory_urls) for lang in LANGUAGES
    ]
    if glossary.terms:
        pages += [
            Page(glossary_path(lang), glossary_page(glossary, lang, news.mentions[lang]))
            for lang in LANGUAGES
        ]
    pages += news.pages
    files = {project.docs / path: content for path, content in news.files.items()}
    undated = [*news.undated, *(r.source for r in settled if r.previews[0].published is None)]
    return Rendered(
        tuple(pages), files, tuple(sorted(undated)), tuple(news.previews), titles, found
    )


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


def cached_interview(
    document: Document,
    segments: list[Segment],
    language: str,
    translations: Translations | None = None,
    notice: bool = True,
    glossary: Glossary | None = None,
    front: tuple[str, ...] | list[str] = (),
    *,
    docs: Path,
) -> Page:
    """``render_interview``, the page under ``docs`` when it already holds it
    (the publish cache, pipeline/cache.py, keeps the hash of what it made)."""
    render = partial(pages.render_interview, document, segments, language, translations)
    render = partial(render, notice, glossary, front)
    session = cache.current()
    if session is not None and (session.glossary is None or session.glossary[0] is not glossary):
        session.glossary = (glossary, cache.content(glossary))  # one glossary per run
    terms = session.glossary[1] if session is not None and session.glossary is not None else None
    if session is None or terms is None:
        return render()
    # repr, not pickle: equal values read from the cache and made afresh share
    # their strings differently, which pickle shows and repr does not.
    made_of = repr((document, segments, language, translations, notice, tuple(front)))
    path = interview_path(language, document.slug)
    key = session.key("page", str(path), terms, made_of)
    session.files.setdefault(docs / path, []).append(key)
    text = session.output(key, docs / path, lambda: render().markdown.encode("utf-8"))
    return Page(path, text.decode("utf-8"))
