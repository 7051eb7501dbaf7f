"""Table-of-contents labels of questions keep every character a reader sees
(pipeline/site/pages.py `question_heading`), through Markdown as MkDocs reads it."""

from __future__ import annotations

import html
import string

import markdown
import pytest

from pipeline.site.markdown import escape
from pipeline.site.pages import question_heading


def toc_label(text: str) -> tuple[str, str]:
    """(the label the table of contents shows, the heading's HTML)."""
    md = markdown.Markdown(extensions=["abbr", "attr_list", "toc"])
    body = md.convert(question_heading(2, escape(text), text))
    [token] = md.toc_tokens
    return html.unescape(token["name"]), body


@pytest.mark.parametrize(
    "text",
    [
        "Russia is one of our country’s main partners?",
        'What does "healthy pragmatism" mean?',
        "Why ЕАЭС & ЕЭК <now>?",
        "Is *this* _markup_ or `code`?",
        "A [link](http://x) {#id .class} \\ backslash?",
        "Тәуелсіз Мемлекеттер Достастығы — «Трансалтай диалогы»?",
        string.punctuation,
    ],
)
def test_a_label_keeps_every_character(text: str) -> None:
    label, body = toc_label(text)
    assert label == f"2. {text}"
    assert body.startswith('<h2 class="question" id="q2">')


def test_a_long_question_is_cut_after_eight_words() -> None:
    label, _ = toc_label("Russia is one of our country’s main partners, isn’t it, today?")
    assert label == "2. Russia is one of our country’s main partners,…"
