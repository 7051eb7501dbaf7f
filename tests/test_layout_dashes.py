"""Dash turns: a question in two dash paragraphs when the whole text says so;
strict alternation when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.source.document import BlockKind
from pipeline.source.transcript import read_layout


def _turns(text: str, tmp_path: Path) -> list[tuple[str, tuple[str, ...]]]:
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    document, layout = read_layout(path)
    assert layout.family.value == "dashes"
    kinds = (BlockKind.QUESTION, BlockKind.ANSWER)
    return [(b.kind.value, b.paragraphs) for b in document.blocks if b.kind in kinds]


def _dashes(*paragraphs: str) -> str:
    return "\n\n".join(f"— {p}" for p in paragraphs) + "\n"


JOINED = {
    # The remark and its question at the end: without them, the last
    # question would have no answer.
    "the-last-question": (
        _dashes(
            "Когда открылся театр?",
            "В девяносто первом.",
            "Сколько у вас актёров?",
            "Двадцать два.",
            "Вас звали в Москву.",
            "Почему остались?",
            "Здесь мой зритель.",
        ),
        ("Вас звали в Москву.", "Почему остались?"),
    ),
    # In the middle: strict alternation would swap every turn after it.
    "in-the-middle": (
        _dashes(
            "Когда открылся театр?",
            "В девяносто первом.",
            "Вас звали в Москву.",
            "Почему остались?",
            "Здесь мой зритель.",
            "Сколько у вас актёров?",
            "Двадцать два.",
            "А зрителей?",
            "Зал на триста мест всегда полон.",
        ),
        ("Вас звали в Москву.", "Почему остались?"),
    ),
}


@pytest.mark.parametrize("name", list(JOINED))
def test_a_remark_and_a_question_in_two_dash_paragraphs_are_one_question(
    name: str, tmp_path: Path
) -> None:
    text, question = JOINED[name]
    turns = _turns(text, tmp_path)
    assert ("question", question) in turns
    kinds = [kind for kind, _ in turns]
    assert kinds == ["question", "answer"] * (len(kinds) // 2)
    # Every question asks; no answer does.
    assert all(ps[-1].endswith("?") == (kind == "question") for kind, ps in turns)


UNDECIDED = {
    # The answer asks back: a statement question and its answer, not one question.
    "an-answer-that-asks-back": _dashes(
        "Вас звали в Москву.",
        "А кто бы тогда остался здесь?",
        "Сколько у вас актёров?",
        "Двадцать два.",
    ),
    # Statement questions throughout: dash turns alternate as they always did.
    "statement-questions": _dashes(
        "Расскажите о театре.",
        "Он открылся в девяносто первом.",
        "Вы говорили о зрителях.",
        "Разве зал не полон?",
        "Расскажите о труппе.",
        "Двадцать два актёра.",
    ),
}


@pytest.mark.parametrize("name", list(UNDECIDED))
def test_dash_turns_alternate_when_the_text_does_not_decide(name: str, tmp_path: Path) -> None:
    turns = _turns(UNDECIDED[name], tmp_path)
    assert [kind for kind, _ in turns] == ["question", "answer"] * (len(turns) // 2)
    assert all(len(ps) == 1 for _, ps in turns)
