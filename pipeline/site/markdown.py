"""Escaping transcript text so that Markdown shows it literally, never as markup."""

from __future__ import annotations

import re

# Characters that start inline markup in Python-Markdown with the extensions we
# enable (attr_list makes braces special). '<' and '&' become entities, because a
# backslash does not escape them.
_INLINE = re.compile(r"([\\`*_\[\]{}#|!])")
# Characters that only matter at the start of a line (lists, quotes, headings).
_LINE_START = re.compile(r"^([-+]|\d+(?=[.)]))")


# Line breaks (those of str.splitlines() too) and the blanks Markdown reads as indentation.
_BLANKS = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
# The other control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def escape(text: str) -> str:
    """Markdown source that renders ``text`` as one line of text, never markup.

    Line breaks and runs of spaces and tabs become one space, as HTML shows
    them anyway: a line break, a blank line or leading spaces in a translation
    would otherwise start a new block (a heading's attributes shown as text, a
    list, a code block). Other spaces (no-break, narrow, ideographic) are text
    and kept inside. Control characters, which no page can show, are left out
    (Markdown itself drops some, which could leave a paragraph empty).
    """
    text = _BLANKS.sub(" ", _CONTROL.sub("", text)).strip()
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
