"""Italic questions when nothing else marks the turns; italic notes otherwise."""

from __future__ import annotations

from pathlib import Path

from pipeline.source.document import BlockKind
from pipeline.source.emphasis import italic_questions
from pipeline.source.transcript import read_layout
from pipeline.source.turns import Paragraph


def _read(text: str, tmp_path: Path) -> tuple[str, dict[BlockKind, list[tuple[str, ...]]]]:
    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    document, layout = read_layout(path)
    blocks: dict[BlockKind, list[tuple[str, ...]]] = {}
    for b in document.blocks:
        blocks.setdefault(b.kind, []).append(b.paragraphs)
    return layout.family.value, blocks


def test_italic_questions_in_markdown(tmp_path: Path) -> None:
    family, blocks = _read(
        "*Лид о пекарне, набранный курсивом.*\n\n*Откуда рецепты?*\n\nИз архива.\n\n"
        "Половина не годится.\n\n*Сколько стоит хлеб?*\n\nВдвое дороже.\n\n*Фото автора*\n",
        tmp_path,
    )
    assert family == "marked-questions"
    assert blocks[BlockKind.QUESTION] == [("Откуда рецепты?",), ("Сколько стоит хлеб?",)]
    assert blocks[BlockKind.ANSWER][0] == ("Из архива.", "Половина не годится.")
    assert blocks[BlockKind.LEDE] == [("Лид о пекарне, набранный курсивом.",)]
    assert blocks[BlockKind.TRAILER] == [("Фото автора",)]


def test_italic_beside_dashes_is_a_note(tmp_path: Path) -> None:
    family, blocks = _read(
        "*Лид курсивом.*\n\n— Откуда рецепты?\n\n— Из архива.\n\n*Справка курсивом?*\n\n"
        "— Сколько стоит хлеб?\n\n— Вдвое дороже.\n\n*Фото автора*\n",
        tmp_path,
    )
    assert family == "dashes"
    assert len(blocks[BlockKind.QUESTION]) == 2


def test_italic_that_seldom_asks_marks_nothing() -> None:
    """Italic remarks in an unmarked text: no questions made of them."""
    texts = [("Откуда рецепты?", False), ("Из архива.", False), ("Это важно.", True)]
    texts += [("Это правда.", False), ("И это.", True), ("Сколько стоит?", False)]
    texts += [("Вдвое дороже.", False)]
    ps = [Paragraph(n, t, italic=i, full=t) for n, (t, i) in enumerate(texts, 1)]
    assert italic_questions(ps) == ps
