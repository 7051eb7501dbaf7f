"""The model families `models convert` knows: how each names languages.

A Hugging Face checkpoint says its architecture in ``config.json``
(``model_type``) and its tokenizer in ``tokenizer_config.json``; the family
decides which tokens tell the model the source and target language (NLLB:
``rus_Cyrl`` before the sentence, ``kaz_Cyrl`` forced as the first output
token), and which SentencePiece file is the tokenizer. All of this is read from
the folder's JSON files, so a bad checkpoint is refused before the converter
(and PyTorch) is even imported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import Location
from pipeline.mt.argos import ModelError

NAMES = {"ru": "Russian", "kk": "Kazakh", "en": "English"}


@dataclass(frozen=True)
class Family:
    name: str
    tokenizer: str  # the SentencePiece file of the source side
    # (source, target, vocabulary) → (source_prefix, target_prefix); None: unsupported
    prefixes: Callable[[str, str, set[str]], tuple[str, str] | None]
    target_tokenizer: str = ""  # a second SentencePiece file for the output (Marian)


def _coded(codes: dict[str, str]) -> Callable[[str, str, set[str]], tuple[str, str] | None]:
    """Families that put the source code first and force the target code."""

    def prefixes(source: str, target: str, vocabulary: set[str]) -> tuple[str, str] | None:
        pair = (codes[source], codes[target])
        return pair if all(c in vocabulary for c in pair) else None

    return prefixes


def _marian(source: str, target: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """OPUS-MT: a bilingual model takes no language token; a multi-target one
    (``opus-mt-en-trk``) wants the target's token (``>>kaz<<``) first."""
    tokens = {t for t in vocabulary if re.fullmatch(r">>[\w-]+<<", t)}
    if not tokens:
        return "", ""
    for code in _MARIAN_CODES[target]:
        if f">>{code}<<" in tokens:
            return f">>{code}<<", ""
    return None


def _madlad(source: str, target: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """MADLAD-400 (T5): the target's ``<2kk>`` token before the sentence."""
    token = f"<2{target}>"
    return (token, "") if token in vocabulary else None


_MARIAN_CODES = {"kk": ("kaz_Cyrl", "kaz", "kk"), "en": ("eng", "en"), "ru": ("rus", "ru")}

NLLB = Family(
    "NLLB-200",
    "sentencepiece.bpe.model",
    _coded({"ru": "rus_Cyrl", "kk": "kaz_Cyrl", "en": "eng_Latn"}),
)
M2M100 = Family(
    "M2M-100", "sentencepiece.bpe.model", _coded({"ru": "__ru__", "kk": "__kk__", "en": "__en__"})
)
MBART50 = Family(
    "mBART-50", "sentencepiece.bpe.model", _coded({"ru": "ru_RU", "kk": "kk_KZ", "en": "en_XX"})
)
MARIAN = Family("OPUS-MT (Marian)", "source.spm", _marian, target_tokenizer="target.spm")
MADLAD = Family("MADLAD-400 (T5)", "spiece.model", _madlad)


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"not a readable JSON file ({e})", Location(path)) from None
    if not isinstance(data, dict):
        raise ModelError("not a JSON object", Location(path))
    return data


def family_of(folder: Path) -> Family:
    """The family of the checkpoint in ``folder``; ModelError says why none."""
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise ModelError(
            "not a Hugging Face checkpoint: no config.json (pass the folder"
            " save_pretrained wrote, or a hub name such as facebook/nllb-200-distilled-600M)",
            Location(folder),
        )
    config = read_json(config_file)
    model_type = str(config.get("model_type", ""))
    tokenizer_file = folder / "tokenizer_config.json"
    tokenizer = read_json(tokenizer_file) if tokenizer_file.is_file() else {}
    tokenizer_class = str(tokenizer.get("tokenizer_class") or config.get("tokenizer_class") or "")
    if model_type == "m2m_100":
        return NLLB if tokenizer_class.startswith("Nllb") else M2M100
    if model_type == "marian":
        return MARIAN
    if model_type == "mbart":
        return MBART50
    if model_type in ("t5", "mt5"):
        return MADLAD
    known = "NLLB-200, M2M-100 (m2m_100), OPUS-MT (marian), mBART-50 (mbart), MADLAD-400 (t5)"
    raise ModelError(
        f"a '{model_type or 'unknown'}' model is not a translation model this pipeline"
        f" can convert; it converts {known}",
        Location(config_file),
    )


def model_card(folder: Path) -> dict[str, Any]:
    """The YAML header of the checkpoint's README.md (licence, languages), if any."""
    readme = folder / "README.md"
    try:
        text = readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.DOTALL)
    if not match:
        return {}
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(match.group(1))
    except YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def card_languages(card: dict[str, Any]) -> set[str]:
    """The languages a model card lists (``language: [ru, en]``), as ISO codes."""
    value = card.get("language") or card.get("languages") or []
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {str(v).lower() for v in values}


def package_tokenizer(folder: Path, family: Family) -> bytes:
    """The package's one SentencePiece model. Marian checkpoints may have a
    second one for the output: its pieces are added to the first (with the
    type "unused", so the input is cut as before) so the output decodes."""
    data = (folder / family.tokenizer).read_bytes()
    target = folder / family.target_tokenizer if family.target_tokenizer else None
    if target is None or not target.is_file() or target.read_bytes() == data:
        return data
    from sentencepiece import sentencepiece_model_pb2

    pb: Any = sentencepiece_model_pb2  # generated protobuf code: no types

    try:
        merged, output = pb.ModelProto(), pb.ModelProto()
        merged.ParseFromString(data)
        output.ParseFromString(target.read_bytes())
    except Exception as e:  # protobuf's DecodeError
        raise ModelError(f"not a SentencePiece model ({e})", Location(folder)) from None
    known = {p.piece for p in merged.pieces}
    for piece in output.pieces:
        if piece.piece not in known and piece.type == pb.ModelProto.SentencePiece.NORMAL:
            added = merged.pieces.add()
            # Unused pieces are never cut from text, but decode as any other.
            added.piece, added.score = piece.piece, 0.0
            added.type = pb.ModelProto.SentencePiece.UNUSED
    return bytes(merged.SerializeToString())
