"""The news layer in Chromium: dates and descriptions a reader sees in the page's
language, the feed a reader's browser finds, link previews and structured data.

The served copy holds the sample (11 November 2025, reviewed) and the second
interview (13 November 2025: the Kazakh translation incomplete, the English
one machine output): the second is the newest.
"""

from __future__ import annotations

import json
from typing import Any

import feedparser
import pytest
from playwright.sync_api import Page

from tests.browser.conftest import ENGLISH, KAZAKH, LANGUAGES, SECOND_SLUG, Problems, Site
from tests.conftest import SAMPLE_SLUG

DATES = {
    slug: {
        "ru": f"{d} ноября 2025\u202fг.",
        "kk": f"2025\u00a0жылғы {d} қараша",
        "en": f"November {d}, 2025",
    }
    for slug, d in ((SAMPLE_SLUG, 11), (SECOND_SLUG, 13))
}
LEDE_RU = "Эксперт по логистике рассказала о новых маршрутах через Казахстан."
LEDES = {"ru": LEDE_RU, "kk": KAZAKH[LEDE_RU], "en": ENGLISH[LEDE_RU]}
OG_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_US"}
TRANSLATORS = {
    "kk": [{"@type": "Organization", "name": "Сұхбаттар", "url": "SITE"}],
    "en": [{"@type": "SoftwareApplication", "name": "Argos Translate"}],
}
STATUS = {"ru": None, "kk": "incomplete", "en": "machine translation"}


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def meta(page: Page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f'head meta[property="{name}"], head meta[name="{name}"]',
        "tags => tags.map(t => t.getAttribute('content'))",
    )


def json_ld(page: Page) -> list[dict[str, Any]]:
    texts = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "scripts => scripts.map(s => s.textContent)"
    )
    return [json.loads(t) for t in texts]


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_and_description_are_visible_in_the_pages_language(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    for slug in (SAMPLE_SLUG, SECOND_SLUG):
        open_page(page, site.page_url(language, slug))
        date = page.locator("article .interview-meta time")
        assert date.is_visible()
        assert date.inner_text() == DATES[slug][language]
        assert date.get_attribute("datetime") == (
            "2025-11-11" if slug == SAMPLE_SLUG else "2025-11-13"
        )
    # The second interview's description is its lede, which the page shows.
    assert meta(page, "description") == [LEDES[language]]
    assert page.locator("article p.lede").inner_text() == LEDES[language]
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_lists_newest_first_with_date_and_lede(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    open_page(page, site.page_url(language, None))
    items = page.locator("article li")
    assert items.count() == 2
    newest = items.nth(0)
    assert newest.locator("a").get_attribute("href") == f"interviews/{SECOND_SLUG}/"
    assert newest.locator("time").inner_text() == DATES[SECOND_SLUG][language]
    assert newest.locator("time").is_visible()
    assert LEDES[language] in newest.inner_text()
    older = items.nth(1)
    assert older.locator("a").get_attribute("href") == f"interviews/{SAMPLE_SLUG}/"
    assert older.locator("time").inner_text() == DATES[SAMPLE_SLUG][language]
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_link_resolves_to_the_languages_feed(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    open_page(page, site.page_url(language))
    links = page.eval_on_selector_all(
        'head link[rel=alternate][type="application/rss+xml"]', "ls => ls.map(l => l.href)"
    )
    assert links == [f"{site.url}{LANGUAGES[language]}feed.xml"]
    response = page.request.get(links[0])
    assert response.status == 200
    feed = feedparser.parse(response.body())
    assert not feed.bozo and feed.feed.language == language
    assert [e.link for e in feed.entries] == [
        site.page_url(language, SECOND_SLUG),
        site.page_url(language, SAMPLE_SLUG),
    ]
    for entry in feed.entries:
        open_page(page, entry.link)
        assert page.locator("html").get_attribute("lang") == language
        assert entry.title == heading(page)
    assert feed.entries[0].summary == LEDES[language]
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_link_previews_and_structured_data_are_right(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    url = site.page_url(language, SECOND_SLUG)
    open_page(page, url)
    title = heading(page)
    assert meta(page, "og:url") == [url]
    assert meta(page, "og:title") == [title]
    assert meta(page, "og:description") == [LEDES[language]]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:locale") == [OG_LOCALES[language]]
    assert sorted(meta(page, "og:locale:alternate")) == sorted(
        v for k, v in OG_LOCALES.items() if k != language
    )
    assert meta(page, "article:published_time") == ["2025-11-13"]
    assert meta(page, "twitter:card") == ["summary"]
    [article] = json_ld(page)
    assert article["@type"] == "NewsArticle"
    assert article["@id"] == article["url"] == url
    assert article["headline"] == title
    assert article["inLanguage"] == language
    assert article["datePublished"] == "2025-11-13"
    assert article["contributor"] == [{"@type": "Person", "name": page_name(page)}]
    assert article["isBasedOn"] == "https://example.org/eaeu-transport-corridors"
    assert article["publisher"]["url"] == site.url
    assert article.get("creativeWorkStatus") == STATUS[language]
    if language == "ru":
        assert "translationOfWork" not in article
    else:
        assert article["translationOfWork"] == {"@id": site.page_url("ru", SECOND_SLUG)}
        # Kazakh: reviewed sentences only (no translator named in the PO file);
        # English: machine output only.
        expected = json.loads(json.dumps(TRANSLATORS[language]).replace("SITE", site.url))
        assert article["translator"] == expected
    assert problems.all() == []


def heading(page: Page) -> str:
    """The headline as the reader sees it (abbreviations in it too), without the permalink."""
    return page.locator("article h1").evaluate(
        """h => { const c = h.cloneNode(true); c.querySelectorAll(".headerlink").forEach(
                  a => a.remove()); return c.textContent.trim(); }"""
    )


def page_name(page: Page) -> str:
    """The interviewee as the page's meta line names them (first part, before the outlet)."""
    text = page.locator("article .interview-meta").inner_text()
    return text.split(" · ")[0].split(" (")[0]
