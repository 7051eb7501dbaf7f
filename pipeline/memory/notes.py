"""The pipeline's notes on a PO entry: ``#. key: value`` comment lines.

PO tools wrap long comment lines: polib, and the editors and scripts built on
it, with Python's ``textwrap``, each at its own width: at a space, which the
break drops, or next to a hyphen inside a word (``rossiyskaya-`` / ``gazeta@…``),
where nothing is dropped. The notes are read back by undoing exactly that, and
written so that the undoing is never ambiguous, so that whatever the pipeline
writes it reads back at any width.
"""

from __future__ import annotations

import re

import polib

KEYS = ("machine", "glossary", "review")
_KEYED = re.compile(rf"({'|'.join(KEYS)}):(?: |$)")
# textwrap breaks at ASCII whitespace only: a space written as U+00A0 is never
# broken. Values never hold one of their own (they are whitespace-normalised).
_KEEP = "\u00a0"

Blocks = list[tuple[str | None, str]]


def note(entry: polib.POEntry, key: str) -> str | None:
    """The value of the entry's ``#. key: value`` note, unwrapped."""
    return next((v for k, v in _blocks(entry.comment or "") if k == key), None)


def set_note(entry: polib.POEntry, key: str, value: str | None) -> None:
    """Set (or with ``None`` or blank, remove) a note; other comment lines are kept.

    Setting a note to the value it has changes nothing, not even how an
    editor wrapped the lines.
    """
    value = " ".join(value.split()) if value else ""
    blocks = _blocks(entry.comment or "")
    if next((v for k, v in blocks if k == key), "") == value:
        return
    blocks = [(k, v) for k, v in blocks if k != key]
    if value:
        blocks.append((key, value))
    entry.comment = "\n".join(v if k is None else f"{k}: {_protect(v)}" for k, v in blocks)


def _blocks(comment: str) -> Blocks:
    """The comment as (key, value) blocks; foreign lines are (None, line).

    A line that does not open with a key continues the note before it, and so
    does the line after a key with nothing after it (a break right after the
    key: the value, however it starts, is on the next line).
    """
    blocks: list[tuple[str | None, list[str]]] = []
    for raw in comment.split("\n") if comment else []:
        line = raw.strip().replace(_KEEP, " ")
        keyed = _KEYED.match(line)
        last = blocks[-1] if blocks else (None, [])
        if line and last[0] is not None and (keyed is None or last[1] == [""]):
            last[1].append(line)
        elif keyed:
            blocks.append((keyed.group(1), [line[keyed.end() :]]))
        else:
            blocks.append((None, [raw]))
    return [(key, _unwrap(lines) if key else lines[0]) for key, lines in blocks]


def _unwrap(lines: list[str]) -> str:
    """The text that was wrapped into ``lines``. textwrap breaks either at a
    space, which it drops, or inside a word next to a hyphen (after "x-", around
    "--"); the writer protects every space next to a hyphen, so a break next to
    one split a word and any other break dropped one space."""
    text = ""
    for line in filter(None, lines):
        joined = not text or text.endswith("-") or line.startswith("-")
        text += line if joined else " " + line
    return text


def _protect(value: str) -> str:
    """The value as written: each space a wrapper breaking there would make
    ambiguous becomes U+00A0, which no wrapper breaks: a space next to a hyphen,
    and a space before a word that reads as a key ("… review: …")."""
    out = list(value)
    for at, char in enumerate(value):
        if char != " ":
            continue
        after = value[at + 1 :]
        if value[at - 1] == "-" or after.startswith("-") or _KEYED.match(after):
            out[at] = _KEEP
    return "".join(out)
