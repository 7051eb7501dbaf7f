"""Escaping: whatever a transcript says is shown literally, never as markup."""

from __future__ import annotations

import html
import itertools
import re

import markdown
import pytest
from mkdocs.config import load_config

from pipeline.site.markdown import escape
from pipeline.site.pages import question_heading
from tests.conftest import ROOT

# The site's own Markdown configuration (MkDocs adds tables and fenced code).
CONFIG = load_config(str(ROOT / "mkdocs.yml"))

NASTY = [
    "<script>alert(1)</script>",
    "*жирный* _курсив_ **очень** __тоже__",
    "`код` ``два``",
    "[ссылка](http://example.com) ![картинка](x.png) <http://example.com>",
    "{{ config.site_name }} {% if x %}{% endif %} {#id .class}",
    "&copy; &amp; &#169; &lt;",
    "# не заголовок",
    "## и это нет ##",
    "1. не список",
    "2) и не этот",
    "- не пункт",
    "+ не пункт",
    "* не пункт",
    "> не цитата",
    "    не код",
    "=== не подчёркивание",
    "\\* обратная косая \\\\ черта \\",
    "a | b | c",
    "Казахстан: ә ғ қ ң ө ұ ү һ і — «кавычки»",
    "текст с <!-- комментарием -->",
    "[^1] сноска",
]

SPECIALS = "\\`*_[](){}<>&#!|-+.=~^\"'"


def rendered_text(text: str) -> str:
    """Render an escaped paragraph as pages have them; return its text."""
    out = markdown.markdown(
        f"{text}\n{{.answer}}",
        extensions=CONFIG.markdown_extensions,
        extension_configs=CONFIG.mdx_configs,
    )
    opening = '<p class="answer">'
    assert out.startswith(opening) and out.endswith("</p>"), out
    assert not re.search(r"<(?!/?p)", out), out  # no element but the paragraph
    return html.unescape(out[len(opening) : -4])


@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_renders_literally(text: str) -> None:
    # Paragraphs reach the escaper with their whitespace normalised.
    normalised = " ".join(text.split())
    assert rendered_text(escape(normalised)) == normalised


def test_every_pair_of_markup_characters_renders_literally() -> None:
    for a, b in itertools.product(SPECIALS, repeat=2):
        for text in (f"{a}{b}x{b}{a}", f"x {a}{b} y", f"{a}x{b}"):
            assert rendered_text(escape(text)) == text, text


def test_escaping_keeps_ordinary_text_readable() -> None:
    text = "Транспортно-логистических маршрутов: 5%, 2025 г. — «ЕАЭС»."
    assert escape(text) == text


@pytest.mark.parametrize("text", NASTY)
def test_question_heading_renders_literally_with_a_plain_toc_entry(text: str) -> None:
    normalised = " ".join(text.split())
    md = markdown.Markdown(
        extensions=CONFIG.markdown_extensions, extension_configs=CONFIG.mdx_configs
    )
    out = md.convert(question_heading(3, escape(normalised), normalised))
    heading = re.fullmatch(
        r'<h2 class="question" id="q3">(.*)<a class="headerlink" [^>]*>.*</a></h2>', out
    )
    assert heading is not None, out
    assert html.unescape(heading.group(1)) == normalised
    [token] = md.toc_tokens  # type: ignore[attr-defined]
    assert token["id"] == "q3"
    assert token["name"].startswith("3. ")
    assert "<" not in token["name"]
