"""Search in a language the registry gains, with no edit to the search worker.

The site build writes each language's stemmer (the registry's
``search_stemmer``) into ``search/<lang>/index.json``; the worker
(docs/assets/javascripts/search/worker.js) loads the stemmer that names. Here
Dutch (code "nl", lunr-languages' stemmer "du", which Material ships) and a
language without a stemmer are registered for one test, their pages indexed by the real build
step, and the real worker runs in Chromium on the files, in Material's worker
protocol, as the search box drives it.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import material  # type: ignore[import-untyped]
import pytest
from playwright.sync_api import Browser

from pipeline.languages import ENGLISH, REGISTRY
from pipeline.site.search_index import write_search_index
from tests.browser.conftest import _QuietHandler
from tests.conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
OURS = ROOT / "docs" / "assets" / "javascripts"
CONFIG = {"lang": ["ru"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
DOCS = [
    {"location": "", "title": "Интервью", "text": ""},
    {"location": "interviews/a/", "title": "Экономика", "text": "<p>Экономические связи</p>"},
    {"location": "nl/", "title": "Interviews", "text": ""},
    {"location": "nl/interviews/a/", "title": "Handel", "text": "<p>De handelsverdragen</p>"},
    {"location": "nl/interviews/a/#q1", "title": "Economie", "text": "<p>betrekkingen</p>"},
    {"location": "xx/", "title": "Home", "text": ""},
    {"location": "xx/interviews/a/", "title": "Qazaq", "text": "<p>«Экономикалық» байланыс</p>"},
]
# Runs the worker as Material's search does: setup, ready, then one query.
SEARCH = """async ([worker, query]) => {
  const w = new Worker(worker);
  const answer = (type) => new Promise((resolve, reject) => {
    w.onerror = (e) => reject(new Error(e.message));
    w.onmessage = (e) => { if (e.data.type === type) resolve(e.data.data); };
  });
  const ready = answer(1);
  w.postMessage({type: 0, data: {config: {separator: "[\\\\s\\\\-]+"}, docs: []}});
  await ready;
  const result = answer(3);
  w.postMessage({type: 2, data: query});
  const found = await result;
  w.terminate();
  return found.items.map((page) => page.map((s) => [s.location, s.text]));
}"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The search files of a site in Russian, Dutch and "xx", served; its address."""
    dutch = dataclasses.replace(ENGLISH, code="nl", locale="nl_NL", search_stemmer="du")
    plain = dataclasses.replace(ENGLISH, code="xx", locale="kk_KZ", search_stemmer="")
    for language in (dutch, plain):
        monkeypatch.setitem(REGISTRY, language.code, language)
    for name in ("en", "kk"):  # the site's other languages: none of these pages
        monkeypatch.delitem(REGISTRY, name)
    root = tmp_path / "site"
    scripts = root / "assets" / "javascripts"
    shutil.copytree(MATERIAL, scripts)
    shutil.copytree(OURS, scripts, dirs_exist_ok=True)
    (root / "search").mkdir()
    index = {"config": CONFIG, "docs": DOCS}
    (root / "search" / "search_index.json").write_text(json.dumps(index, ensure_ascii=False))
    write_search_index(root)
    (root / "index.html").write_text("<!doctype html><title>search</title>")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def search(browser: Browser, url: str, language: str, query: str) -> Any:
    (worker,) = (MATERIAL / "workers").glob("search.*.min.js")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        address = (
            f"assets/javascripts/search/worker.js?lang={language}&material=../workers/{worker.name}"
        )
        return page.evaluate(SEARCH, [address, query])
    finally:
        context.close()


def test_a_registered_language_is_searched_with_its_stemmer(site: str, browser: Browser) -> None:
    manifest = json.loads(urlopen(f"{site}search/nl/index.json").read())
    assert manifest["stemmer"] == "du"  # lunr-languages' name for Dutch, not its code
    # The Dutch stemmer meets "betrekking" and "betrekkingen" at one stem.
    found = search(browser, site, "nl", "betrekking")
    assert [page[0][0] for page in found] == ["nl/interviews/a/"]
    assert dict(found[0])["nl/interviews/a/#q1"] == "<mark>betrekkingen</mark>"
    assert search(browser, site, "nl", "de") == []  # a Dutch stop word
    assert search(browser, site, "nl", "Экономика") == []  # another language's page


def test_a_language_without_a_stemmer_finds_words_as_written(site: str, browser: Browser) -> None:
    found = search(browser, site, "xx", "экономикалық")
    assert [page[0][0] for page in found] == ["xx/interviews/a/"]
    assert "<mark>«Экономикалық»</mark>" in dict(found[0])["xx/interviews/a/"]
    assert search(browser, site, "xx", "экономика") != []  # the beginning of a word
    assert search(browser, site, "xx", "байланысы") == []  # no stemmer: no other forms
