"""An entry's sections in glossary.yaml, one per language of the registry
(pipeline/languages.py), read into renderings with every problem's position."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pipeline.errors import InputError, Location
from pipeline.glossary.model import _TARGET_KEYS, CASES, USES, Rendering, sections
from pipeline.glossary.morphology import morphology
from pipeline.languages import REGISTRY
from pipeline.source.encoding import check_text

# A term is a name: a longer text is a pasted paragraph (or a hostile one:
# each word of a Russian form is one level of the matcher's index).
MAX_TERM = 200


def renderings(
    entry: CommentedMap,
    term_id: str | None,
    path: Path,
    errors: list[InputError],
    warnings: list[str],
    where: Location,
) -> dict[str, Rendering] | None:
    """The entry's rendering in each target language; None if a section is
    missing or broken (each problem is in ``errors``)."""
    found = {}
    for language in sections():
        section = _section(
            entry, language, _TARGET_KEYS, path, errors, where, what=f"{term_id or 'this term'}"
        )
        if section is not None:
            found[language] = _rendering(section, language, path, errors)
            warnings += [
                f"{_at(section, path, key)}: warning: {message}"
                for key, message in morphology(language).warnings(found[language])
            ]
            warnings += script_warnings(section, language, path)
    return found if len(found) == len(sections()) else None


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


def _unknown_keys(
    node: CommentedMap, known: set[str], path: Path, errors: list[InputError], prefix: str = ""
) -> None:
    for key in node:
        if key not in known:
            message = f"unknown key '{prefix}{key}' (known: {', '.join(sorted(known))})"
            errors.append(InputError(message, _at(node, path, key)))


def script_warnings(section: CommentedMap, language: str, path: Path) -> list[str]:
    """A word that mixes the script of the language's alphabet with another:
    a look-alike letter typed on the wrong keyboard (a Latin «e» in «ЕАЭО») that
    no Russian text would match and no translation would contain."""
    scripts = {_script(c) for c in REGISTRY[language].alphabet}
    out = []
    for key in ("name", "abbreviation", "variants", "forbidden"):
        value = section.get(key)
        for text in value if isinstance(value, list) else [value]:
            for word in re.findall(r"[^\W\d_]+", text if isinstance(text, str) else ""):
                own = {_script(c) for c in word} & scripts
                others = sorted({c for c in word if _script(c) not in scripts})
                if own and others:
                    out.append(
                        f"{_at(section, path, key)}: warning: '{word}' mixes letters of"
                        f" the {language} alphabet with {', '.join(others)} (another script):"
                        " a look-alike letter typed in the wrong keyboard layout?"
                    )
    return out


@lru_cache(maxsize=4096)
def _script(letter: str) -> str:
    return unicodedata.name(letter, "?").split()[0]  # CYRILLIC, LATIN, GREEK …


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
    if not isinstance(endings, dict) or any(
        k not in CASES or not isinstance(v, str) or not v.strip() for k, v in endings.items()
    ):
        errors.append(
            InputError(
                f"endings must map cases ({', '.join(CASES)}) to endings",
                _at(section, path, "endings"),
            )
        )
        endings = {}
    elif not all(
        _is_text(v, f"endings.{k}", _at(endings, path, k), errors) for k, v in endings.items()
    ):
        endings = {}
    return Rendering(
        name=name,
        abbreviation=abbreviation,
        variants=_strings(section, "variants", path, errors),
        use=use,
        forbidden=_strings(section, "forbidden", path, errors),
        notes=notes(section, path, errors),
        possessive=possessive,
        endings=tuple(sorted((str(k), str(v)) for k, v in endings.items())),
        reading=_optional(section, "reading", path, errors),
        declines_as=_optional(section, "declines_as", path, errors),
    )


def _text(
    node: CommentedMap, key: str, path: Path, errors: list[InputError], where: Location
) -> str | None:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        errors.append(
            InputError(f"missing or empty '{key}'", _at(node, path, key) if key in node else where)
        )
        return None
    if not _is_text(value, key, _at(node, path, key), errors, MAX_TERM):
        return None
    return " ".join(value.split())


def notes(node: CommentedMap, path: Path, errors: list[InputError]) -> str:
    value = node.get("notes")
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        errors.append(InputError("'notes' must be text", _at(node, path, "notes")))
        return ""
    value = str(value)  # a note YAML reads as a number or a date is that text
    return value.strip() if _is_text(value, "notes", _at(node, path, "notes"), errors) else ""


def _is_text(
    value: str, key: str, where: Location, errors: list[InputError], longest: int = 0
) -> bool:
    """No control character or lone surrogate (a YAML escape such as "\\0" or
    "\\ud800" makes them), and no longer than ``longest`` characters (0: any)."""
    try:
        check_text(value, where.path, where.line or 1, context=f"'{key}': ")
    except InputError as e:
        errors.append(e)
        return False
    if longest and len(value) > longest:
        errors.append(
            InputError(
                f"'{key}' is {len(value)} characters long; a term has at most {longest}"
                " (explanations go in 'notes')",
                where,
            )
        )
        return False
    return True


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
    if not all(
        _is_text(v, key, _at(value, path, i), errors, MAX_TERM) for i, v in enumerate(value)
    ):
        return ()
    return tuple(" ".join(v.split()) for v in value)
