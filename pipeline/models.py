"""Installed Argos Translate packages: install from a file or the index, list, remove.

Packages live in ``ARGOS_PACKAGES_DIR`` (Argos's own setting; by default its
data folder). Argos reads that setting once, when it is first imported, so it
is looked up again on every call: a test, or an editor who changes it, gets
the folder they asked for.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import InputError, Location, PipelineError
from pipeline.languages import SOURCE, TARGETS

PIVOT = "en"
# The pairs this pipeline can use: direct ones, and the second half of a pivot.
USEFUL_PAIRS = {(SOURCE, t) for t in TARGETS} | {(PIVOT, t) for t in TARGETS if t != PIVOT}
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


class ModelError(PipelineError):
    """No usable model, or a model that cannot be installed."""

    exit_code = 6


@dataclass(frozen=True)
class InstalledModel:
    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""
    # Tokens put before every source sentence: NLLB models expect the source
    # language's code there (rus_Cyrl). Argos has no such key; the pipeline
    # reads it from metadata.json and Argos ignores it.
    source_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def label(self) -> str:
        return f"argos {self.pair} {self.version}"


def packages_dir() -> Path:
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


def _argos() -> Any:
    """``argostranslate.package``, pointed at the packages folder in force now."""
    from argostranslate import package, settings

    settings.package_data_dir = packages_dir()
    settings.package_dirs = [settings.package_data_dir]
    settings.package_data_dir.mkdir(parents=True, exist_ok=True)
    return package


def installed() -> list[InstalledModel]:
    """Installed translation packages, sorted by pair and version."""
    folder = packages_dir()
    if not folder.is_dir() or not any(folder.iterdir()):
        return []  # nothing to list: no need to import Argos (and torch) at all
    models = []
    for pkg in _argos().get_installed_packages():
        if pkg.type == "translate" and pkg.from_code and pkg.to_code:
            path = Path(pkg.package_path)
            metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
            models.append(
                InstalledModel(
                    pkg.from_code,
                    pkg.to_code,
                    pkg.package_version or "0",
                    path,
                    pkg.target_prefix or "",
                    str(metadata.get("source_prefix", "")),
                )
            )
    return sorted(models, key=lambda m: (m.from_code, m.to_code, _version_key(m.version)))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("-", ".").split("."))


def install_file(path: Path) -> tuple[InstalledModel, list[InstalledModel]]:
    """Check and install an .argosmodel; return it and the older versions it replaced."""
    metadata = _check_package(path)
    pair = (metadata["from_code"], metadata["to_code"])
    if pair not in USEFUL_PAIRS:
        useful = ", ".join(f"{a}→{b}" for a, b in sorted(USEFUL_PAIRS))
        raise ModelError(
            f"this package translates {pair[0]}→{pair[1]}; the pipeline uses {useful}",
            Location(path),
        )
    replaced = [m for m in installed() if (m.from_code, m.to_code) == pair]
    package = _argos()
    for old in replaced:
        package.uninstall(package.Package(old.path))
    package.install_from_path(path)
    new = [m for m in installed() if (m.from_code, m.to_code) == pair]
    if not new:
        raise ModelError("Argos did not install the package", Location(path))
    return new[-1], replaced


def _check_package(path: Path) -> dict[str, Any]:
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
            missing = [r for r in required if r not in names]
            if not any(n in names for n in (f"{top}/sentencepiece.model", f"{top}/bpe.model")):
                missing.append(f"{top}/sentencepiece.model")
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
    return metadata


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
    best = max(matches, key=lambda e: _version_key(str(e.get("package_version", "0"))))
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


def remove(from_code: str, to_code: str) -> list[InstalledModel]:
    found = [m for m in installed() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not found:
        raise InputError(f"no {from_code}→{to_code} model is installed in {packages_dir()}")
    package = _argos()
    for model in found:
        package.uninstall(package.Package(model.path))
    return found
