"""`python -m pipeline glossary …`: the command line side (arguments, output)."""

from __future__ import annotations

import argparse
import sys

from pipeline.errors import PipelineError, UsageError
from pipeline.project import Project


def run_glossary(args: argparse.Namespace) -> int:
    from pipeline.glossary import commands
    from pipeline.glossary.load import load_glossary

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
        commands.edit(path, args.action, args.id, values)
        print(
            f"{path}: {'added' if args.action == 'add' else 'updated'} {args.id}", file=sys.stderr
        )
        return 0
    glossary = load_glossary(path)
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
            raise commands.GlossaryViolations(f"{result.count} glossary violation(s)")
    return 0


def _is_text(argument: str) -> bool:
    # Bytes of a command line that are not UTF-8 arrive as lone surrogates.
    return not any("\ud800" <= c <= "\udfff" for c in argument)
