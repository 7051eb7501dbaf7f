"""Reading a PO file exactly: its charset as the header names it, and nothing
polib would silently misread or change on rewrite (an unclosed quote, an escape
it does not know)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import polib

from pipeline.errors import InputError, Location

WRAP_WIDTH = 78
_CHARSET = re.compile(rb'"Content-Type:[^"]*?charset=([^"\\\s;]*)', re.IGNORECASE)


def read_po(path: Path) -> polib.POFile:
    """The PO file at ``path``, parsed; an ``InputError`` with the line if it is
    malformed or its header's charset is not how the file is saved."""
    if not path.is_file():  # reading a named pipe would wait for ever
        what = "a symlink to nothing" if path.is_symlink() and not path.exists() else "not a file"
        raise InputError(f"{what}: a translation file must be a PO file", Location(path))
    data = path.read_bytes()
    # Line ends as any editor saves them: a file saved with CR alone (classic
    # Mac OS) would otherwise be one comment line, and every entry in it lost.
    text = _decode(data.removeprefix(codecs.BOM_UTF8), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_syntax(text, path)
    try:
        # The file's lines, not text.splitlines(): that also splits at U+2028,
        # U+001E and the like, which polib writes unescaped inside strings.
        return polib.pofile(_Lines(text), wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as e:
        m = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(e))
        line = int(m.group(1)) if m else None
        detail = (m.group(2) if m else None) or "syntax error"
        raise InputError(f"malformed PO file: {detail}", Location(path, line)) from None


def _decode(data: bytes, path: Path) -> str:
    """The text in the charset the header names (UTF-8 when it names none).

    Every 8-bit charset decodes any bytes, so a header that names one for a
    file saved as UTF-8 would give mojibake: that mismatch is refused.
    """
    name, line = _declared_charset(data)
    where = Location(path, line)
    try:
        codec = codecs.lookup(name or "utf-8")
    except LookupError:
        raise InputError(
            f"header names an unknown charset {name!r}: save the file as UTF-8"
            " and write charset=UTF-8",
            where,
        ) from None
    if codec.name != "utf-8":
        if not _ascii_compatible(codec):
            raise InputError(f"header says charset={name}, but the file is not saved so", where)
        if not data.isascii() and _is_utf8(data):
            raise InputError(
                f"header says charset={name}, but the file is saved as UTF-8:"
                " correct the header to charset=UTF-8",
                where,
            )
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as e:
        bad = Location(path, data.count(b"\n", 0, e.start) + 1)
        raise InputError(
            f"byte 0x{data[e.start]:02X} is not {codec.name.upper()}, the header's charset"
            f" ({name or 'none: UTF-8'}): save the file as UTF-8",
            bad,
        ) from None


def _declared_charset(data: bytes) -> tuple[str | None, int | None]:
    """The charset the header entry (the file's first entry) names, and its line."""
    started = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.strip()
        if not line:
            if started:
                break
            continue
        started = started or not line.startswith(b"#")
        m = _CHARSET.search(line)
        if m:
            return m.group(1).decode("ascii", "replace"), number
    return None, None


def _ascii_compatible(codec: codecs.CodecInfo) -> bool:
    sample = 'msgid "" Content-Type charset'
    try:
        return sample.encode(codec.name) == sample.encode("ascii")
    except (UnicodeError, LookupError):
        return False


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Lines(str):
    """PO text that polib reads line by line at ``\\n`` only (it calls
    ``splitlines`` on content it is given)."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        lines = self.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        return [line + "\n" for line in lines] if keepends else lines


_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    rf"(?:#(?:~\|?|\|) *)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) +)?{_STRING}\s*"
)
# The escapes polib reads back as what they stand for; it would write any other
# (gettext's \a, \', octal, hex, or an invalid \q) back changed, as "\\q".
_ESCAPE = re.compile(r"\\(.?)")
_KNOWN_ESCAPES = '\\"ntrvbf'


def _check_syntax(text: str, path: Path) -> None:
    """Reject what polib would silently misread or rewrite."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            continue
        if stripped not in ("#~", "#|") and not _PO_LINE.fullmatch(stripped):
            raise InputError(
                f"malformed PO file: cannot read {stripped[:40]!r} (a missing quote or keyword?)",
                Location(path, number),
            )
        escapes = _ESCAPE.finditer(stripped)
        unknown = next((m for m in escapes if not m[1] or m[1] not in _KNOWN_ESCAPES), None)
        if unknown is not None:
            raise InputError(
                f"malformed PO file: unknown escape '{unknown[0]}' in a string: write the"
                " character itself, or '\\\\' for a backslash",
                Location(path, number),
            )
