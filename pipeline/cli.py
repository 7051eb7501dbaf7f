"""Command line: ``python -m pipeline COMMAND``. Errors become one line each.

Exit codes: 0 done; 1 bad input (transcript, translation file); 2 bad usage;
3 untranslated segments with --strict; 4 generated files out of date (--check);
5 the site did not build; 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.languages import TARGETS
from pipeline.memory import Status
from pipeline.pages import render_interview
from pipeline.publish import Project, Report, publish
from pipeline.segments import segment
from pipeline.transcript import read_transcript


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Publish Russian interview transcripts as a Russian/Kazakh/English site.",
        epilog="Exit codes: 0 ok, 1 bad input, 2 usage, 3 untranslated (--strict),"
        " 4 out of date (--check), 5 site build failed, 130 interrupted.",
    )
    parser.add_argument(
        "-C",
        dest="root",
        type=Path,
        default=Path("."),
        help="project folder (default: the current one)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    convert = commands.add_parser("convert", help="print a transcript as Markdown")
    convert.add_argument("file", type=Path, help="transcript file (any encoding)")
    pub = commands.add_parser(
        "publish", help="update translation files and pages, then build the site"
    )
    pub.add_argument(
        "--strict", action="store_true", help="fail when any sentence has no translation"
    )
    pub.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if any generated file is out of date",
    )
    pub.add_argument("--no-site", action="store_true", help="skip the MkDocs build")
    return parser


def run(argv: list[str]) -> int:
    """Run one command; return its exit code (never calls sys.exit)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        if args.command == "convert":
            doc = read_transcript(args.file)
            sys.stdout.write(render_interview(doc, segment(doc), "ru").markdown + "\n")
        elif args.command == "publish":
            report = publish(
                Project(args.root.resolve()),
                strict=args.strict,
                check=args.check,
                site=not args.no_site,
                log=lambda message: print(message, file=sys.stderr),
            )
            _summary(report, checked=args.check)
        return 0
    except PipelineError as e:
        print(f"error: {e}".replace("\n", "\nerror: "), file=sys.stderr)
        return e.exit_code
    except OSError as e:
        # A full disk or a read-only folder: files are written atomically, so
        # whatever was there before is intact.
        print(f"error: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "interrupted: files already written are complete; nothing is half-written",
            file=sys.stderr,
        )
        return 130


def _summary(report: Report, checked: bool) -> None:
    out = sys.stderr
    if checked:
        print("up to date", file=out)
        return
    print(
        f"{report.documents} interview(s); {len(report.written)} file(s) written,"
        f" {len(report.removed)} removed",
        file=out,
    )
    for language in TARGETS:
        counts = {
            s: sum(v[s] for (lang, _), v in report.statuses.items() if lang == language)
            for s in Status
        }
        print(
            f"  {language}: {counts[Status.REVIEWED]} reviewed, {counts[Status.MACHINE]}"
            f" machine, {counts[Status.STALE]} need review after a source change,"
            f" {counts[Status.MISSING]} not translated",
            file=out,
        )
    missing = report.count(Status.MISSING)
    if missing:
        print("Not yet translated (shown in Russian with a marker):", file=out)
        for (language, slug), n in sorted(missing.items()):
            print(f"  translations/{language}/{slug}.po: {n} segment(s)", file=out)
        print(
            "Fill in their msgstr in those files (any PO editor), or install a translation"
            " model; 'make publish STRICT=1' fails while any remain.",
            file=out,
        )
