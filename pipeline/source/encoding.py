"""Decoding transcripts saved by any editor's tool into one normal form of text.

The encoding is decided per file, from evidence: a byte order mark; the zero
bytes of UTF-16; valid UTF-8 (a UTF-8 file with a few stray bytes is refused at
those bytes, with their line, instead of being read as something else); for
everything else, Windows-1251 and KOI8-R are both tried and the one whose
result reads as Russian (letter frequencies, the case of letters within words,
no script mixed into a word, no box-drawing or undefined characters) wins. Text
that reads as Russian in no candidate is refused at its worst line.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, Location

# Single-byte Cyrillic encodings that editors' tools still produce. Any byte
# string decodes in both, so the choice is made by how Russian the result looks.
_CYRILLIC_8BIT = {"cp1251": "Windows-1251", "koi8_r": "KOI8-R"}
# Per cent of Russian letters in running text (National Corpus of Russian).
_LETTER_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
         2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
         0.36, 0.32, 0.26, 0.04, 0.04),
        strict=True,
    )
)  # fmt: skip
_LETTER_SCORE = {c: math.log(f / 100 * 33) for c, f in _LETTER_FREQUENCY.items()}
# Ukrainian and Belarusian letters, as in a quoted name: rare, not garbled.
_LETTER_SCORE |= dict.fromkeys("іїєґў", math.log(0.01 / 100 * 33))
# Non-letters an editor's Russian text holds outside ASCII.
_TYPOGRAPHY = "«»„“”‘’‚—–…№•·°§±×€₽₸\u00a0\u00ad‰™©®¦"
# A wrong guess costs this much (in the letter score's units, nats) per word or sign.
_IMPLAUSIBLE = 8.0
_WORD = re.compile(r"[^\W\d_]+")
# How Russian words are capitalised: всё, Всё, ВСЁ, and an abbreviation with a
# case ending (МИДа, ВУЗы).
_CASES = re.compile(r"[а-яёіїєґў]+|[А-ЯЁІЇЄҐЎ][а-яёіїєґў]*|[А-ЯЁІЇЄҐЎ]+[а-яёіїєґў]{0,3}")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # Cc but \t \n; Cs
_STRAY = re.compile(r"[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape gives it
# What the wrong code page makes of Russian, in a text whose letters are
# classed as "l" (small Cyrillic), "U" (capital Cyrillic), "a" (Latin) and "!"
# (a letter of no Russian word, a sign that is neither ASCII nor typography):
# a capital after a small letter, Latin against Cyrillic, capitals running into
# small letters.
_GARBLED_PAIRS = (b"lU", b"al", b"la", b"aU", b"Ua", b"UUllll")
# Three Cyrillic letters in a row that are valid UTF-8: in an 8-bit file, each
# would be a capital Р or С and a sign or rare letter, three times over.
_UTF8_WORD = re.compile(r"[\u0400-\u04ff]{3,}")
# Words that are evidence of Russian: Russian letters, capitalised as usual.
_PLAIN_CASES = re.compile(r"[а-яё]+|[А-ЯЁ][а-яё]*|[А-ЯЁ]+")
# Fewer letters than this say nothing about a code page.
_EVIDENCE = 12
# A UTF-8 file with at most one stray byte per this many valid non-ASCII characters.
_STRAY_RATIO = 4


def decode_transcript(data: bytes, path: Path) -> str:
    """Return the text of a transcript file with ``\\n`` line ends, NFC-normalised."""
    where = Location(path)
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise InputError("the file is empty", where)
    text = _line_ends(_decode(data, path))
    text = unicodedata.normalize("NFC", text)
    check_text(text, path)
    if not text.strip():
        raise InputError("the file is empty", where)
    return text


def check_text(text: str, path: Path, first_line: int = 1, context: str = "") -> None:
    """Refuse control characters and lone surrogates: the one check for all
    transcript text, whether its bytes held them or a YAML escape made them."""
    m = _FORBIDDEN.search(text)
    if m:
        bad = m.group()
        kind = "lone surrogate" if "\ud800" <= bad <= "\udfff" else "control character"
        hint = "" if context else ": this looks like a binary file, not a transcript"
        raise InputError(
            f"{context}{kind} U+{ord(bad):04X} is not text{hint}",
            Location(path, first_line + text.count("\n", 0, m.start())),
        )


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: Path) -> str:
    where = Location(path)
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
    valid = data.decode("utf-8", errors="ignore")
    stray = len(data) - len(valid.encode("utf-8"))  # the bytes that are not UTF-8
    text = _line_ends(data.decode("utf-8", errors="surrogateescape"))
    if len(valid) - len(valid.encode("ascii", errors="ignore")) >= _STRAY_RATIO * stray:
        raise _stray_bytes(text, stray, path)
    pasted = _UTF8_WORD.search(text)
    if pasted:  # an 8-bit file with UTF-8 Russian pasted into it
        raise InputError(
            f"{pasted.group()!r} is UTF-8 but the rest of the file is not: save the whole"
            " file in one encoding (UTF-8)",
            Location(path, text.count("\n", 0, pasted.start()) + 1),
        )
    return _cyrillic_8bit(data, path)


def _stray_bytes(text: str, count: int, path: Path) -> InputError:
    """The error for a UTF-8 file with bytes that are not UTF-8, at the first one."""
    positions = [m.start() for m, _ in zip(_STRAY.finditer(text), range(12), strict=False)]
    lines = [text.count("\n", 0, i) + 1 for i in positions]
    first = positions[0]
    column = first - text.rfind("\n", 0, first)
    byte = ord(text[first]) - 0xDC00
    reading = bytes([byte]).decode("cp1251", errors="replace")
    hint = f" (in Windows-1251 it is {reading!r})" if reading.isprintable() else ""
    more = ", ".join(map(str, sorted(set(lines[1:]))))
    others = f"; {count - 1} more, on line(s) {more}{', …' * (count > 12)}" if count > 1 else ""
    return InputError(
        f"byte 0x{byte:02X} is not UTF-8 although the rest of the file is{hint}{others}:"
        " retype the character(s) there, or save the file as UTF-8 again",
        Location(path, lines[0], column),
    )


@dataclass(frozen=True)
class _Reading:
    encoding: str
    classes: bytes  # each byte as its class (see _GARBLED_PAIRS), lines ending in \n
    score: float  # letter score less a penalty per garbled mark
    letters: int


def _cyrillic_8bit(data: bytes, path: Path) -> str:
    import numpy  # only here: an 8-bit file's bytes are counted at C speed

    counts = numpy.bincount(numpy.frombuffer(data, dtype=numpy.uint8), minlength=256).tolist()
    one_line_end = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    readings = (_read(one_line_end, counts, encoding) for encoding in _CYRILLIC_8BIT)
    best = max(readings, key=lambda r: r.score)
    text = _line_ends(data.decode(best.encoding, errors="replace"))
    line = _implausible_line(text, best)
    if line is not None:
        tried = ", ".join(["UTF-8", *_CYRILLIC_8BIT.values()])
        raise InputError(
            f"this line does not read as Russian in any encoding tried ({tried}):"
            " save the file as UTF-8",
            Location(path, line),
        )
    return text


def _read(data: bytes, counts: list[int], encoding: str) -> _Reading:
    """A candidate reading, scored from the count of each byte and its classes."""
    letters, score, table = 0, 0.0, bytearray(range(256))
    for byte, c in enumerate(bytes(range(256)).decode(encoding, errors="replace")):
        value = _LETTER_SCORE.get(c.lower())
        if value is not None:
            letters += counts[byte]
            score += counts[byte] * value
            table[byte] = ord("l" if c.islower() else "U")
        elif c.isascii():
            table[byte] = ord("a") if c.isalpha() else ord(" ") if c != "\n" else byte
        elif c not in _TYPOGRAPHY:
            table[byte] = ord("!")
        else:
            table[byte] = ord(" ")
    classes = data.translate(table)
    marks = classes.count(b"!") + sum(classes.count(pair) for pair in _GARBLED_PAIRS)
    return _Reading(encoding, classes, score - _IMPLAUSIBLE * marks, letters)


def _implausible_line(text: str, reading: _Reading) -> int | None:
    """The first line with more garbled words and signs than Russian words, or,
    when the whole text reads less like Russian than random letters do, its
    worst line; None when the text reads as Russian."""
    lines = text.split("\n")
    for number, classes in enumerate(reading.classes.split(b"\n"), start=1):
        if b"!" in classes or any(pair in classes for pair in _GARBLED_PAIRS):
            _, good, bad = _line_score(lines[number - 1])
            if bad > good:
                return number
    if reading.score < 0 and reading.letters >= _EVIDENCE:
        return min(range(len(lines)), key=lambda i: _line_score(lines[i])[0]) + 1
    return None


def _line_score(line: str) -> tuple[float, int, int]:
    """The letter score of a line's non-ASCII words (log-likelihood against
    random letters, less a penalty per garbled word or sign), its Russian words
    of two letters or more, and its garbled words and signs."""
    score, good, bad = 0.0, 0, 0
    for c in line:
        if not c.isascii() and not c.isalpha() and c not in _TYPOGRAPHY:
            bad += 1  # box drawing, U+FFFD for an undefined byte, a stray sign
    for word in _WORD.findall(line):
        if word.isascii():
            continue
        lower = word.lower()
        if not _CASES.fullmatch(word) or not all(c in _LETTER_SCORE for c in lower):
            bad += 1  # mixed scripts, or capitals inside a word: a wrong code page
            continue
        # Abbreviations with an ending and Ukrainian letters are Russian, but
        # not evidence for a code page.
        good += len(word) > 1 and _PLAIN_CASES.fullmatch(word) is not None
        score += sum(_LETTER_SCORE[c] for c in lower)
    return score - _IMPLAUSIBLE * bad, good, bad


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
