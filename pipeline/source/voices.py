"""The voices of a layout: who asks and who answers, each named by the
longest label they have, or as the front matter names them."""

from __future__ import annotations

import re

from pipeline.source.document import BlockKind, Metadata
from pipeline.source.labels import display, key_of, person_word, surname
from pipeline.source.layout import Layout, Voice
from pipeline.source.turns import person

_TURNS = (BlockKind.QUESTION, BlockKind.ANSWER)
_ANONYMOUS = re.compile(r"(?:спикер|speaker|участник|голос|диктор|собеседник|персона) \d+")


_NAME_IN_PARENTHESES = re.compile(
    r"\(\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ][а-яё]+){1,2})\s*\)$"
)


def _anonymous(key: str) -> bool:
    return bool(_ANONYMOUS.fullmatch(key))


def with_voices(layout: Layout, meta: Metadata) -> Layout:
    """The speakers, named by the longest label each one has (a surname alone
    is the same person as the full name), or as the front matter names them."""
    written: dict[str, tuple[str, bool]] = {}
    for p in layout.paragraphs:
        key = person(p.lead.key) if p.lead is not None else None
        longest = written.get(key or "", ("", False))[0]
        if p.lead is not None and key is not None and len(p.lead.written) > len(longest):
            written[key] = (p.lead.written, p.lead.outlet)
    voices: dict[str, Voice] = {}
    for item in layout.items:
        key = item.speaker
        if key is None or key not in written:
            continue
        if key in voices:
            v = voices[key]
            voices[key] = Voice(v.key, v.name, v.line, v.turns + 1, v.outlet)
            continue
        named = [s for s in meta.speakers if surname(key_of(s)) == surname(key)]
        label, outlet = written[key]
        name = named[0] if named else display(label, outlet)
        if not named and not outlet:
            name = _named_in_lede(layout, name)
        voices[key] = Voice(key, name, layout.paragraphs[item.paragraphs[0]].line, 1, outlet)
    asking = [v for k, v in voices.items() if layout.roles.get(k) is BlockKind.QUESTION]
    interviewer = asking[0] if asking else None
    if meta.interviewer:  # the front matter's spelling of the one who asks
        interviewer = (
            Voice(interviewer.key, meta.interviewer, interviewer.line, interviewer.turns)
            if interviewer is not None
            else Voice(key_of(meta.interviewer), meta.interviewer, 0, 0)
        )
    respondents = tuple(v for k, v in voices.items() if layout.roles.get(k) is BlockKind.ANSWER)
    # "Спикер 1", "Спикер 2" (a transcription service's voices) name nobody: no
    # byline, no interviewee line; several of them still tell a round table apart.
    if interviewer is not None and _anonymous(interviewer.key) and not meta.interviewer:
        interviewer = None
    if len(respondents) == 1 and _anonymous(respondents[0].key):
        respondents = ()
    if interviewer is None:
        interviewer = _named_role(layout, BlockKind.QUESTION)
    if not respondents:
        respondents = tuple(v for v in [_named_role(layout, BlockKind.ANSWER)] if v is not None)
    return Layout(
        layout.family, layout.paragraphs, layout.items, interviewer, respondents, layout.roles
    )


def _named_in_lede(layout: Layout, name: str) -> str:
    """A surname alone ("КАЗЫХАНОВ:") with the first name the lede gives it
    ("Аким района Ержан Казыханов ответил …"), when it gives exactly one."""
    if len(name.split()) != 1 or "." in name or not name[:1].isupper():
        return name
    turns = [i for it in layout.items if it.kind in _TURNS for i in it.paragraphs]
    lede = " ".join(p.text for p in layout.paragraphs[: min(turns, default=0)])
    full = re.compile(
        rf"\b([А-ЯЁ][а-яё]+)(?:\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|улы|кызы))?\s+{re.escape(name)}\b"
    )
    first = {m.group(1) for m in full.finditer(lede) if person_word(m.group(1))}
    return f"{first.pop()} {name}" if len(first) == 1 else name


def _named_role(layout: Layout, kind: BlockKind) -> Voice | None:
    """The person a role label names in parentheses, when one role has one
    name: "Модератор (Алия Жаксыбекова):", "Гость (Мадина Ахметова):"."""
    names = {
        (p.lead.key, m.group(1))
        for p in layout.paragraphs
        if p.lead is not None
        and person(p.lead.key) is None
        and layout.roles.get(p.lead.key) is kind
        and (m := _NAME_IN_PARENTHESES.search(p.lead.written))
    }
    if len(names) != 1:
        return None
    ((key, name),) = names
    turns = [
        layout.paragraphs[it.paragraphs[0]]
        for it in layout.items
        if it.kind is kind
        and (lead := layout.paragraphs[it.paragraphs[0]].lead)
        and lead.key == key
    ]
    return Voice(key, " ".join(name.split()), turns[0].line if turns else 0, len(turns))
