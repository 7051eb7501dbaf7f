"""What a news page says about itself: its date, description and link previews.

Dates are shown in each language's own format (the registry's, through Babel); the
description is the interview's lede, or the opening of its first answer, in
the page's language; the Open Graph and Twitter tags of the page's head come
from the same values. ``overrides/main.html`` writes them into the head.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel.dates
import polib
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pipeline.errors import InputError, Location
from pipeline.languages import CODES, REGISTRY, SOURCE
from pipeline.memory.store import SegmentTranslation
from pipeline.site.markdown import escape
from pipeline.source.document import BlockKind, Document, Segment

LANGUAGES = CODES  # read from the registry each time
DESCRIPTION_CHARS = 200  # link previews show about this much

Translations = dict[str, SegmentTranslation]


@dataclass(frozen=True)
class SiteInfo:
    """What mkdocs.yml says about the site that pages and feeds repeat."""

    url: str | None  # site_url, with a trailing slash
    directory_urls: bool
    names: dict[str, str]  # language → site_name
    descriptions: dict[str, str]  # language → site_description
    publisher: dict[str, str]  # extra.publisher: name, url (optional)

    def language_root(self, language: str) -> str:
        return "" if language == SOURCE else f"{language}/"

    def interview_path(self, language: str, slug: str) -> str:
        """The page's address relative to the site root."""
        leaf = f"{slug}/" if self.directory_urls else f"{slug}.html"
        return f"{self.language_root(language)}interviews/{leaf}"

    def absolute(self, path: str) -> str | None:
        return None if self.url is None else self.url + path


def site_info(config_file: Path) -> SiteInfo:
    """Read mkdocs.yml as YAML nodes: its Python tags (!!python/name) are not run."""
    try:
        root = YAML(typ="rt", pure=True).compose(config_file.read_text(encoding="utf-8"))
    except MarkedYAMLError as e:  # one line, at the line the parser stopped
        mark = e.problem_mark or e.context_mark
        where = Location(config_file, mark.line + 1) if mark else Location(config_file)
        problem = e.problem or e.context
        raise InputError(f"cannot read the site configuration: {problem}", where) from None
    except RecursionError:
        raise InputError(
            "cannot read the site configuration: nested too deeply", Location(config_file)
        ) from None
    except (OSError, UnicodeDecodeError, YAMLError) as e:
        raise InputError(
            f"cannot read the site configuration: {e}", Location(config_file)
        ) from None
    config: dict[str, Any] = _plain(root) if isinstance(root, MappingNode) else {}
    url = config.get("site_url") or None
    if isinstance(url, str) and not url.endswith("/"):
        url += "/"
    names = dict.fromkeys(LANGUAGES, str(config.get("site_name") or ""))
    descriptions = dict.fromkeys(LANGUAGES, str(config.get("site_description") or ""))
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages") or []:
                locale = language.get("locale") if isinstance(language, dict) else None
                if locale in names:
                    names[locale] = str(language.get("site_name") or names[locale])
                    descriptions[locale] = str(
                        language.get("site_description") or descriptions[locale]
                    )
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    publisher = extra.get("publisher") if isinstance(extra, dict) else None
    if isinstance(publisher, str):
        publisher = {"name": publisher}
    return SiteInfo(
        url if isinstance(url, str) else None,
        str(config.get("use_directory_urls", True)).lower() != "false",
        names,
        descriptions,
        {k: str(v) for k, v in publisher.items()} if isinstance(publisher, dict) else {},
    )


def _plain(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {str(_plain(k)): _plain(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [_plain(v) for v in node.value]
    return node.value if isinstance(node, ScalarNode) else None


def shown_date(date: datetime.date, language: str) -> str:
    """The date in the language's words and order (its registry ``date_format``,
    through Babel): «11 ноября 2025 г.», «2025 жылғы 11 қараша», «November 11, 2025»."""
    lang = REGISTRY[language]
    return babel.dates.format_date(date, lang.date_format, locale=lang.locale)


def time_element(date: datetime.date, language: str) -> str:
    """The date as Markdown: a <time> element a machine reads, in the language's words."""
    return f'<time datetime="{date.isoformat()}">{escape(shown_date(date, language))}</time>'


def description(
    document: Document, segments: list[Segment], translations: Translations | None
) -> str | None:
    """The lede (or the first answer that is) in the page's language, shortened.

    A block with a sentence not yet translated is passed over: the description
    is never in another language than the page.
    """
    for kinds in ((BlockKind.LEDE,), (BlockKind.ANSWER,)):
        for block in document.blocks:
            if block.kind not in kinds:
                continue
            texts = [_text(s, translations) for s in segments if s.block_id == block.id]
            if texts and all(texts):
                return shorten(" ".join(t for t in texts if t))
    return None


def _text(segment: Segment, translations: Translations | None) -> str | None:
    if translations is None:
        return segment.text
    found = translations.get(segment.id)
    return found.text if found is not None and found.text and found.text.strip() else None


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """At most ``limit`` characters, cut at a word and ended with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return f"{cut}…"


def modified(
    document: Document, po: polib.POFile | None
) -> datetime.date | datetime.datetime | None:
    """When this language's text last changed, from the inputs alone (never the clock).

    The Russian text: ``updated:`` in the front matter, else ``date:``. A
    translation: the later of that and the PO file's PO-Revision-Date, which a
    translator's PO editor (Poedit, Lokalize, Weblate) sets on every save.
    Machine translations follow the Russian text, so they change with it.
    """
    meta = document.metadata
    source = meta.updated or meta.date
    revised = _revision_date(po) if po is not None else None
    if revised is None or (source is not None and revised.date() < source):
        return source
    return revised


def _revision_date(po: polib.POFile) -> datetime.datetime | None:
    value = po.metadata.get("PO-Revision-Date", "").strip()
    for fmt in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M"):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None  # the template's YEAR-MO-DA HO:MI+ZONE, or nothing


def iso(value: datetime.date | datetime.datetime) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class Preview:
    """One interview page in one language, as link previews show it."""

    language: str
    slug: str
    title: str
    description: str | None
    published: datetime.date | None
    modified: datetime.date | datetime.datetime | None
    image: str | None  # relative to the site root


def preview_tags(preview: Preview, site: SiteInfo) -> list[list[str]]:
    """Open Graph and Twitter card tags: [attribute, name, content] each."""
    tags = [
        ["property", "og:type", "article"],
        ["property", "og:title", preview.title],
        ["property", "og:site_name", site.names[preview.language]],
        ["property", "og:locale", REGISTRY[preview.language].locale],
    ]
    tags += [
        ["property", "og:locale:alternate", REGISTRY[other].locale]
        for other in LANGUAGES
        if other != preview.language
    ]
    url = site.absolute(site.interview_path(preview.language, preview.slug))
    if url:
        tags.append(["property", "og:url", url])
    if preview.description:
        tags.append(["property", "og:description", preview.description])
    image = site.absolute(preview.image) if preview.image else None
    if image:
        tags.append(["property", "og:image", image])
    if preview.published:
        tags.append(["property", "article:published_time", preview.published.isoformat()])
    if preview.modified:
        tags.append(["property", "article:modified_time", iso(preview.modified)])
    tags.append(["name", "twitter:card", "summary_large_image" if image else "summary"])
    return tags
