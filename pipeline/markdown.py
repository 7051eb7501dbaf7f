"""Escaping transcript text so that Markdown shows it literally, never as markup."""

from __future__ import annotations

import re

# Characters that start inline markup in Python-Markdown with the extensions we
# enable (attr_list makes braces special). '<' and '&' become entities, because a
# backslash does not escape them.
_INLINE = re.compile(r"([\\`*_\[\]{}#|!])")
# Characters that only matter at the start of a line (lists, quotes, headings).
_LINE_START = re.compile(r"^([-+]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Markdown source that renders exactly ``text`` (one line, no block markup)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    m = _LINE_START.match(text)
    if m and m.group(1).isdigit():
        # "1." at the start would open an ordered list: escape the dot instead.
        end = m.end()
        return text[:end] + "\\" + text[end:]
    if m:
        return "\\" + text
    return text


def attribute(text: str) -> str:
    """Text for a double-quoted HTML attribute value."""
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
