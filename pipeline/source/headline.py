"""A headline line at the top of a transcript: the page's title.

Outlets' texts open with the headline, then the lede: "Хлеб по старым
рецептам" / "В Петропавловске пекарь возродил …" / the first question. The
evidence that a first line is a headline and not the lede's opening: it is
short, one phrase without a sentence's final punctuation, no question and no
label, and a lede paragraph (or a photo caption) follows it before the first
turn. A line of a hard-wrapped lede is none: its sentence goes on in the next
line (which then opens in lower case, or is about as long); a date, a credit
or a rubric in capitals ("ИНТЕРВЬЮ") is none either. A Word title or heading
style says so whatever the line looks like. Without that evidence the line
stays in the lede, as before.
"""

from __future__ import annotations

import re

from pipeline.source.creditline import credit_name
from pipeline.source.document import BlockKind
from pipeline.source.labels import candidate, display
from pipeline.source.layout import Layout
from pipeline.source.turns import QUOTATION, Item, Paragraph, ends_as_question, person

HEADLINE_WORDS = 14
HEADLINE_LENGTH = 120
_OPENS = re.compile(r"[«\"“„(]?[А-ЯЁA-Z0-9]")
# A sentence's end inside the line: a headline is one phrase.
_SENTENCES = re.compile(r"[.!?…]\s+[«\"“„(]?[А-ЯЁA-Z]")
# Its end: no period, colon, comma or dash; a quotation may close it
# («Мы не ждали такого спроса»), its own text without a final period.
_ENDS = re.compile(r"[\wа-яё][»\"”)]*$", re.IGNORECASE)
# A rubric or a kicker, not a headline: "Большое интервью", "Рубрика: Экономика".
_RUBRIC = re.compile(r"(?:\w+\s+)?интервью(?:\s+\w+)?|\w+:\s+(?![«\"“„]).*", re.IGNORECASE)
_DATE = re.compile(
    r"\b\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август"
    r"|сентябр|октябр|ноябр|декабр)\w*)",
    re.IGNORECASE,
)


def with_headline(layout: Layout) -> Layout:
    """The layout with its first lede paragraph as the headline (a TITLE
    item first), when the evidence says it is one."""
    items = layout.items
    if not items or items[0].kind is not BlockKind.LEDE or items[0].paragraphs[0] != 0:
        return layout
    ps = layout.paragraphs
    kinds = (BlockKind.LEDE, BlockKind.CAPTION)
    around = {i for it in items if it.kind in kinds for i in it.paragraphs}
    if not (_heading(ps[0]) or (1 in around and _headline_line(ps[0], ps[1]))):
        return layout
    lede = items[0].paragraphs[1:]
    rest = [Item(BlockKind.LEDE, lede)] if lede else []
    title = Item(BlockKind.TITLE, [0])
    return Layout(
        layout.family,
        layout.paragraphs,
        (title, *rest, *items[1:]),
        layout.interviewer,
        layout.respondents,
        layout.roles,
    )


def headline_speaker(layout: Layout) -> str | None:
    """Who said the headline's quotation ("Айгуль Сатпаева: «Мы не ждали
    такого спроса»"): the interviewee, when no label names them."""
    if not layout.items or layout.items[0].kind is not BlockKind.TITLE or layout.respondents:
        return None
    label = candidate(layout.paragraphs[layout.items[0].paragraphs[0]].text)
    if label is None or label.outlet or person(label.key) is None or label.after_dash:
        return None
    return display(label.written) if QUOTATION.fullmatch(label.rest) else None


def _heading(p: Paragraph) -> bool:
    return p.heading and p.lead is None


def _headline_line(p: Paragraph, lede: Paragraph) -> bool:
    text = p.text
    words = text.split()
    if p.lead is not None or not 2 <= len(words) <= HEADLINE_WORDS or len(text) > HEADLINE_LENGTH:
        return False
    if ends_as_question(text) or not _OPENS.match(text) or not _ENDS.search(text):
        return False
    if _SENTENCES.search(text) or _DATE.search(text) or credit_name(text) is not None:
        return False
    if _RUBRIC.fullmatch(text):
        return False
    if text.isupper() and len(words) <= 3:
        return False  # a rubric: "ИНТЕРВЬЮ НЕДЕЛИ"
    # The lede opens a sentence of its own; a hard-wrapped lede's next line
    # goes on with the same one (lower case), or is a line of the same width.
    if not _OPENS.match(lede.text) and not lede.text.startswith(("—", "–", "-")):
        return False
    return not (lede.line == p.line + 1 and len(text) >= 0.7 * len(lede.text))
