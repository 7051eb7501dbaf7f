"""A transcript's layout: its family, who asks, who answers, and what each
paragraph is (inferred from the text by ``pipeline.source.infer``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from pipeline.source.document import BlockKind
from pipeline.source.turns import Item, Paragraph


class Family(enum.Enum):
    TURNS = "turns"  # questions and answers both open with a marker
    DASHES = "dashes"  # every turn opens with a dash: question, answer, question, …
    MARKED_ANSWERS = "marked-answers"  # unmarked questions, marked answers (round tables)
    MARKED_QUESTIONS = "marked-questions"  # marked or bold questions, unmarked answers
    ALTERNATING = "alternating"  # no markers: paragraphs alternate question, answer


FAMILIES = tuple(f.value for f in Family)


@dataclass(frozen=True)
class Voice:
    """A speaker as the layout found them: the key of their labels, a name to print."""

    key: str
    name: str
    line: int  # where they first speak
    turns: int
    outlet: bool = False


@dataclass(frozen=True)
class Layout:
    family: Family
    paragraphs: tuple[Paragraph, ...]
    items: tuple[Item, ...]  # in reading order: lede, captions, questions, answers, trailer
    interviewer: Voice | None = None
    respondents: tuple[Voice, ...] = ()
    roles: dict[str, BlockKind | None] = field(default_factory=dict)  # marker → its turns

    @property
    def questions(self) -> int:
        return sum(1 for item in self.items if item.kind is BlockKind.QUESTION)

    def lines(self, kind: BlockKind) -> list[int]:
        return [
            self.paragraphs[i].line for it in self.items if it.kind is kind for i in it.paragraphs
        ]
