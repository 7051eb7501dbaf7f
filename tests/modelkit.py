"""Real Argos packages for tests and benchmarks, built from hand-set weights.

No translation model can be downloaded here, so tests make their own: a
CTranslate2 Transformer whose weights are set so that it copies its input.
Each token and each position gets a fixed random code; the decoder's
cross-attention matches the code of its own position against the encoder's
(shifted by the length of a target prefix, when the package has one), copies
the token code found there, and the output projection reads it back. A token
map turns the copy into a substitution (ЕАЭС → EAEU), so a test can tell which
model produced a sentence. The layers that do nothing still compute, so a
base-sized model (6+6 layers, d 512, 32k vocabulary, int8) times like a real one.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.specs import common_spec, transformer_spec

SPECIAL = ["<unk>", "<s>", "</s>"]


@dataclass(frozen=True)
class ModelShape:
    layers: int = 1
    d_model: int = 192
    heads: int = 1
    ffn: int = 8
    code: int = 64  # dimensions of the token, position and copy codes (each)
    max_positions: int = 1024
    vocabulary: int = 0  # pad the vocabulary to this size (0: the tokenizer's own)
    quantization: str | None = None


TEST_SHAPE = ModelShape()
BASE_SHAPE = ModelShape(
    layers=6, d_model=512, heads=8, ffn=2048, code=64, vocabulary=32000, quantization="int8"
)


@dataclass
class PackageSpec:
    from_code: str
    to_code: str
    version: str = "1.0"
    target_prefix: str = ""
    source_prefix: str = ""  # the pipeline's extension for NLLB-style models
    token_map: dict[str, str] = field(default_factory=dict)  # source piece → output piece
    shape: ModelShape = TEST_SHAPE


def train_sentencepiece(
    corpus: Iterable[str], symbols: Iterable[str] = (), vocab_size: int = 600
) -> bytes:
    """A SentencePiece model over ``corpus``; ``symbols`` stay single pieces."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(corpus)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        byte_fallback=True,
        character_coverage=1.0,
        user_defined_symbols=list(symbols),
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _codes(rng: np.random.Generator, count: int, dims: int) -> np.ndarray:
    codes = rng.standard_normal((count, dims)).astype(np.float32)
    return codes / np.linalg.norm(codes, axis=1, keepdims=True)


