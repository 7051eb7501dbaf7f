"""Interviews the last publish left as they are now are not read again
(pipeline/settled.py): a publish reads, translates, checks and renders only
what changed, and says and writes exactly what a publish without the cache's
records says and writes, whatever changed."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from pipeline import cache, plan
from pipeline.memory import store
from pipeline.site import pages
from pipeline.source import transcript
from tests.conftest import (
    SAMPLE_SLUG,
    Cli,
    count_calls,
    publish_pages,
    published,
    sample_corpus,
)
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

SECOND = "---\ntitle: Второе интервью\ndate: 2025-03-0{day}\nimage: images/photo.png\n---\n\n"
SECOND += "— Что дальше для ЕАЭС?\n\n— ЕАЭС будет расти.\n"
THIRD = "---\ntitle: Без даты\n---\n\n— Как дела у ЕАЭС?\n\n— Хорошо, ЕАЭС работает.\n"
# A tiny PNG: link previews copy it into the site.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def archive(project: Path, cli: Cli) -> Path:
    """The sample and two more interviews (one with a picture, one undated),
    published once: the next publish finds what this one made settled."""
    (project / "images").mkdir()
    (project / "images" / "photo.png").write_bytes(PNG)
    (project / "transcripts" / "second.txt").write_text(SECOND.format(day=1), encoding="utf-8")
    (project / "transcripts" / "third.txt").write_text(THIRD, encoding="utf-8")
    publish_pages(project, cli)
    return project


def _relative(files: dict[Path, bytes], root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): b for p, b in files.items()}


def _same_as_without_records(project: Path, cli: Cli, tmp_path: Path) -> tuple[int, str]:
    """Publish ``project`` and a copy of it without the publish cache: the same
    exit code, summary and files. The summary, for more checks."""
    twin = tmp_path / "twin"
    shutil.copytree(project, twin, symlinks=True)
    shutil.rmtree(twin / cache.FOLDER)
    code, out, err = cli("-C", project, "publish", "--no-site")
    twin_code, twin_out, twin_err = cli("-C", twin, "publish", "--no-site")
    assert (code, out, err.replace(str(project), "ROOT")) == (
        twin_code,
        twin_out,
        twin_err.replace(str(twin), "ROOT"),
    )
    assert _relative(published(project), project) == _relative(published(twin), twin)
    return code, err


def _edit_translation(project: Path) -> None:
    path = project / "translations" / "en" / f"{SAMPLE_SLUG}.po"
    po = polib.pofile(str(path))
    next(e for e in po if e.msgstr and not e.obsolete).msgstr = "Rewritten by the translator."
    po.save()


def _edit_glossary(project: Path) -> None:
    path = project / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Eurasian Economic Union", "Eurasian Economic Union (EU)", 1))


CHANGES: dict[str, Callable[[Path], object]] = {
    "nothing": lambda p: None,
    "an interview added": lambda p: (p / "transcripts" / "fourth.txt").write_text(
        THIRD.replace("Без даты", "Четвёртое"), encoding="utf-8"
    ),
    "a transcript edited": lambda p: (p / "transcripts" / "second.txt").write_text(
        SECOND.format(day=2), encoding="utf-8"
    ),
    "a translation edited": _edit_translation,
    "a page deleted": lambda p: (p / "docs" / "kk" / "interviews" / "third.md").unlink(),
    "a page edited": lambda p: (p / "docs" / "en" / "interviews" / "second.md").write_text("x"),
    "a PO file deleted": lambda p: (p / "translations" / "kk" / "third.po").unlink(),
    "the glossary edited": _edit_glossary,
    "mkdocs.yml edited": lambda p: (p / "mkdocs.yml").write_text(
        (p / "mkdocs.yml").read_text(encoding="utf-8").replace("site_name:", "site_name: X", 1)
    ),
    "a picture replaced": lambda p: (p / "images" / "photo.png").write_bytes(PNG + b"\0"),
    "a picture copy deleted": lambda p: shutil.rmtree(p / "docs" / "media"),
    "a transcript removed": lambda p: (p / "transcripts" / "third.txt").unlink(),
    "a transcript renamed": lambda p: (p / "transcripts" / "third.txt").rename(
        p / "transcripts" / "renamed.txt"
    ),
    "a page name taken": lambda p: (p / "transcripts" / "a-third.txt").write_text(
        THIRD.replace("---\n\n", "slug: third\n---\n\n", 1), encoding="utf-8"
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_publish_with_records_is_a_publish_without(
    archive: Path, cli: Cli, tmp_path: Path, change: str
) -> None:
    CHANGES[change](archive)
    code, _ = _same_as_without_records(archive, cli, tmp_path / "changed")
    assert (code != 0) == (change == "a page name taken")
    # The records this publish made of what it wrote: publishing is idempotent.
    _same_as_without_records(archive, cli, tmp_path / "next")


STEPS = [
    ("read_transcript", transcript, "read_transcript"),
    ("load_memory", store, "load_memory"),
    ("update_memory", plan, "update_memory"),
    ("fill_gaps", plan, "fill_gaps"),
    ("check_pages", plan, "check_pages"),
    ("render_interview", pages, "render_interview"),
]


def test_an_added_interview_is_the_only_one_read(
    archive: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_calls(monkeypatch, STEPS)
    publish_pages(archive, cli)
    assert calls == Counter(), calls  # everything settled: nothing read
    CHANGES["an interview added"](archive)
    publish_pages(archive, cli)
    # The new interview: one transcript, its two memories looked for (none yet)
    # and made, translated and checked in one group, three pages.
    assert calls == Counter(
        read_transcript=1,
        load_memory=2,
        update_memory=2,
        fill_gaps=1,
        check_pages=1,
        render_interview=3,
    ), calls
    assert "Четвёртое" in (archive / "docs" / "ru" / "index.md").read_text(encoding="utf-8")


def test_a_settled_gap_is_translated_once_a_model_is_installed(
    archive: Path, cli: Cli, tmp_path: Path
) -> None:
    """No model: the third interview's sentences stay untranslated, and settled;
    a model installed makes them gaps to fill again."""
    third = (archive / "translations" / "en" / "third.po").read_text(encoding="utf-8")
    assert 'msgstr ""\n\n' in third
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU"])
    package = build_package(tmp_path / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer)
    assert cli("models", "install", package)[0] == 0
    _, summary = _same_as_without_records(archive, cli, tmp_path)
    assert "machine-translated" in summary
    assert (archive / "translations" / "en" / "third.po").read_text(encoding="utf-8") != third


def test_machine_translations_of_a_replaced_model_are_reported_as_without_records(
    archive: Path, cli: Cli, tmp_path: Path
) -> None:
    """Settled machine translations are counted against the model installed
    now, as a publish that reads them counts them; RETRANSLATE=1 reads them."""
    tokenizer = train_sentencepiece(sample_corpus(), ["ЕАЭС", "EAEU"])
    first = build_package(tmp_path / "a.argosmodel", PackageSpec("ru", "en"), tokenizer)
    assert cli("models", "install", first)[0] == 0
    publish_pages(archive, cli)  # English machine translations by ru→en 1.0, settled
    spec = PackageSpec("ru", "en", version="2.0")
    assert (
        cli("models", "install", build_package(tmp_path / "b.argosmodel", spec, tokenizer))[0] == 0
    )
    _, summary = _same_as_without_records(archive, cli, tmp_path / "replaced")
    assert "made by other models than argos ru→en 2.0" in summary
    code, _, err = cli("-C", archive, "publish", "--no-site", "--retranslate-machine")
    assert code == 0, err
    _, summary = _same_as_without_records(archive, cli, tmp_path / "retranslated")
    assert "other models" not in summary
