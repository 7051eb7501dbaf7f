"""Search in every language, typed into the site's search box in Chromium.

Each language's search finds that language's pages only, with that language's
stemmer; Kazakh with its own (docs/assets/javascripts/lunr/min/lunr.kk.min.js).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import LANGUAGES, SECOND_SLUG, Problems, Site
from tests.conftest import ROOT, SAMPLE_SLUG

KAZAKH_STEMMER = ROOT / "docs/assets/javascripts/lunr/min/lunr.kk.min.js"


@dataclass
class Results:
    meta: str
    links: list[str]  # absolute addresses of the results
    marks: list[str]  # highlighted words in the results


def search(page: Page, query: str, *, keys: bool = False) -> Results:
    """Type a query into the search box and wait for the answer.

    ``keys`` presses a key per character; otherwise the text arrives as an
    input method or a paste delivers it, with no key events.
    """
    translations = json.loads(page.locator("#__config").inner_text())["translations"]
    answered = [translations["search.result.none"], translations["search.result.one"]]
    other = translations["search.result.other"]
    box = page.locator("input.md-search__input")
    box.click()
    if keys:
        for character in query:
            box.press(character)
    else:
        box.fill(query)
    page.wait_for_function(
        """([answered, other]) => {
            const meta = document.querySelector(".md-search-result__meta").textContent;
            const [before, after] = other.split("#");
            return answered.includes(meta) ||
                (meta.startsWith(before) && meta.endsWith(after) && meta !== other);
        }""",
        arg=[answered, other],
    )
    return Results(
        page.locator(".md-search-result__meta").inner_text(),
        page.eval_on_selector_all("a.md-search-result__link", "ls => ls.map(l => l.href)"),
        page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.textContent)"),
    )


def language_of(site: Site, url: str) -> str:
    path = url.removeprefix(site.url)
    return next((lang for lang, p in LANGUAGES.items() if p and path.startswith(p)), "ru")


def pages(site: Site, results: Results) -> set[str]:
    """The pages found, without the words to mark (?h=) and the section (#q1)."""
    return {link.split("#")[0].split("?")[0] for link in results.links}


# (language, query, an interview it must find); each query is a form that the
# page does not contain as such, or contains only inflected.
FINDS = [
    ("ru", "Казахстану", SAMPLE_SLUG),
    ("ru", "тарифов", SECOND_SLUG),  # the page says "тарифы"
    ("en", "corridor", SECOND_SLUG),  # "corridors"
    ("en", "tariff", SECOND_SLUG),  # "tariffs"
    ("kk", "ЕАЭО", SECOND_SLUG),  # only "ЕАЭО-ның"
    ("kk", "одақ", SECOND_SLUG),  # only "Одағына"
    ("kk", "ұйым", SECOND_SLUG),  # only "Ұйымының"
    ("kk", "Қазақстанның", SAMPLE_SLUG),
    ("kk", "шаһардың", SECOND_SLUG),  # only "Шаһар"
    ("kk", "ел", SECOND_SLUG),  # only "елдер": a short stem, sent as an exact term
    ("kk", "саудасы", SECOND_SLUG),  # only "сауда": a query in a possessive form
]


@pytest.mark.parametrize(("language", "query", "slug"), FINDS)
def test_search_finds_the_forms_of_a_word_in_its_language(
    site: Site, page: Page, problems: Problems, language: str, query: str, slug: str
) -> None:
    page.goto(site.page_url(language), wait_until="networkidle")
    results = search(page, query)
    assert site.page_url(language, slug) in pages(site, results), results
    assert {language_of(site, link) for link in results.links} == {language}
    assert problems.all() == []


def test_the_kazakh_page_says_only_the_inflected_forms(site: Site, page: Page) -> None:
    """What the Kazakh queries above rely on."""
    page.goto(site.page_url("kk", SECOND_SLUG))
    text = page.locator("article").inner_text()
    assert "ЕАЭО-ның" in text and not re.search(r"ЕАЭО(?!-ның)", text)
    assert "Одағына" in text and not re.search(r"(?i)одақ", text)
    assert "Ұйымының" in text and not re.search(r"(?i)ұйым(?!ының)", text)


@pytest.mark.parametrize(
    ("language", "query"),
    [("ru", "relations"), ("en", "Казахстана"), ("kk", "relations"), ("kk", "границе")],
)
def test_search_finds_nothing_in_other_languages(
    site: Site, page: Page, language: str, query: str
) -> None:
    page.goto(site.page_url(language), wait_until="networkidle")
    results = search(page, query)
    assert results.links == []


def test_kazakh_search_keeps_apart_words_that_only_share_letters(site: Site, page: Page) -> None:
    """«сау» (healthy, in the interview's title) is not «сауда» (trade, on the
    second page): a short stem finds only itself."""
    page.goto(site.page_url("kk"), wait_until="networkidle")
    found = pages(site, search(page, "сау"))
    assert site.page_url("kk", SAMPLE_SLUG) in found
    assert site.page_url("kk", SECOND_SLUG) not in found


# A word with each Kazakh letter; the highlighted word shows it was indexed whole.
KAZAKH_LETTERS = {
    "ә": "әріптес",
    "ғ": "ғылым",
    "қ": "қарым",
    "ң": "жаңа",
    "ө": "өңір",
    "ұ": "ұзақ",
    "ү": "мүше",
    "һ": "шаһар",
    "і": "іске",
}


@pytest.mark.parametrize(("letter", "word"), KAZAKH_LETTERS.items())
def test_kazakh_letters_are_neither_split_nor_dropped(
    site: Site, page: Page, letter: str, word: str
) -> None:
    assert letter in word
    page.goto(site.page_url("kk"), wait_until="networkidle")
    results = search(page, word)
    assert results.links
    assert any(mark.lower().startswith(word) for mark in results.marks), results.marks


def test_search_typed_key_by_key(site: Site, page: Page, problems: Problems) -> None:
    page.goto(site.page_url("en"), wait_until="networkidle")
    results = search(page, "corridor", keys=True)
    assert site.page_url("en", SECOND_SLUG) in pages(site, results)
    assert problems.all() == []


def test_search_result_leads_to_the_page_with_the_words_marked(site: Site, page: Page) -> None:
    page.goto(site.page_url("kk"), wait_until="networkidle")
    search(page, "ЕАЭО")
    page.locator(f'a.md-search-result__link[href*="{SECOND_SLUG}"]').first.click()
    page.wait_for_url(re.compile(re.escape(site.page_url("kk", SECOND_SLUG))))
    assert page.locator("html").get_attribute("lang") == "kk"


# Nouns from the Kazakh pages and forms of them found there.
INFLECTED = {
    "Қазақстан": ["Қазақстанның", "Қазақстанда", "Қазақстанға", "Қазақстандағы"],
    "одақ": ["одағы", "одағына", "одаққа", "одақтың", "одақпен"],
    "ұйым": ["ұйымы", "ұйымының", "ұйымында"],
    "ынтымақтастық": ["ынтымақтастықты", "ынтымақтастыққа", "ынтымақтастығы"],
    "Ресей": ["Ресейге", "Ресеймен", "Ресейдің", "Ресейден"],
    "әріптес": ["әріптесінің", "әріптестер"],
    "дәліз": ["дәлізінің"],
    "жоба": ["жобаларды", "жобалардың", "жобаларының"],
    "мүдде": ["мүдделерінің", "мүдделерін"],
    "Еуразия": ["Еуразиядағы"],
    "сауда": ["саудасы"],
    "шаһар": ["шаһардың", "шаһарға"],
    "ел": ["елдерге", "елдің", "еліміздің"],
}


def test_kazakh_stemmer_meets_case_forms_at_the_noun(page: Page) -> None:
    page.add_script_tag(path=KAZAKH_STEMMER)
    # The index holds every reading of a form (әріптесінің: әріпте, әріптес).
    stems = page.evaluate(
        "words => words.map(w => lunrKazakh.readings(w))",
        [w for noun, forms in INFLECTED.items() for w in (noun, *forms)],
    )
    stem = iter(stems)
    for noun, forms in INFLECTED.items():
        base = next(stem)[0]
        for form in forms:
            # The search term's stem, with the wildcard Material adds, finds the form.
            assert any(reading.startswith(base) for reading in next(stem)), (noun, form)
    exact = page.evaluate(
        "pairs => pairs.map(([w, s]) => lunrKazakh.stem(w) === s)",
        [
            ["Қазақстанның", "қазақстан"],
            ["Қазақстан", "қазақстан"],  # -стан is not an ablative
            ["одағына", "одақ"],  # ғ → қ before the vowel
            ["ынтымақтастығы", "ынтымақтастық"],
            ["ұйымында", "ұйым"],
            ["мүдделерінің", "мүдде"],
            ["Еуразиядағы", "еуразия"],
            ["еаэо", "еаэо"],
            ["шаһар", "шаһар"],
            ["ел", "ел"],  # no stem shorter than three letters
        ],
    )
    assert all(exact), exact


def test_kazakh_stemmer_keeps_every_kazakh_letter(page: Page) -> None:
    page.add_script_tag(path=KAZAKH_STEMMER)
    words = ["әріптес", "ғылым", "қарым", "жаңа", "өңір", "ұзақ", "үш", "шаһар", "іс"]
    stems = page.evaluate("words => words.map(w => lunrKazakh.stem(w))", words)
    assert stems == words
