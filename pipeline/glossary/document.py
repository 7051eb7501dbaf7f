"""glossary.yaml as a YAML document: read fast for a run, round-tripped for edits.

Edits made by the CLI (glossary add/set) go through ruamel.yaml's round trip,
which keeps comments, order and quoting. Every other reader only needs the
values and where each one is (for the validation's line:column), so it parses
with libyaml (ruamel.yaml.clibz) into the same round-trip types, positions
included, without collecting comments: about five times faster on a
5,000-term glossary (bench/glossary.py). A file the fast parser cannot read is
read again the round-trip way, whose message and position are the ones the
user sees, so both ways report the same errors.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import Reader, ReaderError
from ruamel.yaml.resolver import VersionedResolver

from pipeline.errors import InputError, Location

try:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # no C parser on this platform: the round trip reads alone
    CParser = None


_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a translator's long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def text_of(path: Path, data: bytes | None = None) -> str:
    """The file's text (``data``: its bytes, read already), or an InputError."""
    if data is None and not path.is_file():  # reading a named pipe would wait for ever
        what = "a symlink to nothing" if path.is_symlink() and not path.exists() else "not a file"
        raise InputError(f"cannot read the glossary: {what}", Location(path))
    try:
        if data is None:
            return path.read_text(encoding="utf-8")
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
    except OSError as e:
        raise InputError(f"cannot read the glossary: {e.strerror}", Location(path)) from None
    except UnicodeDecodeError:
        raise InputError("the glossary must be UTF-8", Location(path)) from None


def load_document(path: Path, text: str | None = None) -> Any:
    """The round-trip YAML document (for edits), or an InputError with position;
    ``text``: the file's, or a piece of it (pipeline/glossary/edit.py)."""
    return _round_trip(path, text_of(path) if text is None else text)


def _round_trip(path: Path, text: str) -> Any:
    try:
        return _yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise InputError(f"invalid YAML: {e.problem or e.context}", where) from None
    except ReaderError as e:  # a character YAML does not allow, such as NUL or U+FFFE
        where = Location(path, text[: e.position].count("\n") + 1)
        raise InputError(f"invalid YAML: character U+{e.character:04X}", where) from None
    except ValueError as e:  # a value YAML reads as a date that is none: 2025-02-30
        raise InputError(f"invalid YAML value: {e}", Location(path)) from None
    except RecursionError:  # [[[[…]]]] thousands deep: the parser recurses per level
        raise InputError("invalid YAML: nested too deeply", Location(path)) from None


def read_document(path: Path, data: bytes | None = None) -> Any:
    """The document's values, as ``load_document`` gives them (positions too,
    comments not), read fast; the same InputError for a file it cannot read.
    ``data``: the file's bytes, when they are not (yet) the file's."""
    text = text_of(path, data)
    # The round trip's reader refuses characters libyaml may let through, and
    # libyaml does not tell the resolver a %YAML 1.1 directive (no: false).
    if CParser is None or Reader.NON_PRINTABLE.search(text) or _DIRECTIVE.search(text):
        return _round_trip(path, text)
    loader = _FastLoader(text)
    try:
        return loader.get_single_data()
    except Exception:  # the round trip finds the problem and words it
        return _round_trip(path, text)
    finally:
        loader.dispose()


if CParser is not None:

    class _FastLoader(CParser, RoundTripConstructor, VersionedResolver):  # type: ignore[misc]
        """libyaml's parser under the round trip's constructor and resolver: the
        same values and types (YAML 1.2: «no» is text, not false)."""

        # No %YAML directive comes here (read_document gives those to the round
        # trip): YAML 1.2, not looked up again for each of 130,000 scalars, where
        # the lookup failed twice, through exceptions, each time.
        processing_version = (1, 2)

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            self._parser = self._composer = self
            RoundTripConstructor.__init__(self, preserve_quotes=True, loader=self)
            self.allow_duplicate_keys = False
            self.comment_handling = None
            VersionedResolver.__init__(self, loadumper=self)


def dump_document(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()
