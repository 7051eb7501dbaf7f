"""`python -m pipeline glossary …`: match, check, add, set, export."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import polib
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, Location, PipelineError
from pipeline.fileio import write_if_changed
from pipeline.glossary.enforce import Occurrence, kazakh_phrase, render, unexpanded, violations
from pipeline.glossary.load import dump_document, load_document, load_glossary
from pipeline.glossary.match import TermMatch, TermMatcher
from pipeline.glossary.model import LANGUAGES, Glossary
from pipeline.memory.store import Status, load_memory, status_of
from pipeline.source.document import Segment
from pipeline.source.encoding import decode_transcript
from pipeline.source.files import list_transcripts
from pipeline.source.segments import segment
from pipeline.source.transcript import read_transcript


class GlossaryViolations(PipelineError):
    """--strict: translations that do not use the glossary."""

    exit_code = 7


def match_lines(glossary: Glossary, path: Path) -> list[str]:
    """One JSON object per term occurrence in a file, offsets in its text."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", Location(path)) from None
    text = decode_transcript(data, path)
    lines = []
    for m in TermMatcher(glossary).find(text):
        occurrence = Occurrence(m, expanded=False)
        row = {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "term": m.term.id,
            "en": render(occurrence, "en"),
            "kk": kazakh_phrase(occurrence, text),
        }
        start, end = m.phrase
        if (start, end) != (m.start, m.end):
            row["kk_replaces"] = text[start:end]  # «в рамках ЕАЭС» → «ЕАЭО аясында»
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


@dataclass
class TermUse:
    source: int = 0
    reviewed: int = 0  # reviewed translations that use the rendering
    machine: int = 0
    violations: list[str] = field(default_factory=list)


def check(root: Path, glossary: Glossary) -> tuple[list[str], int]:
    """The glossary check of the project on disk (see ``check_memories``)."""
    memories = []
    for path in list_transcripts(root / "transcripts")[0]:
        doc = read_transcript(path)
        segments = segment(doc)
        for language in LANGUAGES:
            po = load_memory(root / "translations" / language / f"{doc.slug}.po", language)
            memories.append((doc.slug, segments, language, po))
    return check_memories(memories, glossary)


def check_memories(
    memories: Iterable[tuple[str, list[Segment], str, polib.POFile | None]],
    glossary: Glossary,
    mentions: dict[str, Counter[str]] | None = None,
) -> tuple[list[str], int]:
    """Per language and term: occurrences, use, and every violation, including
    a first mention on a page that is not "Full Name (ABBR)" (use: first-expanded).

    ``memories`` are (interview, its segments, language, translation memory).
    ``mentions``, when given, gets how often each interview mentions each term
    (term id → slug → count) from the same matching: the glossary pages list them.
    """
    matcher = TermMatcher(glossary)
    found: dict[int, dict[str, list[TermMatch]]] = {}
    uses: dict[tuple[str, str], TermUse] = {}
    for slug, segments, language, po in memories:
        if id(segments) not in found:  # once per interview, not per language
            found[id(segments)] = {s.id: matcher.find(s.text) for s in segments}
            if mentions is not None:
                for m in (m for ms in found[id(segments)].values() for m in ms):
                    mentions.setdefault(m.term.id, Counter())[slug] += 1
        entries = {e.msgctxt: e for e in po if not e.obsolete} if po else {}
        mentioned: set[str] = set()  # terms met on this page so far, in reading order
        for seg in segments:
            entry = entries.get(seg.id)
            status = status_of(entry) if entry is not None else Status.MISSING
            for term in dict.fromkeys(m.term for m in found[id(segments)][seg.id]):
                use = uses.setdefault((language, term.id), TermUse())
                use.source += 1
                first = term.id not in mentioned
                mentioned.add(term.id)
                if entry is None or status is Status.MISSING:
                    continue
                problems = violations((term,), language, entry.msgstr)
                if first:
                    problems += unexpanded(term, language, entry.msgstr)
                kind = "reviewed" if status is Status.REVIEWED else "machine"
                if problems:
                    use.violations.append(
                        f"{language} {slug} {seg.id} ({kind}): {'; '.join(problems)}:"
                        f" {entry.msgstr}"
                    )
                elif kind == "reviewed":
                    use.reviewed += 1
                else:
                    use.machine += 1
    out, total = [], 0
    for (language, term_id), use in sorted(uses.items()):
        out.append(
            f"{language}\t{term_id}\t{use.source} in source\t{use.reviewed} reviewed"
            f"\t{use.machine} machine\t{len(use.violations)} violation(s)"
        )
        total += len(use.violations)
    for use in uses.values():
        out += [f"  {v}" for v in use.violations]
    return out, total


