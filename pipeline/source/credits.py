"""The interviewer named in the lede: "Беседовал Иван Петров".

Outlets often give the byline as a line of the lede rather than a label. Such
a line before the first turn names who asks (as the front matter's
``interviewer:`` would); a line that says only that becomes the byline and is
not repeated in the lede. After the interview, the same line is a credit of the
trailer and is left there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.source.document import Metadata
from pipeline.source.turns import Paragraph, ends_as_question

_NAME = (
    r"[А-ЯЁ](?:[а-яё]+(?:-[А-ЯЁ][а-яё]+)?|\.)(?:\s*[А-ЯЁ](?:[а-яё]+(?:-[А-ЯЁ][а-яё]+)?|\.)){0,2}"
)
_CREDIT = (
    r"(?:Беседовал[аи]?|Интервью\s+(?:взял[аи]?|записал[аи]?|подготовил[аи]?)"
    r"|Вопросы\s+задавал[аи]?|Записал[аи]?)"
    rf"\s*:?\s+(?P<name>{_NAME})"
)
_LINE = re.compile(rf"{_CREDIT}\.?")
_LAST_SENTENCE = re.compile(rf"(?<=[.!?…»])\s+{_CREDIT}\.?$")


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
        line = _LINE.fullmatch(p.text)
        if line:
            name = " ".join(line.group("name").split())
            return replace(meta, interviewer=name), paragraphs[:n] + paragraphs[n + 1 :]
        sentence = _LAST_SENTENCE.search(p.text)
        if sentence:
            return replace(meta, interviewer=" ".join(sentence.group("name").split())), paragraphs
    return meta, paragraphs
