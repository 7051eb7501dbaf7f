"""Document + translations → the Markdown pages of the site, per language."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.glossary.model import Glossary
from pipeline.languages import LABELS, SOURCE
from pipeline.memory.store import SegmentTranslation, Status
from pipeline.site.glossary_pages import abbreviations
from pipeline.site.markdown import attribute, escape
from pipeline.site.meta import time_element
from pipeline.source.document import BlockKind, Document, Segment
from pipeline.source.urls import markdown_link

Translations = dict[str, SegmentTranslation]
TOC_WORDS = 8
# A table-of-contents label keeps every character a reader sees. In the
# heading's attr_list value ("…") these would end the value or be read as
# Markdown before attr_list sees them: they go in as HTML character references,
# which the label shows as the characters.
_TOC_ENTITIES = {c: f"&#{ord(c)};" for c in '&"<>*_`\\[]{}'}


@dataclass(frozen=True)
class Page:
    path: PurePosixPath  # relative to docs_dir
    markdown: str


def interview_path(language: str, slug: str) -> PurePosixPath:
    return PurePosixPath(language, "interviews", f"{slug}.md")


def render_interview(
    document: Document,
    segments: list[Segment],
    language: str,
    translations: Translations | None = None,
    notice: bool = True,
    glossary: Glossary | None = None,
    front: tuple[str, ...] | list[str] = (),
) -> Page:
    """The interview page; ``translations`` is None for the original.

    ``notice`` adds the translation-status box that links to the original;
    ``front`` are more front matter lines (description, link previews: site.news).
    """
    text = _sentences(segments, language, translations)
    plain_title = escape(page_title(document, segments, translations))
    out = ["---", f"title: {yaml_title(plain_title)}", *front, "---", ""]
    out += [f"# {text[document.title.id][0]}", ""]
    meta = _meta_line(document, language)
    interviewee = document.metadata.interviewee
    named = [s for s in document.respondents if s.name == interviewee]
    spelled = " ".join(text[named[0].id]) if named else ""
    if meta and interviewee and named and translations and spelled != escape(interviewee):
        # The name as the memory spells it in this language, the original beside it.
        meta = meta.replace(escape(interviewee), f"{spelled} ({escape(interviewee)})", 1)
    if meta:
        out += [meta, "{.interview-meta}", ""]
    interviewer = document.interviewer
    if interviewer is not None:
        name = " ".join(text[interviewer.id])
        out += [LABELS[language].interviewed_by.format(name=name), "{.interview-byline}", ""]
    if translations is not None and notice:
        out += [*_status_notice(document, segments, language, translations), ""]
    out += _body(document, segments, text, translations)
    if glossary is not None:
        out += abbreviations(glossary, language, "\n".join(out))
    return Page(interview_path(language, document.slug), "\n".join(out))


def _body(
    document: Document,
    segments: list[Segment],
    text: dict[str, list[str]],
    translations: Translations | None,
) -> list[str]:
    """Questions as headings; answers, headed by the speaker's name when several
    people answer (a round table); lede, captions and trailer as classed paragraphs."""
    named = len(document.respondents) > 1
    out: list[str] = []
    speaking: str | None = None  # who answers the current question
    by_block: dict[str, list[Segment]] = {}  # each question's own: linear in the interview
    for seg in segments:
        by_block.setdefault(seg.block_id, []).append(seg)
    for block in document.blocks[1:]:
        paragraphs = text[block.id]
        if block.kind is BlockKind.QUESTION:
            plain = block_text(block.id, by_block.get(block.id, []), translations)
            out += [question_heading(block.pair or 0, " ".join(paragraphs), plain), ""]
            speaking = None
            continue
        if block.kind is BlockKind.ANSWER and named and block.speaker != speaking:
            speaking = block.speaker
            if block.speaker is not None:
                out += [f"**{' '.join(text[block.speaker])}**", "{.speaker}", ""]
        for paragraph in paragraphs:
            out += [paragraph, f"{{.{block.kind.value}}}", ""]
    return out


def page_title(
    document: Document, segments: list[Segment], translations: Translations | None
) -> str:
    """The title in a language, sentences without a translation in the original."""
    return block_text(document.title.id, segments, translations)


def block_text(block_id: str, segments: list[Segment], translations: Translations | None) -> str:
    """A block's plain text in a language; untranslated sentences in the original."""
    parts = []
    for seg in segments:
        if seg.block_id == block_id:
            found = translations.get(seg.id) if translations is not None else None
            parts.append(_shown(found) or seg.text)
    return " ".join(parts)


