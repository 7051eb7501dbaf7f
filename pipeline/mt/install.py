"""Installing Argos packages: checked, loaded, and named from their metadata.

Argos's own installer is not used: it extracts an archive under the archive's
folder name (a ru→en package named like the ru→kk one replaced it) and checks
nothing. Here a package is unpacked into a hidden folder beside the installed
ones and loaded there with CTranslate2 and SentencePiece; only a package that
loads is renamed into place, into ``translate-FROM_TO-VERSION`` from its
metadata. The versions it replaces go after that, so a failure at any step
leaves the installed models as they were.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import Location
from pipeline.fileio import replace_folder
from pipeline.mt.argos import (
    InstalledModel,
    ModelError,
    installed,
    open_package,
    packages_dir,
    remove_folder,
    useful_pairs,
    version_key,
)

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def install_file(path: Path) -> tuple[InstalledModel, list[InstalledModel]]:
    """Check, load and install an .argosmodel; return it and the older versions it replaced."""
    folder = packages_dir()
    metadata, top = _check_package(path)
    pair = (metadata["from_code"], metadata["to_code"])
    version = metadata["package_version"]
    final = folder / f"translate-{pair[0]}_{pair[1]}-{version.replace('.', '_')}"
    replaced = [m for m in installed() if (m.from_code, m.to_code) == pair]
    if final.exists() and final not in [m.path for m in replaced]:
        raise ModelError(f"{final} holds another package; remove it first", Location(path))
    folder.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(folder)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=f".pipeline-{os.getpid()}-install-"))
    try:
        _unpack(path, top, staging)
        try:
            open_package(staging)
        except ModelError as e:
            label = InstalledModel(pair[0], pair[1], version, final).label
            raise ModelError(
                f"{label} does not load ({e.message}); the installed models are unchanged",
                Location(path),
            ) from None
        replace_folder(staging, final, staging.with_name(staging.name + "-old"))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for old in replaced:
        if old.path != final:
            remove_folder(old.path)
    found = [m for m in installed() if m.path == final]
    if not found:
        raise ModelError("the package was not installed", Location(path))
    return found[0], replaced


def _unpack(path: Path, top: str, target: Path) -> None:
    """Extract the archive's package folder ``top`` into ``target``."""
    try:
        with zipfile.ZipFile(path) as archive:
            for item in archive.infolist():
                relative = PurePosixPath(item.filename).relative_to(top)
                destination = target.joinpath(*relative.parts)
                if item.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(item) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
    except (zipfile.BadZipFile, EOFError) as e:
        raise ModelError(f"the archive is corrupt ({e})", Location(path)) from None


def _clear_leftovers(folder: Path) -> None:
    """Remove the hidden folders of installs and removals that were killed."""
    for path in folder.glob(".pipeline-*-*"):
        pid = path.name.split("-")[1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# A version names the package's folder: no separators, nothing hidden.
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,40}")


def _check_package(path: Path) -> tuple[dict[str, Any], str]:
    """The package's metadata and the name of its folder in the archive."""
    where = Location(path)
    if not path.is_file():
        raise ModelError("no such file", where)
    if not zipfile.is_zipfile(path):
        raise ModelError("not an Argos package: an .argosmodel file is a zip archive", where)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            broken = archive.testzip()
            if broken:
                raise ModelError(f"the archive is corrupt ({broken})", where)
            for name in names:
                parts = PurePosixPath(name).parts
                if name.startswith("/") or ".." in parts:
                    raise ModelError(f"unsafe path in the archive: {name}", where)
            tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
            if len(tops) != 1:
                raise ModelError("the archive must hold exactly one package folder", where)
            top = tops.pop()
            required = [f"{top}/metadata.json", f"{top}/model/model.bin"]
            required.append(f"{top}/sentencepiece.model")
            missing = [r for r in required if r not in names]
            if missing:
                raise ModelError(f"not an Argos package: missing {', '.join(missing)}", where)
            metadata = json.loads(archive.read(f"{top}/metadata.json"))
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise ModelError(f"the archive is corrupt ({e})", where) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelError(f"metadata.json is not valid JSON ({e})", where) from None
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(k), str) and metadata.get(k) for k in ("from_code", "to_code")
    ):
        raise ModelError("metadata.json must name 'from_code' and 'to_code'", where)
    pair = (metadata["from_code"], metadata["to_code"])
    if pair not in useful_pairs():
        useful = ", ".join(f"{a}→{b}" for a, b in sorted(useful_pairs()))
        raise ModelError(
            f"this package translates {pair[0]}→{pair[1]}; the pipeline uses {useful}", where
        )
    version = metadata.get("package_version", "0")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise ModelError(f"metadata.json: not a package version: {version!r}", where)
    return {**metadata, "package_version": version}, top


def install_from_index(from_code: str, to_code: str) -> tuple[InstalledModel, list[InstalledModel]]:
    """Download a pair from Argos's package index (needs a network)."""
    index = os.environ.get("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX).rstrip("/") + "/"
    try:
        with urllib.request.urlopen(index + "index.json", timeout=15) as response:
            entries = json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise ModelError(
            f"offline: cannot reach the Argos package index at {index} ({reason}); copy an"
            " .argosmodel file here and run: python -m pipeline models install FILE.argosmodel"
        ) from None
    matches = [
        e
        for e in entries
        if isinstance(e, dict)
        and e.get("from_code") == from_code
        and e.get("to_code") == to_code
        and e.get("links")
    ]
    if not matches:
        raise ModelError(f"Argos's package index has no {from_code}→{to_code} package")
    best = max(matches, key=lambda e: version_key(str(e.get("package_version", "0"))))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"translate-{from_code}_{to_code}.argosmodel"
        for link in best["links"]:
            try:
                with urllib.request.urlopen(link, timeout=60) as response:
                    target.write_bytes(response.read())
                break
            except (urllib.error.URLError, OSError):
                continue
        else:
            raise ModelError(f"could not download the {from_code}→{to_code} package")
        return install_file(target)
