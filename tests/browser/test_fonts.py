"""Every page is drawn in the fonts the site serves, in Chromium.

Chromium says which platform fonts drew the text of a node (DevTools protocol,
CSS.getPlatformFontsForNode). On every kind of page in every language, each
text a reader sees (headings, text, navigation, header, footer, search
results) must come from exactly one font, the face fonts.css serves for that
text's family, weight and style: no Kazakh letter from a fallback font inside
a word, no weight the site does not serve. And the fonts come from the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import CDPSession, Page, Request

from tests.browser.conftest import LANGUAGES, SECOND_SLUG, Problems, Site
from tests.browser.test_search import search
from tests.conftest import SAMPLE_SLUG
from tests.webfonts import CODE_FAMILY, TEXT_FAMILY, served_faces

# What a first visit may download in fonts, for the weights a page uses.
FONT_BUDGET = 150_000  # bytes
# The parts of a page the reader reads.
REGIONS = {
    "header": ".md-header",
    "navigation": ".md-nav, .md-tabs",
    "headings": "h1, h2, h3",
    "body": ".md-content",
    "footer": ".md-footer",
    "search results": ".md-search-result",
}
# Two words each, found on different pages: results list the word they miss
# (Material's "missing" line, in italics).
SEARCHES = {
    "ru": "Казахстану тарифов",
    "kk": "Қазақстанның ұйым",
    "en": "corridor pragmatism",
}
KINDS = ["search", "home", "interview", "partly translated interview", "glossary", "not found"]

# One probe per text node that is drawn (has a box): the family, weight and
# style it asks for. Its element is marked to find it in the DevTools' tree.
_PROBE = """regions => {
    const probes = [];
    const parents = new Map();
    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.data.trim()) continue;
        if (parent.closest("script, style, noscript, template, svg")) continue;
        // Not drawn: no box, or hidden (a closed <details> of more results).
        range.selectNodeContents(node);
        if (range.getClientRects().length === 0) continue;
        if (!parent.checkVisibility({visibilityProperty: true})) continue;
        if (!parents.has(parent)) {
            parents.set(parent, parents.size);
            parent.setAttribute("data-font-probe", String(parents.size - 1));
        }
        const style = getComputedStyle(parent);
        probes.push({
            parent: parents.get(parent),
            text: node.data,
            family: style.fontFamily.split(",")[0].trim().replace(/^"|"$/g, ""),
            weight: style.fontWeight,
            style: style.fontStyle,
            regions: Object.keys(regions).filter(name => parent.closest(regions[name])),
        });
    }
    return probes;
}"""


@dataclass
class FontRequests:
    site_url: str
    bytes: dict[str, int] = field(default_factory=dict)  # url → body bytes
    urls: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        if request.resource_type == "font":
            self.urls.append(request.url)

    def on_finished(self, request: Request) -> None:
        if request.resource_type == "font":
            self.bytes[request.url] = request.sizes()["responseBodySize"]


def open_kind(page: Page, site: Site, language: str, kind: str) -> None:
    prefix = f"{site.url}{LANGUAGES[language]}"
    url = {
        "home": site.page_url(language, None),
        "interview": site.page_url(language),
        "partly translated interview": site.page_url(language, SECOND_SLUG),
        "glossary": f"{prefix}glossary/",
        "not found": f"{prefix}404.html",
        "search": site.page_url(language, None),
    }[kind]
    page.goto(url, wait_until="networkidle")
    if kind == "search":
        results = search(page, SEARCHES[language])
        assert results.links, SEARCHES[language]
        page.wait_for_load_state("networkidle")
    else:
        # Search gets ready in its own time and then changes its words ("starting
        # search" → "type to search"): probe the page once they are final.
        page.wait_for_function(
            """() => document.querySelector(".md-search-result__meta").textContent ===
                JSON.parse(document.querySelector("#__config").textContent)
                    .translations["search.result.placeholder"]"""
        )
    page.evaluate("document.fonts.ready.then(() => true)")


def platform_fonts(cdp: CDPSession) -> dict[tuple[int, str], list[dict[str, Any]]]:
    """(probe's element, text) → the platform fonts that drew that text node.

    Asked of the text node itself: asked of an element, Chromium adds the
    fonts of the text in its children (a <strong> in a paragraph).
    """
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    fonts = {}
    stack = [cdp.send("DOM.getDocument", {"depth": -1})["root"]]
    while stack:
        node = stack.pop()
        children = node.get("children", [])
        stack.extend(children)
        attributes = node.get("attributes", [])
        marks = dict(zip(attributes[::2], attributes[1::2], strict=True))
        if "data-font-probe" not in marks:
            continue
        for child in children:
            if child["nodeType"] == 3 and child["nodeValue"].strip():  # Node.TEXT_NODE
                key = (int(marks["data-font-probe"]), child["nodeValue"])
                drawn = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": child["nodeId"]})
                fonts[key] = drawn["fonts"]
    return fonts


def wrong_fonts(probes: list[dict[str, Any]], fonts: dict[tuple[int, str], Any]) -> list[str]:
    """The text nodes not drawn by exactly one font, the served one."""
    served = served_faces()
    wrong = []
    for probe in probes:
        face = served.get((probe["family"], probe["weight"], probe["style"]))
        found = fonts.get((probe["parent"], probe["text"]))
        drawn = None if found is None else [(f["postScriptName"], f["isCustomFont"]) for f in found]
        if face is None or drawn != [(face.postscript_name, True)]:
            wrong.append(f"{probe}: drawn by {drawn}")
    return wrong


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_drawn_in_one_served_font(
    site: Site, page: Page, problems: Problems, language: str, kind: str
) -> None:
    requests = FontRequests(site.url)
    page.on("request", requests.on_request)
    page.on("requestfinished", requests.on_finished)
    open_kind(page, site, language, kind)
    probes = page.evaluate(_PROBE, REGIONS)
    assert wrong_fonts(probes, platform_fonts(page.context.new_cdp_session(page))) == []
    # Every part of the page was looked at, in the text font.
    seen = {region for probe in probes for region in probe["regions"]}
    expected = set(REGIONS) - ({"search results"} if kind != "search" else set())
    if kind == "not found":
        expected -= {"navigation"}  # a 404 page has no table of contents to list
    assert expected <= seen, expected - seen
    assert {probe["family"] for probe in probes} == {TEXT_FAMILY}
    if language == "kk":  # the letters the system fonts' light faces lack
        assert any(set(probe["text"]) & set("ӘҒҚҢӨҰҮҺІәғқңөұүһі") for probe in probes)
    # The fonts came from the site, once each, within the budget.
    assert requests.urls, "no font was downloaded"
    assert all(url.startswith(f"{site.url}assets/fonts/") for url in requests.urls)
    assert len(requests.urls) == len(set(requests.urls)), requests.urls
    assert sum(requests.bytes.values()) < FONT_BUDGET, requests.bytes
    assert problems.all() == []


def test_code_is_drawn_in_the_served_code_font(site: Site, page: Page, problems: Problems) -> None:
    """No page shows code yet; code put into a Kazakh page is drawn in one font."""
    page.goto(site.page_url("kk"), wait_until="networkidle")
    page.evaluate(
        """() => {
            const p = document.createElement("p");
            p.innerHTML = "<code>Қазақстан ӘҒҚҢӨҰҮҺІ әғқңөұүһі 2025</code> " +
                "<strong><code>Шаһар ұйымы</code></strong>";
            document.querySelector("article").append(p);
        }"""
    )
    page.evaluate("document.fonts.ready.then(() => true)")
    probes = page.evaluate(_PROBE, REGIONS)
    code = [probe for probe in probes if probe["family"] == CODE_FAMILY]
    assert {probe["weight"] for probe in code} == {"400", "700"}
    assert wrong_fonts(code, platform_fonts(page.context.new_cdp_session(page))) == []
    assert problems.all() == []


def test_first_visit_preloads_the_fonts_of_its_first_screen(site: Site, page: Page) -> None:
    """The weights every page shows at once are asked for by the page, not its CSS."""
    requests = FontRequests(site.url)
    page.on("request", requests.on_request)
    page.goto(site.page_url("kk", SAMPLE_SLUG), wait_until="networkidle")
    preloaded = page.eval_on_selector_all(
        "head link[rel=preload][as=font]",
        "ls => ls.map(l => [l.href, l.type, l.crossOrigin !== null])",
    )
    assert [(type_, cors) for _, type_, cors in preloaded] == [("font/woff2", True)] * 3
    used = set(
        page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded')"
            ".map(f => f.weight + ' ' + f.style)"
        )
    )
    assert used >= {"300 normal", "400 normal", "700 normal"}
    # The preloaded files are the ones the stylesheet uses (a preload of
    # another address would be fetched besides them), each fetched once.
    assert sorted(requests.urls) == sorted(href for href, _, _ in preloaded)
