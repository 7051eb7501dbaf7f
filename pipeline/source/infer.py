"""Layout inference: who asks, who answers, and what each paragraph is.

The evidence is taken from the whole text: which markers (labels, dashes,
bold) open paragraphs, how often each marker's turns end with a question
mark, who speaks first and briefly, and whether marked turns follow each
other or alternate with unmarked paragraphs. When the evidence does not
decide, the error names the line and the front matter key that settles it.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError, Location
from pipeline.source.document import BlockKind, Metadata
from pipeline.source.labels import ANSWER_WORDS, DASH, QUESTION_WORDS, key_of, surname
from pipeline.source.layout import Family, Layout
from pipeline.source.order import sequence
from pipeline.source.turns import BOLD, Paragraph, ends_as_question
from pipeline.source.voices import with_voices


def infer(paragraphs: list[Paragraph], meta: Metadata, path: Path) -> Layout:
    """The layout of a transcript's body, from its paragraphs and front matter."""
    if not paragraphs:
        raise InputError(
            "no question/answer turns found: the transcript has no text", Location(path)
        )
    if not any(c.isalnum() for p in paragraphs for c in p.full):
        raise InputError(
            "no question/answer turns found: the transcript has marks (dashes, labels) but no"
            " words",
            Location(path, paragraphs[0].line),
        )
    forced = Family(meta.layout) if meta.layout else None
    roles = _roles(paragraphs, meta, forced, path)
    if forced is not None:
        family = forced
    elif roles == {DASH: None}:
        family = Family.DASHES if _dashes_alternate(paragraphs) else Family.MARKED_ANSWERS
        roles = {DASH: None if family is Family.DASHES else BlockKind.ANSWER}
    else:
        kinds = set(roles.values())
        family = (
            Family.TURNS
            if kinds == {BlockKind.QUESTION, BlockKind.ANSWER}
            else Family.MARKED_QUESTIONS
            if kinds == {BlockKind.QUESTION}
            else Family.MARKED_ANSWERS
            if kinds == {BlockKind.ANSWER}
            else Family.ALTERNATING
        )
    items = sequence(family.value, paragraphs, roles, confirmed=forced is Family.ALTERNATING)
    layout = Layout(family, tuple(paragraphs), tuple(items), roles=roles)
    if forced is None:
        _check_evidence(layout, path)
    if not layout.questions:
        raise InputError(
            "no question/answer turns found: start each turn on a new line with a dash"
            " (— …) or a speaker label (Вопрос: …, Имя Фамилия: …)",
            Location(path, paragraphs[0].line),
        )
    answers = [it for it in layout.items if it.kind is BlockKind.ANSWER]
    if not answers:  # only questions (labels with nothing after them): not an interview yet
        first = next(it for it in layout.items if it.kind is BlockKind.QUESTION)
        raise InputError(
            "questions but no answers found: each answer starts on a new line after its"
            " question (with a dash, a speaker label or none)",
            Location(path, paragraphs[first.paragraphs[0]].line),
        )
    return with_voices(layout, meta)


def _marker(p: Paragraph) -> str | None:
    if p.lead is not None:
        return p.lead.key
    return BOLD if p.bold else None


def _roles(
    paragraphs: list[Paragraph], meta: Metadata, forced: Family | None, path: Path
) -> dict[str, BlockKind | None]:
    """Question or answer for each marker that opens paragraphs."""
    turns: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        marker = _marker(p)
        if marker is not None:
            turns.setdefault(marker, []).append(p)
    if BOLD in turns and len(turns) > 1:
        # With labels or dashes, bold is emphasis (a title, a bold lede), and
        # evidence for the label it opens, not a marker of its own.
        del turns[BOLD]
    if forced is Family.ALTERNATING:
        return {}
    if forced is Family.DASHES:
        return {DASH: None} if DASH in turns else {}
    if set(turns) == {DASH}:
        return {DASH: None}
    interviewer = key_of(meta.interviewer) if meta.interviewer else None
    speakers = {key_of(s) for s in meta.speakers}
    roles: dict[str, BlockKind | None] = {}
    for marker, ps in turns.items():
        lead = ps[0].lead
        last = surname(marker)
        if marker in speakers or last in {surname(s) for s in speakers}:
            roles[marker] = BlockKind.ANSWER
        elif interviewer and (marker == interviewer or last == surname(interviewer)):
            roles[marker] = BlockKind.QUESTION
        elif marker in ANSWER_WORDS:
            roles[marker] = BlockKind.ANSWER
        elif marker in QUESTION_WORDS or marker == BOLD or (lead and (lead.outlet or lead.asks)):
            roles[marker] = BlockKind.QUESTION
    if forced is Family.MARKED_ANSWERS:
        return dict.fromkeys(turns, BlockKind.ANSWER)
    if forced is Family.MARKED_QUESTIONS:
        return {m: BlockKind.QUESTION for m in turns if roles.get(m) is not BlockKind.ANSWER}
    unknown = [m for m in turns if m not in roles]
    if not unknown:
        return roles
    if BlockKind.QUESTION in roles.values():
        # The interviewer the front matter or the lede names asks; the others answer.
        named = interviewer and any(surname(m) == surname(interviewer) for m in roles)
        for m in unknown:
            asks = not named and _asks(turns[m]) >= 0.75
            roles[m] = BlockKind.QUESTION if asks else BlockKind.ANSWER
        return roles
    return roles | _interviewer_by_evidence(turns, unknown, paragraphs, forced, path)


