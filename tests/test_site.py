"""The built site, read as HTML: languages, alternates, Kazakh interface, content."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import run
from tests.conftest import PROJECT_FILES, ROOT, SAMPLE_SLUG

SITE_URL = "https://interviews.example.org/"
LANGUAGES = {"ru": "", "kk": "kk/", "en": "en/"}
# Latin words allowed on Kazakh pages: proper names and the abbreviation IT.
KAZAKH_PAGE_LATIN = {"Kazinform", "IT", "English"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site-project")
    for name in PROJECT_FILES:
        source, target = ROOT / name, root / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    assert run(["-C", str(root), "publish"]) == 0
    return root / "site"


def interview(site: Path, language: str) -> str:
    return (site / LANGUAGES[language] / "interviews" / SAMPLE_SLUG / "index.html").read_text()


def visible_text(page: str) -> list[str]:
    """Text a reader sees or hears: element text and labelling attributes."""
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", "", page, flags=re.S)
    texts = re.findall(r">([^<]+)<", page)
    texts += re.findall(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', page)
    return [html.unescape(t).strip() for t in texts if t.strip()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_declare_their_language(site: Path, language: str) -> None:
    for page in (
        interview(site, language),
        (site / LANGUAGES[language] / "index.html").read_text(),
    ):
        assert f'<html lang="{language}"' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_alternates_point_at_the_same_interview(site: Path, language: str) -> None:
    links = dict(
        (lang, href)
        for href, lang in re.findall(
            r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', interview(site, language)
        )
    )
    expected = {
        lang: f"{SITE_URL}{prefix}interviews/{SAMPLE_SLUG}/" for lang, prefix in LANGUAGES.items()
    }
    assert links == {**expected, "x-default": expected["ru"]}


def test_x_default_is_the_original_language_of_the_site(site: Path, tmp_path: Path) -> None:
    """x-default is the i18n plugin's default language (which publish keeps the
    registry's source language), not a fixed "ru": a site whose original were
    Kazakh points x-default at the Kazakh page."""
    root = tmp_path / "project"
    shutil.copytree(site.parent, root, ignore=shutil.ignore_patterns("site", ".cache"))
    config = root / "mkdocs.yml"
    text = config.read_text().replace("          default: true\n", "", 1)
    text = text.replace("- locale: kk\n", "- locale: kk\n          default: true\n", 1)
    config.write_text(text)
    assert run(["-C", str(root), "publish", "--no-site"]) == 1  # not the registry's source
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config)))
    page = (root / "site" / "ru" / "interviews" / SAMPLE_SLUG / "index.html").read_text()
    links = {
        lang: href
        for href, lang in re.findall(
            r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page
        )
    }
    assert links["x-default"] == links["kk"] == f"{SITE_URL}interviews/{SAMPLE_SLUG}/"
    assert links["ru"] == f"{SITE_URL}ru/interviews/{SAMPLE_SLUG}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_is_on_every_page_with_its_anchor(site: Path, language: str) -> None:
    page = interview(site, language)
    questions = re.findall(r'<h2 class="question" id="(q\d+)">([^<]+)', page)
    assert [anchor for anchor, _ in questions] == [f"q{n}" for n in range(1, 8)]
    assert all(len(text) > 40 for _, text in questions)
    assert page.count('<p class="answer">') == 7


def test_translations_use_the_house_terms(site: Path) -> None:
    en, kk = interview(site, "en"), interview(site, "kk")
    assert "Trans-Altai Dialogue" in en and "Eurasian Economic Commission" in en
    assert "EAEU" in en and "SCO" in en
    assert "«Трансалтай диалогы»" in kk and "ЕАЭО" in kk and "ШЫҰ" in kk
    assert "Еуразиялық экономикалық комиссия" in kk


@pytest.mark.parametrize("language", ["kk", "en"])
def test_translated_pages_state_their_status_and_link_the_original(
    site: Path, language: str
) -> None:
    page = interview(site, language)
    assert 'data-status="reviewed"' in page
    link = re.search(r'<a href="([^"]+)" hreflang="ru">([^<]+)</a>', page)
    assert link is not None
    target = (site / LANGUAGES[language] / "interviews" / SAMPLE_SLUG / link.group(1)).resolve()
    assert target == (site / "interviews" / SAMPLE_SLUG).resolve()
    assert (target / "index.html").exists()


def test_original_has_no_translation_notice(site: Path) -> None:
    assert "translation-status" not in interview(site, "ru")


MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates/partials/languages"


def interface_strings(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([\w.]+)": "(.*)",?$', path.read_text(), re.M))


def test_kazakh_pages_have_a_kazakh_interface(site: Path) -> None:
    kazakh = set(interface_strings(ROOT / "overrides/partials/languages/kk.html").values())
    foreign = {
        v
        for lang in ("ru", "en")
        for v in interface_strings(MATERIAL_LANGUAGES / f"{lang}.html").values()
    } - kazakh
    for page in (interview(site, "kk"), (site / "kk" / "index.html").read_text()):
        texts = visible_text(page)
        latin = {w for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)}
        assert latin <= KAZAKH_PAGE_LATIN
        assert [t for t in texts if t in foreign] == []
    page = interview(site, "kk")
    for phrase in ("Іздеу", "Мазмұны", "Тілді таңдау", "Сұхбаттар"):
        assert phrase in page


def test_kazakh_interface_translates_every_material_string() -> None:
    keys = interface_strings(MATERIAL_LANGUAGES / "en.html").keys()
    assert keys and interface_strings(ROOT / "overrides/partials/languages/kk.html").keys() == keys


def test_sitemap_lists_every_language(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text()
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert locs == {
        f"{SITE_URL}{prefix}{path}"
        for prefix in LANGUAGES.values()
        for path in ("", "glossary/", f"interviews/{SAMPLE_SLUG}/")
    }
    assert sitemap.count('hreflang="kk"') == 9


def test_no_external_resources(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
        # Only our own absolute URLs (canonical, hreflang) and the source article.
        assert all(u.startswith((SITE_URL, "https://www.inform.kz/")) for u in external), external
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
