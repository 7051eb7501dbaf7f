"""Transcript text → Document: front matter, turns, questions and answers."""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from pipeline.assemble import blocks_of, speakers_of
from pipeline.document import Block, BlockKind, Document, Metadata
from pipeline.errors import InputError, Location
from pipeline.layout import FAMILIES, Layout, infer
from pipeline.segments import split_sentences
from pipeline.sources import Source, read_source
from pipeline.turns import paragraphs

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_METADATA_KEYS = {
    "title": "title",
    "date": "date",
    "interviewee": "interviewee",
    "interviewer": "interviewer",
    "outlet": "outlet",
    "source": "source_url",
    "slug": "slug",
    "speakers": "speakers",
    "layout": "layout",
}
TITLE_LENGTH = 90


def read_transcript(path: Path) -> Document:
    """A transcript file (.txt in any encoding, .docx, .odt, .md) as a document."""
    return read_layout(path)[0]


def read_layout(path: Path) -> tuple[Document, Layout]:
    return parse_layout(read_source(path), path)


def parse_transcript(text: str, path: Path) -> Document:
    """Parse decoded transcript text; ``path`` names the file in errors and the slug."""
    return parse_layout(Source(text), path)[0]


def parse_layout(source: Source, path: Path) -> tuple[Document, Layout]:
    """The document and the layout evidence behind it (for ``convert --explain``)."""
    text = unicodedata.normalize("NFC", source.text)  # as decode_transcript gives files
    meta, slug, body_start = _front_matter(text, path)
    lines = text.split("\n")[body_start:]
    known = [n for n in (meta.interviewer, meta.interviewee, *meta.speakers) if n]

    def body(marked: frozenset[int]) -> set[int]:
        return {n - body_start for n in marked if n >= body_start}

    found = paragraphs(lines, body_start + 1, body(source.bold), body(source.italic), known)
    layout = infer(found, meta, path)
    meta, speakers = speakers_of(layout, meta)
    blocks = blocks_of(layout, speakers)
    title = meta.title or _derived_title(blocks, meta)
    document = Document(
        slug=slug or _slug_from_path(path),
        source=path,
        metadata=meta,
        blocks=(Block("title", BlockKind.TITLE, (title,)), *blocks),
        speakers=speakers,
    )
    return document, layout


def _slug_from_path(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    if not slug:
        raise InputError(
            "cannot derive a page name from the file name: rename the file with Latin"
            " letters, digits and hyphens, or set 'slug' in the front matter",
            Location(path),
        )
    return slug


def _front_matter(text: str, path: Path) -> tuple[Metadata, str | None, int]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return Metadata(), None, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise InputError(
            "front matter opened with '---' is never closed", Location(path, 1)
        ) from None
    try:
        data = YAML(typ="rt", pure=True).load("\n".join(lines[1:end]))
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 2 if mark else 1
        raise InputError(f"front matter: {e.problem or e.context}", Location(path, line)) from None
    except ReaderError as e:  # a character YAML does not allow, such as U+FFFE
        line = "\n".join(lines[1:end])[: e.position].count("\n") + 2
        raise InputError(
            f"front matter: character U+{e.character:04X} is not allowed", Location(path, line)
        ) from None
    if data is None:
        return Metadata(), None, end + 1
    if not isinstance(data, CommentedMap):
        raise InputError("front matter must be a mapping of 'key: value'", Location(path, 2))
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = data.lc.key(key)[0] + 2
        where = Location(path, line)
        if key not in _METADATA_KEYS:
            known = ", ".join(sorted(_METADATA_KEYS))
            raise InputError(f"unknown front matter key '{key}' (known: {known})", where)
        values[_METADATA_KEYS[key]] = _metadata_value(str(key), value, where)
    slug = values.pop("slug", None)
    return Metadata(**values), slug, end + 1


def _metadata_value(key: str, value: Any, where: Location) -> Any:
    if key == "date":
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        raise InputError(f"'date' must be a date written YYYY-MM-DD, not {value!r}", where)
    if key == "speakers":
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise InputError(
                "'speakers' must be a list of names (or names separated by commas)", where
            )
        return tuple(" ".join(n.split()) for n in names)
    if key == "layout" and value not in FAMILIES:
        raise InputError(f"'layout' must be one of {', '.join(FAMILIES)}, not {value!r}", where)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"'{key}' must be non-empty text", where)
    value = " ".join(value.split())
    if key == "source" and not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise InputError(f"'source' must be an http(s) address, not {value!r}", where)
    if key == "slug" and not SLUG.fullmatch(value):
        raise InputError(
            f"'slug' must be lower-case Latin letters, digits and hyphens, not {value!r}", where
        )
    return value


def _derived_title(blocks: list[Block], meta: Metadata) -> str:
    """Without a title in the front matter: the first answer's opening, quoted,
    as a newsroom would headline an interview."""
    first = next((b for b in blocks if b.kind is BlockKind.ANSWER), blocks[-1])
    text = split_sentences(first.paragraphs[0])[0].rstrip(".")
    if len(text) > TITLE_LENGTH:
        text = text[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"
    quote = f"«{text}»"
    return f"{quote} — {meta.interviewee}" if meta.interviewee else quote
