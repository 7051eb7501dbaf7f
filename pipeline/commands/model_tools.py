"""`models convert` and `models evaluate`: their arguments and their output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pipeline.errors import shown
from pipeline.languages import SOURCE, TARGETS

ACTIONS = ("convert", "evaluate")


def add_parsers(actions: Any) -> None:
    from pipeline.mt.convert import QUANTIZATIONS

    convert = actions.add_parser(
        "convert",
        help="convert a Hugging Face checkpoint (NLLB, M2M-100, OPUS-MT, …) into an"
        " installed Argos package (needs 'make setup-convert')",
    )
    convert.add_argument(
        "source", metavar="SOURCE", help="checkpoint folder, or a hub name (needs a network)"
    )
    convert.add_argument("--from", dest="from_code", default=SOURCE, choices=(SOURCE, "en"))
    convert.add_argument("--to", dest="to_code", required=True, choices=TARGETS)
    convert.add_argument("--quantization", default="int8", choices=QUANTIZATIONS)
    convert.add_argument(
        "--version", help="the package version (default: 1.0, or one above the installed pair's)"
    )
    convert.add_argument(
        "--save", type=Path, metavar="FILE.argosmodel", help="also keep the package file"
    )
    evaluate = actions.add_parser(
        "evaluate",
        help="score each installed route against the reviewed translations"
        " (chrF++, BLEU, glossary, speed, worst segments)",
    )
    evaluate.add_argument("--to", dest="languages", choices=TARGETS, action="append")
    evaluate.add_argument(
        "--routes",
        default="direct,pivot",
        help="which routes: direct, pivot or both (default: direct,pivot)",
    )
    evaluate.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> None:
    if args.action == "convert":
        _convert(args)
    else:
        _evaluate(args)


def _convert(args: argparse.Namespace) -> None:
    from pipeline.mt.convert import convert

    done = convert(
        args.source, args.from_code, args.to_code, args.quantization, args.version, args.save
    )
    say = sys.stderr
    for sentence, translation in done.check:
        print(f"checked: {shown(sentence)} → {shown(translation)}", file=say)
    for old in done.replaced:
        print(f"replaced {old.label}", file=say)
    print(f"installed {done.model.label} ({done.family.name}) in {done.model.path}", file=say)


def _evaluate(args: argparse.Namespace) -> None:
    from pipeline.commands.glossary import cached
    from pipeline.errors import UsageError
    from pipeline.evaluate import ROUTE_KINDS, evaluate, table

    kinds = tuple(k.strip() for k in args.routes.split(",") if k.strip())
    if not kinds or any(k not in ROUTE_KINDS for k in kinds):
        raise UsageError(f"--routes takes direct, pivot or direct,pivot, not {args.routes!r}")
    languages = tuple(dict.fromkeys(args.languages or TARGETS))
    # Without --to, the languages that can be scored are; the others are named.
    skipped: list[str] | None = None if args.languages else []
    with cached(args.root):  # the glossary, as the glossary commands find it
        scores = evaluate(args.root, languages, kinds, skipped)
    for line in skipped or []:
        print(shown(line), file=sys.stderr)
    if args.json:
        json.dump([s.as_json() for s in scores], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(shown_lines(table(scores)))


def shown_lines(text: str) -> str:
    return "".join(shown(line) + "\n" for line in text.splitlines())
