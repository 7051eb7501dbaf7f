"""Decoding transcripts saved by any editor's tool into one normal form of text."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from pipeline.errors import InputError, Location

# Single-byte Cyrillic encodings that editors' tools still produce. Any byte
# string decodes in both, so the choice is made by how Russian the result looks.
_CYRILLIC_8BIT = ("cp1251", "koi8_r")


def decode_transcript(data: bytes, path: Path) -> str:
    """Return the text of a transcript file with ``\\n`` line ends, NFC-normalised."""
    where = Location(path)
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise InputError("the file is empty", where)
    text = _decode(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    for number, line in enumerate(text.split("\n"), start=1):
        bad = [c for c in line if unicodedata.category(c) == "Cc" and c != "\t"]
        if bad:
            raise InputError(
                f"control character U+{ord(bad[0]):04X} in the text: this looks like a"
                " binary file, not a transcript",
                Location(path, number),
            )
    if not text.strip():
        raise InputError("the file is empty", where)
    return text


def _decode(data: bytes, where: Location) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", where)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, where)
    if b"\x00" in data:
        raise InputError("NUL bytes in the file: this is a binary file, not a transcript", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [data.decode(enc, errors="replace") for enc in _CYRILLIC_8BIT]
    return max(candidates, key=_russian_score)


def _strict(data: bytes, encoding: str, where: Location) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {encoding.upper()}: undecodable byte at offset {e.start}", where
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    # Cyrillic and ASCII text in UTF-16 has a zero in every other byte of
    # ASCII characters and 0x04 in the high byte of Cyrillic ones.
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]

    def high_bytes(b: bytes) -> float:
        return sum(1 for x in b if x in (0, 4)) / len(b)

    if high_bytes(odd) > 0.9 and high_bytes(even) < 0.5:
        return "utf-16-le"
    if high_bytes(even) > 0.9 and high_bytes(odd) < 0.5:
        return "utf-16-be"
    return None


def _russian_score(text: str) -> int:
    # Running Russian text is mostly lower case; the wrong 8-bit code page turns
    # it into mostly upper-case letters (KOI8-R and CP1251 swap the two ranges).
    lower = sum(1 for c in text if "а" <= c <= "я" or c == "ё")
    upper = sum(1 for c in text if "А" <= c <= "Я" or c == "Ё")
    return lower - upper - 10 * text.count("\ufffd")
