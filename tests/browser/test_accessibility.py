"""axe-core (from npm, installed by `make setup`) on the pages readers read."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import AXE, LANGUAGES, PHONE, SECOND_SLUG, Site
from tests.conftest import SAMPLE_SLUG

SERIOUS = ("serious", "critical")


def violations(page: Page) -> list[str]:
    assert AXE.is_file(), f"{AXE} is missing: run 'make setup'"
    page.add_script_tag(path=AXE)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))"""
    )
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in found if v["impact"] in SERIOUS]


@pytest.mark.parametrize("slug", [SAMPLE_SLUG, SECOND_SLUG])
@pytest.mark.parametrize("language", LANGUAGES)
def test_interview_pages_have_no_serious_accessibility_violations(
    site: Site, page: Page, language: str, slug: str
) -> None:
    page.goto(site.page_url(language, slug), wait_until="networkidle")
    assert violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_phone_layout_have_no_serious_accessibility_violations(
    site: Site, page: Page, phone: Page, language: str
) -> None:
    page.goto(site.page_url(language, None), wait_until="networkidle")
    assert violations(page) == []
    assert phone.viewport_size == PHONE
    phone.goto(site.page_url(language), wait_until="networkidle")
    assert violations(phone) == []
