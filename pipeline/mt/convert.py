"""A Hugging Face checkpoint → an installed Argos package, in one command.

The checkpoint (a local folder, or a hub name where there is a network) is
checked from its JSON files first (family, tokenizer, languages), then
converted with CTranslate2's converter (transformers and PyTorch: the optional
extra, ``make setup-convert``), quantised, packaged in Argos's layout with the
language prefixes, licence and origin in ``metadata.json``, checked by
translating sentences on the pipeline's own runtime path, and installed through
``models install``'s path. Everything is built in a temporary folder: a failure
at any step leaves the installed models as they were.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import Location
from pipeline.fileio import write_if_changed
from pipeline.mt.argos import InstalledModel, ModelError, first_line, installed, useful_pairs
from pipeline.mt.checkpoints import SETUP_HINT, card_excludes, checkpoint, licence
from pipeline.mt.families import (
    NAMES,
    Family,
    card_languages,
    family_of,
    model_card,
    package_tokenizer,
)
from pipeline.mt.install import install_file
from pipeline.mt.limits import table_positions
from pipeline.mt.verify import check_package, vocabulary_of

QUANTIZATIONS = ("int8", "int8_float32", "int16", "float16", "bfloat16", "float32")


@dataclass(frozen=True)
class Converted:
    model: InstalledModel
    replaced: list[InstalledModel]
    family: Family
    check: list[tuple[str, str]]  # (sentence, its translation)


def convert(
    source: str,
    from_code: str,
    to_code: str,
    quantization: str = "int8",
    version: str | None = None,
    save: Path | None = None,
) -> Converted:
    if (from_code, to_code) not in useful_pairs():
        useful = ", ".join(f"{a}→{b}" for a, b in sorted(useful_pairs()))
        raise ModelError(f"the pipeline uses {useful}, not {from_code}→{to_code}")
    with checkpoint(source) as (folder, origin):
        family = family_of(folder)
        tokenizer = folder / family.tokenizer
        if not tokenizer.is_file():
            raise ModelError(
                f"no {family.tokenizer}: a {family.name} checkpoint needs its SentencePiece"
                " model (the pipeline tokenizes with SentencePiece only)",
                Location(folder),
            )
        card = model_card(folder)
        with tempfile.TemporaryDirectory(prefix="pipeline-convert-") as work:
            version = version or _next_version(from_code, to_code)
            name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
            package = Path(work) / name
            _convert_model(folder, package / "model", quantization)
            vocabulary = vocabulary_of(package / "model")
            prefixes = family.prefixes(from_code, to_code, vocabulary)
            listed = card_languages(card)
            wanted = {from_code, to_code}
            if prefixes is None or card_excludes(listed, wanted):
                raise ModelError(
                    f"this {family.name} model does not translate {NAMES[from_code]} into"
                    f" {NAMES[to_code]} (its vocabulary or model card lacks the language)",
                    Location(folder),
                )
            (package / "sentencepiece.model").write_bytes(package_tokenizer(folder, family))
            metadata: dict[str, Any] = {
                "package_version": version,
                "argos_version": "1.11",
                "from_code": from_code,
                "from_name": NAMES[from_code],
                "to_code": to_code,
                "to_name": NAMES[to_code],
                "source_prefix": prefixes[0],
                "target_prefix": prefixes[1],
                "family": family.name,
                "source": origin,
                "license": licence(card),
                "quantization": quantization,
                "converted_with": _versions(),
            }
            positions = table_positions(package / "model" / "model.bin")
            if positions:  # the longest sentence and translation the model takes
                metadata["max_positions"] = positions
            (package / "metadata.json").write_text(
                json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            (package / "README.md").write_text(_readme(metadata), encoding="utf-8")
            check = check_package(package, metadata, vocabulary)
            archive = Path(work) / f"{name}.argosmodel"
            _zip(package, archive)
            model, replaced = install_file(archive)
            if save is not None:
                write_if_changed(save, archive.read_bytes())
    return Converted(model, replaced, family, check)


def _convert_model(folder: Path, output: Path, quantization: str) -> None:
    try:
        import torch  # noqa: F401
        import transformers
        from ctranslate2.converters import TransformersConverter
    except ImportError:
        raise ModelError(SETUP_HINT) from None
    transformers.utils.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    class Converter(TransformersConverter):  # type: ignore[misc]
        def load_tokenizer(self, tokenizer_class: Any, path: str, **kwargs: Any) -> Any:
            # transformers 5 leaves M2M-100's language tokens (__kk__) out of
            # get_vocab(), where CTranslate2's converter looks for them.
            tokenizer = super().load_tokenizer(tokenizer_class, path, **kwargs)
            vocab = tokenizer.get_vocab()
            codes = getattr(tokenizer, "lang_token_to_id", None) or {}
            if any(code not in vocab for code in codes):
                merged = {**vocab, **codes}
                tokenizer.get_vocab = lambda: merged
            return tokenizer

    try:
        # "int8" keeps the other weights as the checkpoint stores them: float16
        # ones would make int8_float16, which CPUs run as int8_float32 after
        # a warning on every load. int8_float32 is what a float32 one gives.
        applied = "int8_float32" if quantization == "int8" else quantization
        Converter(str(folder)).convert(str(output), quantization=applied)
    except (ValueError, OSError, RuntimeError, KeyError, AttributeError, ImportError) as e:
        # A checkpoint transformers cannot load, weights that do not fit its config.
        raise ModelError(
            f"CTranslate2's converter failed: {first_line(e)}", Location(folder)
        ) from None
    config_file = output / "config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    # The pipeline passes SentencePiece's pieces; the models expect the
    # end-of-sentence token their Hugging Face tokenizer appends.
    config["add_source_eos"] = True
    config_file.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def _next_version(from_code: str, to_code: str) -> str:
    """1.0, or one above the installed pair's version: the memory then tells
    the new model's translations from the old one's."""
    from pipeline.mt.argos import version_key

    versions = [m.version for m in installed() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not versions:
        return "1.0"
    return f"{max(version_key(v)[0] for v in versions) + 1}.0"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    found = []
    for name in ("ctranslate2", "transformers", "torch"):
        try:
            found.append(f"{name} {installed_version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(found)


def _readme(metadata: dict[str, Any]) -> str:
    return (
        f"# {metadata['from_name']} → {metadata['to_name']} ({metadata['family']})\n\n"
        f"Converted by `python -m pipeline models convert` from {metadata['source']}\n"
        f"with {metadata['converted_with']}, quantization {metadata['quantization']}.\n\n"
        f"Licence: {metadata['license']}.\n"
    )


def _zip(package: Path, archive: Path) -> None:
    """An .argosmodel: the package folder, stored (weights hardly compress)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for file in sorted(package.rglob("*")):
            out.write(file, file.relative_to(package.parent).as_posix())
