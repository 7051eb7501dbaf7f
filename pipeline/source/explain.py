"""``convert --explain``: what the converter found, in an editor's words."""

from __future__ import annotations

from pipeline.source.document import BlockKind, Document
from pipeline.source.labels import DASH
from pipeline.source.layout import Family, Layout
from pipeline.source.turns import BOLD

_FAMILY = {
    Family.TURNS: "every turn opens with a marker: {markers}",
    Family.DASHES: "every turn opens with a dash; dash turns alternate question, answer",
    Family.MARKED_ANSWERS: "questions are unmarked paragraphs; answers open with {markers}",
    Family.MARKED_QUESTIONS: "questions open with {markers}; answers are unmarked paragraphs",
    Family.ALTERNATING: "no markers: paragraphs alternate question, answer from the first '?'",
}


def explain(document: Document, layout: Layout) -> str:
    meta = document.metadata
    markers = ", ".join(_marker(k, layout) for k in layout.roles) or "none"
    lines = [
        f"file: {document.source}",
        f"layout: {layout.family.value} ({_FAMILY[layout.family].format(markers=markers)})",
    ]
    if len(document.respondents) > 1:
        lines.append(f"round table: {len(document.respondents)} people answer")
    voice = layout.interviewer
    if document.interviewer is not None:
        where = f", first asks at line {voice.line}" if voice and voice.line else ""
        lines.append(f"interviewer: {document.interviewer.name} (byline{where})")
    elif voice is not None and voice.outlet:
        lines.append(f"interviewer: the outlet {voice.name} (shown as the outlet)")
    else:
        lines.append("interviewer: not named (add 'interviewer: NAME' for a byline)")
    for v in layout.respondents:
        lines.append(f"speaker: {v.name} ({v.turns} answer(s), first at line {v.line})")
    if not layout.respondents:
        who = meta.interviewee or "not named (add 'interviewee: NAME' or 'speakers:')"
        lines.append(f"speaker: {who}")
    first_lines = [
        layout.paragraphs[it.paragraphs[0]].line
        for it in layout.items
        if it.kind is BlockKind.QUESTION
    ]
    lines.append(f"questions: {layout.questions} (at lines {_ranges(first_lines)})")
    answers = sum(1 for it in layout.items if it.kind is BlockKind.ANSWER)
    lines.append(f"answers: {answers} turn(s)")
    headline = layout.lines(BlockKind.TITLE)
    title = "the front matter's 'title:'" if meta.title else "the first answer's opening"
    lines.append(
        f"headline: line {headline[0]} (the title)"
        if headline
        else f"headline: none ({title} is the title)"
    )
    for kind, what in (
        (BlockKind.LEDE, "lede"),
        (BlockKind.CAPTION, "caption"),
        (BlockKind.TRAILER, "trailer"),
    ):
        found = layout.lines(kind)
        lines.append(f"{what}: {'lines ' + _ranges(found) if found else 'none'}")
    lines.append(
        "overrides (front matter): interviewer: NAME, speakers: [NAME, …],"
        f" layout: {' | '.join(f.value for f in Family)}"
    )
    return "\n".join(lines) + "\n"


def _marker(key: str, layout: Layout) -> str:
    if key == DASH:
        return "a dash"
    if key == BOLD:
        return "bold"
    written = next(
        (p.lead.written for p in layout.paragraphs if p.lead is not None and p.lead.key == key),
        key,
    )
    role = layout.roles.get(key)
    what = {BlockKind.QUESTION: "asks", BlockKind.ANSWER: "answers"}.get(role, "") if role else ""
    return f"'{written}'" + (f" ({what})" if what else "")


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → '1-3, 7'."""
    out: list[str] = []
    for n in sorted(numbers):
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
