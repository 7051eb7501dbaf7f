"""Writing files: atomically, and only when their content changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, content: bytes) -> bool:
    """Atomically replace ``path`` with ``content``; return whether it changed."""
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file in the same folder, fsynced then renamed over the target:
        # a crash leaves either the old file or the new one, never half of one. A
        # kill leaves the temporary file, which the next publish removes
        # (pipeline/lock.py).
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            # A full disk or a read-only folder: name the file, not the temporary.
            raise OSError(e.errno, e.strerror, str(path)) from None
        raise
    return True
