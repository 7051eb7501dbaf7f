"""glossary add/set: one entry changed, the rest of glossary.yaml kept byte for byte.

ruamel.yaml's round trip keeps comments, order and quoting, but reading a
glossary of 5,000 terms that way and writing it back takes most of a minute
(bench/glossary_commands.py). When the glossary as last read (``known``:
from the publish cache) says where each entry starts, only the edited entry
goes through the round trip, as a document of its own, and is put back in
its place; an added entry goes after the last one. When the file does not
show its entries plainly, or the piece would not come back from the round
trip unchanged, the file is edited whole, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, Location
from pipeline.glossary.document import dump_document, load_document, read_document
from pipeline.glossary.load import _check_claims, _terms, load_glossary
from pipeline.glossary.model import Glossary

_ENTRY = re.compile(r"( *)- ")  # an entry's first line in the block list of terms
_HEAD = "terms:\n"  # a piece is read and written under the key the file has


@dataclass(frozen=True)
class Edited:
    """The glossary's new text, and which entry changed in it, where (None:
    the file was edited whole): its place among the terms (added: after the
    last), its first line, its text now and how many lines it had before."""

    text: str
    entry: int | None = None
    line: int = 0
    piece: str = ""
    was: int = 0


def edited(
    path: Path,
    text: str | None,
    known: Glossary | None,
    change: str,
    term_id: str,
    values: dict[str, str],
) -> Edited:
    """The glossary's text with ``term_id`` added or changed; ``text``: the
    file's (None: there is none), ``known``: the glossary read from that text."""
    span = _span(text, known, change, term_id) if text and known and known.terms else None
    if text is None or known is None or span is None:
        data = CommentedMap(terms=CommentedSeq()) if text is None else load_document(path, text)
        apply(path, data, change, term_id, values)
        return Edited(dump_document(data))
    entry, start, end, column = span
    piece = text[start:end]
    try:
        data = load_document(path, _HEAD + piece) if piece else CommentedMap(terms=CommentedSeq())
    except InputError:  # a piece YAML does not read alone (a flow mapping over lines)
        data = None
    # The piece must come back as it is, at its place in the list: else the whole file.
    if data is None or (piece and dump_document(data) != _HEAD + piece):
        return edited(path, text, None, change, term_id, values)
    apply(path, data, change, term_id, values)
    new = dump_document(data).removeprefix(_HEAD)
    found = _ENTRY.match(new)
    if found is None or len(found.group(1)) != column:
        return edited(path, text, None, change, term_id, values)
    if start and text[start - 1] != "\n":  # the last line had no line break
        new = "\n" + new
    line = text.count("\n", 0, start) + 1 + new.startswith("\n")
    whole = text[:start] + new + text[end:]
    whole += "" if whole.endswith("\n") else "\n"  # as the round trip writes a file
    return Edited(whole, entry, line, new.removeprefix("\n"), piece.count("\n"))


def _span(
    text: str, known: Glossary, change: str, term_id: str
) -> tuple[int, int, int, int] | None:
    """Which entry is ``term_id`` (add: a new one), where in ``text`` it is (add:
    where it goes), and the column of the list's dashes; None: the file does
    not show it plainly (entries written otherwise, line breaks YAML counts
    that Python does not split on, or the reverse)."""
    if any(c in text for c in "\r\x85\u2028\u2029"):
        return None
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    firsts = [t.line - 1 for t in known.terms]  # each entry's line
    columns = set()
    for n in firsts:
        found = _ENTRY.match(lines[n]) if 0 < n < len(lines) else None
        if found is None:
            return None
        columns.add(len(found.group(1)))
    if len(columns) != 1:
        return None
    column = columns.pop()
    end = len(lines)  # the last entry's end: a line outside it, or the end of the file
    for n in range(firsts[-1] + 1, len(lines)):
        content = lines[n].lstrip(" ")
        if content.strip() and content[0] != "#" and len(lines[n]) - len(content) <= column:
            end = n
            break
    if change == "add" and any(t.id == term_id for t in known.terms):
        return None  # the whole file's edit says it exists
    if change == "add":  # after the last entry's comments, as the round trip puts it
        at = min(offsets[end], len(text))
        return len(firsts), at, at, column
    index = next((k for k, t in enumerate(known.terms) if t.id == term_id), None)
    if index is None:
        return None  # there is no such term: the whole file's edit says so
    stop = firsts[index + 1] if index + 1 < len(firsts) else end
    return index, offsets[firsts[index]], min(offsets[stop], len(text)), column


def apply(path: Path, data: Any, change: str, term_id: str, values: dict[str, str]) -> None:
    """The edit, on the round trip's document (the file or one entry of it)."""
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    if not isinstance(terms, CommentedSeq):
        raise InputError("the glossary must be a mapping with a 'terms' list", Location(path))
    entry = next((t for t in terms if isinstance(t, CommentedMap) and t.get("id") == term_id), None)
    if change == "add":
        if entry is not None:
            raise InputError(f"a term with id '{term_id}' exists already", Location(path))
        entry = CommentedMap(id=term_id)
        terms.append(entry)
    elif entry is None:
        raise InputError(f"no term with id '{term_id}'", Location(path))
    for key, value in values.items():
        node = entry
        *parents, leaf = key.split(".")
        for depth, parent in enumerate(parents, start=1):
            node = node.setdefault(parent, CommentedMap())
            if not isinstance(node, CommentedMap):
                group = ".".join(parents[:depth])
                raise InputError(
                    f"cannot set {key}: {group} is a value, not a group of keys", Location(path)
                )
        if leaf in ("variants", "forbidden"):
            items = CommentedSeq([v.strip() for v in value.split(",") if v.strip()])
            previous = node.get(leaf)
            if not isinstance(previous, CommentedSeq) or previous.fa.flow_style():
                items.fa.set_flow_style()  # [a, b], as translators write short lists
            node[leaf] = items
        elif leaf == "possessive":
            node[leaf] = value.lower() in ("true", "yes", "1")
        else:
            node[leaf] = value


def reread(path: Path, known: Glossary | None, edit: Edited) -> Glossary:
    """The glossary of ``edit.text``, equal to what ``load_glossary`` reads from
    it, reading only the edited entry when ``known`` is the glossary before the
    edit: its checks, and the checks between entries (ids, claimed Russian
    forms) over all of them. Anything else (an error, warnings after the entry
    whose lines may have moved) reads the whole text, which reports every
    error with its line."""

    def whole() -> Glossary:
        return load_glossary(path, edit.text.encode("utf-8"))

    if known is None or edit.entry is None or edit.line < 2:
        return whole()
    if known.warnings and edit.entry < len(known.terms):
        return whole()  # the entry's own warnings are among them, and later ones may move
    padded = "\n" * (edit.line - 2) + _HEAD + edit.piece  # at its lines: the same positions
    errors: list[InputError] = []
    warnings: list[str] = []
    try:
        terms = _terms(read_document(path, padded.encode("utf-8")), path, errors, warnings)
    except InputError:
        return whole()
    if errors or len(terms) != 1:
        return whole()
    moved = edit.piece.count("\n") - edit.was
    after = (replace(t, line=t.line + moved) for t in known.terms[edit.entry + 1 :])
    new = (*known.terms[: edit.entry], terms[0], *after)
    if len({t.id for t in new}) < len(new):
        return whole()
    _check_claims(list(new), path, errors)
    if errors:
        return whole()
    return Glossary(new, path, known.warnings + tuple(warnings))
