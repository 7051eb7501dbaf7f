"""The lists of every interview (home pages, glossary mentions) cost Markdown
one step each: the site's hook (overrides/hooks/lists.py) hands each to
Python-Markdown as one stored piece of HTML, and the page is the same HTML."""

from __future__ import annotations

import datetime
import importlib.util
import re
from collections import Counter
from typing import Any

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from mkdocs.config import load_config

from pipeline.site.home import render_index
from pipeline.site.mentions import mention_lines
from tests.conftest import ROOT

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
TITLE = "Цена & <никто> не [спорит] *вовсе* — «ЕАЭС»"


def _hook() -> Any:
    spec = importlib.util.spec_from_file_location("lists_hook", ROOT / "overrides/hooks/lists.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()


def home(count: int) -> str:
    entries = [
        (f"i-{n:05d}", datetime.date(2025, 1, 1 + n % 28) if n % 3 else None, f"{TITLE} {n}")
        for n in range(count)
    ]
    summaries = {("kk", f"i-{n:05d}"): f"{TITLE} lede" for n in range(0, count, 2)}
    return render_index(entries, "kk", summaries).markdown.split("---\n", 2)[2]


def glossary(count: int) -> str:
    mentions = {"eaeu": Counter({f"i-{n:05d}": 1 + n % 4 for n in range(count)})}
    titles = {f"i-{n:05d}": f"{TITLE} {n}" for n in range(count)}
    return "\n".join(mention_lines(mentions, titles, "kk")["eaeu"])


def render(source: str, hooked: bool) -> tuple[str, int]:
    """The HTML, and how many lines the HTML block parser was given."""
    extensions = list(CONFIG.markdown_extensions)
    if hooked:
        extensions.append(HOOK.ListExtension())
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIG.mdx_configs)
    parser: Preprocessor = md.preprocessors["html_block"]
    seen = [0]
    original = parser.run

    def counted(lines: list[str]) -> list[str]:
        seen[0] += len(lines)
        return original(lines)

    parser.run = counted  # type: ignore[method-assign]
    return md.convert(source), seen[0]


@pytest.mark.parametrize("page", [home, glossary])
def test_the_hook_changes_no_html_and_hides_the_list_from_the_parser(page: Any) -> None:
    plain, plain_lines = render(page(300), hooked=False)
    hooked, hooked_lines = render(page(300), hooked=True)
    assert re.sub(r"\s+", " ", hooked) == re.sub(r"\s+", " ", plain)
    assert hooked.count("<li>") == 300
    assert "&lt;никто&gt;" in hooked and "*вовсе*" in hooked  # text, not markup
    assert plain_lines >= 300 and hooked_lines < 20


def test_a_list_never_closed_stays_as_written() -> None:
    source = '<ul class="interviews">\n<li>one</li>\n\nText after.\n'
    assert render(source, hooked=True)[0] == render(source, hooked=False)[0]


def test_the_site_config_loads_the_hook() -> None:
    assert "overrides/hooks/lists.py" in [str(h) for h in CONFIG.hooks]
