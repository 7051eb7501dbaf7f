"""The store of an incremental site build (``incremental.py``): entries kept under
a hash of what they were made from, one file each in ``.cache/site-pages/``.

An entry is a pure function of its key, so it is written as soon as it is made;
a build that completes forgets the entries it did not use, so the store holds
the current site, never its history. Also the small wrappers through which the
build notes what a page's links looked up and what it logged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER = Path(".cache", "site-pages")


def digest(*parts: object) -> str:
    try:
        text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    except TypeError:  # keys that do not sort (front matter may mix numbers and words)
        text = repr(parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ident(file: Any) -> list[str] | None:
    """What a link to a documentation file turns into: its page's address."""
    return None if file is None else [file.src_uri, file.url, file.inclusion.name]


def language(config: Any) -> str | None:
    """The language being built (mkdocs-static-i18n builds one after another)."""
    return getattr(config.plugins.get("i18n"), "current_language", None)


def outline(items: list[Any]) -> list[Any]:
    """The navigation as titles and addresses, to hash."""
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), outline(item.children)]
        if item.children
        else [type(item).__name__, item.title, getattr(item, "url", None)]
        for item in items
    ]


class Recording:
    """The build's files, noting each file a page's links looked up (through
    ``lookup``: the files' own lookup, remembered for the build)."""

    def __init__(self, files: Any, lookup: Callable[[str], Any]) -> None:
        self._files = files
        self._lookup = lookup
        self.looked_up: dict[str, list[str] | None] = {}

    def get_file_from_path(self, path: str) -> Any:
        file = self._lookup(path)
        self.looked_up[path] = ident(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


class Listing:
    """A Jinja environment whose template listing is ``listed`` when known."""

    def __init__(self, env: Any, listed: list[str] | None) -> None:
        self._env = env
        self.known = listed
        self.listed: list[str] | None = None

    def list_templates(self, filter_func: Any = None) -> list[str]:
        if self.known is not None:
            return self.known
        self.listed = list(self._env.list_templates(filter_func=filter_func))
        return self.listed

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env, name)


class Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records += 1


class Store:
    def __init__(self, folder: Path, environment: str) -> None:
        self.folder = folder
        self.environment = environment  # fresh.environment_hash: all the build reads but docs
        self.used: set[str] = set()

    # The store: one file per entry, written as soon as made (an entry is a
    # pure function of its key); what a build did not use goes when it ends.
    def load(self, key: str) -> Any:
        self.used.add(key)
        with contextlib.suppress(Exception):
            return pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        return None

    def store(self, key: str, value: object) -> None:
        self.used.add(key)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_bytes(pickle.dumps(value, protocol=5))
            os.replace(temporary, self.folder / f"{key}.pickle")

    def finish(self) -> None:
        """After a complete build: forget the entries of pages no longer built."""
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                if path.is_dir() and path.name != self.templates().name:
                    shutil.rmtree(path, ignore_errors=True)
                elif path.is_file() and path.stem not in self.used:
                    path.unlink(missing_ok=True)

    def templates(self) -> Path:
        """Jinja's bytecode cache for this environment."""
        return self.folder / f"templates-{self.environment[:16]}"
