"""A translation is text: whatever a msgstr holds (line breaks from Shift+Enter
in Poedit, blank lines, leading spaces, list or rule markers after a break), it
renders as one paragraph or heading of text with the site's Markdown
configuration, and a question keeps its anchor."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from pipeline.memory.store import SegmentTranslation, Status
from pipeline.site.pages import render_interview
from pipeline.source.segments import segment
from pipeline.source.transcript import parse_transcript
from tests.conftest import ROOT

# Line breaks and blanks: shown as one space. Other spaces (U+00A0, U+202F, U+3000) are text.
BLANKS = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
# The other control characters: a page cannot show them.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
CONFIG = load_config(str(ROOT / "mkdocs.yml"))
TRANSCRIPT = """---
title: Заголовок интервью
---
Вводный абзац.

— Первый вопрос?
— Первый ответ.
— Второй вопрос?
— Второй ответ.
"""
HOSTILE = [
    "A\nB",
    "x\n\n---\n\n1. item",
    "    four leading spaces",
    "\tтаб и\r\nперевод\rстроки",
    "text\n# heading\n- item\n> quote\n=== \n***",
    "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg\u3000h",
    "\x03",
    "a\x02b\x00c",
    " ",
    "\u00a0\u3000",
    "2025\u202fг. и\u00a0т.\u00a0д.",
    "end of line  \nhard break",
    "\n\n{#q9 .question}\n\n",
    "x\n{: .evil}",
    "1.\n2)\n+\n*\n    code\n```\nfence\n```",
]
WHITESPACE = "\n\r\t \x0b\x0c\x1c\x85\u2028\u2029\u3000\u00a0\u202f"
CONTROL = "\x00\x02\x03\x1b\x7f\x9f"  # not shown (Markdown itself drops \x02, \x03)
TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"), st.sampled_from(WHITESPACE + CONTROL + "-#>*+=`{}.1) ")
    ),
    max_size=40,
)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), []))

    def handle_data(self, data: str) -> None:
        if self.elements:
            self.elements[-1][2].append(data)


def rendered_page(translation: str) -> list[tuple[str, str | None, str | None, str]]:
    """(tag, id, class, text) of each element of the translated interview page."""
    document = parse_transcript(TRANSCRIPT, Path("/newsroom/transcripts/x.txt"))
    segments = segment(document)
    translations = {s.id: SegmentTranslation(translation, Status.REVIEWED) for s in segments}
    page = render_interview(document, segments, "en", translations, notice=False).markdown
    _, head, body = page.split("---\n", 2)
    title = re.fullmatch(r"title: (.*)\n", head)
    assert title is not None, head
    md = markdown.Markdown(
        extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs
    )
    parser = Page()
    parser.feed(md.convert(body))
    return [(t, a.get("id"), a.get("class"), "".join(d)) for t, a, d in parser.elements]


def check(translation: str) -> None:
    shown = BLANKS.sub(" ", CONTROLS.sub("", translation)).strip()
    elements = rendered_page(translation)
    blocks = [e for e in elements if e[0] not in ("a", "span")]  # anchors, the marker
    assert [(tag, css) for tag, _, css, _ in blocks] == [
        ("h1", None),
        ("p", "lede"),
        ("h2", "question"),
        ("p", "answer"),
        ("h2", "question"),
        ("p", "answer"),
    ], elements
    assert [id_ for tag, id_, _, _ in blocks if tag == "h2"] == ["q1", "q2"]
    if shown:
        for element in blocks:
            assert html.unescape(element[3]).strip() == shown, (element, elements)
    else:  # a blank translation shows the original, marked as not translated
        markers = [e for e in elements if e[2] == "untranslated__label"]
        assert len(markers) == 6, elements


@pytest.mark.parametrize("translation", HOSTILE)
def test_a_translation_renders_as_one_paragraph_of_text(translation: str) -> None:
    check(translation)


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(TEXT)
@example("A\nB")
def test_any_translation_renders_as_text_in_its_place(translation: str) -> None:
    check(translation)
