"""MkDocs hook: a page's search sections find their headings in one pass.

Material's search plugin (9.x) looks up each section's heading by walking the
page's table of contents from its start, so a page of n headings costs n²
steps: the glossary page has a heading per term, and 5,000 terms made 37
million steps per build (most of the site build's time). This hook gives the
plugin a table of the page's headings by id, made once per page, which finds
the item the walk found: the first in its order (depth first, an item before
its children).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from material.plugins.search import plugin as search  # type: ignore[import-untyped]


def find_toc_by_id(index: Any, toc: Iterable[Any], anchor: str | None) -> Any:
    """``SearchIndex._find_toc_by_id``, from a table made once per ``toc``."""
    made = getattr(index, "_headings_by_id", None)
    if made is None or made[0] is not toc:  # the toc is kept: its id is never reused
        table: dict[str | None, Any] = {}
        pending = list(toc)[::-1]
        while pending:
            item = pending.pop()
            table.setdefault(item.id, item)
            pending += item.children[::-1]
        made = index._headings_by_id = (toc, table)
    return made[1].get(anchor)


def on_config(config: Any) -> Any:
    search.SearchIndex._find_toc_by_id = find_toc_by_id
    return config