def _asks(ps: list[Paragraph]) -> float:
    return sum(1 for p in ps if ends_as_question(p.text) or p.bold) / len(ps)


def _interviewer_by_evidence(
    turns: dict[str, list[Paragraph]],
    unknown: list[str],
    paragraphs: list[Paragraph],
    forced: Family | None,
    path: Path,
) -> dict[str, BlockKind | None]:
    """No label says who asks: the one whose turns end with '?', who speaks
    first and briefly. Without such a one, the questions are unmarked."""
    unmarked = [p for p in paragraphs if _marker(p) is None]
    unmarked_asks = sum(ends_as_question(p.text) for p in unmarked) / max(len(unmarked), 1)
    if len(unknown) == 1:
        (label,) = unknown
        asks = _asks(turns[label])
        if asks >= 0.6 and unmarked_asks < asks / 2:
            return {label: BlockKind.QUESTION}
        if asks < 0.3 or forced is Family.TURNS:
            return {label: BlockKind.ANSWER}
        opening = turns[label][0]
        raise InputError(
            f"cannot tell whether '{opening.lead_text}' asks or answers; add"
            f" 'interviewer: {opening.lead_text}' or 'speakers: [{opening.lead_text}]'"
            " to the front matter",
            Location(path, opening.line),
        )
    first = min(unknown, key=lambda m: turns[m][0].line)

    def words(m: str) -> float:
        return sum(len(p.text.split()) for p in turns[m]) / len(turns[m])

    def score(m: str) -> float:
        brief = all(words(m) < words(o) for o in unknown if o != m)
        return _asks(turns[m]) + 0.2 * (m == first) + 0.2 * brief

    ranked = sorted(unknown, key=lambda m: (-score(m), turns[m][0].line))
    best, runner = ranked[0], ranked[1]
    if _asks(turns[best]) < 0.3:
        return dict.fromkeys(unknown, BlockKind.ANSWER)  # a round table: questions unmarked
    if score(best) - score(runner) < 0.3 and forced is not Family.TURNS:
        raise InputError(
            f"cannot tell who asks the questions: '{turns[best][0].lead_text}' and"
            f" '{turns[runner][0].lead_text}' both do; add 'interviewer: NAME' to the front matter",
            Location(path, turns[runner][0].line),
        )
    return {m: BlockKind.QUESTION if m == best else BlockKind.ANSWER for m in unknown}


def _dashes_alternate(paragraphs: list[Paragraph]) -> bool:
    """Dash turns that follow each other alternate question and answer; a dash
    paragraph after an unmarked one answers that paragraph."""
    dashes = [i for i, p in enumerate(paragraphs) if p.lead is not None]
    adjacent = sum(1 for i in dashes if i > 0 and paragraphs[i - 1].lead is not None)
    return adjacent * 4 >= len(dashes)


def _check_evidence(layout: Layout, path: Path) -> None:
    """A split the text does not support is an error, not a page."""
    ps = layout.paragraphs
    questions = [it for it in layout.items if it.kind is BlockKind.QUESTION]
    answers = [it for it in layout.items if it.kind is BlockKind.ANSWER]
    if layout.family is not Family.ALTERNATING or not questions:
        # Dash turns alternate by convention, '?' or not (remarks, questions in answers).
        return
    asked = sum(ends_as_question(ps[q.paragraphs[-1]].text) for q in questions) / len(questions)
    answered = sum(ends_as_question(ps[a.paragraphs[-1]].text) for a in answers) / max(
        len(answers), 1
    )
    # Every question asks: a statement where a question should be is more often
    # an answer's second paragraph than a question (a long answer breaks alternation).
    if asked < 1 or answered > asked - 0.25 or len(questions) < 2:
        # The first paragraph that breaks the pattern: a statement where a
        # question should be, or a question where an answer should be.
        odd = [
            ps[it.paragraphs[-1]]
            for it in layout.items
            if (it.kind is BlockKind.QUESTION) != ends_as_question(ps[it.paragraphs[-1]].text)
            and it.kind in (BlockKind.QUESTION, BlockKind.ANSWER)
        ]
        raise InputError(
            "unmarked paragraphs do not alternate question and answer clearly here;"
            " mark each question with a label, a dash or bold, or confirm with"
            f" 'layout: {layout.family.value}' in the front matter",
            Location(path, odd[0].line if odd else ps[0].line),
        )
