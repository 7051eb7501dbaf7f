"""An incremental site build makes the same site, to the byte, as a full build of
the same inputs; after one interview is added it converts no unchanged page.

One archive is published, then changed three ways (an interview added, one
edited, one removed) and published again after each; each time its whole
site/ is compared with a clean full publish of a copy of its inputs (no
site/, no cache, no generated pages).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.structure.pages import Page

from bench.archive import generate
from pipeline.cli import run
from pipeline.site import incremental
from tests.conftest import copy_project

INTERVIEWS = "interviews"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _clean_copy(project: Path, target: Path) -> Path:
    """The project's inputs only: what a fresh clone with the same files holds."""

    def generated(folder: str, names: list[str]) -> set[str]:
        if Path(folder) == project:
            return {"site", ".cache"} & set(names)
        if Path(folder) == project / "docs":
            return {n for n in names if n != "assets"}
        return set()

    shutil.copytree(project, target, ignore=generated)
    return target


def _assert_same_as_full_build(project: Path, reference: Path) -> None:
    assert run(["-C", str(_clean_copy(project, reference)), "publish"]) == 0
    built, full = _tree(project / "site"), _tree(reference / "site")
    assert sorted(built) == sorted(full)
    differing = sorted(name for name in full if built[name] != full[name])
    assert differing == []


def _slug(page: Any) -> str | None:
    """The interview a page shows, or None for other pages."""
    parts = page.file.src_uri.split("/")
    return parts[-1].removesuffix(".md") if INTERVIEWS in parts[:-1] else None


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str | None]]:
    """The pages whose Markdown was converted, and whose theme template was
    rendered, during the builds that follow (their interview's slug)."""
    seen: dict[str, list[str | None]] = {"converted": [], "rendered": []}
    convert, render = Page.render, jinja2.Template.render

    def counted_convert(page: Page, config: Any, files: Any) -> None:
        seen["converted"].append(_slug(page))
        convert(page, config, files)

    def counted_render(template: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        page = args[0].get("page") if args and isinstance(args[0], dict) else None
        if isinstance(page, Page):
            seen["rendered"].append(_slug(page))
        return render(template, *args, **kwargs)

    monkeypatch.setattr(Page, "render", counted_convert)
    monkeypatch.setattr(jinja2.Template, "render", counted_render)
    return seen


def test_incremental_builds_equal_full_builds(
    tmp_path: Path, made: dict[str, list[str | None]]
) -> None:
    project = copy_project(tmp_path / "project")
    generate(project, 3)
    assert run(["-C", str(project), "publish"]) == 0
    slugs = sorted(p.stem for p in (project / "transcripts").iterdir())
    assert made["converted"].count(slugs[0]) == 3  # the first build makes every page

    # One interview added: only its pages and those that list interviews are
    # converted again; only it and its neighbours (rel=prev/next) rendered.
    made["converted"].clear()
    made["rendered"].clear()
    generate(project, 1, start=3)
    added = "interview-0004"
    assert run(["-C", str(project), "publish"]) == 0
    converted = {s for s in made["converted"] if s is not None}
    assert converted == {added} and made["converted"].count(added) == 3
    slugs = sorted(p.stem for p in (project / "transcripts").iterdir())
    at = slugs.index(added)
    rendered = {s for s in made["rendered"] if s is not None}
    assert added in rendered and rendered <= set(slugs[at - 1 : at + 2])
    _assert_same_as_full_build(project, tmp_path / "after-add")

    # One interview edited: a sentence of its answer changes.
    transcript = project / "transcripts" / "interview-0002.txt"
    text = transcript.read_text(encoding="utf-8")
    answer = next(line for line in text.splitlines() if line.startswith("—") and len(line) > 80)
    transcript.write_text(text.replace(answer, answer + " Это предложение добавлено."))
    made["converted"].clear()
    assert run(["-C", str(project), "publish"]) == 0
    assert {s for s in made["converted"] if s is not None} == {"interview-0002"}
    _assert_same_as_full_build(project, tmp_path / "after-edit")
    store = project / incremental.FOLDER
    entries = len(list(store.glob("*.pickle")))

    # One interview removed, with its translations.
    (project / "transcripts" / "interview-0003.txt").unlink()
    for language in ("kk", "en"):
        (project / "translations" / language / "interview-0003.po").unlink()
    assert run(["-C", str(project), "publish"]) == 0
    assert not (project / "site" / INTERVIEWS / "interview-0003").exists()
    _assert_same_as_full_build(project, tmp_path / "after-remove")

    # The store holds the current site only: the removed pages' entries went.
    assert 0 < len(list(store.glob("*.pickle"))) < entries
