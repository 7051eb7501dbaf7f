"""The news layer of the built site: dates, descriptions, link previews,
structured data (JSON-LD, expanded by a processor), feeds (parsed by
feedparser) and glossary terms that lead to interviews.

One project is published for the module: the sample interview (11 November,
reviewed into Kazakh and English; the Kazakh file saved by a translator's PO
editor, one English sentence machine output), a dated interview with a lede,
an interviewer and a picture (1 December, not translated), and an undated one
whose title tries to close the page's script.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import polib
import pytest
from pyld import jsonld

from pipeline.cli import run
from tests.conftest import SAMPLE_SLUG, Cli, copy_project, snapshot

CASES = Path(__file__).parent / "cases" / "news"
SITE_URL = "https://interviews.example.org/"
ROOTS = {"ru": "", "kk": "kk/", "en": "en/"}
DATED = "eaeu-digital-trade"
UNDATED = "roads-without-a-date"
IMAGE = b"\x89PNG\r\n\x1a\n not really a picture, but its bytes are copied as they are"
# CLDR's long dates for Russian and English (a narrow no-break space keeps "г."
# with the year); Kazakh as its official and news texts write a date (the
# registry's date_format), the year kept with "жылғы".
DATES = {
    "ru": "11 ноября 2025\u202fг.",
    "kk": "2025\u00a0жылғы 11 қараша",
    "en": "November 11, 2025",
}
OG_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_US"}
KK_REVISED = "2025-11-20 09:30+0500"


def _prepare(root: Path) -> None:
    sample = root / "transcripts" / f"{SAMPLE_SLUG}.txt"
    assert "\ndate: 2025-11-11\n" in sample.read_text()  # as shipped
    for name in (f"{DATED}.txt", f"{UNDATED}.txt"):
        shutil.copy2(CASES / name, root / "transcripts" / name)
    (root / "images").mkdir()
    (root / "images" / "digital-trade.png").write_bytes(IMAGE)
    kk = polib.pofile(str(root / "translations" / "kk" / f"{SAMPLE_SLUG}.po"))
    kk.metadata["PO-Revision-Date"] = KK_REVISED
    kk.metadata["Last-Translator"] = "Асель Нурланова <asel@example.org>"
    kk.save()
    en = polib.pofile(str(root / "translations" / "en" / f"{SAMPLE_SLUG}.po"))
    en.find("q1.p1.s1", by="msgctxt").flags.append("fuzzy")  # machine output
    en.save()


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("news-project"))
    _prepare(root)
    assert run(["-C", str(root), "publish"]) == 0
    return root


def page_file(root: Path, language: str, slug: str | None) -> Path:
    path = f"interviews/{slug}/index.html" if slug else "index.html"
    return root / "site" / ROOTS[language] / path


def page_url(language: str, slug: str) -> str:
    return f"{SITE_URL}{ROOTS[language]}interviews/{slug}/"


class Head(HTMLParser):
    """The <meta> tags, <link> tags and JSON-LD scripts of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.scripts: list[str] = []
        self._in_ld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and "content" in a:
            self.meta.append((a.get("property") or a.get("name", ""), a["content"]))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.scripts[-1] += data

    def one(self, name: str) -> str:
        values = [c for n, c in self.meta if n == name]
        assert len(values) == 1, (name, values)
        return values[0]

    def all(self, name: str) -> list[str]:
        return [c for n, c in self.meta if n == name]


def head(root: Path, language: str, slug: str | None = SAMPLE_SLUG) -> Head:
    return Head(page_file(root, language, slug).read_text(encoding="utf-8"))


