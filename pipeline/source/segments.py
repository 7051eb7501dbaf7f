"""Document → segments: the sentences translators and engines work on."""

from __future__ import annotations

import razdel

from pipeline.source.document import Document, Segment


def split_sentences(paragraph: str) -> list[str]:
    """Russian sentences of one paragraph; joined with spaces they give it back."""
    return [s.text for s in razdel.sentenize(paragraph)]


def segment(document: Document) -> list[Segment]:
    """Every sentence of the document, with an id that names where it stands.

    Ids count paragraphs and sentences within their own block only, so an edit
    to one answer leaves the ids of every other block untouched.
    """
    segments = []
    for block in document.blocks:
        for p, paragraph in enumerate(block.paragraphs, start=1):
            for s, sentence in enumerate(split_sentences(paragraph), start=1):
                segments.append(Segment(f"{block.id}.p{p}.s{s}", block.id, p, sentence))
    # A name is one entry, never split at the dots of its initials.
    segments += [Segment(s.id, s.id, 1, s.name) for s in document.speakers]
    return segments
