"""Whether the served site is already what ``mkdocs build`` would make now.

MkDocs builds every page of every language each time; in an archive of a
thousand interviews that is minutes, spent again by a publish in which nothing
changed. The build is reproducible to the byte, so it is a function of its
inputs: the configuration, the docs folder, the theme overrides and hooks, the
build date (SOURCE_DATE_EPOCH) and the installed packages. After each build a
stamp records a hash of those inputs and a listing of the site as built (each
file's path, size and modification time); a publish whose inputs hash the same
while the site still lists the same skips the build. Anything else, including
a file of the site edited, added or removed by hand, builds it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

STAMP = Path(".cache", "site-build.json")


def inputs_hash(config: Any, environment: str) -> str:
    """``environment`` (``environment_hash``) and the docs folder."""
    digest = hashlib.sha256(f"{environment}\0{config.site_dir}\0".encode())
    folder = Path(config.docs_dir)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(b"\0" + os.fsencode(path.relative_to(folder)) + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def environment_hash(config: Any, config_file: Path, epoch: str) -> str:
    """All the build reads but the docs: the configuration, the theme overrides
    and hooks, the build date, the packages and this package's code."""
    digest = hashlib.sha256(f"{sys.version}\0{epoch}\0".encode())
    digest.update(config_file.read_bytes())
    if config.theme.custom_dir:
        folder = Path(config.theme.custom_dir)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(b"\0" + os.fsencode(path.relative_to(folder)) + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for hook in sorted(str(h) for h in config.hooks):  # hooks may live outside overrides/
        with contextlib.suppress(OSError):
            digest.update(Path(config_file.parent, hook).read_bytes())
    digest.update("\n".join(_installed()).encode())
    # The build's own steps after MkDocs (the search index): this package's code,
    # and the language registry it and the hooks read (search stemmers, 404 text).
    registry = Path(__file__).parents[1] / "languages.py"
    for path in [*sorted(Path(__file__).parent.glob("*.py")), registry]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _installed() -> list[str]:
    """The installed packages and their versions, as their metadata folders are
    named (``name-version.dist-info``): one listing per folder, no file read."""
    found: set[str] = set()
    for entry in sys.path:
        with contextlib.suppress(OSError):
            found.update(
                n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info"))
            )
    return sorted(found)


def listing_hash(site: Path) -> str:
    digest = hashlib.sha256()
    for root, folders, files in os.walk(site):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            info = path.lstat()
            digest.update(os.fsencode(path.relative_to(site)))
            digest.update(f"\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def is_current(root: Path, inputs: str, site: Path) -> bool:
    try:
        stamp = json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(stamp, dict)
        and stamp.get("inputs") == inputs
        and site.is_dir()
        and stamp.get("site") == listing_hash(site)
    )


def record(root: Path, inputs: str, site: Path) -> None:
    """Stamp the site just built; a stamp that cannot be written only costs a rebuild."""
    path = root / STAMP
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"inputs": inputs, "site": listing_hash(site)}))
        os.replace(temporary, path)