def _schema_loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """schema.org's context (the terms an article uses, in schema.org's own form), served
    from the test's folder: nothing is fetched."""
    assert url.rstrip("/") == "https://schema.org", f"fetch of {url}"
    document = json.loads((CASES / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": document}  # fmt: skip


def expanded(article: dict[str, Any]) -> dict[str, Any]:
    """The article as a JSON-LD processor reads it; every property must be a schema.org term."""
    dropped: list[str | None] = []
    result = jsonld.expand(
        article, {"documentLoader": _schema_loader}, on_property_dropped=dropped.append
    )
    assert dropped == [], f"properties a processor drops: {dropped}"
    assert len(result) == 1
    return result[0]


S = "http://schema.org/"


def values(node: dict[str, Any], name: str) -> list[Any]:
    return [v.get("@value", v.get("@id", v)) for v in node.get(S + name, [])]


def article(root: Path, language: str, slug: str = SAMPLE_SLUG) -> dict[str, Any]:
    scripts = head(root, language, slug).scripts
    assert len(scripts) == 1
    return json.loads(scripts[0])


# 1. Dates


@pytest.mark.parametrize("language", ROOTS)
def test_the_date_is_shown_in_the_language_as_a_time_element(
    published: Path, language: str
) -> None:
    page = page_file(published, language, SAMPLE_SLUG).read_text(encoding="utf-8")
    assert f'<time datetime="2025-11-11">{DATES[language]}</time>' in page
    home = page_file(published, language, None).read_text(encoding="utf-8")
    assert f'<time datetime="2025-11-11">{DATES[language]}</time>' in home


@pytest.mark.parametrize("language", ROOTS)
def test_lists_are_newest_first_with_date_and_lede(published: Path, language: str) -> None:
    home = page_file(published, language, None).read_text(encoding="utf-8")
    items = re.findall(r'<li><a href="interviews/([^/"]+)/">.*?</li>', home, flags=re.S)
    assert items == [DATED, SAMPLE_SLUG, UNDATED]
    dated = re.search(rf'<li><a href="interviews/{DATED}/">.*?</li>', home, flags=re.S)
    assert dated and '<time datetime="2025-12-01">' in dated.group()
    if language == "ru":
        assert "Экономист рассказала, как интернет-магазины меняют торговлю" in dated.group()
    else:  # not translated yet: no Russian lede on a Kazakh or English list
        assert "Экономист" not in dated.group()
    sample = re.search(rf'<li><a href="interviews/{SAMPLE_SLUG}/">.*?</li>', home, flags=re.S)
    assert sample and html.unescape(sample.group()).count("—") >= 1
    assert head(published, language, SAMPLE_SLUG).one("description")[:40] in html.unescape(
        sample.group()
    )


def test_undated_transcripts_are_named_and_strict_requires_dates(tmp_path: Path, cli: Cli) -> None:
    root = copy_project(tmp_path / "project")
    sample = root / "transcripts" / f"{SAMPLE_SLUG}.txt"  # translated in full
    text = sample.read_text()
    assert "date: 2025-11-11\n" in text
    sample.write_text(text.replace("date: 2025-11-11\n", ""))
    before = snapshot(root)
    code, _, err = cli("-C", root, "publish", "--strict")
    assert code == 1
    assert f"transcripts/{SAMPLE_SLUG}.txt:1: no 'date:' in the front matter" in err
    assert snapshot(root) == before  # nothing written
    code, _, err = cli("-C", root, "publish", "--no-site")
    assert code == 0
    assert f"no 'date:' in the front matter of transcripts/{SAMPLE_SLUG}.txt" in err
    home = (root / "docs" / "ru" / "index.md").read_text()
    assert "<time" not in home


# 2. Descriptions and link previews


@pytest.mark.parametrize("language", ROOTS)
def test_description_is_the_opening_in_the_pages_language(published: Path, language: str) -> None:
    po = None
    if language != "ru":
        po = polib.pofile(str(published / "translations" / language / f"{SAMPLE_SLUG}.po"))
    first = "a1.p1.s1"
    expected = po.find(first, by="msgctxt").msgstr if po else None
    tags = head(published, language)
    description = tags.one("description")
    assert description == tags.one("og:description")
    if expected:
        assert description.startswith(expected)
    else:
        assert description.startswith("Подписание этой Декларации, безусловно")
    assert len(description) <= 200 and description.endswith("…")
    dated = head(published, "ru", DATED).one("description")
    assert (
        dated == "Экономист рассказала, как интернет-магазины меняют торговлю между странами союза."
    )


@pytest.mark.parametrize("language", ["kk", "en"])
def test_an_untranslated_page_has_no_description_in_russian(published: Path, language: str) -> None:
    tags = head(published, language, DATED)
    assert tags.all("og:description") == []
    home = head(published, language, None).one("description")  # the site's, in the language
    assert tags.one("description") == home
    assert "Экономист" not in home


@pytest.mark.parametrize("language", ROOTS)
def test_open_graph_and_twitter_card(published: Path, language: str) -> None:
    tags = head(published, language)
    canonical = [a["href"] for a in tags.links if a.get("rel") == "canonical"]
    assert tags.one("og:url") == canonical[0] == page_url(language, SAMPLE_SLUG)
    assert tags.one("og:type") == "article"
    assert tags.one("og:locale") == OG_LOCALES[language]
    assert sorted(tags.all("og:locale:alternate")) == sorted(
        v for k, v in OG_LOCALES.items() if k != language
    )
    title = page_file(published, language, SAMPLE_SLUG).read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)<", title)
    assert h1 and tags.one("og:title") == html.unescape(h1.group(1))
    assert tags.one("article:published_time") == "2025-11-11"
    assert tags.one("twitter:card") == "summary"


def test_an_image_is_copied_into_the_site_and_previewed(published: Path) -> None:
    for language in ROOTS:
        tags = head(published, language, DATED)
        image = tags.one("og:image")
        assert image == f"{SITE_URL}media/{DATED}/digital-trade.png"
        assert tags.one("twitter:card") == "summary_large_image"
    served = published / "site" / "media" / DATED / "digital-trade.png"
    assert served.read_bytes() == IMAGE


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("images/missing.png", "'image' 'images/missing.png': no such file"),
        ("../outside.png", "'image' must be a picture in the project: '../outside.png' leads out"),
        ("https://example.org/x.png", "is not a path relative to the project"),
        ("images/notes.txt", "is not one of .jpg"),
    ],
)
def test_a_bad_image_stops_the_run_with_the_file(
    tmp_path: Path, cli: Cli, value: str, message: str
) -> None:
    root = copy_project(tmp_path / "project")
    (tmp_path / "outside.png").write_bytes(IMAGE)
    text = (CASES / f"{DATED}.txt").read_text(encoding="utf-8")
    (root / "transcripts" / f"{DATED}.txt").write_text(
        text.replace("image: images/digital-trade.png", f"image: {value}"), encoding="utf-8"
    )
    before = snapshot(root)
    code, _, err = cli("-C", root, "publish")
    assert code == 1
    assert f"transcripts/{DATED}.txt" in err and message in err
    assert "Traceback" not in err
    assert snapshot(root) == before


