"""MkDocs hook: the navigation lists the home and glossary pages, not every interview.

Material renders the whole navigation into every page, so listing each
interview would make every page as long as the archive and the build quadratic
in it (at 1,000 interviews, three million navigation entries per build).
Readers reach an interview from its language's home page, which lists them
all, newest first; the language switcher and search reach it too. The pages
are still built; they are only left out of the navigation tree.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# Where the pipeline writes interview pages, below each language's folder
# (pipeline/site/pages.py, interview_path).
INTERVIEWS = "interviews"


def _is_interview(item: Any) -> bool:
    return isinstance(item, Page) and INTERVIEWS in item.file.src_uri.split("/")[:-1]


def _pruned(items: list[Any]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _pruned(item.children)
            if not item.children:
                continue
        elif _is_interview(item):
            continue
        kept.append(item)
    return kept


# After mkdocs-static-i18n (-100) has made each language's navigation.
@event_priority(-110)
def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    nav.items = _pruned(nav.items)
    return nav
