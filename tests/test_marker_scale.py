"""A long paragraph of untranslated sentences renders in work linear in its length.

Each untranslated sentence is wrapped in the "not yet translated" marker; the
site's hook (overrides/hooks/untranslated.py) hands each marker to Python-Markdown
as one stored piece of HTML, so its inline processing, which rebuilds a
paragraph's text at every match, finds nothing to match however long the
paragraph is, and the page is the same HTML as without the hook.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config

from pipeline.site.pages import render_interview
from pipeline.source.segments import segment
from pipeline.source.transcript import parse_transcript
from tests.conftest import ROOT

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SENTENCES = ["Цена выросла на 5% (см. *таблицу*) & <никто> не [спорит]!", "А_б `в` #г {д}."]


def _hook() -> Any:
    spec = importlib.util.spec_from_file_location(
        "untranslated_hook", ROOT / "overrides" / "hooks" / "untranslated.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()


def untranslated_page(sentences: int) -> str:
    """The English page of an interview: one answer of ``sentences`` sentences, none translated."""
    answer = " ".join(SENTENCES[n % 2] for n in range(sentences))
    transcript = f"---\ntitle: Заголовок *интервью*\n---\n\n— Вопрос?\n— {answer}\n"
    document = parse_transcript(transcript, Path("/newsroom/transcripts/x.txt"))
    segments = segment(document)
    page = render_interview(document, segments, "en", {}, notice=False).markdown
    return page.split("---\n", 2)[2]


def render(source: str, hooked: bool) -> tuple[str, Counter[str]]:
    """The HTML and how many inline matches each inline pattern handled."""
    extensions = list(CONFIG.markdown_extensions)
    if hooked:
        extensions.append(HOOK.MarkerExtension())
    md = markdown.Markdown(extensions=extensions, extension_configs=CONFIG.mdx_configs)
    matches: Counter[str] = Counter()
    for name in [p.name for p in md.inlinePatterns._priority]:
        pattern = md.inlinePatterns[name]
        original = pattern.handleMatch

        def counted(m: Any, *args: Any, _original: Any = original, _name: str = name) -> Any:
            matches[_name] += 1
            return _original(m, *args)

        pattern.handleMatch = counted  # type: ignore[method-assign]
    return md.convert(source), matches


@pytest.mark.parametrize("sentences", [2, 40])
def test_the_hook_changes_no_html(sentences: int) -> None:
    source = untranslated_page(sentences)
    plain, _ = render(source, hooked=False)
    hooked, _ = render(source, hooked=True)
    assert hooked == plain
    assert hooked.count('class="untranslated"') == sentences + 2  # the title and the question


def test_inline_work_does_not_grow_with_the_paragraph() -> None:
    _, few = render(untranslated_page(10), hooked=True)
    _, many = render(untranslated_page(2000), hooked=True)
    _, unhooked = render(untranslated_page(10), hooked=False)
    # Without the hook every marker is six inline matches, each a rebuild of the paragraph.
    assert sum(unhooked.values()) >= 6 * 10
    assert many == few
    assert sum(many.values()) < 10


def test_the_site_config_loads_the_hook() -> None:
    assert "overrides/hooks/untranslated.py" in [str(h) for h in CONFIG.hooks]
    config = load_config(str(ROOT / "mkdocs.yml"))
    HOOK.on_config(config)
    assert isinstance(config.markdown_extensions[-1], HOOK.MarkerExtension)