def edit(path: Path, change: str, term_id: str, values: dict[str, str]) -> None:
    """Add a term or set keys of one, keeping comments, order and quoting."""
    data = load_document(path) if path.exists() else CommentedMap(terms=CommentedSeq())
    terms = data.get("terms") if isinstance(data, CommentedMap) else None
    if not isinstance(terms, CommentedSeq):
        raise InputError("the glossary must be a mapping with a 'terms' list", Location(path))
    entry = next((t for t in terms if isinstance(t, CommentedMap) and t.get("id") == term_id), None)
    if change == "add":
        if entry is not None:
            raise InputError(f"a term with id '{term_id}' exists already", Location(path))
        entry = CommentedMap(id=term_id)
        terms.append(entry)
    elif entry is None:
        raise InputError(f"no term with id '{term_id}'", Location(path))
    for key, value in values.items():
        node = entry
        *parents, leaf = key.split(".")
        for depth, parent in enumerate(parents, start=1):
            node = node.setdefault(parent, CommentedMap())
            if not isinstance(node, CommentedMap):
                group = ".".join(parents[:depth])
                raise InputError(
                    f"cannot set {key}: {group} is a value, not a group of keys", Location(path)
                )
        if leaf in ("variants", "forbidden"):
            items = CommentedSeq([v.strip() for v in value.split(",") if v.strip()])
            previous = node.get(leaf)
            if not isinstance(previous, CommentedSeq) or previous.fa.flow_style():
                items.fa.set_flow_style()  # [a, b], as translators write short lists
            node[leaf] = items
        elif leaf == "possessive":
            node[leaf] = value.lower() in ("true", "yes", "1")
        else:
            node[leaf] = value
    text = dump_document(data)
    # Validate the result exactly as a run would read it, before writing it.
    staging = path.with_name(f".{path.name}.check")
    try:
        staging.write_text(text, encoding="utf-8")
        load_glossary(staging)
    except InputError as e:
        raise InputError(str(e).replace(str(staging), str(path))) from None
    finally:
        staging.unlink(missing_ok=True)
    write_if_changed(path, text.encode("utf-8"))


def export(glossary: Glossary, fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "id",
                "kind",
                "ru",
                "ru_abbreviation",
                "en",
                "en_abbreviation",
                "kk",
                "kk_abbreviation",
                "en_forbidden",
                "kk_forbidden",
                "notes",
            ]
        )
        for t in glossary.terms:
            en, kk = t.renderings["en"], t.renderings["kk"]
            writer.writerow(
                [
                    t.id,
                    t.kind,
                    t.ru.name,
                    t.ru.abbreviation or "",
                    en.name,
                    en.abbreviation or "",
                    kk.name,
                    kk.abbreviation or "",
                    "; ".join(en.forbidden),
                    "; ".join(kk.forbidden),
                    t.notes,
                ]
            )
        return out.getvalue()
    # TBX (ISO 30042 "martif", TBX-Basic), as Weblate and Crowdin import it.
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<martif type="TBX" xml:lang="ru">',
        "  <martifHeader><fileDesc><sourceDesc><p>glossary.yaml</p></sourceDesc>"
        "</fileDesc></martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for t in glossary.terms:
        lines.append(f"      <termEntry id={quoteattr(t.id)}>")
        if t.notes:
            lines.append(f'        <descrip type="definition">{xml_escape(t.notes)}</descrip>')
        forms: dict[str, tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = {
            "ru": (t.ru.name, t.ru.abbreviation, (), ())
        }
        for language in LANGUAGES:
            r = t.renderings[language]
            forms[language] = (r.name, r.abbreviation, r.forbidden, (r.notes,) if r.notes else ())
        for language, (name, abbreviation, forbidden, notes) in forms.items():
            lines.append(f'        <langSet xml:lang="{language}">')
            for term, status in [
                (name, "preferredTerm-admn-sts"),
                *([(abbreviation, "admittedTerm-admn-sts")] if abbreviation else []),
                *[(f, "deprecatedTerm-admn-sts") for f in forbidden],
            ]:
                lines.append(
                    f"          <tig><term>{xml_escape(term)}</term>"
                    f'<termNote type="administrativeStatus">{status}</termNote></tig>'
                )
            lines += [f"          <note>{xml_escape(n)}</note>" for n in notes]
            lines.append("        </langSet>")
        lines.append("      </termEntry>")
    lines += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(lines)
