"""The site's languages in mkdocs.yml agree with the language registry.

The i18n plugin (mkdocs-static-i18n) builds one site per language it lists,
from docs/<code>/. A language the registry has and mkdocs.yml lacks would be
translated and written but never built (its pages would land in the default
language's site); one mkdocs.yml lists and the registry lacks has no pages.
Checked before publish writes anything, with the line to change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from pipeline.errors import InputError, Location
from pipeline.languages import CODES, SOURCE


def check_site_languages(mkdocs_yml: Path) -> None:
    """Raise an InputError naming mkdocs.yml and the language that disagrees."""
    if not mkdocs_yml.exists():
        return  # nothing to build with; the build says so if asked to
    try:
        config = YAML(typ="rt", pure=True).load(mkdocs_yml.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError, ValueError, RecursionError):
        return  # MkDocs reports an unreadable configuration in its own words
    i18n, where = _i18n(config)
    if i18n is None:
        raise InputError(
            "the i18n plugin (mkdocs-static-i18n) is not configured; the site has"
            f" the languages {', '.join(CODES)}",
            Location(mkdocs_yml, where),
        )
    languages = i18n.get("languages") if isinstance(i18n, dict) else None
    listed: dict[str, tuple[Any, int]] = {}
    for index, item in enumerate(languages if isinstance(languages, list) else []):
        if isinstance(item, dict) and isinstance(item.get("locale"), str):
            listed[item["locale"]] = (item, _line(languages, index, where))
    line = _key_line(i18n, "languages", where)
    for code in CODES:
        if code not in listed:
            raise InputError(
                f"the i18n plugin's languages lack '{code}' (pipeline/languages.py has"
                f" {', '.join(CODES)}): add '- locale: {code}' with its name",
                Location(mkdocs_yml, line),
            )
    for code, (item, at) in listed.items():
        if code not in CODES and item.get("build", True) is not False:
            raise InputError(
                f"the i18n plugin builds '{code}', which pipeline/languages.py does not"
                f" have (it has {', '.join(CODES)}): remove it or set 'build: false'",
                Location(mkdocs_yml, at),
            )
        if (code == SOURCE) != (item.get("default") is True):
            raise InputError(
                f"the i18n plugin's default language must be '{SOURCE}', the"
                " transcripts' language, and no other",
                Location(mkdocs_yml, at),
            )


def _i18n(config: Any) -> tuple[Any, int]:
    plugins = config.get("plugins") if isinstance(config, dict) else None
    where = _key_line(config, "plugins", 1)
    for index, plugin in enumerate(plugins if isinstance(plugins, list) else []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}, _line(plugins, index, where)
        if plugin == "i18n":
            return {}, _line(plugins, index, where)
    return None, where


def _key_line(node: Any, key: str, default: int) -> int:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return default


def _line(seq: Any, index: int, default: int) -> int:
    try:
        return int(seq.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return default
