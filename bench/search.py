"""Benchmark: what a reader downloads to search an archive of N interviews.
Run by hand, not in CI (it drives Debian's Chromium, as the browser tests do):

    .venv/bin/python -m bench.search 100 1000 [--keep DIR]

For each N it publishes the sample interview, copies its pages in every
language to N interviews (tests/browser/archive.py: each copy with a word of
its own), builds the site (pipeline/site/build.py, which splits the search
index) and serves it on loopback. It reports the index Material's search would
have every reader download (search_index.json before the split), the split
index on disk, and per query, in a fresh browser (nothing cached): the bytes of
the index downloaded, and the time from typing to results (median).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import pipeline.site.build as site_build  # noqa: E402
from pipeline.cli import run as pipeline_run  # noqa: E402
from tests.browser.archive import multiply_interviews  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler  # noqa: E402
from tests.browser.test_search_archive import MEASURE  # noqa: E402
from tests.conftest import copy_project  # noqa: E402

QUERIES = {
    "ru": ["Декларации", "отношений", "бизнеса", "экспертов", "Казахстану", "сотрудничество"],
    "kk": ["Қазақстанның", "ынтымақтастық", "әріптес", "сауда", "одақ", "Ресейге"],
    "en": ["Kazakhstan", "cooperation", "partnership", "trade", "corridor", "investment"],
}
HOME = {"ru": "", "kk": "kk/", "en": "en/"}


def build(work: Path, count: int) -> tuple[Path, int, float]:
    """The built project, Material's single index in bytes, seconds to split it."""
    project = copy_project(work / f"project-{count}")
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    assert pipeline_run(["-C", str(project), "publish"]) == 0
    multiply_interviews(project, count)
    config = project / "mkdocs.yml"
    # The menu of the home pages only: the default one lists every page on
    # every page, which bench/archive.py measures; the index is the same.
    config.write_text(
        re.sub(r"(?m)^plugins:$", "nav:\n  - index.md\n\nplugins:", config.read_text())
    )
    measured: dict[str, float] = {}
    split = site_build.write_search_index

    def write_search_index(site: Path) -> None:
        measured["lunr"] = (site / "search" / "search_index.json").stat().st_size
        start = time.perf_counter()
        split(site)
        measured["seconds"] = time.perf_counter() - start

    site_build.write_search_index = write_search_index  # type: ignore[assignment]
    try:
        site_build.build_site(config)
    finally:
        site_build.write_search_index = split  # type: ignore[assignment]
    return project / "site", int(measured["lunr"]), measured["seconds"]


def measure(site: Path) -> dict[str, tuple[list[int], list[float]]]:
    """Per language: index bytes of each query (cold) and ms to its results."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    found: dict[str, tuple[list[int], list[float]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang, queries in QUERIES.items():
                sizes, times = [], []
                for query in queries:
                    context = browser.new_context()
                    page = context.new_page()
                    lengths: list[int] = []
                    page.on(
                        "response",
                        lambda r, lengths=lengths: lengths.append(
                            int(r.headers.get("content-length", "0")) if "/search/" in r.url else 0
                        ),
                    )
                    page.goto(url + HOME[lang], wait_until="networkidle")
                    page.locator("input.md-search__input").click()
                    before = sum(lengths)
                    times.append(page.evaluate(MEASURE, [query, url + HOME[lang]]))
                    page.wait_for_load_state("networkidle")
                    sizes.append(sum(lengths) - before)
                    context.close()
                found[lang] = (sizes, times)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="+", help="numbers of interviews")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    print(
        "| interviews | Material's index (every reader) | split index on disk | files |"
        " index per query, median (max) | results after typing, median | split in |"
    )
    print("|---|---|---|---|---|---|---|")
    try:
        for count in args.counts:
            site, lunr, seconds = build(work, count)
            files = [f for f in (site / "search").rglob("*") if f.is_file()]
            disk = sum(f.stat().st_size for f in files)
            found = measure(site)
            sizes = [s for lang in found.values() for s in lang[0]]
            times = [t for lang in found.values() for t in lang[1]]
            print(
                f"| {count} | {lunr / 1e6:.1f} MB | {disk / 1e6:.1f} MB | {len(files)} |"
                f" {statistics.median(sizes) / 1e3:.0f} kB ({max(sizes) / 1e3:.0f} kB) |"
                f" {statistics.median(times):.0f} ms | {seconds:.1f} s |",
                flush=True,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
