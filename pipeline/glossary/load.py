"""glossary.yaml read and validated: every problem reported with its line and
column, all at once, before the pipeline writes anything. Edits made by the CLI
go through ruamel.yaml's round trip (pipeline/glossary/document.py), which
keeps comments, order and quoting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, InputErrors, Location
from pipeline.glossary.document import dump_document as dump_document
from pipeline.glossary.document import load_document as load_document
from pipeline.glossary.document import read_document
from pipeline.glossary.model import _ID, _RU_KEYS, KINDS, Glossary, RussianForms, Term, term_keys
from pipeline.glossary.sections import (
    _at,
    _optional,
    _section,
    _strings,
    _text,
    _unknown_keys,
    notes,
    renderings,
    script_warnings,
)
from pipeline.languages import SOURCE

_WORDY = re.compile(r"[^\W_]")  # a letter or digit, as the matcher's words have


def load_glossary(path: Path, text: bytes | None = None) -> Glossary:
    """Read and validate; every error found is reported, each with its position.
    ``text``: the file's bytes, when they are not (yet) the file's (an edit)."""
    if text is None and not path.exists() and not path.is_symlink():  # a dead link: an error
        return Glossary(path=path)
    data = read_document(path, text)
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
    forms = RussianForms(
        name, _optional(ru, "abbreviation", path, errors), _strings(ru, "variants", path, errors)
    )
    # The matcher reads words (pipeline/glossary/index.py): «—» or «...» names
    # nothing in a text, and the entry would silently never apply.
    warnings += [
        f"{_at(ru, path, what.split(':')[0].replace('variant', 'variants'))}: warning:"
        f" '{form}' has no letter or digit: it never matches a text"
        for form, what in forms.forms()
        if not _WORDY.search(form)
    ]
    return Term(
        id=term_id,
        kind=kind,
        ru=forms,
        renderings=rendered,
        notes=notes(entry, path, errors),
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
