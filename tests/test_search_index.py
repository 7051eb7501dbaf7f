"""The split search index (pipeline/site/search_index.py), read as files.

Search itself, typed into the site in Chromium, is tested in tests/browser/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.site import search_index
from pipeline.site.search_index import shard_name, shards, write_search_index

CONFIG = {
    "lang": ["ru", "en"],
    "separator": "[\\s\\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
}
DOCS = [
    {"location": "", "title": "Интервью", "text": ""},
    {"location": "interviews/a/", "title": "Коридоры", "text": "<p>Тарифы и коридоры</p>"},
    {"location": "interviews/a/#q1", "title": "Роль ЕАЭС", "text": "<p>Страны союза</p>"},
    {"location": "kk/", "title": "Сұхбаттар", "text": ""},
    {"location": "kk/interviews/a/", "title": "Дәліздер", "text": "<p>ЕАЭО-ның рөлі</p>"},
    {"location": "kk/interviews/a/#q1", "title": "Одақ", "text": "<p>Одағына мүше елдер</p>"},
    {"location": "en/", "title": "Interviews", "text": ""},
    {"location": "en/interviews/a/", "title": "Corridors", "text": "<p>Tariffs &amp; routes</p>"},
]


def built(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    index = {"config": CONFIG, "docs": DOCS}
    (site / "search" / "search_index.json").write_text(json.dumps(index, ensure_ascii=False))
    write_search_index(site)
    return site


def terms(site: Path, language: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for shard in (site / "search" / language / "terms").glob("*.json"):
        found.update(json.loads(shard.read_text()))
    return found


def test_each_language_has_its_pages_only(tmp_path: Path) -> None:
    site = built(tmp_path)
    for language, prefix in {"ru": "", "kk": "kk/", "en": "en/"}.items():
        manifest = json.loads((site / "search" / language / "index.json").read_text())
        pages = sorted((site / "search" / language / "pages").glob("*.json"))
        assert len(pages) == len(manifest["pages"]) == 2
        sections = [s for p in pages for s in json.loads(p.read_text())]
        assert manifest["sections"] == len(sections)
        assert all(s[0].startswith(prefix) for s in sections)
        if language == "ru":
            assert not any(s[0].startswith(("kk/", "en/")) for s in sections)


def test_terms_are_stemmed_as_the_browser_stems_them(tmp_path: Path) -> None:
    site = built(tmp_path)
    assert {"тариф", "коридор", "союз", "еаэс"} <= terms(site, "ru").keys()
    # Kazakh: every reading, so that a query's stem meets the inflected form.
    assert {"одақ", "ел", "еаэо", "рөл", "дәліз"} <= terms(site, "kk").keys()
    assert "ның" not in terms(site, "kk")  # a case ending after a hyphen is a stop word
    assert {"corridor", "tariff", "rout"} <= terms(site, "en").keys()


def test_postings_weigh_a_title_above_the_text(tmp_path: Path) -> None:
    site = built(tmp_path)
    kazakh = terms(site, "kk")
    # [gap to the section, weight]: "одақ" is the title of section 2 and,
    # inflected, in its text; "мүше" only in its text.
    assert kazakh["одақ"] == [2, search_index.TITLE_WEIGHT + 1]
    assert kazakh["мүше"] == [2, 1]


def test_the_served_index_keeps_the_configuration_and_no_text(tmp_path: Path) -> None:
    site = built(tmp_path)
    served = json.loads((site / "search" / "search_index.json").read_text())
    assert served == {"config": CONFIG, "docs": []}


def test_the_index_is_the_same_to_the_byte_when_built_again(tmp_path: Path) -> None:
    first, second = built(tmp_path / "1"), built(tmp_path / "2")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_large_shards_split_by_one_more_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "SHARD_BYTES", 200)
    postings = {t: [(n, 1) for n in range(30)] for t in ("ка", "каз", "казах", "как", "ки")}
    split = shards(postings)
    assert sorted(split) == ["ка", "каз", "как", "ки"]
    assert split["ка"].keys() == {"ка"} and split["каз"].keys() == {"каз", "казах"}
    # Every term is in one shard: the longest that begins it.
    assert sorted(t for s in split.values() for t in s) == sorted(postings)


def test_shard_names_are_file_names_in_any_script() -> None:
    assert shard_name("ка") == "43a-430"
    assert shard_name("ә") == "4d9"
    assert shard_name("co") == "63-6f"
