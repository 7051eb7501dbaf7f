"""A converted package checked before it is installed (`models convert`): its
tokenizer against the model's vocabulary, then two sentences translated on the
pipeline's own runtime path (pipeline/mt/trial.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import Location
from pipeline.mt.argos import InstalledModel, ModelError
from pipeline.mt.trial import Trial

# What the check translates: every letter of the source alphabet, digits, punctuation.
CHECK_SENTENCES = {
    "ru": [
        "Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "В 2024 году товарооборот вырос на 12,5%.",
    ],
    "en": ["The quick brown fox jumps over the lazy dog.", "In 2024, trade grew by 12.5%."],
}
MISMATCH = 0.05  # the share of a tokenizer's pieces its model may lack


def vocabulary_of(model: Path) -> set[str]:
    for name in ("shared_vocabulary.json", "source_vocabulary.json"):
        if (model / name).is_file():
            tokens = json.loads((model / name).read_text(encoding="utf-8"))
            return {str(t) for t in tokens}
    raise ModelError("the converted model has no vocabulary file", Location(model))


def check_package(
    package: Path, metadata: dict[str, Any], vocabulary: set[str]
) -> list[tuple[str, str]]:
    """Translate sentences as the pipeline will; refuse a tokenizer that is not the model's."""
    import sentencepiece

    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(package / "sentencepiece.model")
    )
    sentences = CHECK_SENTENCES[metadata["from_code"]]
    # A model's own tokenizer cuts text into its vocabulary's pieces; another
    # one (a fine-tune's folder with the base model's file) cuts it differently.
    pieces = [
        tokenizer.id_to_piece(i)
        for i in range(tokenizer.get_piece_size())
        if not (tokenizer.is_control(i) or tokenizer.is_unknown(i) or tokenizer.is_unused(i))
    ]
    unknown = [p for p in pieces if p not in vocabulary]
    if len(unknown) > MISMATCH * len(pieces):
        raise ModelError(
            f"the tokenizer does not belong to this model: {len(unknown)} of its {len(pieces)}"
            f" pieces are not in the model's vocabulary (e.g. {unknown[0]!r})"
        )
    model = InstalledModel(
        metadata["from_code"],
        metadata["to_code"],
        metadata["package_version"],
        package,
        metadata["target_prefix"],
        metadata["source_prefix"],
    )
    translations = Trial([model]).translate_step(model, sentences)
    return list(zip(sentences, translations, strict=True))
