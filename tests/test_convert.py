"""Transcript → Markdown: golden files, encodings, errors."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, Cli

CASES = sorted((Path(__file__).parent / "cases" / "convert").glob("*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_convert_matches_golden_markdown(case: Path, cli: Cli) -> None:
    code, out, err = cli("convert", case)
    assert (code, err) == (0, "")
    assert out == case.with_suffix(".md").read_text(encoding="utf-8")


def _encodings(text: str) -> dict[str, bytes]:
    if any(not c.isascii() and c.encode("koi8_r", "ignore") == b"" for c in text):
        raise ValueError("KOI8-R cannot hold this text")
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16": text.encode("utf-16"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf-16-le-no-bom": text.encode("utf-16-le"),
        "cp1251": text.encode("cp1251"),
        "koi8-r": text.encode("koi8_r"),
        "utf-8-crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cp1251-crlf": text.replace("\n", "\r\n").encode("cp1251"),
        "koi8-r-cr": text.replace("\n", "\r").encode("koi8_r"),
    }


# KOI8-R has no dashes or guillemets: an editor's KOI8-R file uses ASCII ones.
SAMPLE_TEXT = (
    SAMPLE.read_text(encoding="utf-8")
    .replace("—", "-")
    .replace("–", "-")
    .replace("«", '"')
    .replace("»", '"')
)


@pytest.mark.parametrize("encoding", list(_encodings(SAMPLE_TEXT)))
def test_every_encoding_gives_identical_markdown(encoding: str, tmp_path: Path, cli: Cli) -> None:
    reference_file = tmp_path / "reference.txt"
    reference_file.write_text(SAMPLE_TEXT, encoding="utf-8")
    reference = cli("convert", reference_file)[1]
    path = tmp_path / "reference" / "reference.txt"
    path.parent.mkdir()
    path.write_bytes(_encodings(SAMPLE_TEXT)[encoding])
    code, out, err = cli("convert", path)
    assert (code, err) == (0, "")
    assert out == reference
    assert '"Трансалтайский диалог"' in out
    assert len(re.findall(r"\{#q\d+ \.question ", out)) == 7


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "utf-8-sig"])
def test_dashes_and_guillemets_survive_encodings_that_have_them(
    encoding: str, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / SAMPLE.name
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert cli("convert", path)[1] == cli("convert", SAMPLE)[1]


def test_sample_has_seven_question_answer_pairs(cli: Cli) -> None:
    out = cli("convert", SAMPLE)[1]
    anchors = [
        line.rsplit("{#", 1)[1].split()[0] for line in out.splitlines() if line.startswith("## ")
    ]
    assert anchors == [f"q{n}" for n in range(1, 8)]
    assert out.count("{.answer}") == 7


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (
            "Просто текст без вопросов.\n\nИ второй абзац.\n".encode(),
            ":1: no question/answer turns found",
        ),
        ("---\ntitle: Т\n\n— Вопрос?\n— Ответ.\n".encode(), ":1: front matter opened"),
        (
            "---\ntitle: Т\nauthor: Я\n---\n— Вопрос?\n— Ответ.\n".encode(),
            ":3: unknown front matter key 'author'",
        ),
        ("---\ndate: 11.11.2025\n---\n— Вопрос?\n— Ответ.\n".encode(), ":2: 'date' must be a date"),
        (
            "---\nsource: javascript:alert(1)\n---\n— В?\n— О.\n".encode(),
            ":2: 'source' must be an http(s) address",
        ),
        ("---\nslug: ../../etc\n---\n— В?\n— О.\n".encode(), ":2: 'slug' must be"),
        ("---\ntitle: [unclosed\n---\n— В?\n— О.\n".encode(), "front matter:"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "structureless",
        "unclosed-front-matter",
        "unknown-key",
        "bad-date",
        "bad-source",
        "slug-escapes",
        "bad-yaml",
    ],
)
def test_bad_transcript_gives_one_clear_line(
    content: bytes, expected: str, tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / "interview.txt"
    path.write_bytes(content)
    code, out, err = cli("convert", path)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"error: {path}")
    assert expected in err
    assert "Traceback" not in err


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path, cli: Cli) -> None:
    code, _, err = cli("convert", tmp_path / "nope.txt")
    assert code == 1
    assert err.startswith(f"error: {tmp_path / 'nope.txt'}")
