"""Transcript text → Document: front matter, turns, questions and answers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.document import Block, BlockKind, Document, Metadata
from pipeline.encoding import decode_transcript
from pipeline.errors import InputError, Location
from pipeline.frontmatter import SLUG as SLUG
from pipeline.frontmatter import front_matter, slug_from_path
from pipeline.segments import split_sentences
from pipeline.sources import check_file_name

_DASH = re.compile(r"[—–-][ \t\u00a0]*(?=[^\s—–-])")
_QA_LABEL = re.compile(r"(Вопрос|Ответ|В|О|Корр\.|Корреспондент)\s*:\s*", re.IGNORECASE)
_PERSON = re.compile(r"([А-ЯЁA-Z][а-яёa-z-]+(?:[ \t]+[А-ЯЁA-Z][а-яёa-z-]+){0,2})\s*:\s+")
_CAPS = re.compile(r"([А-ЯЁA-Z]{2,}(?:[ \t]+[А-ЯЁA-Z]{2,})?)\.\s+")
_OUTLET = re.compile(r"([«\"“][^»\"”\n]{1,60}[»\"”])\s*:\s*")
_QUESTION_LABELS = {"вопрос", "в", "корр.", "корреспондент"}
_ANSWER_LABELS = {"ответ", "о"}
TITLE_LENGTH = 90


@dataclass(frozen=True)
class _Paragraph:
    line: int
    text: str
    speaker: str | None = None  # a label, or "—" for a dash; None continues a turn


def read_transcript(path: Path) -> Document:
    check_file_name(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read the transcript: {e.strerror}", Location(path)) from None
    return parse_transcript(decode_transcript(data, path), path)


def parse_transcript(text: str, path: Path) -> Document:
    """Parse decoded transcript text; ``path`` names the file in errors and the slug."""
    meta, slug, body_start = front_matter(text, path)
    lines = text.split("\n")[body_start:]
    paragraphs = _paragraphs(lines, first_line=body_start + 1)
    blocks, answering = _blocks(paragraphs, meta, path)
    if meta.interviewee is None and len(answering) == 1:
        # Every answer is labelled with one person's name: that is who speaks.
        name = answering.pop()
        if _PERSON.fullmatch(name + ": ") or _CAPS.fullmatch(name + ". "):
            meta = replace(meta, interviewee=name.title() if name.isupper() else name)
    title = meta.title or _derived_title(blocks, meta)
    return Document(
        slug=slug or slug_from_path(path),
        source=path,
        metadata=meta,
        blocks=(Block("title", BlockKind.TITLE, (title,)), *blocks),
    )


def _paragraphs(lines: list[str], first_line: int) -> list[_Paragraph]:
    """Split the body into paragraphs, noting what each one opens with."""
    numbered = [(first_line + i, " ".join(line.split())) for i, line in enumerate(lines)]
    # Without blank lines between paragraphs, every line is one (as Word saves);
    # with them, lines of one paragraph are joined (a hard-wrapped transcript).
    content = [text for _, text in numbered]
    blank_separated = any(not t for t in content[_first(content) : _last(content)])
    labels = _speaker_labels(text for _, text in numbered)
    result: list[_Paragraph] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        if current:
            line, text = current[0]
            speaker, rest = _split_lead(text, labels)
            joined = " ".join([rest, *(t for _, t in current[1:])]).strip()
            if joined:
                result.append(_Paragraph(line, joined, speaker))
            current.clear()

    for line, text in numbered:
        if not text:
            close()
            continue
        if not blank_separated or _split_lead(text, labels)[0] is not None:
            close()
        current.append((line, text))
    close()
    return result


def _first(items: list[str]) -> int:
    return next((i for i, t in enumerate(items) if t), 0)


def _last(items: list[str]) -> int:
    return max((i for i, t in enumerate(items) if t), default=0)


def _speaker_labels(lines: Any) -> set[str]:
    """Labels that open a paragraph at least twice: names repeat, sentences don't."""
    counts: Counter[str] = Counter()
    for text in lines:
        for pattern in (_PERSON, _CAPS, _OUTLET):
            m = pattern.match(text)
            if m:
                counts[m.group(1)] += 1
                break
    return {label for label, n in counts.items() if n >= 2}


