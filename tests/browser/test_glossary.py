"""The glossary as a reader meets it: its page, and terms explained on hover or tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import LANGUAGES, Problems, Site

# The full name each language's pages explain their EAEU abbreviation with.
TERMS = {
    "ru": "Евразийский экономический союз",
    "kk": "Еуразиялық экономикалық одақ",
    "en": "Eurasian Economic Union",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_page_is_in_the_navigation_and_lists_terms(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    page.goto(site.page_url(language), wait_until="networkidle")
    page.locator('nav a[href$="glossary/"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{site.url}{LANGUAGES[language]}glossary/"
    name = TERMS[language]
    assert page.locator("h2.glossary-term").filter(has_text=name).count() == 1
    assert page.locator("html").get_attribute("lang") == language
    assert problems.all() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_term_explains_itself_on_hover(
    site: Site, page: Page, problems: Problems, language: str
) -> None:
    page.goto(site.page_url(language), wait_until="networkidle")
    name = TERMS[language]
    term = page.locator(f'article abbr[title="{name}"]').first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=name)
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert problems.all() == []


def test_a_term_explains_itself_on_tap(site: Site, phone: Page, problems: Problems) -> None:
    phone.goto(site.page_url("kk"), wait_until="networkidle")
    name = TERMS["kk"]
    term = phone.locator(f'article abbr[title="{name}"]').first
    term.scroll_into_view_if_needed()
    assert term.get_attribute("tabindex") == "0"
    term.focus()  # what a tap does to a focusable element
    tooltip = phone.locator(".md-tooltip2, .md-tooltip").filter(has_text=name)
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert problems.all() == []
