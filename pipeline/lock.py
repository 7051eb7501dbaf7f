"""One publish at a time per project, and what a killed one left behind.

The lock is ``flock`` on the project folder itself: the kernel drops it when
its holder exits, however it exits (SIGKILL too), so there is no stale lock to
clear and no lock file to leave in the project. A second publish says in one
line that it is waiting, then waits; Ctrl-C stops the wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.fileio import TEMPORARY


@contextlib.contextmanager
def project_lock(root: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's lock; ``waiting`` is told once if another run has it."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another publish in {root} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        clean_temporaries(root)
        yield
    finally:
        os.close(fd)  # releases the lock


def clean_temporaries(root: Path) -> list[Path]:
    """Remove what a killed publish left half-done; only call under the lock.

    Only fileio's temporary files, which carry its marker
    (".NAME.pipeline-XXXXXXXX.tmp"); site.py cleans its own build folders.
    """
    removed = []
    folders = [root, *(root / name for name in ("translations", "docs"))]
    candidates: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            pattern = folder.glob(".*.tmp") if folder == root else folder.rglob(".*.tmp")
            candidates += [p for p in pattern if TEMPORARY.fullmatch(p.name) and p.is_file()]
    for path in candidates:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