def _split_lead(text: str, labels: set[str]) -> tuple[str | None, str]:
    m = _QA_LABEL.match(text)
    if m:
        return m.group(1).lower(), text[m.end() :]
    for pattern in (_PERSON, _CAPS, _OUTLET):
        m = pattern.match(text)
        if m and m.group(1) in labels:
            return m.group(1), text[m.end() :]
    m = _DASH.match(text)
    if m:
        return "—", text[m.end() :]
    return None, text


def _blocks(
    paragraphs: list[_Paragraph], meta: Metadata, path: Path
) -> tuple[list[Block], set[str]]:
    """The lede and question/answer blocks, and the labels that open answers."""
    styles = Counter("dash" if p.speaker == "—" else "label" for p in paragraphs if p.speaker)
    if not styles:
        raise InputError(
            "no question/answer turns found: start each turn on a new line with a dash"
            " (— …) or a speaker label (Вопрос: …, Имя Фамилия: …)",
            Location(path, paragraphs[0].line if paragraphs else None),
        )
    style = styles.most_common(1)[0][0]
    is_question = _question_rule(style, paragraphs, meta)
    lede: list[str] = []
    pairs: list[dict[BlockKind, list[str]]] = []
    kind: BlockKind | None = None
    answering: set[str] = set()
    for n, p in enumerate(paragraphs):
        opens = p.speaker is not None and (p.speaker == "—") == (style == "dash")
        if opens:
            kind = BlockKind.QUESTION if is_question(n, p) else BlockKind.ANSWER
            if kind is BlockKind.ANSWER and p.speaker and style == "label":
                answering.add(p.speaker)
            if kind is BlockKind.QUESTION or not pairs:
                pairs.append({BlockKind.QUESTION: [], BlockKind.ANSWER: []})
        text = p.text if opens else _with_lead(p)
        if kind is None:
            lede.append(text)
        else:
            pairs[-1][kind].append(text)
    blocks = [Block("lede", BlockKind.LEDE, tuple(lede))] if lede else []
    for number, pair in enumerate(pairs, start=1):
        for kind, prefix in ((BlockKind.QUESTION, "q"), (BlockKind.ANSWER, "a")):
            if pair[kind]:
                blocks.append(Block(f"{prefix}{number}", kind, tuple(pair[kind]), number))
    return blocks, answering


def _with_lead(p: _Paragraph) -> str:
    # A paragraph whose lead belongs to the style not in use keeps it as text.
    if p.speaker is None:
        return p.text
    lead = p.speaker if p.speaker != "—" else "—"
    return f"{lead} {p.text}" if p.speaker == "—" else f"{lead}: {p.text}"


def _question_rule(style: str, paragraphs: list[_Paragraph], meta: Metadata) -> Any:
    if style == "dash":
        # Dash transcripts alternate: question, answer, question, …
        turn_numbers = {id(p): i for i, p in enumerate(q for q in paragraphs if q.speaker == "—")}
        return lambda n, p: turn_numbers[id(p)] % 2 == 0
    speakers = [p.speaker for p in paragraphs if p.speaker and p.speaker != "—"]
    explicit = any(s in _QUESTION_LABELS or s.startswith(("«", '"', "“")) for s in speakers)
    interviewer = meta.interviewer or (None if explicit else speakers[0])

    def rule(n: int, p: _Paragraph) -> bool:
        s = p.speaker or ""
        if s in _ANSWER_LABELS or (meta.interviewee and s == meta.interviewee):
            return False
        return s in _QUESTION_LABELS or s.startswith(("«", '"', "“")) or s == interviewer

    return rule


def _derived_title(blocks: list[Block], meta: Metadata) -> str:
    """Without a title in the front matter: the first answer's opening, quoted,
    as a newsroom would headline an interview."""
    first = next((b for b in blocks if b.kind is BlockKind.ANSWER), blocks[-1])
    text = split_sentences(first.paragraphs[0])[0].rstrip(".")
    if len(text) > TITLE_LENGTH:
        text = text[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:—–- ") + "…"
    quote = f"«{text}»"
    return f"{quote} — {meta.interviewee}" if meta.interviewee else quote
