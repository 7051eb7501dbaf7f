"""The site as a reader meets it, in Chromium: languages, head, notices, layout, print."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (
    ARTIFACTS,
    LANGUAGES,
    PHONE,
    SECOND_SLUG,
    SITE_NAMES,
    Problems,
    Site,
)
from tests.conftest import SAMPLE_SLUG

SWITCHES = [("ru", "kk"), ("kk", "en"), ("en", "ru")]


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


@pytest.mark.parametrize(("start", "target"), SWITCHES)
def test_language_switcher_keeps_the_interview_and_the_question(
    site: Site, page: Page, problems: Problems, start: str, target: str
) -> None:
    open_page(page, site.page_url(start) + "#q3")
    page.locator(".md-header .md-select button").hover()
    link = page.locator(f'a.md-select__link[hreflang="{target}"]')
    link.click()
    page.wait_for_url(site.page_url(target) + "#q3")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == target
    question = page.locator("h2#q3")
    assert question.is_visible()
    # The question is where the reader lands, under the header, not at the top.
    assert page.evaluate("window.scrollY") > 0
    box = question.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]  # type: ignore[index]
    assert problems.all() == []


@pytest.mark.parametrize(("start", "target"), SWITCHES)
def test_switching_language_fetches_no_sitemap(
    site: Site, page: Page, problems: Problems, start: str, target: str
) -> None:
    """Material fetched sitemap.xml beside every <link rel="alternate"> (1.9 MB
    per language at 1,000 interviews) to find the page in another language;
    the switcher's links already lead there."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    pages = [site.page_url(start, None), f"{site.url}{LANGUAGES[start]}glossary/"]
    pages += [f"{site.url}{LANGUAGES[start]}404.html", site.page_url(start, SECOND_SLUG)]
    for url in pages:
        page.goto(url, wait_until="networkidle")
    page.locator(".md-header .md-select button").hover()
    page.locator(f'a.md-select__link[hreflang="{target}"]').click()
    page.wait_for_url(site.page_url(target, SECOND_SLUG))
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("article .interview-meta time").get_attribute("datetime") == "2025-11-13"
    assert [url for url in requested if "sitemap" in url] == []
    assert site.page_url(target, SECOND_SLUG) in requested  # the log is the page's
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_head_declares_language_title_and_alternates(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    open_page(page, site.page_url(language))
    assert page.locator("html").get_attribute("lang") == language
    # The heading without its permalink sign.
    heading = page.locator("article h1").evaluate("h => h.firstChild.textContent.trim()")
    assert page.title() == f"{heading} - {SITE_NAMES[language]}"
    alternates = page.eval_on_selector_all(
        "head link[rel=alternate][hreflang]",
        "links => links.map(l => [l.hreflang, l.getAttribute('href')])",
    )
    expected = {lang: site.page_url(lang) for lang in LANGUAGES}
    assert dict(alternates) == {**expected, "x-default": expected["ru"]}
    assert len(alternates) == 4
    for href in expected.values():
        assert page.request.get(href).status == 200
    assert problems.all() == []


def test_sitemap_lists_every_language_and_every_address_answers(site: Site, page: Page) -> None:
    response = page.request.get(site.url + "sitemap.xml")
    assert response.status == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text for loc in ET.fromstring(response.body()).iterfind("s:url/s:loc", ns)}
    paths: dict[str, set[str]] = {}
    for loc in map(str, locs):
        assert loc.startswith(site.url)
        path = loc.removeprefix(site.url)
        language = next((lang for lang, p in LANGUAGES.items() if p and path.startswith(p)), "ru")
        paths.setdefault(language, set()).add(path.removeprefix(LANGUAGES[language]))
    # Every page in every language, the interviews among them.
    assert paths["ru"] == paths["kk"] == paths["en"]
    assert {"", f"interviews/{SAMPLE_SLUG}/", f"interviews/{SECOND_SLUG}/"} <= paths["ru"]
    for loc in sorted(str(x) for x in locs):
        assert page.request.get(loc).status == 200


@pytest.mark.parametrize(
    ("language", "slug", "status", "kind"),
    [
        ("kk", SAMPLE_SLUG, "reviewed", "success"),
        ("en", SAMPLE_SLUG, "reviewed", "success"),
        ("kk", SECOND_SLUG, "incomplete", "warning"),
        ("en", SECOND_SLUG, "machine", "info"),
    ],
)
def test_translation_notice_states_the_status_and_leads_to_the_original(
    site: Site, page: Page, problems: Problems, language: str, slug: str, status: str, kind: str
) -> None:
    open_page(page, site.page_url(language, slug))
    notice = page.locator(".admonition.translation-status")
    assert notice.count() == 1 and notice.is_visible()
    assert notice.get_attribute("class") == f"admonition {kind} translation-status"
    assert notice.locator(f'[data-status="{status}"]').count() == 1
    # It comes before the interview, right under the headline and its details.
    assert page.evaluate(
        "document.querySelector('.translation-status').compareDocumentPosition("
        "document.querySelector('h2.question')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    notice.locator('a[hreflang="ru"]').click()
    page.wait_for_url(site.page_url("ru", slug))
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".translation-status").count() == 0
    assert problems.all() == []


