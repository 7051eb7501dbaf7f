"""Tiny Hugging Face translation checkpoints, built at test time.

No checkpoint can be downloaded here, so the tests of `models convert` make
their own in the real format: a randomly initialised model of the family's
architecture (a few layers, a small d_model) with a SentencePiece tokenizer
trained on the sample text, written with ``save_pretrained`` as the hub's
checkpoints are, beside the SentencePiece files the hub's folders hold. Their
translations are nonsense; what they test is the conversion's machinery.
Needs the converter extra (requirements-convert.txt).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sentencepiece as spm

SMALL = {"d_model": 32, "encoder_layers": 2, "decoder_layers": 2, "max_position_embeddings": 1024}
SMALL_HEADS = {
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
}


def train(corpus: Iterable[str], model_type: str = "unigram", vocab_size: int = 400) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _card(folder: Path, languages: list[str], licence: str) -> None:
    listed = "".join(f"- {code}\n" for code in languages)
    header = f"---\nlanguage:\n{listed}license: {licence}\ntags:\n- translation\n---\n"
    (folder / "README.md").write_text(header + "\n# A test model\n", encoding="utf-8")


def nllb(
    folder: Path,
    corpus: list[str],
    licence: str = "cc-by-nc-4.0",
    seed: int = 0,
    shape: dict[str, Any] | None = None,
) -> Path:
    """An NLLB-200-architecture checkpoint (M2M100 with the NLLB tokenizer);
    ``shape`` overrides the config (a real model's sizes, ``vocab_size``: the
    converter fills the vocabulary up with "madeupword" tokens, as fairseq's)."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    folder.mkdir(parents=True)
    (folder / "sentencepiece.bpe.model").write_bytes(train(corpus, "bpe"))
    tokenizer = NllbTokenizer.from_pretrained(
        folder, extra_special_tokens=FAIRSEQ_LANGUAGE_CODES, src_lang="rus_Cyrl"
    )
    model = M2M100ForConditionalGeneration
    _save(folder, tokenizer, "NllbTokenizer", seed, M2M100Config, model, shape)
    _card(folder, ["multilingual", "ru", "kk", "en"], licence)
    return folder


def m2m100(folder: Path, corpus: list[str], seed: int = 0) -> Path:
    """An M2M-100-architecture checkpoint with its own tokenizer (``__kk__``)."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    folder.mkdir(parents=True)
    model = train(corpus, "bpe")
    (folder / "sentencepiece.bpe.model").write_bytes(model)
    processor = spm.SentencePieceProcessor(model_proto=model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    tokenizer = M2M100Tokenizer(
        str(folder / "vocab.json"), str(folder / "sentencepiece.bpe.model"), src_lang="ru"
    )
    _save(folder, tokenizer, "M2M100Tokenizer", seed, M2M100Config, M2M100ForConditionalGeneration)
    return folder


def marian(
    folder: Path,
    source_corpus: list[str],
    target_corpus: list[str],
    language_tokens: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("ru", "kk"),
    seed: int = 0,
    shape: dict[str, Any] | None = None,
) -> Path:
    """An OPUS-MT (Marian) checkpoint: a SentencePiece model for each side, one
    vocabulary; ``language_tokens`` (>>kaz<<) make it a multi-target model.
    ``shape`` overrides the config (``max_position_embeddings``, a real
    model's sizes; ``vocab_size``: the vocabulary is filled up to it)."""
    shape = dict(shape or {})
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True)
    source, target = train(source_corpus), train(target_corpus)
    (folder / "source.spm").write_bytes(source)
    (folder / "target.spm").write_bytes(target)
    vocab = {"</s>": 0, "<unk>": 1}
    for token in language_tokens:
        vocab[token] = len(vocab)
    for model in (source, target):
        processor = spm.SentencePieceProcessor(model_proto=model)
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    for control in ("<s>",):
        vocab.pop(control, None)
    size = int(shape.pop("vocab_size", 0))
    for i in range(size - len(vocab) - 1):  # and <pad>
        vocab[f"<filler{i}>"] = len(vocab)
    vocab = {t: i for i, t in enumerate(vocab)}
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    tokenizer = MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
        **{**SMALL, **SMALL_HEADS, **shape},
    )
    torch.manual_seed(seed)
    _built(MarianMTModel, config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    _card(folder, list(languages), "cc-by-4.0")
    return folder


def _save(
    folder: Path,
    tokenizer: object,
    tokenizer_class: str,
    seed: int,
    config_class: type,
    model_class: type,
    shape: dict[str, Any] | None = None,
) -> None:
    import torch

    # M2M-100's converter appends the tokenizer's "madeupword" fillers, as fairseq did.
    # Its language tokens (__kk__) follow the SentencePiece pieces.
    extra = getattr(tokenizer, "num_madeup_words", 0)
    tokens = {**tokenizer.get_vocab(), **getattr(tokenizer, "lang_token_to_id", {})}  # type: ignore[attr-defined]
    config = config_class(
        pad_token_id=tokenizer.pad_token_id,  # type: ignore[attr-defined]
        bos_token_id=tokenizer.bos_token_id,  # type: ignore[attr-defined]
        eos_token_id=tokenizer.eos_token_id,  # type: ignore[attr-defined]
        decoder_start_token_id=tokenizer.eos_token_id,  # type: ignore[attr-defined]
        tokenizer_class=tokenizer_class,
        **{"vocab_size": len(tokens) + extra, **SMALL, **SMALL_HEADS, **(shape or {})},
    )
    torch.manual_seed(seed)
    _built(model_class, config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)  # type: ignore[attr-defined]


def _built(model_class: Any, config: Any) -> Any:
    """A random model; one of a real model's size is made in float16 (half the
    memory; the converter loads it as such and quantises it all the same)."""
    import torch

    if config.d_model < 512:
        return model_class(config)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float16)
    try:
        return model_class(config)
    finally:
        torch.set_default_dtype(default)
