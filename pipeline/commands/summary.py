"""The summary a publish prints: what was written, translated, flagged, missing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pipeline.languages import SOURCE, TARGETS
from pipeline.memory.store import Status
from pipeline.publish import Report


def print_summary(report: Report, checked: bool) -> None:
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


def print_nodes(backend: object) -> None:
    """Where a cluster backend translated: sentences per node."""
    by_node = getattr(backend, "sentences_by_node", None)
    if by_node:
        nodes = ", ".join(f"{node[:8]}: {n}" for node, n in sorted(by_node.items()))
        print(f"translated on {len(by_node)} node(s), sentences per node: {nodes}")
