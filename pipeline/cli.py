"""Command line: ``python -m pipeline COMMAND``. Errors become one line each.

Exit codes: 0 done; 1 bad input (transcript, translation file); 2 bad usage;
3 untranslated segments with --strict; 4 generated files out of date (--check);
5 the site was not built or not switched in; 6 no usable translation model;
7 glossary violations (glossary check --strict); 70 internal error (a bug: one
line, no traceback, unless PIPELINE_TRACEBACK=1); 130 interrupted (Ctrl-C);
143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from pipeline.commands import glossary as glossary_commands
from pipeline.commands import model_tools
from pipeline.commands.models import run_models
from pipeline.commands.summary import print_nodes, print_summary
from pipeline.commands.translate import translate
from pipeline.errors import Location, PipelineError, Terminated, shown
from pipeline.languages import SOURCE, TARGETS
from pipeline.lock import project_lock
from pipeline.mt.backend import Backend
from pipeline.mt.cluster import ClusterBackend, cluster_address
from pipeline.mt.local import LocalBackend
from pipeline.progress import Bar, Bars, terminal_bars
from pipeline.publish import Project, publish
from pipeline.site.pages import render_interview
from pipeline.source.segments import segment
from pipeline.source.transcript import read_layout

EXIT_CODES = (
    "Exit codes: 0 ok, 1 bad input, 2 usage, 3 untranslated (--strict),"
    " 4 out of date (--check), 5 site not built or not switched in, 6 no usable model,"
    " 7 glossary violations (--strict), 70 internal error (a bug), 130 interrupted,"
    " 143 terminated."
)
INTERNAL_ERROR = 70  # sysexits' EX_SOFTWARE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # The message quotes the user's arguments: keep it one line.
        super().error(shown(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m pipeline",
        description="Publish Russian interview transcripts as a Russian/Kazakh/English site.",
        epilog=EXIT_CODES,
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
    convert.add_argument(
        "file", type=Path, help="transcript: .txt (any encoding), .docx, .odt or .md"
    )
    convert.add_argument(
        "--explain",
        action="store_true",
        help="print what was detected (layout, interviewer, speakers, questions, lede,"
        " captions, trailer) instead of the Markdown",
    )
    pub = commands.add_parser(
        "publish",
        help="translate what is missing, update translation files and pages, build the site",
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
    pub.add_argument(
        "--retranslate-machine",
        action="store_true",
        help="translate machine entries again with the installed models"
        " (reviewed entries are never touched)",
    )
    translate = commands.add_parser(
        "translate",
        help="print the machine translation of a transcript or Markdown file"
        " (the translation memory is neither read nor written)",
    )
    translate.add_argument("file", type=Path, help="transcript (.txt) or Markdown (.md)")
    translate.add_argument("--to", required=True, choices=TARGETS, help="target language")
    for command in (pub, translate):
        command.add_argument(
            "--cluster",
            metavar="ADDRESS",
            help="translate on this Ray cluster (default: $RAY_ADDRESS if set, else here);"
            " needs 'make setup-cluster'",
        )
    _glossary_parser(commands)
    model = commands.add_parser(
        "models", help="install, list, remove, convert or evaluate translation models"
    )
    actions = model.add_subparsers(dest="action", required=True, metavar="ACTION")
    install = actions.add_parser(
        "install", help="install FILE.argosmodel, or FROM TO from Argos's index"
    )
    install.add_argument("what", nargs="+", metavar="FILE | FROM TO")
    actions.add_parser("list", help="list installed language pairs")
    remove = actions.add_parser("remove", help="remove the FROM→TO package")
    remove.add_argument("from_code", metavar="FROM")
    remove.add_argument("to_code", metavar="TO")
    model_tools.add_parsers(actions)
    return parser


class _ClosedOutput(io.TextIOBase):
    """Standard output when the command was started with it closed (``>&-``):
    writing the result fails as on a closed descriptor, in one line."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed: nowhere to write the result")


