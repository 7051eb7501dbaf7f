"""The reading order of a layout's paragraphs: lede, captions, questions,
answers and trailer, given the family and what each marker says."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.source.creditline import credit_name
from pipeline.source.dashes import dash_kinds
from pipeline.source.document import BlockKind
from pipeline.source.labels import DASH
from pipeline.source.preamble import opens_question
from pipeline.source.turns import BOLD, Item, Paragraph, ends_as_question, marker, person

_CAPTION = re.compile(
    r"\(?\s*(?:на\s+фото|фото|фотография|photo|иллюстрация|коллаж|скриншот|кадр)\b", re.IGNORECASE
)
# Notes after the interview: the press office, the newsroom, a reference
# ("Справка", "Досье"), the source or the photographs' author ("Фото: …",
# "Фото автора"), how the interview was made ("Интервью публикуется в
# сокращении"). "Текст закона …" or "Автор проекта …" opens a sentence of the
# last answer.
_NOTE = re.compile(
    r"(?:пресс-служба|редакция|справка|досье|материал\s+подготовлен|автор\s+благодарит"
    r"|интервью\s+(?:\w+\s+)?(?:публику|записан|опубликован|сокращ|отредактирован|провед|взят)"
    r"|(?:фото|фотографии|текст|автор|источник|редакция|интервью)\s*(?:[:—–]|-\s)"
    r"|фото\s+(?:автора|из\s+(?:архива|открытых|личного)|предоставлен|пресс-службы|с\s+сайта))",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")


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
        if family == "marked-questions" and marker(ps[start]) == BOLD:
            start = _after_bold_headline(ps, start)
    skip = 2 if family in ("marked-questions", "alternating") else 1
    end = next((i for i in range(last + skip, len(ps)) if _credit(ps[i])), len(ps))
    builder = _Builder(ps)
    if family == "marked-answers":
        answers = [i for i in range(end) if role(i) is BlockKind.ANSWER]
        _marked_answers(builder, ps, answers, end)
    else:
        alternating = family in ("dashes", "alternating")
        alternate = set(turns)
        # Dash turns: a question may take two dash paragraphs (pipeline.source.dashes).
        kinds = dash_kinds(ps, turns) if family == "dashes" else {}
        turn = BlockKind.ANSWER
        for i in range(end):
            kind = role(i) if i >= start else None
            if alternating and i in alternate:
                turn = kind = kinds.get(i) or (
                    BlockKind.QUESTION if turn is BlockKind.ANSWER else BlockKind.ANSWER
                )
            if kind is not None:
                builder.turn(kind, i, person(marker(ps[i])))
            elif family == "marked-questions" and builder.current_kind() is BlockKind.QUESTION:
                if _question_goes_on(ps, i, end, role):
                    builder.unmarked(i)
                else:
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
    does not ask (then it continues the previous answer: a round table). The
    paragraphs just before it that ask too (or are bold, as it is) are part of it."""
    previous = -1
    answered: set[str | None] = set()
    names = {
        w
        for a in answers
        if (lead := ps[a].lead)
        for w in re.findall(r"\w+", lead.written.casefold())
    }
    for a in answers:
        run = range(previous + 1, a)
        speaker = person(marker(ps[a])) or marker(ps[a])
        q = max((i for i in run if not _caption(ps[i])), default=None)
        first = -1  # where the question starts
        if q is not None:
            first = q
            while first - 1 in run and _asks_too(ps[first - 1], ps[q]):
                first -= 1  # a question in several paragraphs
            if (
                first - 1 in run
                and not _caption(ps[first - 1])
                and opens_question(ps[first - 1], names)
            ):
                first -= 1  # its preamble: "Вы говорили, что …"
        new = q is not None and (
            builder.current is None
            or speaker in answered
            or ends_as_question(ps[q].text)
            or ps[q].bold
        )
        for i in run:
            if new and i == first:
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
        current = self.current
        if (
            kind is BlockKind.QUESTION
            and current is not None
            and current.kind is kind
            and current is self.items[-1]
            and (current.speaker, marker(self.ps[current.paragraphs[0]]))
            == (speaker, marker(self.ps[i]))
        ):
            current.paragraphs.append(i)  # the same voice asks on: one question in two paragraphs
            return
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
    return bool(_NOTE.match(p.text)) or credit_name(p.text) is not None or p.italic or short


def _asks_too(before: Paragraph, question: Paragraph) -> bool:
    """An unmarked paragraph just before a question is part of it when both are
    bold, or both ask (a round table's answers rarely end with '?')."""
    if before.lead is not None or _caption(before):
        return False
    if question.bold:
        return before.bold
    return ends_as_question(before.text) and ends_as_question(question.text)


def _question_goes_on(
    ps: list[Paragraph], i: int, end: int, role: Callable[[int], BlockKind | None]
) -> bool:
    """After a marked question, an unmarked paragraph that asks, with an unmarked
    one after it, is the question going on ("Вопрос: Город закрыл улицу." /
    "Как идут дела?" / the answer)."""
    after = i + 1
    return (
        ends_as_question(ps[i].text)
        and after < end
        and role(after) is None
        and not _caption(ps[after])
    )


def _after_bold_headline(ps: list[Paragraph], start: int) -> int:
    """Where the first bold question starts when the text opens with several
    bold paragraphs: a Word file's bold headline and lede are not questions,
    so those before the last one that does not ask are the lede."""
    run = start
    while run + 1 < len(ps) and ps[run + 1].bold and ps[run + 1].lead is None:
        run += 1
    if run == start or not ends_as_question(ps[run].text):
        return start
    statements = [i for i in range(start, run) if not ends_as_question(ps[i].text)]
    return statements[-1] + 1 if statements else start