def _position_codes(
    rng: np.random.Generator, count: int, dims: int
) -> tuple[np.ndarray, np.ndarray]:
    """Random Fourier codes: a shift by one position is an exact rotation."""
    freqs = rng.uniform(0.3, np.pi, dims // 2).astype(np.float32)
    positions = np.arange(count, dtype=np.float32)[:, None]
    codes = np.empty((count, dims), dtype=np.float32)
    codes[:, 0::2] = np.cos(positions * freqs)
    codes[:, 1::2] = np.sin(positions * freqs)
    codes /= np.sqrt(dims / 2)
    back = np.zeros((dims, dims), dtype=np.float32)  # maps code(p) to code(p - 1)
    for k, w in enumerate(freqs):
        c, s = np.cos(w), np.sin(w)
        back[2 * k : 2 * k + 2, 2 * k : 2 * k + 2] = [[c, s], [-s, c]]
    return codes, back


def build_model(pieces: list[str], spec: PackageSpec, output_dir: Path, seed: int = 7) -> None:
    """Write a CTranslate2 copy model for the vocabulary ``pieces``."""
    shape = spec.shape
    vocab = list(pieces) + [f"<pad{i}>" for i in range(max(0, shape.vocabulary - len(pieces)))]
    index = {p: i for i, p in enumerate(vocab)}
    rng = np.random.default_rng(seed)
    d, c = shape.d_model, shape.code
    assert 3 * c <= d and c <= d // shape.heads, "codes must fit the model and one head"
    tok, pos, cpy = slice(0, c), slice(c, 2 * c), slice(2 * c, 3 * c)
    token_codes = _codes(rng, len(vocab), c)
    position_codes, back = _position_codes(rng, shape.max_positions, c)
    # The decoder reads the source this many positions behind its own step.
    lag = len(spec.target_prefix.split()) - len(spec.source_prefix.split())

    def tiny(*dims: int) -> np.ndarray:
        # Layers that must not disturb the copy still have weights to multiply.
        return (rng.standard_normal(dims) * 1e-4).astype(np.float32)

    def linear(layer: common_spec.LinearSpec, weight: np.ndarray) -> None:
        layer.weight = weight
        layer.bias = np.zeros(weight.shape[0], dtype=np.float32)

    def norm(layer: common_spec.LayerNormSpec) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    def quiet_ffn(ffn: transformer_spec.FeedForwardSpec) -> None:
        norm(ffn.layer_norm)
        linear(ffn.linear_0, tiny(shape.ffn, d))
        linear(ffn.linear_1, tiny(d, shape.ffn))

    def embeddings() -> tuple[np.ndarray, np.ndarray]:
        emb = np.zeros((len(vocab), d), dtype=np.float32)
        emb[:, tok] = token_codes
        positions = np.zeros((shape.max_positions, d), dtype=np.float32)
        positions[:, pos] = position_codes
        return emb, positions

    model = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), shape.heads)
    encoder, decoder = model.encoder, model.decoder
    for part in (encoder, decoder):
        emb, positions = embeddings()
        part.scale_embeddings = False
        part.position_encodings.encodings = positions
        norm(part.layer_norm)
    encoder.embeddings[0].weight = emb
    decoder.embeddings.weight = emb
    for layer in encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], tiny(3 * d, d))
        linear(layer.self_attention.linear[1], tiny(d, d))
        quiet_ffn(layer.ffn)
    for n, layer in enumerate(decoder.layer):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], tiny(3 * d, d))
        linear(layer.self_attention.linear[1], tiny(d, d))
        quiet_ffn(layer.ffn)
        cross = layer.attention
        norm(cross.layer_norm)
        query, key_value, out = tiny(d, d), tiny(2 * d, d), tiny(d, d)
        if n == 0:
            # Head 0 looks up the source position equal to the decoding step
            # (less the forced prefix) and carries that position's token code.
            shift = np.linalg.matrix_power(back if lag >= 0 else back.T, abs(lag))
            query[0:c, pos] = 40.0 * shift
            key_value[0:c, pos] = np.eye(c) * 1.0
            key_value[d : d + c, tok] = np.eye(c)
            out[cpy, 0:c] = np.eye(c) * 4.0
        linear(cross.linear[0], query)
        linear(cross.linear[1], key_value)
        linear(cross.linear[2], out)
    readout = np.zeros((len(vocab), d), dtype=np.float32)
    readout[:, cpy] = token_codes
    for source, target in spec.token_map.items():
        readout[index[target], cpy] = token_codes[index[source]]
        readout[index[source], cpy] = 0.0
    linear(decoder.projection, readout * 30.0)
    model.config.add_source_eos = True
    model.register_source_vocabulary(vocab)
    model.register_target_vocabulary(vocab)
    model.validate()
    if shape.quantization:
        model.optimize(quantization=shape.quantization)
    model.save(str(output_dir))


def build_package(
    path: Path, spec: PackageSpec, sentencepiece_model: bytes, name: str | None = None
) -> Path:
    """Write ``path`` as an .argosmodel: a zip of metadata, model and tokenizer."""
    processor = spm.SentencePieceProcessor(model_proto=sentencepiece_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    for token in (spec.target_prefix + " " + spec.source_prefix).split():
        if token not in pieces:
            pieces.append(token)
    folder = name or f"translate-{spec.from_code}_{spec.to_code}-{spec.version.replace('.', '_')}"
    staging = path.parent / f".{path.name}.build"
    model_dir = staging / folder / "model"
    model_dir.mkdir(parents=True)
    build_model(pieces, spec, model_dir)
    (staging / folder / "sentencepiece.model").write_bytes(sentencepiece_model)
    metadata = {
        "package_version": spec.version,
        "argos_version": "1.11",
        "from_code": spec.from_code,
        "from_name": spec.from_code,
        "to_code": spec.to_code,
        "to_name": spec.to_code,
        "target_prefix": spec.target_prefix,
    }
    if spec.source_prefix:
        metadata["source_prefix"] = spec.source_prefix
    (staging / folder / "metadata.json").write_text(json.dumps(metadata, indent=2))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((staging / folder).rglob("*")):
            archive.write(file, file.relative_to(staging).as_posix())
    for file in sorted(staging.rglob("*"), reverse=True):
        file.unlink() if file.is_file() else file.rmdir()
    staging.rmdir()
    return path


def translate_with(
    model_dir: Path, sentencepiece_model: bytes, sentences: list[str], target_prefix: str = ""
) -> list[str]:
    """Run a built model directly (for checking the builder itself)."""
    processor = spm.SentencePieceProcessor(model_proto=sentencepiece_model)
    translator = ctranslate2.Translator(str(model_dir), device="cpu")
    prefix = [target_prefix.split()] * len(sentences) if target_prefix else None
    results = translator.translate_batch(
        [processor.encode(s, out_type=str) for s in sentences], target_prefix=prefix, beam_size=4
    )
    skip = len(target_prefix.split())
    return [processor.decode(r.hypotheses[0][skip:]) for r in results]
