"""Which files in ``transcripts/`` are transcripts: one place for the extensions."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import InputError, Location

# Extensions of transcript files, in lower case; a file's is compared in any case
# (INTERVIEW.TXT is a transcript).
TRANSCRIPT_SUFFIXES = frozenset({".txt", ".docx", ".odt", ".md"})
# Word's lock file for an open document (~$name.docx) is not a transcript.
_LOCK_PREFIX = "~$"


def is_transcript(path: Path) -> bool:
    return (
        path.suffix.lower() in TRANSCRIPT_SUFFIXES
        and not path.name.startswith((_LOCK_PREFIX, "."))
        and path.is_file()
    )


def list_transcripts(folder: Path) -> tuple[list[Path], list[Path]]:
    """The transcripts in ``folder``, and the other things there (hidden ones,
    such as .gitkeep or an editor's swap file, aside), both sorted by name."""
    try:
        entries = sorted(folder.iterdir())
    except FileNotFoundError:
        return [], []
    except OSError as e:
        raise InputError(f"cannot read the folder: {e.strerror}", Location(folder)) from None
    transcripts = [p for p in entries if is_transcript(p)]
    chosen = set(transcripts)
    others = [p for p in entries if p not in chosen and not p.name.startswith((".", _LOCK_PREFIX))]
    return transcripts, others


def not_a_transcript(path: Path) -> str:
    """The warning for a file in ``transcripts/`` that is not published."""
    kinds = ", ".join(sorted(TRANSCRIPT_SUFFIXES))
    what = "a folder" if path.is_dir() else "not a transcript"
    return f"warning: {Location(path)}: {what}, not published (transcripts are {kinds} files)"


def check_file_name(path: Path) -> None:
    """A transcript's name goes into its translation files and pages: it must be text."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(
            "the file name is not valid UTF-8: rename the file", Location(path)
        ) from None
