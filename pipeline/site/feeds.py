"""An RSS 2.0 feed per language (feedgen): the newest interviews, with summaries.

The feed is a file of the language's folder (``docs/kk/feed.xml`` is served
at ``/kk/feed.xml``); every page of the language links to it for
autodiscovery (``overrides/main.html``). It holds nothing that changes
between two runs on the same inputs: no build time (``lastBuildDate`` is the
newest interview's date).
"""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath

from feedgen.feed import FeedGenerator

from pipeline.site.meta import Preview, SiteInfo

FEED_NAME = "feed.xml"
FEED_SIZE = 50  # the newest interviews a feed lists
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def feed_path(language: str) -> PurePosixPath:
    return PurePosixPath(language, FEED_NAME)


def newest_first(previews: list[Preview]) -> list[Preview]:
    """Dated interviews newest first, then the undated ones, by page name."""
    return sorted(previews, key=lambda p: (-p.published.toordinal() if p.published else 1, p.slug))


def render_feed(previews: list[Preview], language: str, site: SiteInfo) -> str | None:
    """The language's feed, or None without a site_url (a feed's links are absolute)."""
    home = site.absolute(site.language_root(language))
    feed_url = site.absolute(site.language_root(language) + FEED_NAME)
    if home is None or feed_url is None:
        return None
    fg = FeedGenerator()
    fg.title(site.names[language])
    fg.description(site.descriptions[language] or site.names[language])
    fg.link(href=feed_url, rel="self")
    fg.link(href=home, rel="alternate")  # after "self": RSS's <link> is the last one
    fg.language(language)
    fg.generator("newsroom-pipeline")
    chosen = newest_first(previews)[:FEED_SIZE]
    dates = [_midnight(p.published) for p in chosen if p.published]
    fg.lastBuildDate(max(dates, default=_EPOCH))
    for preview in chosen:
        url = site.absolute(site.interview_path(language, preview.slug))
        entry = fg.add_entry(order="append")
        entry.guid(url, permalink=True)
        entry.title(preview.title)
        entry.link(href=url)
        if preview.description:
            entry.description(preview.description)
        if preview.published:
            entry.pubDate(_midnight(preview.published))
    return bytes(fg.rss_str(pretty=True)).decode("utf-8")


def _midnight(date: datetime.date) -> datetime.datetime:
    """A front matter date is a day: its feed time is the day's start (UTC)."""
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
