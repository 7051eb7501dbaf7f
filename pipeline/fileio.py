"""Writing files: atomically, and only when their content changed."""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

# The temporary file a write goes through, beside its target:
# ".NAME.pipeline-XXXXXXXX.tmp" (XXXXXXXX: mkstemp's eight random characters).
# The marker lets the cleanup after a killed run (pipeline/lock.py) remove only
# files this module made, never an editor's ".notes.tmp".
_MARKER = ".pipeline-"
TEMPORARY = re.compile(r"\..+\.pipeline-[a-z0-9_]{8}\.tmp")


def read_regular(path: Path) -> bytes:
    """A file's bytes, or what a pipe's writer sends (bash's ``<(…)``); OSError
    for a folder, a device or a socket (/dev/zero would never end)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe with no writer: no wait
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if stat.S_ISFIFO(mode):
            os.set_blocking(fd, True)  # until its writer closes; none: empty
        elif not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a file (a device or a socket)", str(path))
        return f.read()


def write_if_changed(path: Path, content: bytes) -> bool:
    """Atomically replace ``path`` with ``content``; return whether it changed.

    A symlink stays one: the file it points to is replaced (a translator's
    memory kept in a shared folder, linked into translations/).
    """
    if path.is_symlink():
        if not path.exists():
            raise OSError(errno.ENOENT, "a symlink to a file that does not exist", str(path))
        path = Path(os.path.realpath(path))
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    try:
        mode = _mode_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file in the same folder, fsynced then renamed over the target:
        # a crash leaves either the old file or the new one, never half of one. A
        # kill leaves the temporary file, which the next publish removes
        # (pipeline/lock.py).
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{_MARKER}", suffix=".tmp")
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            # mkstemp makes the file 0600: give it the mode the file had, or the
            # one any new file gets, so the web server and colleagues can read it.
            os.fchmod(f.fileno(), mode)
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        sync_folder(path.parent)  # the rename itself survives a power loss
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            # A full disk or a read-only folder: name the file, not the temporary.
            raise OSError(e.errno, e.strerror, str(path)) from None
        raise
    return True


def _mode_for(path: Path) -> int:
    """The permission bits of ``path``, or those of a new file (0666 less the umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask (reading it means setting it: set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sync_folder(folder: Path) -> None:
    """fsync a folder, so that renames into it are on disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_folder(new: Path, target: Path, aside: Path) -> None:
    """Put the complete folder ``new`` at ``target``; the old ``target`` goes.

    Where the kernel and file system allow it (Linux renameat2 with
    RENAME_EXCHANGE: ext4, xfs, btrfs, tmpfs, overlayfs), the two folders swap
    in one atomic step, so ``target`` is always complete. Elsewhere two
    renames: a kill between them leaves no ``target`` and the old one at
    ``aside``, for the caller's recovery to put back.
    """
    if os.path.lexists(target) and not os.path.isdir(target):
        # A file where the folder goes: swapped, it would be left beside as
        # "new" and never cleaned; it is not ours to remove.
        raise OSError(errno.ENOTDIR, "not a folder: move the file away", str(target))
    if not os.path.lexists(target):
        os.rename(new, target)
    elif exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old folder
    else:
        os.rename(target, aside)
        try:
            os.rename(new, target)
        except OSError:
            os.rename(aside, target)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    sync_folder(target.parent)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))