def question_heading(number: int, markdown_text: str, plain_text: str) -> str:
    """A question as a heading with its anchor and a short table-of-contents entry.

    The entry is the question's number and first words, every letter and
    punctuation mark kept (country’s, «…», "…"), written so that Markdown and
    attr_list read none of it as syntax.
    """
    words = plain_text.split()
    short = " ".join(words[:TOC_WORDS]) + ("…" if len(words) > TOC_WORDS else "")
    label = "".join(_TOC_ENTITIES.get(c, c) for c in f"{number}. {short}")
    return f'## {markdown_text} {{#q{number} .question data-toc-label="{label}"}}'


def _sentences(
    segments: list[Segment], language: str, translations: Translations | None
) -> dict[str, list[str]]:
    """Escaped Markdown paragraphs per block id, sentences joined by spaces."""
    paragraphs: dict[str, dict[int, list[str]]] = {}
    for seg in segments:
        paragraphs.setdefault(seg.block_id, {}).setdefault(seg.paragraph, []).append(
            _sentence(seg, language, translations)
        )
    return {block: [" ".join(p[n]) for n in sorted(p)] for block, p in paragraphs.items()}


def _sentence(seg: Segment, language: str, translations: Translations | None) -> str:
    if translations is None:
        return escape(seg.text)
    found = translations.get(seg.id)
    text = _shown(found)
    if text:
        return escape(text)
    label = LABELS[language].untranslated
    return (
        f'<span class="untranslated" title="{attribute(label)}">'
        f'<span class="untranslated__label">[{escape(label)}]</span> '
        f'<span lang="{SOURCE}">{escape(seg.text)}</span></span>'
    )


def _shown(found: SegmentTranslation | None) -> str | None:
    """The translation's text, if it shows anything: a blank one is shown as untranslated."""
    return found.text if found is not None and found.text and escape(found.text) else None


def yaml_title(markdown_title: str) -> str:
    """The page title for <title> and the navigation, which MkDocs treats as HTML.

    It is the escaped Markdown heading with its backslashes removed, so '<'
    and '&' stay entities: a transcript can never put a tag into the page head.
    """
    html_text = re.sub(r"\\(.)", r"\1", markdown_title)
    return json.dumps(html_text, ensure_ascii=False)


def _meta_line(document: Document, language: str) -> str:
    meta = document.metadata
    parts = []
    if meta.interviewee:
        parts.append(escape(meta.interviewee))
    if meta.outlet:
        parts.append(escape(meta.outlet))
    if meta.date:
        parts.append(time_element(meta.date, language))
    if meta.source_url:
        parts.append(markdown_link(escape(LABELS[language].source), meta.source_url))
    return " · ".join(parts)


def _status_notice(
    document: Document, segments: list[Segment], language: str, translations: Translations
) -> list[str]:
    labels = LABELS[language]
    counts = Counter(translations[s.id].status for s in segments)
    total = len(segments)
    missing = counts[Status.MISSING]
    unreviewed = counts[Status.MACHINE] + counts[Status.STALE]
    original = f"../../../interviews/{document.slug}/"
    if missing:
        kind, title, body = (
            "warning",
            labels.missing_title,
            labels.missing_body.format(count=missing, total=total),
        )
    elif unreviewed:
        kind, title, body = (
            "info",
            labels.machine_title,
            labels.machine_body.format(count=unreviewed, total=total),
        )
    else:
        kind, title, body = "success", labels.reviewed_title, labels.reviewed_body
    status = "incomplete" if missing else "machine" if unreviewed else "reviewed"
    return [
        f'!!! {kind} translation-status "{attribute(title)}"',
        "",
        f"    {escape(body)} [{escape(labels.original_link)}]({original}){{hreflang={SOURCE}}}",
        f'    {{: data-status="{status}" }}',
    ]
