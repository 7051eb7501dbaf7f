"""`python -m pipeline glossary …`: match, check, add, set, export."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, Location, PipelineError, UsageError
from pipeline.fileio import read_regular, write_if_changed
from pipeline.glossary.check import CheckedMemory, GlossaryCheck, check_glossary
from pipeline.glossary.enforce import Occurrence, phrase
from pipeline.glossary.load import dump_document, load_document, load_glossary
from pipeline.glossary.match import TermMatcher
from pipeline.glossary.model import Glossary, sections
from pipeline.languages import SOURCE
from pipeline.memory.store import MemoryKey
from pipeline.project import Project, read_documents, read_memories
from pipeline.source.encoding import decode_transcript
from pipeline.source.segments import segment


class GlossaryViolations(PipelineError):
    """--strict: translations that do not use the glossary."""

    exit_code = 7


def run(args: argparse.Namespace) -> int:
    """The command line's ``glossary ACTION``; its exit code."""
    path = args.root / "glossary.yaml"
    if args.action in ("add", "set"):
        values = {}
        for item in (args.id, *args.values):
            if not _is_text(item):
                raise PipelineError(f"not valid UTF-8 text: {item!r}")
        for item in args.values:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise UsageError(f"expected KEY=VALUE, not {item!r}")
            values[key] = value
        edit(path, args.action, args.id, values)
        print(
            f"{path}: {'added' if args.action == 'add' else 'updated'} {args.id}", file=sys.stderr
        )
        return 0
    glossary = load_glossary(path)
    for warning in glossary.warnings:
        print(warning, file=sys.stderr)
    if args.action == "match":
        for line in match_lines(glossary, args.file):
            print(line)
    elif args.action == "export":
        sys.stdout.write(export(glossary, args.format))
    else:
        result = check(Project(args.root), glossary)
        print("\n".join(check_lines(result)))
        if result.count and args.strict:
            raise GlossaryViolations(f"{result.count} glossary violation(s)")
    return 0


def _is_text(argument: str) -> bool:
    # Bytes of a command line that are not UTF-8 arrive as lone surrogates.
    return not any("\ud800" <= c <= "\udfff" for c in argument)


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
