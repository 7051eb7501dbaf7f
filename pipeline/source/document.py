"""The typed objects that flow between stages: document, blocks, segments."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from pathlib import Path


class BlockKind(enum.Enum):
    TITLE = "title"
    LEDE = "lede"
    QUESTION = "question"
    ANSWER = "answer"
    CAPTION = "caption"  # a photo caption or credit between the turns
    TRAILER = "trailer"  # credits and notes after the last answer


class Role(enum.Enum):
    INTERVIEWER = "interviewer"
    RESPONDENT = "respondent"


@dataclass(frozen=True)
class Speaker:
    """A person (or outlet) who speaks in the interview; the name is translatable."""

    id: str  # "speaker1": its segment id in the translation memory
    name: str
    role: Role


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date: datetime.date | None = None
    updated: datetime.date | None = None  # the last correction of the Russian text
    image: str | None = None  # a picture for link previews, relative to the project root
    interviewee: str | None = None
    interviewer: str | None = None
    outlet: str | None = None
    source_url: str | None = None
    speakers: tuple[str, ...] = ()  # who answers, when labels alone cannot tell
    layout: str | None = None  # a pipeline.layout.Family value, overriding inference


@dataclass(frozen=True)
class Block:
    """A unit of layout: the title, the lede, one question or one answer."""

    id: str  # "title", "lede", "q3", "a3": the same in every language
    kind: BlockKind
    paragraphs: tuple[str, ...]
    pair: int | None = None  # question/answer pair number; anchors are q{pair}
    speaker: str | None = None  # the Speaker.id who says it, when the transcript names them

    @property
    def anchor(self) -> str | None:
        return None if self.pair is None else f"q{self.pair}"


@dataclass(frozen=True)
class Document:
    """One interview: what the transcript says, free of any markup."""

    slug: str
    source: Path
    metadata: Metadata
    blocks: tuple[Block, ...]
    speakers: tuple[Speaker, ...] = ()

    @property
    def title(self) -> Block:
        return self.blocks[0]

    @property
    def interviewer(self) -> Speaker | None:
        return next((s for s in self.speakers if s.role is Role.INTERVIEWER), None)

    @property
    def respondents(self) -> tuple[Speaker, ...]:
        return tuple(s for s in self.speakers if s.role is Role.RESPONDENT)


@dataclass(frozen=True)
class Segment:
    """A translation unit: one sentence of one paragraph of one block."""

    id: str  # "q3.p1.s2": stable as long as its answer keeps its shape
    block_id: str
    paragraph: int
    text: str