# 3. Structured data


@pytest.mark.parametrize("language", ROOTS)
def test_news_article_is_valid_json_ld(published: Path, language: str) -> None:
    node = expanded(article(published, language))
    assert node["@type"] == [S + "NewsArticle"]
    assert node["@id"] == page_url(language, SAMPLE_SLUG)
    assert values(node, "inLanguage") == [language]
    assert values(node, "headline") == [head(published, language).one("og:title")]
    assert values(node, "datePublished") == ["2025-11-11"]
    assert values(node, "isBasedOn") == [
        "https://www.inform.kz/ru/otnosheniya-kazahstana-i-rossii-osnovani-na-zdorovom-"
        "pragmatizme-ekspert-1c51d2"
    ]
    publisher = node[S + "publisher"][0]
    assert publisher["@type"] == [S + "Organization"]
    assert values(publisher, "url") == [SITE_URL]
    if language == "ru":
        assert S + "translationOfWork" not in node
        works = values(node, "workTranslation")
        assert works == [page_url("kk", SAMPLE_SLUG), page_url("en", SAMPLE_SLUG)]
    else:
        assert values(node, "translationOfWork") == [page_url("ru", SAMPLE_SLUG)]


def test_translator_and_date_modified_come_from_the_translation_memory(published: Path) -> None:
    ru, kk, en = (expanded(article(published, lang)) for lang in ("ru", "kk", "en"))
    assert values(ru, "dateModified") == ["2025-11-11"]  # no 'updated:': the date
    # Kazakh: reviewed, saved by the translator's PO editor on 20 November.
    assert values(kk, "dateModified") == ["2025-11-20T09:30:00+05:00"]
    assert [t["@type"] for t in kk[S + "translator"]] == [[S + "Person"]]
    assert values(kk[S + "translator"][0], "name") == ["Асель Нурланова"]
    assert "asel@example.org" not in json.dumps(article(published, "kk"))
    assert values(kk, "creativeWorkStatus") == ["reviewed translation"]
    # English: one sentence machine output, the rest reviewed (no translator named).
    types = [t["@type"] for t in en[S + "translator"]]
    assert types == [[S + "Organization"], [S + "SoftwareApplication"]]
    assert values(en, "creativeWorkStatus") == ["machine translation"]
    assert values(en, "dateModified") == ["2025-11-11"]


def test_people_of_the_interview_are_author_and_contributor(published: Path) -> None:
    node = expanded(article(published, "ru", DATED))
    assert [values(p, "name") for p in node[S + "author"]] == [["Данияр Ахметов"]]
    assert [values(p, "name") for p in node[S + "contributor"]] == [["Айгерим Сапарова"]]
    assert values(node, "image") == [f"{SITE_URL}media/{DATED}/digital-trade.png"]
    en = expanded(article(published, "en", DATED))
    assert values(en, "creativeWorkStatus") == ["incomplete"]
    assert [values(p, "name") for p in en[S + "author"]] == [["Daniyar Akhmetov"]]


