"""The built site in a real browser: Debian's Chromium driven by Playwright.

One published copy of the project is served on loopback for the whole session,
with site_url set to the address it is served from, as on a real server: the
hreflang links, the sitemap and Material's language handling then point at
this server, not at the placeholder host.

Besides the sample interview the copy holds a second transcript
(tests/browser/cases/) that a translator has partly translated: a Kazakh
translation with sentences still missing and an English machine translation
not yet reviewed, so every kind of translation notice is on some page.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from pipeline.cli import run
from tests.conftest import ROOT, SAMPLE_SLUG, copy_project

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium calls Google's services on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CASES = Path(__file__).parent / "cases"
LANGUAGES = {"ru": "", "kk": "kk/", "en": "en/"}
SITE_NAMES = {"ru": "Интервью", "kk": "Сұхбаттар", "en": "Interviews"}
SECOND_SLUG = "eaeu-transport-corridors"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

# The translator's work on the second transcript: Russian sentence → translation.
# Kazakh: the second question is not translated yet. The Kazakh text says ЕАЭО
# only with a case ending (ЕАЭО-ның) and uses inflected nouns (одағына,
# ұйымының) whose bare forms are on no Kazakh page.
KAZAKH = {
    "Транспортные коридоры ЕАЭС открывают новые рынки": (
        "ЕАЭО-ның көлік дәліздері жаңа нарықтар ашады"
    ),
    "Эксперт по логистике рассказала о новых маршрутах через Казахстан.": (
        "Логистика сарапшысы Қазақстан арқылы өтетін жаңа бағыттар туралы айтты."
    ),
    "Какую роль играет ЕАЭС в транспортной политике?": "ЕАЭО-ның көлік саясатындағы рөлі қандай?",
    "Роль ЕАЭС растет с каждым годом.": "ЕАЭО-ның рөлі жыл сайын артып келеді.",
    "Страны союза вместе согласуют тарифы.": "Одағына мүше елдер тарифтерді бірге келіседі.",
    "Город становится узлом для торговли.": "Шаһар сауда торабына айналып келеді.",
    "Мешают очереди на границе.": "Шекарадағы кезектер кедергі келтіреді.",
    "Специалисты организации работают над этим.": "Ұйымының мамандары осы мәселемен айналысады.",
}
ENGLISH = {
    "Транспортные коридоры ЕАЭС открывают новые рынки": (
        "EAEU transport corridors open new markets"
    ),
    "Эксперт по логистике рассказала о новых маршрутах через Казахстан.": (
        "A logistics expert spoke about new routes through Kazakhstan."
    ),
    "Какую роль играет ЕАЭС в транспортной политике?": (
        "What role does the EAEU play in transport policy?"
    ),
    "Роль ЕАЭС растет с каждым годом.": "The role of the EAEU grows every year.",
    "Страны союза вместе согласуют тарифы.": "The union's countries agree tariffs together.",
    "Город становится узлом для торговли.": "The city is becoming a hub for trade.",
    "Что мешает развитию маршрутов?": "What holds back the development of routes?",
    "Мешают очереди на границе.": "Queues at the border hold it back.",
    "Специалисты организации работают над этим.": (
        "The organisation's specialists are working on this."
    ),
}


@dataclass
class Site:
    root: Path  # the published project
    url: str  # where its site/ is served, with a trailing slash

    def page_url(self, language: str, slug: str | None = SAMPLE_SLUG) -> str:
        path = f"interviews/{slug}/" if slug else ""
        return f"{self.url}{LANGUAGES[language]}{path}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _translate(root: Path, language: str, sentences: dict[str, str], fuzzy: bool) -> None:
    path = root / "translations" / language / f"{SECOND_SLUG}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in sentences:
            entry.msgstr = sentences[entry.msgid]
            if fuzzy:
                entry.flags.append("fuzzy")
    po.save(str(path))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = copy_project(tmp_path_factory.mktemp("browser-project"))
    shutil.copy2(CASES / f"{SECOND_SLUG}.txt", root / "transcripts")
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}/"
    config = root / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {url}", config.read_text())
    assert count == 1
    config.write_text(text)
    with pytest.MonkeyPatch.context() as env:
        # No translation model may fill the gaps the second transcript keeps.
        env.setenv("ARGOS_PACKAGES_DIR", str(tmp_path_factory.mktemp("no-models")))
        env.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
        assert run(["-C", str(root), "publish"]) == 0  # writes the empty PO files
        _translate(root, "kk", KAZAKH, fuzzy=False)
        _translate(root, "en", ENGLISH, fuzzy=True)
        assert run(["-C", str(root), "publish"]) == 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, url)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Debian's Chromium: no tool downloads a browser of its own.
    assert Path(CHROMIUM).is_file(), f"no {CHROMIUM}: apt-get install chromium (see .ci/run)"
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Problems:
    """What went wrong while pages loaded: the reader's console and network."""

    site_url: str
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text} ({message.location})")

    def on_request(self, request: Request) -> None:
        if not request.url.startswith((self.site_url, "data:", "blob:")):
            self.external.append(request.url)

    def on_failed(self, request: Request) -> None:
        self.failed.append(f"{request.url}: {request.failure}")

    def on_finished(self, request: Request) -> None:
        try:
            response = request.response()
        except PlaywrightError:  # the test is over and its page closed
            return
        if response is not None and response.status >= 400:
            self.failed.append(f"{request.url}: HTTP {response.status}")

    def all(self) -> list[str]:
        return self.console + self.failed + [f"external: {u}" for u in self.external]


@pytest.fixture
def problems(site: Site) -> Problems:
    return Problems(site.url)


def _page(browser: Browser, problems: Problems, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page = context.new_page()
    page.on("console", problems.on_console)
    page.on("pageerror", lambda error: problems.console.append(f"page error: {error}"))
    page.on("request", problems.on_request)
    page.on("requestfailed", problems.on_failed)
    page.on("requestfinished", problems.on_finished)
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser, problems: Problems) -> Iterator[Page]:
    yield from _page(browser, problems, DESKTOP)


@pytest.fixture
def phone(browser: Browser, problems: Problems) -> Iterator[Page]:
    yield from _page(browser, problems, PHONE)
