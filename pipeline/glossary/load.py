"""glossary.yaml read and validated: every problem reported with its line and
column, all at once, before the pipeline writes anything. Edits made by the CLI
go through ruamel.yaml's round trip, which keeps comments, order and quoting.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from pipeline.errors import InputError, InputErrors, Location
from pipeline.glossary.model import _ID, _RU_KEYS, KINDS, Glossary, RussianForms, Term, term_keys
from pipeline.glossary.sections import (
    _at,
    _optional,
    _section,
    _strings,
    _text,
    _unknown_keys,
    renderings,
    script_warnings,
)
from pipeline.languages import SOURCE


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a translator's long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_document(path: Path) -> Any:
    """The round-trip YAML document (for edits), or an InputError with position."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read the glossary: {e.strerror}", Location(path)) from None
    except UnicodeDecodeError:
        raise InputError("the glossary must be UTF-8", Location(path)) from None
    try:
        return _yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise InputError(f"invalid YAML: {e.problem or e.context}", where) from None
    except ReaderError as e:  # a character YAML does not allow, such as NUL or U+FFFE
        where = Location(path, text[: e.position].count("\n") + 1)
        raise InputError(f"invalid YAML: character U+{e.character:04X}", where) from None
    except ValueError as e:  # a value YAML reads as a date that is none: 2025-02-30
        raise InputError(f"invalid YAML value: {e}", Location(path)) from None


def dump_document(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def load_glossary(path: Path) -> Glossary:
    """Read and validate; every error found is reported, each with its position."""
    if not path.exists():
        return Glossary(path=path)
    data = load_document(path)
    errors: list[InputError] = []
    warnings: list[str] = []
    terms = _terms(data, path, errors, warnings)
    _check_claims(terms, path, errors)
    if errors:
        raise InputErrors(errors) if len(errors) > 1 else errors[0]
    return Glossary(tuple(terms), path, tuple(warnings))


def _terms(data: Any, path: Path, errors: list[InputError], warnings: list[str]) -> list[Term]:
    if data is None:
        return []
    if not isinstance(data, CommentedMap) or not isinstance(data.get("terms"), CommentedSeq):
        errors.append(InputError("the glossary must have a list under 'terms:'", Location(path, 1)))
        return []
    terms: list[Term] = []
    ids: dict[str, int] = {}
    for index, entry in enumerate(data["terms"]):
        where = _at(data["terms"], path, index)
        if not isinstance(entry, CommentedMap):
            errors.append(InputError("each term must be a mapping", where))
            continue
        before = len(errors)
        term = _term(entry, path, errors, warnings, where)
        if term is None or len(errors) > before:
            continue
        if term.id in ids:
            errors.append(
                InputError(
                    f"duplicate id '{term.id}' (first at line {ids[term.id]})",
                    _at(entry, path, "id"),
                )
            )
            continue
        ids[term.id] = term.line
        terms.append(term)
    return terms


def _term(
    entry: CommentedMap,
    path: Path,
    errors: list[InputError],
    warnings: list[str],
    where: Location,
) -> Term | None:
    _unknown_keys(entry, term_keys(), path, errors)
    term_id = _text(entry, "id", path, errors, where)
    kind = _text(entry, "kind", path, errors, where)
    if term_id is not None and not _ID.fullmatch(term_id):
        errors.append(
            InputError(
                f"id '{term_id}' must be lower-case letters, digits and hyphens",
                _at(entry, path, "id"),
            )
        )
    if kind is not None and kind not in KINDS:
        errors.append(
            InputError(
                f"kind must be one of {', '.join(KINDS)}, not '{kind}'", _at(entry, path, "kind")
            )
        )
    ru = _section(entry, SOURCE, _RU_KEYS, path, errors, where)
    warnings += script_warnings(ru, SOURCE, path) if ru is not None else []
    rendered = renderings(entry, term_id, path, errors, warnings, where)
    if ru is None or term_id is None or kind is None or rendered is None:
        return None
    name = _text(ru, "name", path, errors, _at(entry, path, "ru"))
    if name is None:
        return None
    return Term(
        id=term_id,
        kind=kind,
        ru=RussianForms(
            name,
            _optional(ru, "abbreviation", path, errors),
            _strings(ru, "variants", path, errors),
        ),
        renderings=rendered,
        notes=str(entry.get("notes") or "").strip(),
        line=where.line or 0,
    )


def _check_claims(terms: list[Term], path: Path, errors: list[InputError]) -> None:
    """Two entries may not claim the same Russian form (in any inflection)."""
    from pipeline.glossary.match import form_key  # terms builds on this module's types

    claimed: dict[tuple[str, ...], Term] = {}
    for term in terms:
        for form, _ in term.ru.forms():
            key = form_key(form)
            other = claimed.get(key)
            if other is not None and other.id != term.id:
                errors.append(
                    InputError(
                        f"'{term.id}' claims the Russian form '{form}', already claimed by"
                        f" '{other.id}' (line {other.line})",
                        Location(path, term.line),
                    )
                )
            claimed[key] = term
