"""Credits that name who asked, after the interview as in the lede; sentences
that merely contain "беседовал" stay text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.source.creditline import credit_name
from pipeline.source.document import BlockKind
from pipeline.source.transcript import read_layout

INTERVIEW = "— Как прошёл сезон?\n\n— Лучше прошлого. Урожай собрали за две недели.\n\n{after}"


@pytest.mark.parametrize(
    ("credit", "byline"),
    [
        ("Беседовала Анна Иванова", "Анна Иванова"),
        ("Беседовал Иван Петров.", "Иван Петров"),
        ("БЕСЕДОВАЛА АННА ИВАНОВА", "Анна Иванова"),
        ("Интервью подготовила Анна Иванова, «Казинформ»", "Анна Иванова"),
        ("Интервью взял А.Петров", "А. Петров"),
        ("Записала Дина Сапарова", "Дина Сапарова"),
        ("Текст: Анна Иванова", "Анна Иванова"),
        ("Текст и фото: Анна Иванова", "Анна Иванова"),
        ("Вопросы задавал Ержан Бекмаханов, Алматы", "Ержан Бекмаханов"),
        ("Подготовил Иван Петров (фото автора).", "Иван Петров"),
    ],
)
def test_a_closing_credit_gives_the_byline_and_stays_in_the_trailer(
    credit: str, byline: str, tmp_path: Path
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(INTERVIEW.format(after=credit + "\n\nФото: пресс-служба\n"), encoding="utf-8")
    document, layout = read_layout(path)
    assert document.interviewer is not None and document.interviewer.name == byline
    trailer = [b for b in document.blocks if b.kind is BlockKind.TRAILER]
    assert trailer and trailer[0].paragraphs[0] == credit
    answers = [b for b in document.blocks if b.kind is BlockKind.ANSWER]
    assert answers[-1].paragraphs == ("Лучше прошлого. Урожай собрали за две недели.",)
    assert layout.questions == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Беседовал я с ним долго, часа три.",
        "Беседовал Иван Петров, а потом и я.",
        "С каждым из них я беседовал отдельно.",
        "Текст закона мы так и не увидели.",
        "Автор проекта — мой брат.",
    ],
)
def test_a_sentence_with_a_credit_word_stays_in_the_answer(sentence: str, tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(INTERVIEW.format(after=sentence + "\n"), encoding="utf-8")
    document, _ = read_layout(path)
    assert document.interviewer is None
    answers = [b for b in document.blocks if b.kind is BlockKind.ANSWER]
    assert answers[-1].paragraphs[-1] == sentence
    assert credit_name(sentence) is None


def test_the_front_matter_interviewer_wins_over_a_closing_credit(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    text = INTERVIEW.format(after="Беседовала Анна Иванова\n")
    path.write_text("---\ninterviewer: Марат Ахметов\n---\n" + text, encoding="utf-8")
    document, _ = read_layout(path)
    assert document.interviewer is not None and document.interviewer.name == "Марат Ахметов"


def test_a_credit_under_the_last_answer_without_a_blank_line_is_not_the_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "— Как прошёл сезон?\n\n— Лучше прошлого. Урожай собрали\nза две недели.\n"
        "Беседовала Анна Иванова\n",
        encoding="utf-8",
    )
    document, _ = read_layout(path)
    answers = [b for b in document.blocks if b.kind is BlockKind.ANSWER]
    assert answers[-1].paragraphs == ("Лучше прошлого. Урожай собрали за две недели.",)
    assert document.interviewer is not None and document.interviewer.name == "Анна Иванова"


def test_a_caption_under_the_last_answer_without_a_blank_line_is_not_the_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "— Как прошёл сезон?\n\n— Лучше прошлого. Урожай собрали\nза две недели.\n"
        "Фото: Анна Иванова\nБеседовала Анна Иванова\n",
        encoding="utf-8",
    )
    document, _ = read_layout(path)
    answers = [b for b in document.blocks if b.kind is BlockKind.ANSWER]
    assert answers[-1].paragraphs == ("Лучше прошлого. Урожай собрали за две недели.",)
    trailer = [p for b in document.blocks if b.kind is BlockKind.TRAILER for p in b.paragraphs]
    assert trailer == ["Фото: Анна Иванова", "Беседовала Анна Иванова"]


@pytest.mark.parametrize(
    "note",
    [
        "Редакция благодарит пресс-службу акимата за помощь в организации интервью.",
        "Интервью публикуется в сокращении, полная версия – на сайте газеты.",
        "Интервью было записано до решения суда и отредактировано по просьбе героя.",
    ],
)
def test_a_note_after_the_interview_is_the_trailer(note: str, tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(INTERVIEW.format(after=note + "\n"), encoding="utf-8")
    document, _ = read_layout(path)
    trailer = [p for b in document.blocks if b.kind is BlockKind.TRAILER for p in b.paragraphs]
    assert trailer == [note]