def test_no_title_can_close_the_script(published: Path) -> None:
    page = page_file(published, "ru", UNDATED).read_text(encoding="utf-8")
    assert page.count("<script>alert(1)") == 0
    node = expanded(article(published, "ru", UNDATED))
    assert values(node, "headline") == [
        "Дороги & мосты </script><script>alert(1)</script> «без даты»"
    ]
    assert S + "datePublished" not in node and S + "dateModified" not in node
    assert values(node, "author")[0]["@type"] == [S + "Organization"]  # the publisher


# 4. Feeds


@pytest.mark.parametrize("language", ROOTS)
def test_each_language_has_a_feed_every_page_links_to(published: Path, language: str) -> None:
    site = published / "site"
    feed_url = f"{SITE_URL}{ROOTS[language]}feed.xml"
    feed = feedparser.parse((site / ROOTS[language] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == language
    assert feed.feed.link == f"{SITE_URL}{ROOTS[language]}"
    slugs = [e.link.removeprefix(f"{SITE_URL}{ROOTS[language]}interviews/") for e in feed.entries]
    assert slugs == [f"{DATED}/", f"{SAMPLE_SLUG}/", f"{UNDATED}/"]  # newest first
    for entry in feed.entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[1]
        page = page_file(published, language, slug)
        assert page.is_file()  # the link resolves
        tags = head(published, language, slug)
        assert entry.title == tags.one("og:title")
        assert entry.id == entry.link
        assert entry.get("summary") == (tags.all("og:description") or [None])[0]
        published_time = tags.all("article:published_time")
        if published_time:
            day = published_time[0]
            assert "{:04d}-{:02d}-{:02d}".format(*entry.published_parsed[:3]) == day
        else:
            assert "published" not in entry
    for page in [*site.joinpath(ROOTS[language]).glob("interviews/*/index.html"),
                 site / ROOTS[language] / "index.html",
                 site / ROOTS[language] / "glossary" / "index.html"]:  # fmt: skip
        links = Head(page.read_text(encoding="utf-8")).links
        feeds = [a for a in links if a.get("type") == "application/rss+xml"]
        assert [a["href"] for a in feeds] == [feed_url], page


# 5. Terms lead to interviews


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        # The dated interview: its title, «Евразийском экономическом союзе», «В ЕАЭС»,
        # «Страны ЕАЭС»; the sample: one.
        ("ru", {DATED: "4 упоминания", SAMPLE_SLUG: "1 упоминание"}),
        ("kk", {DATED: "4 рет", SAMPLE_SLUG: "1 рет"}),
        ("en", {DATED: "4 mentions", SAMPLE_SLUG: "1 mention"}),
    ],
)
def test_a_glossary_term_lists_the_interviews_that_mention_it(
    published: Path, language: str, counts: dict[str, str]
) -> None:
    page = (published / "site" / ROOTS[language] / "glossary" / "index.html").read_text()
    entry = re.search(
        r'<h2 class="glossary-term" id="eaeu">.*?(?=<h2 |</article>)', page, flags=re.S
    )
    assert entry
    links = re.findall(
        r'<li><a href="../interviews/([^/"]+)/">(.*?)</a> — (.*?)</li>', entry.group()
    )
    assert [(slug, count) for slug, _, count in links] == list(counts.items())
    for slug, title, _ in links:
        assert html.unescape(title) == head(published, language, slug).one("og:title")


def test_a_picture_no_longer_named_leaves_the_site(tmp_path: Path, cli: Cli) -> None:
    root = copy_project(tmp_path / "project")
    _prepare(root)
    assert cli("-C", root, "publish", "--no-site")[0] == 0
    copied = root / "docs" / "media" / DATED / "digital-trade.png"
    assert copied.read_bytes() == IMAGE
    assert cli("-C", root, "publish", "--check")[0] == 0
    transcript = root / "transcripts" / f"{DATED}.txt"
    transcript.write_text(transcript.read_text().replace("image: images/digital-trade.png\n", ""))
    code, _, err = cli("-C", root, "publish", "--check")
    assert code == 4 and "docs/media" in err
    assert cli("-C", root, "publish", "--no-site")[0] == 0
    assert not copied.exists()
    assert "og:image" not in (root / "docs" / "ru" / "interviews" / f"{DATED}.md").read_text()
