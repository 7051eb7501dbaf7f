"""Transcript text → Document: front matter, turns, questions and answers."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

from pipeline.source.assemble import blocks_of, speakers_of
from pipeline.source.credits import interviewer_from_closing, interviewer_from_lede
from pipeline.source.document import Block, BlockKind, Document, Metadata
from pipeline.source.emphasis import italic_questions
from pipeline.source.files import check_file_name
from pipeline.source.formats import Source, read_source
from pipeline.source.frontmatter import SLUG as SLUG
from pipeline.source.frontmatter import front_matter, slug_from_path
from pipeline.source.headline import headline_speaker, with_headline
from pipeline.source.infer import infer
from pipeline.source.layout import Layout
from pipeline.source.segments import split_sentences
from pipeline.source.turns import paragraphs

TITLE_LENGTH = 90


def read_transcript(path: Path) -> Document:
    """A transcript file (.txt in any encoding, .docx, .odt, .md) as a document."""
    return read_layout(path)[0]


def read_layout(path: Path) -> tuple[Document, Layout]:
    check_file_name(path)
    return parse_layout(read_source(path), path)


def parse_transcript(text: str, path: Path) -> Document:
    """Parse decoded transcript text; ``path`` names the file in errors and the slug."""
    return parse_layout(Source(text), path)[0]


def parse_layout(source: Source, path: Path) -> tuple[Document, Layout]:
    """The document and the layout evidence behind it (for ``convert --explain``)."""
    text = unicodedata.normalize("NFC", source.text)  # as decode_transcript gives files
    meta, slug, body_start = front_matter(text, path)
    lines = text.split("\n")[body_start:]
    known = [n for n in (meta.interviewer, meta.interviewee, *meta.speakers) if n]

    def body(marked: frozenset[int]) -> set[int]:
        return {n - body_start for n in marked if n >= body_start}

    found = paragraphs(
        lines,
        body_start + 1,
        body(source.bold),
        body(source.italic),
        known,
        frozenset(body(source.heading)),
    )
    found = italic_questions(found)
    meta, found = interviewer_from_lede(found, meta)
    meta, found = interviewer_from_closing(found, meta)
    layout = infer(found, meta, path)
    if meta.title is None:  # a headline line is the title; else it stays in the lede
        layout = with_headline(layout)
        said = headline_speaker(layout)
        if said and meta.interviewee is None:
            meta = replace(meta, interviewee=said)
    meta, speakers = speakers_of(layout, meta)
    blocks = blocks_of(layout, speakers)
    headline = [layout.paragraphs[i].text for i in layout.items[0].paragraphs]
    if layout.items[0].kind is not BlockKind.TITLE:
        headline = []
    title = meta.title or (headline[0] if headline else _derived_title(blocks, meta))
    document = Document(
        slug=slug or slug_from_path(path),
        source=path,
        metadata=meta,
        blocks=(Block("title", BlockKind.TITLE, (title,)), *blocks),
        speakers=speakers,
    )
    return document, layout


def _derived_title(blocks: list[Block], meta: Metadata) -> str:
    """Without a title in the front matter: the first answer's opening, quoted,
    as a newsroom would headline an interview."""
    first = next((b for b in blocks if b.kind is BlockKind.ANSWER), blocks[-1])
    text = split_sentences(first.paragraphs[0])[0].rstrip(".")
    if len(text) > TITLE_LENGTH:
        text = text[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"
    quote = f"«{text}»"
    return f"{quote} — {meta.interviewee}" if meta.interviewee else quote
