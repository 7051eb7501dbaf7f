"""glossary add/set: one entry changed, the rest of glossary.yaml kept byte for byte.

ruamel.yaml's round trip keeps comments, order and quoting, but reading a
glossary of 5,000 terms that way and writing it back takes most of a minute
(bench/glossary_commands.py). When the glossary as last read (``known``:
from the publish cache) says where each entry starts, only the edited entry
goes through the round trip, as a document of its own, and is put back in
its place; an added entry goes after the last one. Whatever the piece cannot
show it keeps as the whole file's round trip would (the piece read and
written back unchanged must be the piece itself), the file is edited whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, Location
from pipeline.glossary.document import dump_document, load_document
from pipeline.glossary.model import Glossary

_ENTRY = re.compile(r"( *)- ")  # an entry's first line in the block list of terms
_HEAD = "terms:\n"  # a piece is read and written under the key the file has


def edited(
    path: Path,
    text: str | None,
    known: Glossary | None,
    change: str,
    term_id: str,
    values: dict[str, str],
) -> str:
    """The glossary's text with ``term_id`` added or changed; ``text``: the
    file's (None: there is none), ``known``: the glossary read from that text."""
    span = _span(text, known, change, term_id) if text and known and known.terms else None
    if text is None or span is None:
        data = CommentedMap(terms=CommentedSeq()) if text is None else load_document(path, text)
        apply(path, data, change, term_id, values)
        return dump_document(data)
    start, end, column = span
    piece = text[start:end]
    data = load_document(path, _HEAD + piece) if piece else CommentedMap(terms=CommentedSeq())
    # The piece must come back as it is, at its place in the list: else the whole file.
    if piece and dump_document(data) != _HEAD + piece:
        return edited(path, text, None, change, term_id, values)
    apply(path, data, change, term_id, values)
    new = dump_document(data).removeprefix(_HEAD)
    found = _ENTRY.match(new)
    if found is None or len(found.group(1)) != column:
        return edited(path, text, None, change, term_id, values)
    if start and text[start - 1] != "\n":  # the last line had no line break
        new = "\n" + new
    return text[:start] + new + text[end:]


def _span(text: str, known: Glossary, change: str, term_id: str) -> tuple[int, int, int] | None:
    """Where in ``text`` the entry ``term_id`` is (add: where a new one goes),
    and the column of the list's dashes; None: the file does not show it plainly."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    firsts = [t.line - 1 for t in known.terms]  # each entry's line
    columns = set()
    for n in firsts:
        found = _ENTRY.match(lines[n]) if 0 <= n < len(lines) else None
        if found is None:
            return None
        columns.add(len(found.group(1)))
    if len(columns) != 1:
        return None
    column = columns.pop()
    end = len(lines)  # the last entry's end: a line outside it, or the end of the file
    for n in range(firsts[-1] + 1, len(lines)):
        content = lines[n].strip()
        if (
            content
            and not content.startswith("#")
            and len(lines[n]) - len(lines[n].lstrip(" ")) <= column
        ):
            end = n
            break
    if change == "add":
        while end > firsts[-1] + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the last entry stay after the new one
        return offsets[end], offsets[end], column
    index = next((k for k, t in enumerate(known.terms) if t.id == term_id), None)
    if index is None:
        return None  # the edit says there is no such term
    stop = firsts[index + 1] if index + 1 < len(firsts) else end
    return offsets[firsts[index]], offsets[stop], column


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
