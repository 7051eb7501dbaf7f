"""Issue 9: the translation memory after normal newsroom work (glossary edits,
reviews in a PO editor, renamed transcripts, hand-edited headers).

Machine translation goes through real Argos packages (copy models, tests/modelkit.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.conftest import SAMPLE_SLUG, Cli, sample_corpus, snapshot
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


# -- what a translator's file says is what is read (issue 9.14, 9.16) ------------


def header_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith('"Content-Type:'))


def refused(project: Path, cli: Cli, path: Path, line: int, words: str) -> None:
    before = snapshot(project)
    code, out, err = cli("-C", project, "publish", "--no-site")
    assert (code, out) == (1, ""), err
    assert err == f"error: {path}:{line}: {err.split(': ', 2)[2]}"  # one line, file and line
    assert err.count("\n") == 1 and words in err, err
    assert snapshot(project) == before  # nothing written


@pytest.mark.parametrize(
    ("charset", "words"),
    [
        ("KOI8-R", "header says charset=KOI8-R, but the file is saved as UTF-8"),
        ("CP1251", "header says charset=CP1251, but the file is saved as UTF-8"),
        ("CHARSET", "unknown charset 'CHARSET'"),
        ("x-no-such-charset", "unknown charset 'x-no-such-charset'"),
        ("UTF-16", "header says charset=UTF-16, but the file is not saved so"),
    ],
)
def test_a_header_charset_that_lies_is_refused_with_its_line(
    project: Path, cli: Cli, charset: str, words: str
) -> None:
    path = po_file(project, "en", SAMPLE_SLUG)
    path.write_text(path.read_text().replace("charset=UTF-8", f"charset={charset}"))
    refused(project, cli, path, header_line(path), words)


def test_bytes_that_are_not_the_header_charset_are_refused_with_their_line(
    project: Path, cli: Cli
) -> None:
    path = po_file(project, "en", SAMPLE_SLUG)
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1251"))  # the header still says UTF-8
    first = next(n for n, line in enumerate(text.split("\n"), 1) if not line.isascii())
    refused(project, cli, path, first, "is not UTF-8, the header's charset")


def test_a_file_in_the_charset_its_header_names_is_read_and_written_as_utf8(
    project: Path, cli: Cli
) -> None:
    path = po_file(project, "en", SAMPLE_SLUG)
    shipped = path.read_bytes()
    text = shipped.decode("utf-8").replace("charset=UTF-8", "charset=windows-1251")
    path.write_bytes(text.encode("cp1251"))
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "en: 53 reviewed" in err
    assert path.read_bytes() == shipped  # UTF-8 again, the header saying so


@pytest.mark.parametrize("escape", ["\\q", "\\a", "\\'", "\\101", "\\x41", "\\ "])
def test_a_reviewed_translation_with_an_unknown_escape_is_refused_not_changed(
    project: Path, cli: Cli, escape: str
) -> None:
    path = po_file(project, "en", SAMPLE_SLUG)
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith('msgstr "Kazakhstan'))
    lines[line - 1] = lines[line - 1].replace("Kazakhstan", f"Kazakhstan{escape}", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    refused(project, cli, path, line, f"unknown escape '{escape[:2]}'")


def test_known_escapes_in_a_reviewed_translation_are_kept_byte_for_byte(
    project: Path, cli: Cli
) -> None:
    path = po_file(project, "en", SAMPLE_SLUG)
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith('msgstr "Kazakhstan'))
    path.write_text(text.replace(title, 'msgstr "\\\\q \\"Kazakhstan\\" \\t"'), encoding="utf-8")
    edited = path.read_bytes()
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert path.read_bytes() == edited


# -- a renamed transcript keeps its translations (issue 9.7) -----------------------


def rename_sample(project: Path, new: str, edit: str | None = None) -> None:
    old = project / "transcripts" / f"{SAMPLE_SLUG}.txt"
    text = old.read_text(encoding="utf-8")
    (project / "transcripts" / f"{new}.txt").write_text(edit or text, encoding="utf-8")
    old.unlink()


def entries(path: Path) -> list[tuple[str, str, str, list[str]]]:
    return [(e.msgctxt, e.msgid, e.msgstr, e.flags) for e in polib.pofile(str(path))]


def test_a_renamed_transcript_keeps_its_reviewed_translations(
    ru_en: Path, project: Path, cli: Cli
) -> None:
    assert cli("models", "install", ru_en)[0] == 0  # would replace reviewed text if used
    before = {lang: po_file(project, lang, SAMPLE_SLUG).read_bytes() for lang in ("en", "kk")}
    rename_sample(project, "renamed")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "0 model call(s)" in err
    assert "kk: 53 reviewed, 0 machine" in err and "en: 53 reviewed, 0 machine" in err
    for lang in ("en", "kk"):
        old, new = po_file(project, lang, SAMPLE_SLUG), po_file(project, lang, "renamed")
        assert old.read_bytes() == before[lang]  # kept as it was
        assert entries(new) == entries(old)
        assert polib.pofile(str(new)).metadata["X-Source"] == "transcripts/renamed.txt"
        assert (
            f"translations/{lang}/{SAMPLE_SLUG}.po: its translations carried over to"
            f" translations/{lang}/renamed.po (53 of the 53 sentences match" in err
        )
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert (code, "0 file(s) written" in err) == (0, True), err
    assert (
        f"translations/en/{SAMPLE_SLUG}.po: no transcript uses it; its reviewed translations"
        " are in translations/en/renamed.po" in err
    )


def test_a_renamed_and_edited_transcript_keeps_its_translations(project: Path, cli: Cli) -> None:
    text = (project / "transcripts" / f"{SAMPLE_SLUG}.txt").read_text(encoding="utf-8")
    rename_sample(project, "edited", text.replace("Декларации", "Декларации (проект)", 1))
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "en: 52 reviewed, 0 machine, 1 need review after a source change" in err
    assert "(52 of the 53 sentences match" in err


def test_an_orphaned_translation_file_is_reported_and_kept(project: Path, cli: Cli) -> None:
    before = {lang: po_file(project, lang, SAMPLE_SLUG).read_bytes() for lang in ("en", "kk")}
    rename_sample(project, "other", "— Совсем другой вопрос?\n— Совсем другой ответ.\n")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    for lang in ("en", "kk"):
        assert (
            f"warning: translations/{lang}/{SAMPLE_SLUG}.po: no transcript uses it; its 53"
            " reviewed translation(s) are not on the site. It is kept" in err
        )
        assert po_file(project, lang, SAMPLE_SLUG).read_bytes() == before[lang]
    assert "en: 0 reviewed, 0 machine, 0 need review after a source change, 3 not" in err


def test_a_rename_published_before_this_fix_gets_its_reviewed_translations_back(
    ru_en: Path, project: Path, cli: Cli, tmp_path: Path
) -> None:
    assert cli("models", "install", ru_en)[0] == 0
    rename_sample(project, "renamed")
    for lang in ("en", "kk"):  # as if the old files had not been there: machine output
        po_file(project, lang, SAMPLE_SLUG).rename(tmp_path / f"{lang}.po")
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0 and "en: 0 reviewed, 53 machine" in err, err
    for lang in ("en", "kk"):
        (tmp_path / f"{lang}.po").rename(po_file(project, lang, SAMPLE_SLUG))
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 0, err
    assert "en: 53 reviewed, 0 machine" in err and "kk: 53 reviewed, 0 machine" in err
    assert "0 model call(s)" in err