def run(argv: list[str]) -> int:
    """Run one command; return its exit code (never calls sys.exit)."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        if args.command == "convert":
            doc, layout = read_layout(args.file)
            if args.explain:
                from pipeline.source.explain import explain

                sys.stdout.write(explain(doc, layout))
            else:
                sys.stdout.write(render_interview(doc, segment(doc), SOURCE).markdown + "\n")
        elif args.command == "translate":
            engine = _backend(args.cluster, terminal_bars())
            sys.stdout.write(translate(args.file, args.to, args.root, engine))
        elif args.command == "glossary":
            return glossary_commands.run(args)
        elif args.command == "models":
            run_models(args)
        elif args.command == "publish":
            say = partial(print, file=sys.stderr)
            bars = terminal_bars()
            made: list[Backend] = []
            with project_lock(args.root.resolve(), waiting=say):  # one publish at a time
                report = publish(
                    Project(args.root.resolve()),
                    strict=args.strict,
                    check=args.check,
                    site=not args.no_site,
                    retranslate_machine=args.retranslate_machine,
                    engine=partial(_made, made, args.cluster, bars),
                    log=say,
                    progress=bars,
                )
            print_summary(report, checked=args.check)
            for backend in made:
                print_nodes(backend)
        return 0
    except PipelineError as e:
        for line in str(e).split("\n"):  # one line per error
            print(f"error: {shown(line)}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        # A full disk or a read-only folder: files are written atomically, so
        # whatever was there before is intact.
        where = f"{Location(Path(e.filename))}: " if isinstance(e.filename, str) else ""
        print(f"error: {where}{e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as e:
        stopped = "terminated" if isinstance(e, Terminated) else "interrupted"
        print(
            f"{stopped}: nothing is half-written; each translation file and page is its"
            " old or its new version, site/ the last complete build; publish again to finish",
            file=sys.stderr,
        )
        return 143 if isinstance(e, Terminated) else 130
    except Exception as e:  # a bug: still one line, and nothing half-written (see above)
        if os.environ.get("PIPELINE_TRACEBACK"):
            raise
        detail = shown(" ".join(f"{type(e).__name__}: {e}".split()))
        print(
            f"error: internal error, please report it (PIPELINE_TRACEBACK=1 shows where): {detail}",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _glossary_parser(commands: Any) -> None:
    glossary = commands.add_parser("glossary", help="match, check, edit or export house terms")
    actions = glossary.add_subparsers(dest="action", required=True, metavar="ACTION")
    match = actions.add_parser("match", help="print each term found in FILE as a JSON line")
    match.add_argument("file", type=Path)
    check = actions.add_parser("check", help="how the translations use each term")
    check.add_argument("--strict", action="store_true", help="exit 7 on any violation")
    for name, text in (("add", "add a term"), ("set", "change keys of a term")):
        edit = actions.add_parser(name, help=f"{text}; comments and order are kept")
        edit.add_argument("id")
        edit.add_argument(
            "values",
            nargs="*",
            metavar="KEY=VALUE",
            help="e.g. kind=abbreviation ru.name='…' en.abbreviation=EAEU en.forbidden='EAEC, EEU'",
        )
    export = actions.add_parser("export", help="print the glossary for CAT tools")
    export.add_argument("--format", choices=("tbx", "csv"), default="tbx")


def _backend(option: str | None, bars: Bars) -> LocalBackend:
    """On a Ray cluster when one is named (--cluster, or Ray's RAY_ADDRESS), else here."""
    address = cluster_address(option)
    if address is None:
        return LocalBackend(progress=_translating(bars))
    return ClusterBackend(address=address, progress=_translating(bars))


def _made(made: list[Backend], option: str | None, bars: Bars) -> Backend:
    made.append(_backend(option, bars))  # kept: the summary says where it translated
    return made[-1]


def _translating(bars: Bars) -> Callable[[int, str], Bar]:
    """The engine's progress hook: one bar per model call, in sentences per second."""
    return lambda total, pair: bars(total, f"translating {pair}", "sentence")
