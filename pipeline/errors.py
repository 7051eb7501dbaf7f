"""The exception tree. The CLI turns each into one line and an exit code."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path


def shown(text: str) -> str:
    """Text for one line of a terminal: control characters, line separators and
    lone surrogates as escapes (\\x1b, \\u2028, \\udcff)."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def shown_path(path: Path) -> str:
    """A path as one line of text; bytes of its name that are not UTF-8 as \\xff."""
    return shown(os.fsencode(path).decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class Location:
    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [shown_path(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class PipelineError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class InputError(PipelineError):
    """A transcript, translation file or configuration cannot be used as it is."""

    def __str__(self) -> str:
        # The message quotes the input, whose text may hold line breaks (a PO
        # header's value, a YAML key): the error stays one line.
        return shown(super().__str__())


class InputErrors(InputError):
    """Several input errors, collected before anything was written."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return self.message


class UsageError(PipelineError):
    """Arguments that argparse accepted but the command cannot take."""

    exit_code = 2


class MissingTranslations(PipelineError):
    """--strict: some segments have no translation."""

    exit_code = 3


class OutOfDate(PipelineError):
    """--check: generated files differ from what the inputs give."""

    exit_code = 4


class SiteBuildError(PipelineError):
    """MkDocs refused to build the site, or the new build cannot replace the served one."""

    exit_code = 5


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a service stopping): the run stops as
    at Ctrl-C, each file its old or new version, in one line (exit 143)."""


def terminate_gracefully() -> None:
    """Turn SIGTERM into ``Terminated`` (the command line only, not a library)."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    signal.signal(signal.SIGTERM, stop)
