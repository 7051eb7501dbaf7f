"""What `python -m pipeline glossary …` does: match, check, add, set, export
(pipeline/commands/glossary.py runs them, with the publish cache)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pipeline.errors import InputError, Location
from pipeline.fileio import read_regular
from pipeline.glossary.check import CheckedMemory, GlossaryCheck, check_glossary
from pipeline.glossary.enforce import Occurrence, phrase
from pipeline.glossary.match import TermMatcher
from pipeline.glossary.model import Glossary, sections
from pipeline.languages import SOURCE
from pipeline.memory.store import MemoryKey
from pipeline.project import Project, read_documents, read_memories
from pipeline.source.encoding import decode_transcript
from pipeline.source.segments import segment


def match_lines(glossary: Glossary, path: Path) -> list[str]:
    """One JSON object per term occurrence in a file, offsets in its text."""
    try:
        data = read_regular(path)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", Location(path)) from None
    text = decode_transcript(data, path)
    lines = []
    for m in TermMatcher(glossary).find(text):
        occurrence = Occurrence(m, expanded=False)
        row: dict[str, object] = {"start": m.start, "end": m.end, "text": m.text, "term": m.term.id}
        for language in sections():
            start, end, row[language] = phrase(occurrence, text, language)
            if (start, end) != (m.start, m.end):  # «в рамках ЕАЭС» → «ЕАЭО аясында»
                row[f"{language}_replaces"] = text[start:end]
        lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def check(project: Project, glossary: Glossary) -> GlossaryCheck:
    """The glossary check of the project on disk, read as ``publish`` reads it."""
    documents = read_documents(project).documents
    memories = read_memories(project, documents)
    return check_glossary(
        (
            CheckedMemory(
                project.memory(key.language, key.slug),
                key.slug,
                key.language,
                segment(doc),
                memories[key],
            )
            for doc in documents
            for key in (MemoryKey(language, doc.slug) for language in sections())
        ),
        glossary,
    )


def check_lines(result: GlossaryCheck) -> list[str]:
    """The check's table, a line per language and term, then each violation."""
    table = [
        f"{use.language}\t{use.term}\t{use.source} in source\t{use.reviewed} reviewed"
        f"\t{use.machine} machine\t{len(use.violations)} violation(s)"
        for use in sorted(result.uses, key=lambda u: (u.language, u.term))
    ]
    return table + [
        f"  {v.language} {v.slug} {v.segment} ({'reviewed' if v.reviewed else 'machine'}):"
        f" {'; '.join(v.problems)}: {v.translation}"
        for v in result.violations
    ]


def export(glossary: Glossary, fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        languages = sections()
        writer.writerow(
            ["id", "kind", SOURCE, f"{SOURCE}_abbreviation"]
            + [c for lang in languages for c in (lang, f"{lang}_abbreviation")]
            + [f"{lang}_forbidden" for lang in languages]
            + ["notes"]
        )
        for t in glossary.terms:
            rs = [t.renderings[lang] for lang in languages]
            writer.writerow(
                [t.id, t.kind, t.ru.name, t.ru.abbreviation or ""]
                + [c for r in rs for c in (r.name, r.abbreviation or "")]
                + ["; ".join(r.forbidden) for r in rs]
                + [t.notes]
            )
        return out.getvalue()
    # TBX (ISO 30042 "martif", TBX-Basic), as Weblate and Crowdin import it.
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<martif type="TBX" xml:lang="{SOURCE}">',
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
            SOURCE: (t.ru.name, t.ru.abbreviation, (), ())
        }
        for language in sections():
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