def test_untranslated_sentences_are_marked_and_in_russian(site: Site, page: Page) -> None:
    open_page(page, site.page_url("kk", SECOND_SLUG))
    marked = page.locator(".untranslated")
    assert marked.count() == 1  # the second question, not yet translated
    assert marked.locator(".untranslated__label").inner_text() == "[АУДАРЫЛМАҒАН]"
    assert marked.locator('span[lang="ru"]').inner_text() == "Что мешает развитию маршрутов?"


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_of_contents_lists_the_questions(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    open_page(page, site.page_url(language))
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary a.md-nav__link")
    assert toc.count() == 7
    entries = toc.all()
    for number, entry in enumerate(entries, start=1):
        assert entry.get_attribute("href") == f"#q{number}"
        text = entry.inner_text()
        assert text.startswith(f"{number}. ") and 20 < len(text) < 120
    entries[5].click()
    page.wait_for_url(re.compile(r"#q6$"))
    box = page.locator("h2#q6").bounding_box()
    assert box is not None and 0 <= box["y"] < 300
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_interview_reads_as_an_interview(site: Site, page: Page, language: str) -> None:
    open_page(page, site.page_url(language, SECOND_SLUG))
    meta = page.locator(".interview-meta")
    # Dates as each language writes them (the registry's date_format: CLDR's long
    # format for Russian and English, «2025 жылғы 13 қараша» for Kazakh).
    dates = {
        "ru": "13 ноября 2025\u202fг.",
        "kk": "2025\u00a0жылғы 13 қараша",
        "en": "November 13, 2025",
    }
    assert dates[language] in meta.inner_text()
    assert "Айгерим Сапарова" in meta.inner_text()
    assert meta.locator("a").get_attribute("href") == (
        "https://example.org/eaeu-transport-corridors"
    )
    # The standfirst: the lede, before the first question, set apart.
    lede = page.locator("article p.lede")
    assert lede.count() == 1 and lede.is_visible()
    assert page.evaluate(
        "document.querySelector('p.lede').compareDocumentPosition("
        "document.querySelector('h2.question')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    lede_size = float(lede.evaluate("e => getComputedStyle(e).fontSize")[:-2])
    answer_size = float(
        page.locator("p.answer").first.evaluate("e => getComputedStyle(e).fontSize")[:-2]
    )
    assert lede_size > answer_size
    # Questions are the interviewer's turns: bold, marked by a rule on the left.
    question = page.locator("h2.question").first
    style = question.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.fontWeight, s.borderLeftStyle, s.borderLeftWidth]; }"
    )
    assert style[0] == "700" and style[1] == "solid" and float(style[2][:-2]) > 0
    assert page.locator("p.answer").count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_has_no_horizontal_scrolling_and_screenshots_are_saved(
    site: Site, page: Page, phone: Page, problems: Problems, language: str
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for view, name in ((page, "desktop"), (phone, "phone")):
        open_page(view, site.page_url(language))
        widths = view.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], widths
        shot = ARTIFACTS / f"{language}-interview-{name}.png"
        view.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 10_000
    assert phone.evaluate("window.innerWidth") == PHONE["width"]
    # On a phone the navigation is a drawer behind the menu button.
    assert phone.locator("label.md-header__button[for=__drawer]").is_visible()
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_shows_only_the_interview(site: Site, page: Page, language: str) -> None:
    open_page(page, site.page_url(language))
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("article h1").is_visible()
    assert page.locator("h2#q1").is_visible()
    if language != "ru":
        assert not page.locator(".translation-status a").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{language}-interview.pdf").write_bytes(pdf)


NOT_FOUND = {
    "ru": "Страница не найдена",
    "kk": "Бет табылмады",
    "en": "Page not found",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_its_own_not_found_page(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    open_page(page, f"{site.url}{LANGUAGES[language]}404.html")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("article h1").inner_text() == NOT_FOUND[language]
    assert page.title() == f"{NOT_FOUND[language]} - {SITE_NAMES[language]}"
    # No hreflang alternates for a page that is not there; the switcher leads home.
    assert page.locator("head link[rel=alternate][hreflang]").count() == 0
    switcher = page.eval_on_selector_all(
        "a.md-select__link", "links => links.map(l => [l.hreflang, l.href])"
    )
    assert dict(switcher) == {lang: site.page_url(lang, None) for lang in LANGUAGES}
    home = page.locator(f"article a[href='/{LANGUAGES[language]}']").first
    assert home.is_visible()
    others = page.locator("article p[lang]")
    if language == "ru":
        # The root one is shown for any missing address: it speaks every language.
        assert sorted(others.evaluate_all("ps => ps.map(p => p.lang)")) == ["en", "kk"]
        assert NOT_FOUND["kk"] in others.first.inner_text()
    else:
        assert others.count() == 0
    home.click()
    page.wait_for_url(site.page_url(language, None))
    assert problems.all() == []
