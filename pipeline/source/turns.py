"""A transcript body's paragraphs, each with the marker it opens with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.source.creditline import CREDIT_WORDS, credit_name
from pipeline.source.document import BlockKind
from pipeline.source.labels import ANSWER_WORDS, DASH, QUESTION_WORDS, Lead, accepted, candidate

BOLD = "**"  # the marker of a paragraph bold throughout (Word, Markdown)
# A recording's time code at the start of a line ("[00:12:35]", "(12:35)",
# "00:12:35", "00:12:35,120"): where the tape was, not what was said.
TIMESTAMP = re.compile(
    r"^(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)"
    r"(?=\s|$)\s*"
)


QUOTATION = re.compile(r"«[^«»]+»|\"[^\"]+\"|“[^“”]+”|„[^„“”]+[“”]")


# A caption or a note on a line of its own ("Фото висит в музее." goes on a paragraph).
_NOTE_LINE = re.compile(
    r"(?:Фото|На фото|Справка|Источник)\s*[:—–]|Фото\s+(?:автора|из\s+архива|предоставлен)"
    r"|(?:Справка|СПРАВКА|Досье)$"
)


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str  # without its marker
    lead: Lead | None = None  # its accepted marker; the key is the speaker's
    bold: bool = False
    italic: bool = False
    full: str = ""  # as written, marker included
    heading: bool = False  # in a Word/OpenDocument title or heading style, a Markdown "# …"

    @property
    def lead_text(self) -> str:
        return self.lead.written if self.lead else BOLD if self.bold else ""


@dataclass
class Item:
    kind: BlockKind
    paragraphs: list[int] = field(default_factory=list)
    speaker: str | None = None  # the speaker key, when a label names who speaks


def paragraphs(
    lines: list[str],
    first_line: int,
    bold: set[int],
    italic: set[int],
    known: list[str],
    heading: frozenset[int] = frozenset(),
) -> list[Paragraph]:
    """The body's paragraphs, each with the marker it opens with.

    Without blank lines between paragraphs every line is one (as Word saves);
    with them, the lines of one paragraph are joined (a hard-wrapped text).
    """
    written = [" ".join(line.split()) for line in lines]
    content = [i for i, t in enumerate(written) if t]
    if not content:
        return []
    blank_separated = any(not t for t in written[content[0] : content[-1]])
    texts = [TIMESTAMP.sub("", t, count=1) for t in written]
    content = [i for i in content if texts[i]]
    leads = {i: _marker_of(texts[i]) for i in content}
    if content and _quoted_headline(leads[content[0]], list(leads.values())):
        leads[content[0]] = None
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

    first_turn = next((i for i in content if lead(i) is not None), len(texts))
    groups: list[list[int]] = []
    for i, text in enumerate(texts):
        if not text:
            groups.append([])
        elif (
            not blank_separated
            or lead(i) is not None
            or not groups
            or (i > first_turn and _credit_line(texts, i))
        ):
            groups.append([i])
        else:
            groups[-1].append(i)
    out: list[Paragraph] = []
    for group in (g for g in groups if g):
        marker = lead(group[0])
        first = marker.rest if marker else texts[group[0]]
        text = " ".join([first, *(texts[i] for i in group[1:])]).strip()
        full = " ".join(texts[i] for i in group)
        # A heading after the first paragraph (Word's "Heading 2", Markdown's
        # "## …") stands out as bold does: the questions of many Word files.
        headed = all(i in heading for i in group)
        strong = all(i in bold for i in group) or (headed and bool(out))
        italics = all(i in italic for i in group)
        out.append(Paragraph(first_line + group[0], text, marker, strong, italics, full, headed))
    return _labels_on_their_own_line(out)


def _marker_of(text: str) -> Lead | None:
    c = candidate(text)
    if c is None or c.key not in CREDIT_WORDS:
        return c
    # "Фото: …" is no speaker, even twice; "— Текст: …" is a dash turn.
    return Lead(DASH, DASH, c.after_dash, True) if c.after_dash is not None else None


def _quoted_headline(first: Lead | None, leads: list[Lead | None]) -> bool:
    """A first line "Айгуль Сатпаева: «Мы не ждали такого спроса»" is the
    headline outlets give an interview (who said it, then a quotation), not a
    turn: the name opens no other paragraph."""
    if first is None or first.key == DASH or first.after_dash is not None:
        return False
    once = sum(1 for c in leads if c is not None and c.key == first.key) == 1
    return once and bool(QUOTATION.fullmatch(first.rest))


def _credit_line(texts: list[str], i: int) -> bool:
    """A credit or a caption on the line after a sentence's end ("Беседовал
    Иван Петров", "Фото: …" right under the last answer) is a paragraph of its
    own, not the answer's (in the lede, a credit stays its last sentence)."""

    def note(text: str) -> bool:
        return bool(credit_name(text) or _NOTE_LINE.match(text))

    ended = i > 0 and (re.search(r"[.!?…»\"”)]$", texts[i - 1]) or note(texts[i - 1]))
    return bool(ended) and note(texts[i])


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
