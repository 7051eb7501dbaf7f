"""Benchmark: how fast each size class of translation model runs here. By hand:

    .venv/bin/python -m bench.models [--repeat 2] [--classes opus-base,nllb-600m] [--sentences N]

No real weights can be downloaded, so each class is a CTranslate2 model of the
family's exact architecture and size (layers, d_model, heads, feed-forward,
vocabulary, pre/post norm) with random weights, int8 as `models convert` makes
it: its speed is a real model's, its output nonsense. Random models never stop
by themselves, so every class decodes the same number of steps per sentence
(1.2 × the source length, the sample's typical ratio), with the pipeline's
settings (beam 4, token batches, one worker per core). It translates the sample
interview's sentences and prints sentences per second and the ratio to the
smallest class (ratios are what to compare between machines).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
from ctranslate2.specs import common_spec, transformer_spec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.mt.local import BATCH_TOKENS, BEAM_SIZE, _workers  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import read_transcript  # noqa: E402
from tests.conftest import SAMPLE, sample_corpus  # noqa: E402
from tests.modelkit import train_sentencepiece  # noqa: E402


@dataclass(frozen=True)
class SizeClass:
    name: str
    models: str  # the checkpoints of this size
    layers: tuple[int, int]
    d_model: int
    heads: int
    ffn: int
    vocabulary: int
    pre_norm: bool  # NLLB/M2M-100: pre-norm, ReLU; Marian: post-norm, SiLU (swish)


CLASSES = {
    c.name: c
    for c in (
        SizeClass("opus-base", "OPUS-MT (opus-mt-ru-en …)", (6, 6), 512, 8, 2048, 62518, False),
        SizeClass("opus-big", "OPUS-MT tc-big", (6, 6), 1024, 16, 4096, 57000, False),
        SizeClass("nllb-600m", "NLLB-200 distilled 600M", (12, 12), 1024, 16, 4096, 256206, True),
        SizeClass("nllb-1.3b", "NLLB-200 distilled 1.3B", (24, 24), 1024, 16, 8192, 256206, True),
    )
}


def build(size: SizeClass, pieces: list[str], output: Path, seed: int = 0) -> int:
    """A random int8 model of ``size``; returns its parameter count."""
    rng = np.random.default_rng(seed)
    d = size.d_model
    count = 0

    def random(*shape: int) -> np.ndarray:
        nonlocal count
        count += int(np.prod(shape))
        return (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float32)

    def linear(layer: common_spec.LinearSpec, rows: int, columns: int) -> None:
        layer.weight = random(rows, columns)
        layer.bias = np.zeros(rows, dtype=np.float32)

    def norm(layer: common_spec.LayerNormSpec) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    activation = common_spec.Activation.RELU if size.pre_norm else common_spec.Activation.SWISH
    spec = transformer_spec.TransformerSpec.from_config(
        size.layers, size.heads, pre_norm=size.pre_norm, activation=activation
    )
    vocab = pieces + [f"<filler{i}>" for i in range(size.vocabulary - len(pieces))]
    embeddings = random(len(vocab), d)
    positions = random(1024, d)
    for part in (spec.encoder, spec.decoder):
        part.scale_embeddings = True
        part.position_encodings.encodings = positions
        if size.pre_norm:
            norm(part.layer_norm)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    for layer in (*spec.encoder.layer, *spec.decoder.layer):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, size.ffn, d)
        linear(layer.ffn.linear_1, d, size.ffn)
    for layer in spec.decoder.layer:
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
    spec.decoder.projection.weight = embeddings
    spec.decoder.projection.bias = np.zeros(len(vocab), dtype=np.float32)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    output.mkdir()
    spec.save(str(output))
    return count  # embeddings shared by encoder, decoder and output: counted once


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--classes", default=",".join(CLASSES))
    parser.add_argument("--sentences", type=int, default=0, help="only the first N (0: all)")
    args = parser.parse_args(argv)
    tokenizer = train_sentencepiece(sample_corpus(), vocab_size=4000)
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=tokenizer)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    sentences = [s.text for s in segment(read_transcript(SAMPLE))]
    sentences = sentences[: args.sentences or None]
    tokens = processor.encode(sentences, out_type=str)
    steps = round(1.2 * statistics.mean(len(t) for t in tokens))
    print(
        f"{len(sentences)} sentences, {sum(map(len, tokens))} tokens, {steps} output tokens"
        f" each; {os.cpu_count()} cores; beam {BEAM_SIZE}; best of {args.repeat}"
    )
    print("class      parameters  model.bin  sentences/s  ratio  checkpoints")
    first: float | None = None
    for name in args.classes.split(","):
        size = CLASSES[name]
        work = Path(tempfile.mkdtemp(prefix="bench-models-"))
        try:
            parameters = build(size, pieces, work / "model")
            megabytes = (work / "model" / "model.bin").stat().st_size / 1e6
            translator = ctranslate2.Translator(
                str(work / "model"),
                device="cpu",
                inter_threads=_workers(),
                intra_threads=max(1, (os.cpu_count() or 1) // _workers()),
            )
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                translator.translate_batch(
                    tokens,
                    max_batch_size=BATCH_TOKENS,
                    batch_type="tokens",
                    beam_size=BEAM_SIZE,
                    min_decoding_length=steps,
                    max_decoding_length=steps,
                )
                best = min(best, time.perf_counter() - start)
            del translator
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rate = len(sentences) / best
        first = first or rate
        print(
            f"{name:<10} {parameters / 1e6:8.0f} M  {megabytes:6.0f} MB  {rate:11.2f}"
            f"  {rate / first:5.2f}  {size.models}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
