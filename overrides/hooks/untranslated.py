"""MkDocs hook: the "not yet translated" marker costs one step, however many there are.

A translated page shows each sentence that has no translation yet in the
original, wrapped in a marker (``pipeline/site/pages.py``)::

    <span class="untranslated" title="…"><span class="untranslated__label">[…]</span>
    <span lang="ru">…</span></span>    (one line, a space between the inner spans)

Python-Markdown handles each of its six tags as a separate inline match, and
every inline match rebuilds the paragraph's whole text (and the HTML block
parser walks every tag): a long paragraph of untranslated sentences costs time
quadratic in its length (a 2 MB paragraph took a minute per page). This
extension turns each whole marker into one stored piece of HTML before the block
parser runs, in one linear pass, so inline processing sees a placeholder per
marker and nothing to match. The HTML is what Python-Markdown makes of the
marker: the inner texts are escaped Markdown (``pipeline/site/markdown.py``),
whose backslash escapes stand for the character and whose entities stay.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# The marker exactly as pages.py writes it; its texts hold no '<' (escaped as &lt;).
MARKER = re.compile(
    r'<span class="untranslated" title="(?P<title>[^"<>]*)">'
    r'<span class="untranslated__label">(?P<label>[^<]*)</span> '
    r'<span lang="(?P<lang>[a-z]{2,3})">(?P<text>[^<]*)</span></span>'
)
_ESCAPED = re.compile(r"\\(.)")


class MarkerPreprocessor(Preprocessor):  # type: ignore[misc]  # no type hints
    def run(self, lines: list[str]) -> list[str]:
        return [MARKER.sub(self._stash, line) if "untranslated" in line else line for line in lines]

    def _stash(self, match: re.Match[str]) -> str:
        html = (
            f'<span class="untranslated" title="{match["title"]}">'
            f'<span class="untranslated__label">{self._text(match["label"])}</span> '
            f'<span lang="{match["lang"]}">{self._text(match["text"])}</span></span>'
        )
        placeholder: str = self.md.htmlStash.store(html)
        return placeholder

    def _text(self, markdown_text: str) -> str:
        """Escaped Markdown text as HTML: ``\\*`` is ``*``; entities stay entities."""
        escapable = self.md.ESCAPED_CHARS

        def unescape(m: re.Match[str]) -> str:
            return m[1] if m[1] in escapable else m[0]

        return _ESCAPED.sub(unescape, markdown_text)


class MarkerExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before the HTML block parser (20).
        md.preprocessors.register(MarkerPreprocessor(md), "untranslated_marker", 25)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(MarkerExtension())
    return config
