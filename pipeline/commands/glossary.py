"""`python -m pipeline glossary ACTION`: what a translator runs, on a glossary
found in the publish cache (pipeline/cache_glossary.py) when its bytes are
the same: a glossary of 5,000 terms is read, checked and indexed once, by
whichever command or publish meets it first, not by every command."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from pipeline import cache, cache_glossary
from pipeline.errors import InputError, Location, PipelineError, UsageError
from pipeline.fileio import write_if_changed
from pipeline.glossary import commands
from pipeline.glossary.document import text_of
from pipeline.glossary.edit import edited, reread
from pipeline.project import Project


class GlossaryViolations(PipelineError):
    """--strict: translations that do not use the glossary."""

    exit_code = 7


@contextlib.contextmanager
def cached(root: Path) -> Iterator[None]:
    """The publish cache of ``root``, for a command: what it reads is kept for
    the next command or publish if it succeeds; nothing else is removed. No
    glossary file, no cache (a folder that is no project gets no .cache/)."""
    if not (root / "glossary.yaml").is_file():
        yield
        return
    with cache.session(root, prune=False):
        yield


def run(args: argparse.Namespace) -> int:
    """The command line's ``glossary ACTION``; its exit code."""
    path = args.root / "glossary.yaml"
    with cached(args.root):
        if args.action in ("add", "set"):
            edit(path, args.action, args.id, _values(args.id, args.values))
            done = "added" if args.action == "add" else "updated"
            print(f"{path}: {done} {args.id}", file=sys.stderr)
            return 0
        # check matches the archive's sentences: the terms a publish found in each
        glossary = cache_glossary.load_glossary(
            path, sentences="use" if args.action == "check" else ""
        )
        for warning in glossary.warnings:
            print(warning, file=sys.stderr)
        if args.action == "match":
            for line in commands.match_lines(glossary, args.file):
                print(line)
        elif args.action == "export":
            sys.stdout.write(commands.export(glossary, args.format))
        else:
            result = commands.check(Project(args.root), glossary)
            print("\n".join(commands.check_lines(result)))
            if result.count and args.strict:
                raise GlossaryViolations(f"{result.count} glossary violation(s)")
    return 0


def edit(path: Path, action: str, term_id: str, values: dict[str, str]) -> None:
    """Add a term or set keys of one, keeping comments, order and quoting; the
    result is read and checked as a run reads it (kept in the cache for the
    next run) before it is written. The glossary before the edit (from the
    cache, or read once and kept) shows where its entries are: only the edited
    one goes through the slow round trip and is read again."""
    try:
        before = path.read_bytes() if path.exists() else None
    except OSError as e:
        raise InputError(f"cannot read the glossary: {e.strerror}", Location(path)) from None
    try:
        known = cache_glossary.load_glossary(path, before, sentences="") if before else None
    except InputError:  # a broken glossary is edited whole: the check reports its errors
        known = None
    text = text_of(path, before) if before is not None else None
    change = edited(path, text, known, action, term_id, values)
    data = change.text.encode("utf-8")
    # Its errors, with their lines; kept in the cache for the next run.
    read = partial(reread, path, known, change)
    glossary = cache_glossary.load_glossary(path, data, sentences="", read=read)
    if write_if_changed(path, data) and before is not None:
        cache_glossary.replaced(path, before, known, data, glossary)


def _values(term_id: str, items: list[str]) -> dict[str, str]:
    """KEY=VALUE arguments as keys and values, each argument checked."""
    values = {}
    for item in (term_id, *items):
        # Bytes of a command line that are not UTF-8 arrive as lone surrogates.
        if any("\ud800" <= c <= "\udfff" for c in item):
            raise PipelineError(f"not valid UTF-8 text: {item!r}")
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"expected KEY=VALUE, not {item!r}")
        values[key] = value
    return values
