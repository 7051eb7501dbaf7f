"""Transcripts that are not interviews, or not text at all: each is one line
naming the file (and the line, where there is one) and the problem, exit 1, no
traceback, and a publish that meets one writes nothing. A very long transcript
is converted whole."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Cli, copy_project, snapshot


def _word(path: Path) -> bytes:
    import docx

    document = docx.Document()
    for text in ("— Откуда экспонаты?", "— Принесли жители."):
        document.add_paragraph(text)
    document.save(str(path))
    return path.read_bytes()


def _damaged_word(tmp_path: Path, change: str) -> bytes:
    """A real Word file with its document part cut short, removed or made bad XML."""
    real = tmp_path / "real.docx"
    _word(real)
    out = tmp_path / "damaged.docx"
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                if change == "missing":
                    continue
                data = data[: len(data) // 2] if change == "cut" else b"<w:document><<"
            target.writestr(name, data)
    return out.read_bytes()


_JUNK = bytes(random.Random(7).randrange(128, 256) for _ in range(4000))

# name → (file name, bytes or a maker, the problem the line names (a regular
# expression), its line or None)
HOSTILE = {
    "empty": ("t.txt", b"", "the file is empty", None),
    "blank-lines-and-a-bom": ("t.txt", b"\xef\xbb\xbf\r\n \t\r\n", "the file is empty", None),
    "only-a-headline": (
        "t.txt",
        "Интервью с директором заповедника\n".encode(),
        "no question/answer turns found",
        1,
    ),
    "only-dashes": ("t.txt", "—\n—\n\n– –\n--\n- - -\n".encode(), "but no words", 4),
    "only-labels": (
        "t.txt",
        "Корр.:\n\nИванов:\n".encode("cp1251"),
        "questions but no answers found",
        3,
    ),
    "binary-with-nul": ("t.txt", bytes(range(256)) * 8, "binary file", None),
    # Random bytes in 0x80-0xFF are mostly Cyrillic letters in Windows-1251: they
    # may read as (meaningless) Russian, then hold no interview.
    "binary-high-bytes": ("t.txt", _JUNK, "does not read as Russian|no question/answer turns", 1),
    "pdf-named-txt": ("t.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document", None),
    "rtf-named-txt": ("t.txt", b"{\\rtf1\\ansi\\ansicpg1251 \\'c2\\'ee\\par}", "RTF", None),
    "old-word-named-txt": (
        "t.txt",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        r"\.doc",
        None,
    ),
    "docx-named-txt": ("t.txt", _word, "a ZIP archive", None),
    "web-page-named-txt": (
        "t.txt",
        "\ufeff<!DOCTYPE html>\n<html><body><p>— Вопрос?</p><p>— Ответ.</p>".encode(),
        r"a web page \(HTML\)",
        None,
    ),
    "docx-not-a-zip": ("t.docx", "— Вопрос?\n— Ответ.\n".encode(), "not a Word .docx", None),
    "docx-another-zip": ("t.docx", "odt", "not a Word .docx", None),
    "docx-cut-short": ("t.docx", b"PK\x03\x04\x14\x00\x00\x00", "not a Word .docx", None),
    "docx-xml-cut": ("t.docx", "cut", "not a Word .docx", None),
    "docx-xml-broken": ("t.docx", "broken", "not a Word .docx", None),
    "docx-no-document": ("t.docx", "missing", "not a Word .docx", None),
    "odt-not-a-zip": ("t.odt", b"plain text", "not an OpenDocument .odt", None),
}


def _bytes(spec: object, tmp_path: Path) -> bytes:
    if callable(spec):
        return bytes(spec(tmp_path / "made.docx"))
    if spec == "odt":
        path = tmp_path / "other.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("content.xml", "<a/>")
        return path.read_bytes()
    if isinstance(spec, str):
        return _damaged_word(tmp_path, spec)
    assert isinstance(spec, bytes)
    return spec


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_transcript_is_one_line_with_file_and_line(
    name: str, tmp_path: Path, cli: Cli
) -> None:
    file_name, spec, problem, line = HOSTILE[name]
    path = tmp_path / "in" / file_name
    path.parent.mkdir()
    path.write_bytes(_bytes(spec, tmp_path))
    code, out, err = cli("convert", path)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err, err
    where = f"error: {path}:{line}: " if line else f"error: {path}: "
    assert err.startswith(where), err
    assert re.search(problem, err), err


@pytest.mark.parametrize("name", ["only-dashes", "docx-xml-broken", "pdf-named-txt"])
def test_a_publish_that_meets_one_writes_nothing(name: str, tmp_path: Path, cli: Cli) -> None:
    project = copy_project(tmp_path / "project")
    file_name, spec, problem, _ = HOSTILE[name]
    path = project / "transcripts" / ("zz-hostile" + Path(file_name).suffix)
    path.write_bytes(_bytes(spec, tmp_path))
    before = snapshot(project)
    code, _, err = cli("-C", project, "publish", "--no-site")
    assert code == 1 and re.search(problem, err) and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors and errors[0].startswith(f"error: {path}"), err
    assert snapshot(project) == before


def test_a_hundred_thousand_line_transcript_is_converted_whole(tmp_path: Path, cli: Cli) -> None:
    """Work linear in the text: each question is looked at once (bench/convert.py
    measures it); before, every question rescanned the blocks before it."""
    lines = [
        f"— Вопрос номер {n}?" if n % 2 == 0 else f"— Ответ номер {n}." for n in range(100_000)
    ]
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")
    anchors = re.findall(r"\{#q(\d+) \.question ", out)
    assert anchors == [str(n) for n in range(1, 50_001)]
    assert out.count("{.answer}") == 50_000
    assert "Ответ номер 99999." in out
