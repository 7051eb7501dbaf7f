"""The glossary on the built site: a page per language, explanations on hover."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_SLUG

PREFIX = {"ru": "", "kk": "kk/", "en": "en/"}


def headings(site: Path, language: str) -> list[str]:
    page = (site / PREFIX[language] / "glossary" / "index.html").read_text()
    return re.findall(r'<h2 class="glossary-term" id="[^"]+">([^<]+)', page)


def test_each_language_lists_the_terms_in_its_alphabet(built_site: Path) -> None:
    kk = headings(built_site, "kk")
    assert len(kk) == 11
    # Kazakh order: Е … Қ … Р … Т … Ұ … Ш; Ә and Қ are letters of their own.
    assert (
        kk.index("Еуразиялық экономикалық одақ (ЕАЭО)")
        < kk.index("Қазақстан Республикасы")
        < kk.index("Ресей Федерациясы (РФ)")
        < kk.index("Шанхай ынтымақтастық ұйымы (ШЫҰ)")
    )
    assert kk.index("Тәуелсіз Мемлекеттер Достастығы (ТМД)") < kk.index(
        "Ұжымдық қауіпсіздік туралы шарт ұйымы (ҰҚШҰ)"
    )
    en = headings(built_site, "en")
    assert en == sorted(en, key=str.lower)
    ru = headings(built_site, "ru")
    assert ru[0].startswith("Евразийская") and ru[-1].startswith("Шанхайская")


@pytest.mark.parametrize(
    ("language", "abbreviation", "title"),
    [
        ("ru", "ЕАЭС", "Евразийский экономический союз"),
        ("kk", "ЕАЭО", "Еуразиялық экономикалық одақ"),
        ("kk", "ЕЭК", "Еуразиялық экономикалық комиссия"),
        ("en", "SCO", "Shanghai Cooperation Organisation"),
    ],
)
def test_abbreviations_in_interviews_explain_themselves(
    built_site: Path, language: str, abbreviation: str, title: str
) -> None:
    page = (built_site / PREFIX[language] / "interviews" / SAMPLE_SLUG / "index.html").read_text()
    assert f'<abbr title="{title}">{abbreviation}</abbr>' in page


def test_english_glossary_page_carries_the_translator_notes(built_site: Path) -> None:
    page = (built_site / "en" / "glossary" / "index.html").read_text()
    assert "Not the Eurasian Economic Community (EurAsEC, 2000–2014)." in page
    assert "Kazakh: Еуразиялық экономикалық одақ (ЕАЭО)" in page
