"""A question's preamble when only the answers are marked: what only the
interviewer says opens the question; anything else goes on with the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.source.document import BlockKind
from pipeline.source.transcript import read_layout

TEXT = (
    "Как изменился рынок?\n\nОлег Ким: Цены выросли вдвое.\n\n{between}\n\n"
    "Насколько это опасно?\n\nОлег Ким: Пока нет.\n\nАнна Ли: Я согласна.\n"
)


def _blocks(between: str, tmp_path: Path) -> list[tuple[BlockKind, tuple[str, ...]]]:
    path = tmp_path / "t.txt"
    path.write_text(TEXT.format(between=between), encoding="utf-8")
    document, layout = read_layout(path)
    assert layout.family.value == "marked-answers"
    return [(b.kind, b.paragraphs) for b in document.blocks]


@pytest.mark.parametrize(
    "preamble",
    [
        "Вы говорили, что спрос упал.",
        "Как вы сами сказали, спрос упал.",
        "Олег, вы упомянули спрос.",
        "Олег Ким, спрос упал.",
    ],
)
def test_a_preamble_only_the_interviewer_says_opens_the_question(
    preamble: str, tmp_path: Path
) -> None:
    blocks = _blocks(preamble, tmp_path)
    assert (BlockKind.QUESTION, (preamble, "Насколько это опасно?")) in blocks
    assert (BlockKind.ANSWER, ("Цены выросли вдвое.",)) in blocks


@pytest.mark.parametrize(
    "sentence",
    [
        "Спрос при этом упал.",
        "Вы знаете, спрос при этом упал.",
        "Москва, как и мы, это почувствовала.",
        "Марат, мой коллега, говорил об этом.",
    ],
)
def test_an_answer_going_on_stays_in_the_answer(sentence: str, tmp_path: Path) -> None:
    blocks = _blocks(sentence, tmp_path)
    assert (BlockKind.ANSWER, ("Цены выросли вдвое.", sentence)) in blocks
    assert (BlockKind.QUESTION, ("Насколько это опасно?",)) in blocks
