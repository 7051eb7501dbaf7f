"""Command line: ``python -m pipeline COMMAND``. Errors become one line each.

Exit codes: 0 done; 1 bad input (transcript, translation file); 2 bad usage;
3 untranslated segments with --strict; 4 generated files out of date (--check);
5 the site was not built or not switched in; 6 no usable translation model;
7 glossary violations (glossary check --strict); 70 internal error (a bug: one
line, no traceback, unless PIPELINE_TRACEBACK=1); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from pipeline import model_tools
from pipeline.errors import Location, PipelineError, UsageError, shown
from pipeline.languages import SOURCE, TARGETS
from pipeline.lock import project_lock
from pipeline.memory.store import SegmentTranslation, Status
from pipeline.mt import argos as models
from pipeline.mt import install as model_install
from pipeline.mt.local import Engine
from pipeline.publish import Project, Report, publish
from pipeline.site.pages import render_interview
from pipeline.source.segments import segment
from pipeline.source.transcript import read_layout, read_transcript

EXIT_CODES = (
    "Exit codes: 0 ok, 1 bad input, 2 usage, 3 untranslated (--strict),"
    " 4 out of date (--check), 5 site not built or not switched in, 6 no usable model,"
    " 7 glossary violations (--strict), 70 internal error (a bug), 130 interrupted."
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


def run(argv: list[str]) -> int:
    """Run one command; return its exit code (never calls sys.exit)."""
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
            sys.stdout.write(_translate(args.file, args.to, args.root))
        elif args.command == "glossary":
            return _glossary(args)
        elif args.command == "models":
            _models(args, parser)
        elif args.command == "publish":
            say = partial(print, file=sys.stderr)
            with project_lock(args.root.resolve(), waiting=say):  # one publish at a time
                report = publish(
                    Project(args.root.resolve()),
                    strict=args.strict,
                    check=args.check,
                    site=not args.no_site,
                    retranslate_machine=args.retranslate_machine,
                    engine=lambda: Engine(progress=_progress_bar),
                    log=say,
                )
            _summary(report, checked=args.check)
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
    except KeyboardInterrupt:
        print(
            "interrupted: nothing is half-written; each translation file and page is its"
            " old or its new version, site/ the last complete build; publish again to finish",
            file=sys.stderr,
        )
        return 130
    except Exception as e:  # a bug: still one line, and nothing half-written (see above)
        if os.environ.get("PIPELINE_TRACEBACK"):
            raise
        detail = shown(" ".join(f"{type(e).__name__}: {e}".split()))
        print(
            f"error: internal error, please report it (PIPELINE_TRACEBACK=1 shows where): {detail}",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _progress_bar(total: int, description: str) -> Any:
    from tqdm import tqdm

    # Shown on a terminal for long work only; logs and tests stay quiet.
    return tqdm(
        total=total,
        desc=description,
        unit="sentence",
        file=sys.stderr,
        disable=None if total >= 20 else True,
        leave=False,
    )


def _translate(path: Path, language: str, root: Path) -> str:
    from pipeline.glossary.enforce import TermPolicy, translate_with_terms
    from pipeline.glossary.load import load_glossary
    from pipeline.memory.names import spell

    engine = Engine(progress=_progress_bar)
    route = engine.require_route(SOURCE, language)
    glossary = load_glossary(root / "glossary.yaml")
    for warning in glossary.warnings:
        print(warning, file=sys.stderr)
    policy = TermPolicy(glossary) if glossary.terms else None

    def machine(sentences: list[str]) -> list[str]:
        if policy is None:
            return engine.translate(route, sentences)
        occurrences = policy.occurrences(sentences)
        outcomes = translate_with_terms(engine, route, sentences, occurrences, language, policy)
        for sentence, outcome in zip(sentences, outcomes, strict=True):
            if outcome.violations:
                print(f"glossary: {', '.join(outcome.violations)}: {sentence}", file=sys.stderr)
        return [o.text for o in outcomes]

    if path.suffix.lower() in (".md", ".markdown"):
        from pipeline.mt.markdown import translate_markdown

        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise PipelineError(f"{path}: Markdown files must be UTF-8") from None
        return translate_markdown(text, machine)
    doc = read_transcript(path)
    segments = segment(doc)
    names = {s.id: s.name for s in doc.speakers}  # spelled, not machine-translated
    sentences = [s for s in segments if s.id not in names]
    texts = machine([s.text for s in sentences])
    translations = {
        s.id: SegmentTranslation(t, Status.MACHINE) for s, t in zip(sentences, texts, strict=True)
    }
    for speaker_id, name in names.items():
        spelled = spell(name, language, glossary)[0]
        translations[speaker_id] = SegmentTranslation(spelled, Status.MACHINE)
    return render_interview(doc, segments, language, translations, notice=False).markdown + "\n"


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


def _glossary(args: argparse.Namespace) -> int:
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
        lines, violations = commands.check(args.root, glossary)
        print("\n".join(lines))
        if violations and args.strict:
            raise commands.GlossaryViolations(f"{violations} glossary violation(s)")
    return 0


def _is_text(argument: str) -> bool:
    # Bytes of a command line that are not UTF-8 arrive as lone surrogates.
    return not any("\ud800" <= c <= "\udfff" for c in argument)


def _models(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    if args.action in model_tools.ACTIONS:
        model_tools.run(args)
    elif args.action == "list":
        found = models.installed()
        if not found:
            print(f"no models installed in {models.packages_dir()}", file=sys.stderr)
        for m in found:
            prefix = f"  target_prefix {m.target_prefix}" if m.target_prefix else ""
            if m.source_prefix:
                prefix += f"  source_prefix {m.source_prefix}"
            print(f"{m.from_code}\t{m.to_code}\t{m.version}\t{m.path}{prefix}")
    elif args.action == "remove":
        for m in models.remove(args.from_code, args.to_code):
            print(f"removed {m.label}", file=sys.stderr)
    elif len(args.what) == 1:
        _installed(*model_install.install_file(Path(args.what[0])))
    elif len(args.what) == 2:
        _installed(*model_install.install_from_index(*args.what))
    else:
        raise UsageError("models install takes FILE.argosmodel, or FROM TO (e.g. ru en)")


def _installed(model: models.InstalledModel, replaced: list[models.InstalledModel]) -> None:
    for old in replaced:
        print(f"replaced {old.label}", file=sys.stderr)
    print(f"installed {model.label} in {model.path.parent}", file=sys.stderr)
    if replaced:
        print(
            "Machine translations made by the old version stay until you run"
            " 'make publish RETRANSLATE=1'.",
            file=sys.stderr,
        )


def _summary(report: Report, checked: bool) -> None:
    out = sys.stderr
    for warning in report.warnings:
        print(warning, file=out)
    if checked:
        print("up to date", file=out)
        return
    machine = report.machine
    for language, count in sorted(machine.translated.items()):
        print(
            f"machine-translated {count} sentence(s) into {language} with"
            f" {machine.routes[language]}",
            file=out,
        )
    print(
        f"{report.documents} interview(s); {len(report.written)} file(s) written,"
        f" {len(report.removed)} removed; {machine.calls} model call(s)",
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
    for language, count in sorted(machine.violations.items()):
        if count:
            print(
                f"{count} machine translation(s) into {language} do not follow the glossary"
                " and are marked for review: python -m pipeline glossary check",
                file=out,
            )
    for language, count in sorted(machine.flagged.items()):
        print(
            f"{count} reviewed translation(s) into {language} use a glossary entry that"
            " changed and are marked for review (their text is kept)",
            file=out,
        )
    for language, count in sorted(machine.outdated.items()):
        print(
            f"{count} machine translation(s) into {language} were made by other models than"
            f" {machine.routes[language]}; to refresh them (reviewed ones are never"
            " touched): make publish RETRANSLATE=1",
            file=out,
        )
    if report.glossary_violations:
        print(
            f"glossary: {report.glossary_violations} translation(s) do not use the house"
            " terms; details: python -m pipeline glossary check",
            file=out,
        )
    _orphans(report, out)
    missing = report.count(Status.MISSING)
    if missing:
        print("Not yet translated (shown in Russian with a marker):", file=out)
        for (language, slug), n in sorted(missing.items()):
            print(f"  translations/{language}/{slug}.po: {n} segment(s)", file=out)
        for language in machine.no_model:
            print(
                f"  no {SOURCE}→{language} model is installed:"
                " python -m pipeline models install FILE.argosmodel",
                file=out,
            )
        print(
            "Fill in their msgstr in those files (any PO editor), or install a translation"
            " model; 'make publish STRICT=1' fails while any remain.",
            file=out,
        )


def _orphans(report: Report, out: Any) -> None:
    """Translation files no transcript uses: carried over, or a warning. None is deleted."""
    for orphan in report.orphans:
        old = _shown(orphan.path)
        if orphan.carried_to is not None:
            has, of = orphan.matched
            print(
                f"{old}: its translations carried over to {_shown(orphan.carried_to)}"
                f" ({has} of the {of} sentences match: the transcript was renamed);"
                " the old file is kept, delete it when you like",
                file=out,
            )
        elif orphan.kept_in is not None:
            print(
                f"{old}: no transcript uses it; its reviewed translations are in"
                f" {_shown(orphan.kept_in)}: delete it when you like",
                file=out,
            )
        elif not orphan.reviewed:
            print(
                f"{old}: no transcript uses it, and it holds no reviewed translation:"
                " delete it when you like",
                file=out,
            )
        else:
            print(
                f"warning: {old}: no transcript uses it; its {orphan.reviewed} reviewed"
                " translation(s) are not on the site. It is kept: restore its transcript,"
                f" or give the transcript that replaces it 'slug: {orphan.path.stem}'",
                file=out,
            )


def _shown(path: Path) -> str:
    """A translation file as the summary names them: translations/LANG/NAME.po."""
    return "/".join(path.parts[-3:])
