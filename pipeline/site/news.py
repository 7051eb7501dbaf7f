"""The news layer of a publish: what each page says about itself, feeds, mentions.

One call (``plan_news``) reads nothing but the inputs already read and
mkdocs.yml, and gives the front matter of every interview page (description,
link-preview tags, JSON-LD), the lists' summaries, the feeds, the pictures
to copy and the glossary's links to interviews; publish writes them with the
rest, or nothing if anything is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import polib

from pipeline.errors import InputError, InputErrors, Location
from pipeline.memory.store import SegmentTranslation
from pipeline.site.feeds import feed_path, render_feed
from pipeline.site.mentions import Mentions, mention_lines
from pipeline.site.meta import (
    LANGUAGES,
    Preview,
    description,
    modified,
    preview_tags,
    site_info,
)
from pipeline.site.pages import Page, block_text, page_title
from pipeline.site.structured import Credits, news_article, translation_credit
from pipeline.source.document import Document, Segment

UNDATED = (
    "the page shows no date, is listed after the dated ones and has no date in feeds and"
    " link previews; add 'date: YYYY-MM-DD' (STRICT=1 requires it)"
)
STRICT_UNDATED = "no 'date:' in the front matter (STRICT=1 requires one): add 'date: YYYY-MM-DD'"
MEDIA = "media"  # pictures of the interviews: docs/media/<slug>/, served at /media/<slug>/
# Characters YAML would read as line breaks or refuse, written as JSON escapes.
_YAML_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class Edition:
    """An interview in one language; ``translations`` and ``po`` None for the original."""

    document: Document
    segments: list[Segment]
    language: str
    translations: dict[str, SegmentTranslation] | None = None
    po: polib.POFile | None = None


@dataclass
class NewsPlan:
    front: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (lang, slug)
    summaries: dict[tuple[str, str], str] = field(default_factory=dict)
    previews: list[Preview] = field(default_factory=list)  # of the editions given
    pages: list[Page] = field(default_factory=list)  # the feeds
    files: dict[PurePosixPath, bytes] = field(default_factory=dict)  # under docs/
    mentions: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lang → term
    undated: list[Path] = field(default_factory=list)  # transcripts without 'date:'
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls


def plan_news(
    root: Path,
    config_file: Path,
    editions: list[Edition],
    mentions: Mentions,
    listed: Sequence[Preview] = (),
) -> NewsPlan:
    """``mentions``: how often each interview mentions each glossary term (term →
    slug); ``listed``: the previews of pages made before, listed with the editions'."""
    site = site_info(config_file)
    plan = NewsPlan()
    images = {doc.slug: _image(root, doc, plan) for doc in _documents(editions)}
    for e in editions:
        doc = e.document
        preview = Preview(
            e.language,
            doc.slug,
            " ".join(page_title(doc, e.segments, e.translations).split()),
            description(doc, e.segments, e.translations),
            doc.metadata.date,
            modified(doc, e.po),
            images[doc.slug],
        )
        plan.previews.append(preview)
        names = frozenset(s.id for s in doc.speakers)
        credit = (
            translation_credit(e.translations, e.po, names) if e.translations is not None else None
        )
        article = news_article(preview, site, _credits(e), doc.metadata.source_url, credit)
        head = {"meta": preview_tags(preview, site), "json_ld": article}
        lines = [f"description: {_yaml(preview.description)}"] if preview.description else []
        plan.front[e.language, doc.slug] = [*lines, f"head: {_yaml(head)}"]
    previews: dict[str, list[Preview]] = {lang: [] for lang in LANGUAGES}
    titles: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for preview in [*plan.previews, *listed]:
        previews[preview.language].append(preview)
        titles[preview.language][preview.slug] = preview.title
        if preview.description:
            plan.summaries[preview.language, preview.slug] = preview.description
    for language in LANGUAGES:
        feed = render_feed(previews[language], language, site)
        if feed is not None:
            plan.pages.append(Page(feed_path(language), feed))
    plan.directory_urls = site.directory_urls
    plan.mentions = {
        lang: mention_lines(mentions, titles[lang], lang, site.directory_urls) for lang in LANGUAGES
    }
    plan.undated = [d.source for d in _documents(editions) if d.metadata.date is None]
    return plan


def undated_warnings(root: Path, paths: list[Path]) -> list[str]:
    """The publish summary's line naming the transcripts without a date."""
    if not paths:
        return []
    shown = [(p.relative_to(root) if p.is_relative_to(root) else p).as_posix() for p in paths]
    return [f"no 'date:' in the front matter of {', '.join(shown)}: {UNDATED}"]


def require_dates(paths: list[Path]) -> None:
    """STRICT=1: every transcript has a date."""
    if paths:
        raise InputErrors([InputError(STRICT_UNDATED, Location(path, 1)) for path in paths])


def stale_news_files(docs: Path, outputs: dict[Path, bytes]) -> list[Path]:
    """Feeds (none without a site_url) and pictures this publish does not write."""
    feeds = [docs / feed_path(language) for language in LANGUAGES]
    stale = [p for p in feeds if p.is_file() and p not in outputs]
    media = docs / MEDIA  # pictures copied from 'image:': the folder is ours
    if media.is_dir():
        stale += [p for p in sorted(media.rglob("*")) if p.is_file() and p not in outputs]
    return stale


def _documents(editions: list[Edition]) -> list[Document]:
    """Each interview once (its editions in every language share its page name)."""
    return list({e.document.slug: e.document for e in editions}.values())


def _credits(e: Edition) -> Credits:
    doc = e.document

    def name(speaker_id: str) -> str:
        return " ".join(block_text(speaker_id, e.segments, e.translations).split())

    interviewer = doc.interviewer
    interviewees = tuple(name(s.id) for s in doc.respondents)
    if not interviewees and doc.metadata.interviewee:
        interviewees = (doc.metadata.interviewee,)
    return Credits((name(interviewer.id),) if interviewer else (), interviewees)


def _image(root: Path, doc: Document, plan: NewsPlan) -> str | None:
    """Copy ``image:`` into the site's media; its address relative to the site root."""
    value = doc.metadata.image
    if value is None:
        return None
    path = root / value
    inside = path.resolve().is_relative_to(root.resolve())
    if not inside or not path.is_file():
        problem = "leads out of the project" if not inside else "no such file"
        raise InputError(f"'image' {value!r}: {problem} (relative to {root})", Location(doc.source))
    target = PurePosixPath(MEDIA, doc.slug, path.name)
    plan.files[target] = path.read_bytes()
    return target.as_posix()


def _yaml(value: object) -> str:
    """A value for the page's front matter: JSON, which YAML reads as it is."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
