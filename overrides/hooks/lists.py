"""MkDocs hook: the lists of every interview cost one step each, however long.

The home pages and the glossary list every interview of the archive (thousands
of items, ``pipeline/site/home.py`` and ``mentions.py``). They are written as
HTML, between a line that opens them (``<ul class="interviews">``) and one that
closes them (``</ul>``), so Python-Markdown has nothing to convert in them; but
its HTML block parser would still walk every tag of every item, on each publish
that adds an interview. This extension hands each list to Python-Markdown as one
stored piece of HTML before the block parser runs, as it is written.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPENING = '<ul class="interviews">'
CLOSING = "</ul>"


class ListPreprocessor(Preprocessor):  # type: ignore[misc]  # no type hints
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        start = None
        for i, line in enumerate(lines):
            if start is None and line == OPENING:
                start = i
            elif start is None:
                out.append(line)
            elif line == CLOSING:
                placeholder: str = self.md.htmlStash.store("\n".join(lines[start : i + 1]))
                out += ["", placeholder, ""]
                start = None
        return out if start is None else [*out, *lines[start:]]  # never closed: as written


class ListExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before the HTML block parser (20).
        md.preprocessors.register(ListPreprocessor(md), "interview_lists", 26)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(ListExtension())
    return config
