"""MkDocs hook: a "page not found" page per language.

mkdocs-static-i18n builds each language into the same site_dir, so every
language's 404.html overwrote the one before and site/404.html ended up in
the last language built, its language switcher pointing at whatever page that
build rendered last. Here each language's 404 page goes to site/<lang>/404.html,
site/404.html stays the default language's, and the switcher on a 404 page
leads to each language's home page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

NOT_FOUND = "404.html"


def on_config(config: Any) -> Any:
    """Each language's words for the page (title, text, link to the home page),
    from the pipeline's language registry, as ``config.extra.not_found``."""
    try:
        from pipeline.languages import LABELS
    except ImportError:  # `mkdocs serve` run outside the repository's folder
        sys.path.insert(0, str(Path(config.config_file_path).parent))
        from pipeline.languages import LABELS
    config.extra["not_found"] = {code: list(labels.not_found) for code, labels in LABELS.items()}
    return config


# site_dir → the default language's 404 page, rendered first
_default_page: dict[str, str] = {}


def _i18n(config: Any) -> Any:
    return config.plugins["i18n"]


def on_pre_template(template: Any, template_name: str, config: Any) -> Any:
    if template_name == NOT_FOUND:
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        homes = [
            {"name": lang.name, "link": f"{base}{lang.link}", "lang": lang.locale}
            for lang in _i18n(config).config.languages
            if lang.build
        ]
        # The i18n plugin sets the attribute on each page (which then hides the
        # key from templates); set both.
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return template


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != NOT_FOUND:
        return output
    i18n = _i18n(config)
    if i18n.current_language == i18n.default_language:
        _default_page[config.site_dir] = output
        return output
    path = Path(config.site_dir, i18n.current_language, NOT_FOUND)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(output.encode("utf-8"))
    # MkDocs writes what is returned to site/404.html: keep the default's there.
    return _default_page.get(config.site_dir, output)
