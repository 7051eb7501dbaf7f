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


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date: datetime.date | None = None
    interviewee: str | None = None
    interviewer: str | None = None
    outlet: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Block:
    """A unit of layout: the title, the lede, one question or one answer."""

    id: str  # "title", "lede", "q3", "a3": the same in every language
    kind: BlockKind
    paragraphs: tuple[str, ...]
    pair: int | None = None  # question/answer pair number; anchors are q{pair}

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

    @property
    def title(self) -> Block:
        return self.blocks[0]


@dataclass(frozen=True)
class Segment:
    """A translation unit: one sentence of one paragraph of one block."""

    id: str  # "q3.p1.s2": stable as long as its answer keeps its shape
    block_id: str
    paragraph: int
    text: str
