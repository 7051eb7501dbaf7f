"""Search sections find their headings in work linear in a page's headings.

Material's search plugin looked up each section's heading by walking the page's
table of contents from its start: n² steps for a page of n headings, and the
glossary page has one per term. The site's hook
(overrides/hooks/search_sections.py) looks them up in a table made once per
page, and finds the item the walk found, for every id, repeated or missing.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
from mkdocs.structure.toc import AnchorLink, TableOfContents

from tests.conftest import ROOT


def _hook() -> Any:
    spec = importlib.util.spec_from_file_location(
        "search_sections_hook", ROOT / "overrides" / "hooks" / "search_sections.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()
# The plugin's own walk, taken when the tests are collected: before any build
# in this process runs the hook (which replaces it).
WALK = SearchIndex._find_toc_by_id


class Heading(AnchorLink):  # type: ignore[misc]
    """A heading that counts how often its id is read."""

    reads = 0

    @property  # type: ignore[override]
    def id(self) -> str:
        Heading.reads += 1
        return self._id  # type: ignore[no-any-return]

    @id.setter
    def id(self, value: str) -> None:
        self._id = value


def glossary_toc(terms: int) -> TableOfContents:
    """A page's headings as the glossary page has them (h1, then a h2 per
    term), with some nested below and one id given twice."""
    top = Heading("Глоссарий", "glossary", 1)
    for n in range(terms):
        term = Heading(f"Термин {n}", f"term-{n}", 2)
        if n % 100 == 0:
            term.children.append(Heading("Примечание", f"note-{n}", 3))
        top.children.append(term)
    top.children.append(Heading("Повтор", "term-7", 2))
    return TableOfContents([top, Heading("После", "after", 1)])


def test_each_section_finds_the_heading_the_walk_found() -> None:
    assert WALK is not HOOK.find_toc_by_id and WALK.__module__ == "material.plugins.search.plugin"
    toc = glossary_toc(300)
    ids = ["glossary", "after", "term-7", "note-200", "missing", None]
    ids += [f"term-{n}" for n in range(0, 300, 7)]
    index = SearchIndex()
    for anchor in ids:
        found = HOOK.find_toc_by_id(index, toc, anchor)
        assert found is WALK(index, toc, anchor), anchor
    assert HOOK.find_toc_by_id(index, toc, "term-7").title == "Термин 7"  # the first
    assert HOOK.find_toc_by_id(index, toc, "missing") is None
    other = glossary_toc(3)  # the next page: its own headings
    assert HOOK.find_toc_by_id(index, other, "term-2") is not toc.items[0].children[2]
    assert HOOK.find_toc_by_id(index, other, "term-2").title == "Термин 2"


def test_a_page_of_5000_headings_reads_each_heading_once() -> None:
    terms = 5000
    toc = glossary_toc(terms)
    index = SearchIndex()
    Heading.reads = 0
    for n in range(terms):  # a section per heading, as on the glossary page
        assert HOOK.find_toc_by_id(index, toc, f"term-{n}").title == f"Термин {n}"
    headings = 2 + terms + terms // 100 + 1
    assert Heading.reads == headings  # the walk read about 12.5 million
