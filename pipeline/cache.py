"""What a publish computed before, found again by the content it was computed from.

A newsroom publishes daily into an archive that only grows; each step cached
here is a pure function of its inputs, stored under a hash of them (their bytes,
the pipeline's code, the libraries it uses): a transcript's document and
segments (under the file's bytes and path); a PO file as read and checked (a
file with an error is never stored: it is reported again each time); a PO
file's text and a page's Markdown (only the result's hash: the file on disk is
the result when it matches); the records of settled interviews (settled.py).

It lives in ``.cache/publish/``, written only when a publish succeeds; entries
a run did not use are removed: it holds the current archive, never its history.
A cache that cannot be read (another version, a damaged file) is ignored.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import importlib.metadata
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polib

from pipeline.glossary.model import Glossary
from pipeline.memory import store
from pipeline.source import segments as segmenting
from pipeline.source import transcript
from pipeline.source.document import Document, Segment

FOLDER = Path(".cache", "publish")
INDEX = "index.pickle"
_LIBRARIES = ("polib", "razdel", "babel", "pymorphy3", "pymorphy3-dicts-ru", "ruamel.yaml")
T = TypeVar("T")


def _code_version() -> str:
    """The pipeline's source and the versions of what it computes with."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def _key(*parts: bytes | str | Path) -> str:
    digest = hashlib.sha256()
    for part in parts:
        # A path as the system spells it: a file name need not be valid UTF-8.
        data = os.fsencode(part) if isinstance(part, Path) else part
        data = data.encode() if isinstance(data, str) else data
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def content(value: object) -> bytes | None:
    """Bytes that are equal only for equal values (None: the value has no such form)."""
    try:
        return pickle.dumps(value, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


@dataclass
class Session:
    """One publish's view of the cache: what it found, what it made, what it used."""

    folder: Path
    version: str
    outputs: dict[str, str] = field(default_factory=dict)  # key → sha256 of the result
    used: set[str] = field(default_factory=set)
    new: dict[str, bytes] = field(default_factory=dict)  # key → pickled value
    last: dict[str, Callable[[], object]] = field(default_factory=dict)  # key → value at the end
    segments: dict[Path, tuple[Document, list[Segment]]] = field(default_factory=dict)  # read
    glossary: tuple[Glossary | None, bytes | None] | None = None  # the run's, and its key
    files: dict[Path, list[str]] = field(default_factory=dict)  # file → keys read, made

    @classmethod
    def open(cls, folder: Path) -> Session:
        version = _code_version()
        with contextlib.suppress(Exception):
            index = pickle.loads((folder / INDEX).read_bytes())
            if index["version"] == version:
                return cls(folder, version, dict(index["outputs"]))
        return cls(folder, version)

    def key(self, *parts: bytes | str | Path) -> str:
        return _key(parts[0], self.version, *parts[1:])  # what it is, this code, its inputs

    def value(self, key: str, compute: Callable[[], T]) -> T:
        """The stored value under ``key``, or ``compute()``'s, stored at the end."""
        self.used.add(key)
        path = self.folder / f"{key}.pickle"
        with contextlib.suppress(Exception):
            if key not in self.new and path.exists():
                return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
        result = compute()
        self.new[key] = pickle.dumps(result, protocol=5)
        return result

    def stored(self, key: str) -> object:
        """What was stored under ``key`` (None: nothing); kept for the next run."""
        self.used.add(key)
        with contextlib.suppress(Exception):
            return pickle.loads(self.new.get(key) or (self.folder / f"{key}.pickle").read_bytes())
        return None

    def store(self, key: str, value: object) -> None:
        self.used.add(key)
        self.new[key] = pickle.dumps(value, protocol=5)

    def at_end(self, key: str, value: Callable[[], object]) -> None:
        """Store ``value()`` under ``key`` when the run ends: a value the run grows."""
        self.used.add(key)
        self.last[key] = value

    def output(self, key: str, target: Path, compute: Callable[[], bytes]) -> bytes:
        """``compute()``, or the file at ``target`` when it is what ``compute()`` made."""
        self.used.add(key)
        expected = self.outputs.get(key)
        if expected is not None and target.is_file():
            data = target.read_bytes()
            if hashlib.sha256(data).hexdigest() == expected:
                return data
        data = compute()
        self.outputs[key] = hashlib.sha256(data).hexdigest()
        return data

    def save(self, prune: bool = True) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, value in self.last.items():
            self.new[key] = pickle.dumps(value(), protocol=5)
        for key, data in self.new.items():
            _write(self.folder / f"{key}.pickle", data)
        if not prune:  # a command's run: it used a part of what is kept, and only adds
            return
        for path in [*self.folder.glob(".*.tmp"), *self.folder.glob("*.pickle")]:  # .tmp: killed
            if path.suffix == ".tmp" or (path.name != INDEX and path.stem not in self.used):
                path.unlink(missing_ok=True)
        outputs = {k: v for k, v in sorted(self.outputs.items()) if k in self.used}
        _write(self.folder / INDEX, pickle.dumps({"version": self.version, "outputs": outputs}))


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all; not synced to disk: a lost entry is only computed again."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


_current: contextvars.ContextVar[Session | None] = contextvars.ContextVar("cache", default=None)


@contextlib.contextmanager
def session(root: Path, save: bool = True, prune: bool = True) -> Iterator[None]:
    """Cache the steps below for a publish (a command: prune=False); stored if it succeeds."""
    opened = Session.open(root / FOLDER)
    token = _current.set(opened)
    try:
        yield
        if save:
            # Unwritable (a full disk, read-only): only the next publish is slower.
            with contextlib.suppress(OSError):
                opened.save(prune)
    finally:
        _current.reset(token)


def current() -> Session | None:
    """The cache of the publish under way (None: no publish, nothing cached)."""
    return _current.get()


def read_transcript(path: Path) -> Document:
    """``transcript.read_transcript``; its segments are kept for ``segment``."""
    cache = _current.get()
    if cache is None:
        return transcript.read_transcript(path)

    def parse() -> tuple[Document, list[Segment]]:
        document = transcript.read_transcript(path)
        return document, segmenting.segment(document)

    try:
        key = _key("document", cache.version, path, path.read_bytes())
    except OSError:  # reported, as every problem with the file, by reading it
        return transcript.read_transcript(path)
    document, found = cache.value(key, parse)
    cache.files.setdefault(path, []).append(key)
    cache.segments[path] = (document, found)
    return document


def segment(document: Document) -> list[Segment]:
    cache = _current.get()
    kept = cache.segments.get(document.source) if cache is not None else None
    if kept is not None and kept[0] is document:  # the very document read with them
        return list(kept[1])
    return segmenting.segment(document)


def load_memory(path: Path, language: str) -> polib.POFile | None:
    """``store.load_memory``: a PO file as read and checked."""
    cache = _current.get()
    if cache is None or not path.is_file():
        return store.load_memory(path, language)
    try:
        key = _key("memory", cache.version, path, language, path.read_bytes())
    except OSError:
        return store.load_memory(path, language)
    cache.files.setdefault(path, []).append(key)
    return cache.value(key, lambda: store.load_memory(path, language))


def serialize(po: polib.POFile, target: Path) -> bytes:
    """``store.serialize(po)``, the file at ``target`` when it already holds it."""
    cache = _current.get()
    pickled = content(po) if cache is not None else None
    if cache is None or pickled is None:
        return store.serialize(po)
    key = _key("po", cache.version, pickled)
    cache.files.setdefault(target, []).append(key)
    return cache.output(key, target, lambda: store.serialize(po))
