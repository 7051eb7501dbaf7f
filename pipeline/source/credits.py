"""The interviewer a credit line names: "Беседовал Иван Петров".

Outlets often give the byline as a line of the lede rather than a label. Such
a line before the first turn names who asks (as the front matter's
``interviewer:`` would); a line that says only that becomes the byline and is
not repeated in the lede. After the interview, the same line ("Беседовала
Анна Иванова", "Интервью подготовил …", "Текст: …") names who asked too: it
gives the byline and stays in the trailer as the outlet wrote it, never in
the last answer (a credit in the last answer's paragraph is split off).
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.source.creditline import credit_name, credit_sentence
from pipeline.source.document import Metadata
from pipeline.source.turns import Paragraph, ends_as_question


def interviewer_from_lede(
    paragraphs: list[Paragraph], meta: Metadata
) -> tuple[Metadata, list[Paragraph]]:
    """The metadata with the interviewer the lede names, and the paragraphs
    without a line that only says so. The front matter's interviewer wins."""
    if meta.interviewer:
        return meta, paragraphs
    for n, p in enumerate(paragraphs):
        if p.lead is not None or p.bold or ends_as_question(p.text):
            break  # the first turn: the lede is over
        name = credit_name(p.text)
        if name and n + 1 < len(paragraphs):  # a credit alone is no interview: say so
            return replace(meta, interviewer=name), paragraphs[:n] + paragraphs[n + 1 :]
        sentence = credit_sentence(p.text)
        if sentence:
            return replace(meta, interviewer=sentence[0]), paragraphs
    return meta, paragraphs


def interviewer_from_closing(
    paragraphs: list[Paragraph], meta: Metadata
) -> tuple[Metadata, list[Paragraph]]:
    """The metadata with the interviewer a credit after the last turn names,
    and the paragraphs with a credit that ends the text's last paragraph
    ("… к обеду. Беседовал Иван Петров.") as a paragraph of its own."""
    paragraphs = _credit_apart(paragraphs)
    if meta.interviewer:
        return meta, paragraphs
    for p in reversed(paragraphs):
        if p.lead is not None or p.bold or ends_as_question(p.text):
            break  # the last turn: only what follows it is a closing credit
        name = credit_name(p.text)
        if name:
            return replace(meta, interviewer=name), paragraphs
    return meta, paragraphs


def _credit_apart(paragraphs: list[Paragraph]) -> list[Paragraph]:
    last = paragraphs[-1] if paragraphs else None
    found = credit_sentence(last.text) if last is not None else None
    if last is None or found is None or not last.full.endswith(found[1]):
        return paragraphs
    credit = found[1]
    text = last.text[: -len(credit)].rstrip()
    full = last.full[: -len(credit)].rstrip()
    kept = replace(last, text=text, full=full)
    return [*paragraphs[:-1], kept, Paragraph(last.line, credit, None, False, last.italic, credit)]
