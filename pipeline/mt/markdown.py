"""Translating a Markdown file while keeping its structure.

The file is parsed (markdown-it, as mdformat does) and only text is
translated: headings, paragraphs, list items, quotes and link texts. Code
spans and blocks, HTML, link targets and attribute lists such as ``{#q1}``
are kept as they are, and mdformat renders the result back to Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdformat.renderer import MDRenderer

from pipeline.source.segments import split_sentences

Translate = Callable[[list[str]], list[str]]
_ATTRIBUTES = re.compile(r"(\s*\{[#.:][^{}]*\}\s*)")
# What mdformat's renderer reads from the parser's options, as mdformat.text
# sets them with no options, plugins or code formatters: reference labels
# kept on link tokens, so that [text][label] stays a reference.
_MDFORMAT_OPTIONS = {
    "store_labels": True,
    "mdformat": {},
    "parser_extension": [],
    "codeformatters": {},
}


def translate_markdown(text: str, translate: Translate) -> str:
    mdit = MarkdownIt("commonmark", options_update=_MDFORMAT_OPTIONS)
    tokens = mdit.parse(text)
    units: list[tuple[list[str], Callable[[list[str]], None]]] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            units += _units(token.children)
    sentences = [s for unit, _ in units for s in unit]
    translated = iter(translate(sentences) if sentences else [])
    for unit, store in units:
        store([next(translated) for _ in unit])
    rendered: str = MDRenderer().render(tokens, mdit.options, {})
    return rendered


def _units(children: list[Token]) -> list[tuple[list[str], Callable[[list[str]], None]]]:
    """Sentences to translate, each with where its translation goes."""
    texts = [c for c in children if c.type == "text"]
    plain = all(c.type in ("text", "softbreak") for c in children)
    if plain and len(texts) > 1:
        # One paragraph over several lines: translate it as whole sentences.
        joined = " ".join(c.content.strip() for c in texts)
        for c in texts[1:]:
            c.content = ""
        for c in children:
            if c.type == "softbreak":
                c.type, c.content = "text", ""
        return _text_units(texts[0], joined)
    return [u for c in texts for u in _text_units(c, c.content)]


def _text_units(token: Token, content: str) -> list[tuple[list[str], Callable[[list[str]], None]]]:
    parts = _ATTRIBUTES.split(content)
    units: list[tuple[list[str], Callable[[list[str]], None]]] = []
    results: list[Any] = list(parts)
    for n, part in enumerate(parts):
        if n % 2 == 1 or not part.strip():
            continue  # an attribute list, or only spaces: kept
        lead = part[: len(part) - len(part.lstrip())]
        trail = part[len(part.rstrip()) :]

        def store(translated: list[str], n: int = n, lead: str = lead, trail: str = trail) -> None:
            results[n] = lead + " ".join(translated) + trail
            token.content = "".join(results)

        units.append((split_sentences(part.strip()), store))
    return units
