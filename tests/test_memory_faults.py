"""Issue 9: the translation memory after normal newsroom work (glossary edits,
reviews in a PO editor, renamed transcripts, hand-edited headers).

Machine translation goes through real Argos packages (copy models, tests/modelkit.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.conftest import Cli, sample_corpus
from tests.modelkit import PackageSpec, build_package, train_sentencepiece

MANY_TERMS = (
    "«Российская газета» пишет, что ЕАЭС, ЕЭК, ШОС и «Трансалтайский диалог» работают вместе."
)
TERMS_TRANSCRIPT = f"""---
title: Пять терминов
---
— Что пишет пресса?
— {MANY_TERMS}
"""


@pytest.fixture(scope="module")
def ru_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tokenizer = train_sentencepiece([*sample_corpus(), MANY_TERMS], ["EEC", "EAEU", "SCO"])
    folder = tmp_path_factory.mktemp("memory-models")
    return build_package(folder / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer)


def po_file(project: Path, language: str, slug: str) -> Path:
    return project / "translations" / language / f"{slug}.po"


def test_publish_keeps_working_after_a_glossary_edit(project: Path, cli: Cli) -> None:
    code, _, err = cli(
        "-C", project, "glossary", "add", "declaration", "kind=proper-name",
        "ru.name=Декларация", "en.name=Declaration", "kk.name=Декларация",
    )  # fmt: skip
    assert code == 0, err
    for _ in range(2):
        code, _, err = cli("-C", project, "publish", "--no-site")
        assert code == 0, err
        assert "Traceback" not in err
    assert "0 file(s) written" in err


def test_a_sentence_naming_many_terms_is_translated_once_and_can_be_reviewed(
    ru_en: Path, project: Path, cli: Cli
) -> None:
    assert cli("models", "install", ru_en)[0] == 0
    (project / "transcripts" / "terms.txt").write_text(TERMS_TRANSCRIPT, encoding="utf-8")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "machine-translated 3 sentence(s) into en" in err
    path = po_file(project, "en", "terms")
    assert re.search(r"#\. glossary: .*\n#\. [a-z]", path.read_text())  # a wrapped note
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert (code, "0 file(s) written" in err, "0 model call(s)" in err) == (0, True, True), err
    # The translator reviews it in an editor that wraps at another width.
    po = polib.pofile(str(path), wrapwidth=40)
    [entry] = [e for e in po if e.msgid == MANY_TERMS]
    entry.flags = []
    po.save()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "0 model call(s)" in err
    assert "en: 54 reviewed" in err
    reviewed = path.read_bytes()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert (code, "0 file(s) written" in err) == (0, True), err
    assert path.read_bytes() == reviewed
