"""Installed Argos Translate packages: list, load, remove.

Packages live in ``ARGOS_PACKAGES_DIR`` (Argos's own setting; by default its
data folder), one folder each, in Argos's layout. The setting is looked up
again on every call: a test, or an editor who changes it, gets the folder they
asked for. Installing is pipeline/mt/install.py.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, Location, PipelineError
from pipeline.languages import SOURCE, TARGETS
from pipeline.mt.backend import PIVOT


def useful_pairs() -> set[tuple[str, str]]:
    """The pairs this pipeline can use: direct ones, and the second half of a pivot."""
    return {(SOURCE, t) for t in TARGETS} | {(PIVOT, t) for t in TARGETS if t != PIVOT}


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
    # The model's positions (metadata.json's max_positions, written by
    # `models convert`); 0: unstated, read from the model (pipeline/mt/limits.py).
    max_positions: int = 0

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


def installed() -> list[InstalledModel]:
    """Installed translation packages, sorted by pair and version.

    Every folder with a ``metadata.json`` is a package, as for Argos; hidden
    folders are this module's work in progress (an install being checked, a
    package being removed) and are never read as packages.
    """
    folder = packages_dir()
    if not folder.is_dir():
        return []
    models = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        metadata = _metadata(path / "metadata.json")
        from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
        if metadata.get("type", "translate") == "translate" and from_code and to_code:
            models.append(
                InstalledModel(
                    str(from_code),
                    str(to_code),
                    str(metadata.get("package_version") or "0"),
                    path,
                    str(metadata.get("target_prefix") or ""),
                    str(metadata.get("source_prefix") or ""),
                    _positive(metadata.get("max_positions")),
                )
            )
    return sorted(models, key=lambda m: (m.from_code, m.to_code, version_key(m.version)))


def _positive(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _metadata(path: Path) -> dict[str, Any]:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelError(f"not valid JSON ({e})", Location(path)) from None
    if not isinstance(metadata, dict):
        raise ModelError("not a JSON object", Location(path))
    return metadata


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("-", ".").split("."))


def load_model(model: InstalledModel, **options: Any) -> tuple[Any, Any]:
    """The CTranslate2 translator and SentencePiece tokenizer of an installed
    package; one that does not load is one ModelError line."""
    try:
        return open_package(model.path, **options)
    except ModelError as e:
        raise ModelError(
            f"{model.label} does not load ({e.message}); install the package again:"
            " python -m pipeline models install FILE.argosmodel",
            Location(model.path),
        ) from None


def open_package(folder: Path, **options: Any) -> tuple[Any, Any]:
    """Load the model and tokenizer in ``folder``; ModelError says why not."""
    import ctranslate2
    import sentencepiece

    tokenizer_file = folder / "sentencepiece.model"
    if not tokenizer_file.is_file():
        raise ModelError("only SentencePiece packages are supported: no sentencepiece.model")
    try:
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu", **options)
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(tokenizer_file))
    except (RuntimeError, ValueError, OSError) as e:
        raise ModelError(first_line(e)) from None
    return translator, tokenizer


def first_line(error: BaseException) -> str:
    """A library's error message as one line (CTranslate2's can be several)."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def remove(from_code: str, to_code: str) -> list[InstalledModel]:
    found = [m for m in installed() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not found:
        raise InputError(f"no {from_code}→{to_code} model is installed in {packages_dir()}")
    for model in found:
        remove_folder(model.path)
    return found


def remove_folder(path: Path) -> None:
    """Remove a package: hidden first, so a kill never leaves half of one listed."""
    aside = path.with_name(f".pipeline-{os.getpid()}-removed-{path.name}")
    os.rename(path, aside)
    shutil.rmtree(aside)
