"""A headline line at the top of a transcript is the page's title; a lede's
opening, a date, a rubric or a hard-wrapped line is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.source.document import BlockKind
from pipeline.source.transcript import read_layout

TURNS = "— Сколько стоит хлеб?\n\n— Вдвое дороже обычного. Но его раскупают к обеду.\n"
LEDE = "В Петропавловске пекарь возродил рецепты хлеба, который пекли сто лет назад."

HEADLINES = {
    "a-phrase-before-the-lede": (
        f"Хлеб по старым рецептам\n\n{LEDE}\n\n{TURNS}",
        "Хлеб по старым рецептам",
    ),
    "a-quotation": (f"«Мы печём как прадеды»\n\n{LEDE}\n\n{TURNS}", "«Мы печём как прадеды»"),
    "before-a-caption": (
        f"Хлеб по старым рецептам\n\nФото: Иван Петров\n\n{LEDE}\n\n{TURNS}",
        "Хлеб по старым рецептам",
    ),
    "one-line-per-paragraph": (
        f"Хлеб по старым рецептам\n{LEDE}\n{TURNS.replace(chr(10) * 2, chr(10))}",
        "Хлеб по старым рецептам",
    ),
    "a-markdown-heading": (f"# Зачем городу пекарня?\n\n{TURNS}", "Зачем городу пекарня?"),
}


@pytest.mark.parametrize("name", list(HEADLINES))
def test_a_headline_line_is_the_title(name: str, tmp_path: Path) -> None:
    text, title = HEADLINES[name]
    path = tmp_path / ("t.md" if text.startswith("#") else "t.txt")
    path.write_text(text, encoding="utf-8")
    document, layout = read_layout(path)
    assert document.title.paragraphs == (title,)
    lede = [p for b in document.blocks if b.kind is BlockKind.LEDE for p in b.paragraphs]
    assert title not in lede
    assert layout.lines(BlockKind.TITLE) == [1]
    assert layout.questions == 1


NOT_HEADLINES = {
    # The lede's opening sentence, with its period.
    "a-sentence": f"Пекарь возродил старые рецепты.\n\n{LEDE}\n\n{TURNS}",
    # A hard-wrapped lede, one line per paragraph: its sentence goes on below.
    "a-wrapped-lede-line": (
        "В Петропавловске пекарь возродил рецепты хлеба, который\n"
        "пекли в городе сто лет назад.\n— Сколько стоит хлеб?\n— Вдвое дороже.\n"
    ),
    "a-wrapped-line-before-a-name": (
        "Хлеб по старым рецептам печёт в Петропавловске Иван\n"
        "Петров, и его раскупают к обеду.\n— Сколько стоит хлеб?\n— Вдвое дороже.\n"
    ),
    "two-sentences": f"Пекарня открылась. Хлеб по старым рецептам\n\n{LEDE}\n\n{TURNS}",
    "a-date": f"12 мая 2025 года\n\n{LEDE}\n\n{TURNS}",
    "a-rubric": f"ИНТЕРВЬЮ НЕДЕЛИ\n\n{LEDE}\n\n{TURNS}",
    "a-kicker": f"Большое интервью\n\n{LEDE}\n\n{TURNS}",
    "a-section": f"Рубрика: Экономика\n\n{LEDE}\n\n{TURNS}",
    "a-question": f"Почему хлеб дорожает?\n\n{LEDE}\n\n{TURNS}",
    # Alone before the first turn: no lede says it stands above one.
    "no-lede-after-it": f"Хлеб по старым рецептам\n\n{TURNS}",
    # The front matter's title wins: the line stays in the lede.
    "a-title-in-the-front-matter": (
        f"---\ntitle: Пекарь\n---\nХлеб по старым рецептам\n\n{LEDE}\n\n{TURNS}"
    ),
}


@pytest.mark.parametrize("name", list(NOT_HEADLINES))
def test_a_line_that_is_no_headline_stays_in_the_lede(name: str, tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(NOT_HEADLINES[name], encoding="utf-8")
    document, layout = read_layout(path)
    assert layout.lines(BlockKind.TITLE) == []
    body = NOT_HEADLINES[name].split("---\n")[-1]
    first = document.blocks[1]
    assert first.kind is BlockKind.LEDE
    assert first.paragraphs[0].startswith(body.split("\n")[0])
    if "title:" not in NOT_HEADLINES[name]:
        assert document.title.paragraphs[0].startswith("«")  # the first answer's opening


def test_markdown_headings_are_the_title_and_the_questions(tmp_path: Path) -> None:
    """'# …' first is the headline; '## …' after it mark the questions, as bold does."""
    path = tmp_path / "t.md"
    path.write_text(
        f"# Хлеб по старым рецептам\n\n{LEDE}\n\n## Откуда рецепты\n\nИз архива газеты.\n\n"
        "Половина не годится.\n\n## Сколько стоит хлеб\n\nВдвое дороже обычного.\n",
        encoding="utf-8",
    )
    document, layout = read_layout(path)
    assert layout.family.value == "marked-questions"
    assert document.title.paragraphs == ("Хлеб по старым рецептам",)
    questions = [b.paragraphs for b in document.blocks if b.kind is BlockKind.QUESTION]
    assert questions == [("Откуда рецепты",), ("Сколько стоит хлеб",)]
    answers = [b.paragraphs for b in document.blocks if b.kind is BlockKind.ANSWER]
    assert answers[0] == ("Из архива газеты.", "Половина не годится.")
