"""glossary.yaml read and validated: every problem reported with its line and
column, all at once, before the pipeline writes anything. Edits made by the CLI
go through ruamel.yaml's round trip (pipeline/glossary/document.py), which
keeps comments, order and quoting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, InputErrors, Location
from pipeline.glossary.document import dump_document as dump_document
from pipeline.glossary.document import load_document as load_document
from pipeline.glossary.document import read_document
from pipeline.glossary.model import (
    _ID,
    _RU_KEYS,
    _TARGET_KEYS,
    _TERM_KEYS,
    CASES,
    KINDS,
    LANGUAGES,
    USES,
    Glossary,
    Rendering,
    RussianForms,
    Term,
)


def load_glossary(path: Path) -> Glossary:
    """Read and validate; every error found is reported, each with its position."""
    if not path.exists():
        return Glossary(path=path)
    data = read_document(path)
    errors: list[InputError] = []
    warnings: list[str] = []
    terms = _terms(data, path, errors, warnings)
    _check_claims(terms, path, errors)
    if errors:
        raise InputErrors(errors) if len(errors) > 1 else errors[0]
    return Glossary(tuple(terms), path, tuple(warnings))


def _at(node: Any, path: Path, key: Any = None) -> Location:
    try:
        if key is not None and isinstance(node, CommentedMap):
            line, column = node.lc.key(key)
        elif isinstance(node, CommentedSeq) and isinstance(key, int):
            line, column = node.lc.item(key)
        else:
            line, column = node.lc.line, node.lc.col
        return Location(path, line + 1, column + 1)
    except (AttributeError, KeyError, TypeError):
        return Location(path)


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
    _unknown_keys(entry, _TERM_KEYS, path, errors)
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
    ru = _section(entry, "ru", _RU_KEYS, path, errors, where)
    renderings = {}
    for language in LANGUAGES:
        section = _section(
            entry, language, _TARGET_KEYS, path, errors, where, what=f"{term_id or 'this term'}"
        )
        if section is not None:
            renderings[language] = _rendering(section, language, path, errors)
            if language == "kk":
                warnings += _kazakh_warnings(section, renderings[language], path)
    if ru is None or term_id is None or kind is None or len(renderings) != len(LANGUAGES):
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
        renderings=renderings,
        notes=str(entry.get("notes") or "").strip(),
        line=where.line or 0,
    )


def _unknown_keys(
    node: CommentedMap, known: set[str], path: Path, errors: list[InputError], prefix: str = ""
) -> None:
    for key in node:
        if key not in known:
            message = f"unknown key '{prefix}{key}' (known: {', '.join(sorted(known))})"
            errors.append(InputError(message, _at(node, path, key)))


def _section(
    entry: CommentedMap,
    key: str,
    known: set[str],
    path: Path,
    errors: list[InputError],
    where: Location,
    what: str = "",
) -> CommentedMap | None:
    section = entry.get(key)
    if section is None:
        label = f"'{what}' " if what else ""
        errors.append(InputError(f"term {label}has no '{key}' section", where))
        return None
    if not isinstance(section, CommentedMap):
        errors.append(InputError(f"'{key}' must be a mapping", _at(entry, path, key)))
        return None
    _unknown_keys(section, known, path, errors, prefix=f"{key}.")
    return section


def _rendering(
    section: CommentedMap, language: str, path: Path, errors: list[InputError]
) -> Rendering:
    name = _text(section, "name", path, errors, _at(section, path)) or ""
    use = str(section.get("use") or "name")
    if use not in USES:
        errors.append(
            InputError(
                f"use must be one of {', '.join(USES)}, not '{use}'", _at(section, path, "use")
            )
        )
    abbreviation = _optional(section, "abbreviation", path, errors)
    if use != "name" and not abbreviation:
        errors.append(
            InputError(
                f"use: {use} needs an abbreviation in '{language}'", _at(section, path, "use")
            )
        )
    possessive = section.get("possessive")
    if possessive is not None and not isinstance(possessive, bool):
        errors.append(
            InputError("possessive must be true or false", _at(section, path, "possessive"))
        )
        possessive = None
    endings = section.get("endings") or {}
    if not isinstance(endings, dict) or any(k not in CASES for k in endings):
        errors.append(
            InputError(
                f"endings must map cases ({', '.join(CASES)}) to endings",
                _at(section, path, "endings"),
            )
        )
        endings = {}
    return Rendering(
        name=name,
        abbreviation=abbreviation,
        variants=_strings(section, "variants", path, errors),
        use=use,
        forbidden=_strings(section, "forbidden", path, errors),
        notes=str(section.get("notes") or "").strip(),
        possessive=possessive,
        endings=tuple(sorted((str(k), str(v)) for k, v in endings.items())),
        reading=_optional(section, "reading", path, errors),
    )


def _kazakh_warnings(section: CommentedMap, rendering: Rendering, path: Path) -> list[str]:
    """`possessive: true` on a name whose last word has no possessive: an
    adjective-headed name (Еуразиялық экономикалық одақ) takes plain endings."""
    from pipeline.glossary.kazakh import decline, has_possessive

    words = rendering.name.split()
    if rendering.possessive is not True or has_possessive(words[-1]):
        return []
    plain = decline(rendering.name, "dative", possessive_head=False).split()[-1]
    given = decline(rendering.name, "dative", possessive_head=True).split()[-1]
    return [
        f"{_at(section, path, 'possessive')}: warning: possessive is for noun + noun names"
        f" whose last word carries it (Кеден одағы); '{rendering.name}' is headed by"
        f" {'an adjective' if len(words) > 1 else 'a bare noun'} and takes plain endings"
        f" ({plain}, not {given}): remove 'possessive: true'"
    ]


def _text(
    node: CommentedMap, key: str, path: Path, errors: list[InputError], where: Location
) -> str | None:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(
            InputError(f"missing or empty '{key}'", _at(node, path, key) if key in node else where)
        )
        return None
    return " ".join(value.split())


def _optional(node: CommentedMap, key: str, path: Path, errors: list[InputError]) -> str | None:
    if key not in node:
        return None
    return _text(node, key, path, errors, _at(node, path, key))


def _strings(node: CommentedMap, key: str, path: Path, errors: list[InputError]) -> tuple[str, ...]:
    value = node.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append(InputError(f"'{key}' must be a list of texts", _at(node, path, key)))
        return ()
    return tuple(" ".join(v.split()) for v in value)


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
