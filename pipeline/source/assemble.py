"""Layout → the document's blocks and speakers.

Block ids stay what they were before speakers existed: "lede", "q3", "a3".
A second answer to question 3 (a round table) is "a3-2"; a turn that goes on
after a photo caption continues as "a3-2" too; captions are "caption1", … and
the notes after the interview "trailer".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from pipeline.source.document import Block, BlockKind, Metadata, Role, Speaker
from pipeline.source.labels import display, key_of
from pipeline.source.layout import Layout, Voice

_PREFIX = {BlockKind.QUESTION: "q", BlockKind.ANSWER: "a"}


def speakers_of(layout: Layout, meta: Metadata) -> tuple[Metadata, tuple[Speaker, ...]]:
    """The speakers and the front matter they complete.

    An outlet that asks (a label in quotes) is the page's outlet when the front
    matter names none; a person who asks is the byline.
    """
    speakers: list[Speaker] = []
    voice = layout.interviewer
    asking = [
        p.lead
        for p in layout.paragraphs
        if p.lead is not None
        and p.lead.outlet
        and layout.roles.get(p.lead.key) is BlockKind.QUESTION
    ]
    if voice is not None and not voice.outlet and asking and meta.outlet is None:
        # The byline (a credit, the front matter) asks for the outlet the labels name.
        meta = replace(meta, outlet=_outlet(display(asking[0].written, outlet=True)))
    if voice is not None and voice.outlet:
        outlet = _outlet(voice.name)
        if meta.outlet is None:
            meta = replace(meta, outlet=outlet)
            voice = None
        elif key_of(meta.outlet) == key_of(outlet):
            voice = None
    if voice is not None:
        speakers.append(Speaker("speaker1", voice.name, Role.INTERVIEWER))
    for v in layout.respondents:
        speakers.append(Speaker(f"speaker{len(speakers) + 1}", v.name, Role.RESPONDENT))
    if meta.interviewee is None and len(layout.respondents) == 1:
        meta = replace(meta, interviewee=layout.respondents[0].name)
    elif meta.interviewee is not None and not layout.respondents:
        # Unlabelled answers are the interviewee's the front matter names.
        speakers.append(Speaker(f"speaker{len(speakers) + 1}", meta.interviewee, Role.RESPONDENT))
    return meta, tuple(speakers)


def _outlet(name: str) -> str:
    """ "«Завтра»" → "Завтра"; "МИА «Казинформ»", "Tengrinews.kz" as they are."""
    quoted = name[:1] == "«" and name[-1:] == "»" and name.count("«") == 1
    return name[1:-1] if quoted else name


def blocks_of(layout: Layout, speakers: tuple[Speaker, ...]) -> list[Block]:
    by_key = _speaker_ids(layout, speakers)
    respondents = [s for s in speakers if s.role is Role.RESPONDENT]
    blocks: list[Block] = []
    ids: Counter[str] = Counter()
    pair = 0
    captions = 0
    turn: BlockKind | None = None  # the kind of the last question or answer
    for item in layout.items:
        if item.kind is BlockKind.TITLE:
            continue  # the headline: the document's title block
        # A question that goes on after a caption is the same question.
        goes_on = turn is item.kind and bool(blocks) and blocks[-1].kind is BlockKind.CAPTION
        if item.kind is BlockKind.QUESTION and not goes_on:
            pair += 1
        elif item.kind is BlockKind.ANSWER:
            pair = max(pair, 1)
        if item.kind in _PREFIX:
            base = f"{_PREFIX[item.kind]}{pair}"
        elif item.kind is BlockKind.CAPTION:
            captions += 1
            base = f"caption{captions}"
        else:
            base = item.kind.value
        ids[base] += 1
        block_id = base if ids[base] == 1 else f"{base}-{ids[base]}"
        texts = tuple(_text(layout, i) for i in item.paragraphs)
        number = pair if item.kind in _PREFIX else None
        speaker = by_key.get(item.speaker) if item.speaker else None
        if item.kind is BlockKind.ANSWER and speaker is None and len(respondents) == 1:
            speaker = respondents[0].id  # one person answers: every answer is theirs
        blocks.append(Block(block_id, item.kind, texts, number, speaker))
        if item.kind is not BlockKind.CAPTION:
            turn = item.kind
    return blocks


def _speaker_ids(layout: Layout, speakers: tuple[Speaker, ...]) -> dict[str, str]:
    voices: list[Voice] = [v for v in (layout.interviewer, *layout.respondents) if v is not None]
    names = {s.name: s.id for s in speakers}
    return {v.key: names[v.name] for v in voices if v.name in names}


def _text(layout: Layout, index: int) -> str:
    """A paragraph's text: its marker is left out when the layout used it."""
    p = layout.paragraphs[index]
    if p.lead is not None and p.lead.key in layout.roles:
        return p.text
    return p.full
