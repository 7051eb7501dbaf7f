"""Paragraphs with their markers, and the reading order of a layout's items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.source.document import BlockKind
from pipeline.source.labels import ANSWER_WORDS, DASH, QUESTION_WORDS, Lead, accepted, candidate

BOLD = "**"  # the marker of a paragraph bold throughout (Word, Markdown)
_CAPTION = re.compile(
    r"\(?\s*(?:на\s+фото|фото|фотография|photo|иллюстрация|коллаж|скриншот|кадр)\b", re.IGNORECASE
)
_CREDIT = re.compile(
    r"(?:беседовал[аи]?|подготовил[аи]?|записал[аи]?|интервью\s+\w+|текст|автор|"
    r"пресс-служба|источник|справка|фото|материал\s+подготовлен|редакция)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str  # without its marker
    lead: Lead | None = None  # its accepted marker; the key is the speaker's
    bold: bool = False
    italic: bool = False
    full: str = ""  # as written, marker included

    @property
    def lead_text(self) -> str:
        return self.lead.written if self.lead else BOLD if self.bold else ""


@dataclass
class Item:
    kind: BlockKind
    paragraphs: list[int] = field(default_factory=list)
    speaker: str | None = None  # the speaker key, when a label names who speaks


def paragraphs(
    lines: list[str], first_line: int, bold: set[int], italic: set[int], known: list[str]
) -> list[Paragraph]:
    """The body's paragraphs, each with the marker it opens with.

    Without blank lines between paragraphs every line is one (as Word saves);
    with them, the lines of one paragraph are joined (a hard-wrapped text).
    """
    texts = [" ".join(line.split()) for line in lines]
    content = [i for i, t in enumerate(texts) if t]
    if not content:
        return []
    blank_separated = any(not t for t in texts[content[0] : content[-1]])
    leads = {i: candidate(texts[i]) for i in content}
    speaker = accepted(leads.values(), known)

    def lead(i: int) -> Lead | None:
        c = leads[i]
        if c is not None and c.key != DASH and c.key not in speaker and c.after_dash is not None:
            return Lead(DASH, DASH, c.after_dash, True)  # "— Айдар Маратович: это…" is a dash turn
        if c is None or (c.key != DASH and c.key not in speaker):
            return None
        if c.key == DASH:
            return c
        return Lead(speaker[c.key], c.written, c.rest, c.strong, c.outlet, c.asks)

    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        if not text:
            groups.append([])
        elif not blank_separated or lead(i) is not None or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    out: list[Paragraph] = []
    for group in (g for g in groups if g):
        marker = lead(group[0])
        first = marker.rest if marker else texts[group[0]]
        text = " ".join([first, *(texts[i] for i in group[1:])]).strip()
        full = " ".join(texts[i] for i in group)
        out.append(
            Paragraph(
                first_line + group[0],
                text,
                marker,
                all(i in bold for i in group),
                all(i in italic for i in group),
                full,
            )
        )
    return _labels_on_their_own_line(out)


def _labels_on_their_own_line(ps: list[Paragraph]) -> list[Paragraph]:
    """'Корр.:' alone on a line opens the paragraph after it; a marker with no
    text at all (an empty last turn) says nothing and is dropped."""
    out: list[Paragraph] = []
    pending: Paragraph | None = None
    for p in ps:
        if p.lead is not None and not p.text:
            pending = p
            continue
        if pending is not None and p.lead is None:
            p = Paragraph(
                p.line, p.text, pending.lead, p.bold, p.italic, f"{pending.full} {p.full}"
            )
        pending = None
        out.append(p)
    return out


def marker(p: Paragraph) -> str | None:
    return p.lead.key if p.lead is not None else BOLD if p.bold else None


def person(key: str | None) -> str | None:
    """The speaker a marker names: not a dash, bold or a role word."""
    if key is None or key in (DASH, BOLD) or key in QUESTION_WORDS | ANSWER_WORDS or len(key) < 2:
        return None  # "Р:" is a marker like a dash; "Д.К." are someone's initials
    return key


def ends_as_question(text: str) -> bool:
    return bool(re.search(r"\?[»\"”)…. ]*$", text))


def sequence(
    family: str, ps: list[Paragraph], roles: dict[str, BlockKind | None], confirmed: bool = False
) -> list[Item]:
    """Lede, captions, questions, answers and trailer, in reading order.

    ``confirmed``: the front matter says the layout; alternation starts at once.
    """

    def role(i: int) -> BlockKind | None:
        m = marker(ps[i])
        return roles.get(m) if m is not None else None

    if family == "alternating":
        turns = [i for i, p in enumerate(ps) if ends_as_question(p.text) or p.bold or confirmed]
        start = turns[0] if turns else len(ps)
        turns = [i for i in range(start, len(ps)) if not _caption(ps[i])]
        last = max((i for i in turns if ends_as_question(ps[i].text)), default=len(ps))
    else:
        dashes = family == "dashes"
        turns = [i for i in range(len(ps)) if (marker(ps[i]) == DASH if dashes else role(i))]
        start = turns[0] if turns else len(ps)
        last = turns[-1] if turns else len(ps)
    skip = 2 if family in ("marked-questions", "alternating") else 1
    end = next((i for i in range(last + skip, len(ps)) if _credit(ps[i])), len(ps))
    builder = _Builder(ps)
    if family == "marked-answers":
        answers = [i for i in range(end) if role(i) is BlockKind.ANSWER]
        _marked_answers(builder, ps, answers, end)
    else:
        alternating = family in ("dashes", "alternating")
        alternate = set(turns)
        turn = BlockKind.ANSWER
        for i in range(end):
            kind = role(i) if i >= start else None
            if alternating and i in alternate:
                turn = kind = BlockKind.QUESTION if turn is BlockKind.ANSWER else BlockKind.ANSWER
            if kind is not None:
                builder.turn(kind, i, person(marker(ps[i])))
            elif family == "marked-questions" and builder.current_kind() is BlockKind.QUESTION:
                builder.turn(BlockKind.ANSWER, i, None)
            else:
                builder.unmarked(i)
    items = builder.items
    if end < len(ps):
        items.append(Item(BlockKind.TRAILER, list(range(end, len(ps)))))
    return items


def _marked_answers(builder: _Builder, ps: list[Paragraph], answers: list[int], end: int) -> None:
    """Each answer's unmarked run before it: its last paragraph is the question,
    unless the answerer has not yet spoken to this question and the paragraph
    does not ask (then it continues the previous answer: a round table)."""
    previous = -1
    answered: set[str | None] = set()
    for a in answers:
        run = range(previous + 1, a)
        speaker = person(marker(ps[a])) or marker(ps[a])
        q = max((i for i in run if not _caption(ps[i])), default=None)
        new = q is not None and (
            builder.current is None
            or speaker in answered
            or ends_as_question(ps[q].text)
            or ps[q].bold
        )
        for i in run:
            if new and i == q:
                builder.turn(BlockKind.QUESTION, i, None)
                answered = set()
            else:
                builder.unmarked(i)
        builder.turn(BlockKind.ANSWER, a, person(speaker))
        answered.add(speaker)
        previous = a
    for i in range(previous + 1, end):
        builder.unmarked(i)


class _Builder:
    def __init__(self, ps: list[Paragraph]) -> None:
        self.ps = ps
        self.items: list[Item] = []
        self.current: Item | None = None  # the question or answer being read

    def current_kind(self) -> BlockKind | None:
        return self.current.kind if self.current is not None else None

    def turn(self, kind: BlockKind, i: int, speaker: str | None) -> None:
        self.current = Item(kind, [i], speaker)
        self.items.append(self.current)

    def unmarked(self, i: int) -> None:
        last = self.items[-1] if self.items else None
        if _caption(self.ps[i]):
            self.items.append(Item(BlockKind.CAPTION, [i]))
        elif self.current is None:
            if last is not None and last.kind is BlockKind.LEDE:
                last.paragraphs.append(i)
            else:
                self.items.append(Item(BlockKind.LEDE, [i]))
        elif last is self.current:
            self.current.paragraphs.append(i)
        else:  # the turn goes on after a caption
            self.current = Item(self.current.kind, [i], self.current.speaker)
            self.items.append(self.current)


def _caption(p: Paragraph) -> bool:
    return p.lead is None and bool(_CAPTION.match(p.text)) and len(p.text.split()) <= 40


def _credit(p: Paragraph) -> bool:
    if p.lead is not None:
        return False
    short = len(p.text.split()) <= 10 and not _SENTENCE_END.search(p.text)
    return bool(_CREDIT.match(p.text)) or p.italic or short
