"""Benchmark: how fast each size class of translation model runs here. By hand:

    .venv/bin/python -m bench.models [--rounds 2] [--classes opus-base,nllb-600m] [--sentences N]
        [--packages DIR [--build-only]]

No real weights can be downloaded, so each class is a Hugging Face checkpoint
of the family's exact architecture and size (layers, d_model, heads,
feed-forward, vocabulary, positions) with random weights (tests/hfkit.py),
converted to int8 and installed by the pipeline's own `models convert`: its
speed is a real model's, its output nonsense. The classes are converted one at
a time (the checkpoint deleted before the next: NLLB-1.3B's takes 2.7 GB on
disk and 5.5 GB of memory at its peak, measured), then all the packages are
loaded (their int8 weights: about 2.5 GB together) and timed in turns, round
after round, so a change in the machine's load falls on every class alike.
``--packages DIR`` keeps the packages (one folder per class) and uses those
found there: ``--build-only`` builds them (one class per command can run
beside another; build NLLB-1.3B alone), a later run times them together.
Each class reads the same number of tokens per sentence (1.5 per word) and,
as a random model never stops by itself, writes the same number (min and max
decoding length equal: 1.2 × the source's mean), with the pipeline's
settings (beam 4, token batches, one worker per core). Printed: sentences per
second (the best round), the ratio to OPUS-MT base, parameters, and the size
of the installed package.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.mt.argos import InstalledModel, load_model  # noqa: E402
from pipeline.mt.local import BATCH_TOKENS, BEAM_SIZE, _workers  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import read_transcript  # noqa: E402
from tests.conftest import ROOT as PROJECT  # noqa: E402
from tests.conftest import SAMPLE, SAMPLE_SLUG, sample_corpus  # noqa: E402

TOKENS_PER_WORD = 1.5
OUTPUT_RATIO = 1.2


@dataclass(frozen=True)
class SizeClass:
    name: str
    models: str  # the checkpoints of this size
    family: str  # "marian" or "nllb" (tests/hfkit.py)
    shape: dict[str, int]  # the Hugging Face config's sizes


def _sizes(layers: int, d: int, heads: int, ffn: int, vocab: int, positions: int) -> dict[str, int]:
    return {
        "encoder_layers": layers,
        "decoder_layers": layers,
        "d_model": d,
        "encoder_attention_heads": heads,
        "decoder_attention_heads": heads,
        "encoder_ffn_dim": ffn,
        "decoder_ffn_dim": ffn,
        "vocab_size": vocab,
        "max_position_embeddings": positions,
    }


CLASSES = {
    c.name: c
    for c in (
        SizeClass(
            "opus-base", "OPUS-MT (opus-mt-ru-en)", "marian", _sizes(6, 512, 8, 2048, 62518, 512)
        ),
        SizeClass("opus-big", "OPUS-MT tc-big", "marian", _sizes(6, 1024, 16, 4096, 57000, 1024)),
        SizeClass(
            "nllb-600m",
            "NLLB-200 distilled 600M",
            "nllb",
            _sizes(12, 1024, 16, 4096, 256206, 1024),
        ),
        SizeClass(
            "nllb-1.3b",
            "NLLB-200 (distilled) 1.3B",
            "nllb",
            _sizes(24, 1024, 16, 8192, 256206, 1024),
        ),
    )
}


def checkpoint_parameters(folder: Path) -> int:
    """The parameters a safetensors checkpoint holds (its header's shapes)."""
    total = 0
    for file in folder.glob("*.safetensors"):
        with file.open("rb") as f:
            header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
        for name, entry in header.items():
            if name != "__metadata__":
                total += _product(entry["shape"])
    return total


def _product(shape: list[int]) -> int:
    out = 1
    for dim in shape:
        out *= dim
    return out


def build(size: SizeClass, work: Path) -> tuple[InstalledModel, int]:
    """``size`` as a random checkpoint, converted and installed by `models convert`
    into ``work/NAME`` (its own packages folder: every class is a ru→kk model);
    one built before in that folder is used again."""
    import polib

    from pipeline.mt.argos import installed
    from pipeline.mt.convert import convert
    from tests import hfkit

    packages = work / size.name
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    counted = packages / "parameters.txt"
    if installed() and counted.is_file():
        return installed()[0], int(counted.read_text())
    folder = work / f"checkpoint-{size.name}"
    shutil.rmtree(folder, ignore_errors=True)
    if size.family == "marian":
        russian = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
        po = polib.pofile(str(PROJECT / "translations" / "kk" / f"{SAMPLE_SLUG}.po"))
        kazakh = [e.msgstr for e in po if e.msgstr]
        hfkit.marian(folder, russian, kazakh, shape=size.shape)
    else:
        hfkit.nllb(folder, sample_corpus(), shape=size.shape)
    parameters = checkpoint_parameters(folder)
    converted = convert(str(folder), "ru", "kk")
    shutil.rmtree(folder)
    counted.write_text(str(parameters))
    return converted.model, parameters


def on_disk(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def inputs(model: InstalledModel, tokenizer: Any, sentences: list[str]) -> list[list[str]]:
    """Each sentence as 1.5 of the model's own tokens per word (its pieces, repeated
    or cut to that length), after the language token the pipeline puts first."""
    prefix = model.source_prefix.split()
    out = []
    for sentence, pieces in zip(sentences, tokenizer.encode(sentences, out_type=str), strict=True):
        length = max(1, round(TOKENS_PER_WORD * len(sentence.split())))
        out.append(prefix + (pieces * (length // len(pieces) + 1))[:length])
    return out


def timed(translator: Any, model: InstalledModel, tokens: list[list[str]], steps: int) -> float:
    prefix = model.target_prefix.split()
    start = time.perf_counter()
    translator.translate_batch(
        tokens,
        target_prefix=[prefix] * len(tokens) if prefix else None,
        max_batch_size=BATCH_TOKENS,
        batch_type="tokens",
        beam_size=BEAM_SIZE,
        length_penalty=0.2,
        min_decoding_length=steps + len(prefix),
        max_decoding_length=steps + len(prefix),
    )
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--classes", default=",".join(CLASSES))
    parser.add_argument("--sentences", type=int, default=8, help="the first N (0: all)")
    parser.add_argument(
        "--packages", type=Path, help="keep the built packages here (and use those found)"
    )
    parser.add_argument("--build-only", action="store_true", help="build, do not time")
    args = parser.parse_args(argv)
    sentences = [s.text for s in segment(read_transcript(SAMPLE))][: args.sentences or None]
    words = [len(s.split()) for s in sentences]
    steps = round(OUTPUT_RATIO * TOKENS_PER_WORD * statistics.mean(words))
    work = args.packages or Path(tempfile.mkdtemp(prefix="bench-models-"))
    os.environ["HF_HUB_OFFLINE"] = "1"
    names = args.classes.split(",")
    try:
        built: dict[str, tuple[InstalledModel, int]] = {}
        for name in names:  # one at a time: a checkpoint is freed before the next
            start = time.perf_counter()
            built[name] = build(CLASSES[name], work)
            print(f"built {name} in {time.perf_counter() - start:.0f} s", flush=True)
        if args.build_only:
            return 0
        loaded = {
            name: load_model(
                model,
                inter_threads=_workers(),
                intra_threads=max(1, (os.cpu_count() or 1) // _workers()),
            )
            for name, (model, _) in built.items()
        }
        tokens = {
            name: inputs(built[name][0], tokenizer, sentences)
            for name, (_, tokenizer) in loaded.items()
        }
        load = os.getloadavg()[0]
        best = {name: float("inf") for name in names}
        for _ in range(args.rounds):
            for name in names:
                seconds = timed(loaded[name][0], built[name][0], tokens[name], steps)
                best[name] = min(best[name], seconds)
        print(
            f"{len(sentences)} sentences, {sum(map(len, tokens[names[0]]))} tokens in,"
            f" {steps} out each; {os.cpu_count()} cores; beam {BEAM_SIZE}; best of"
            f" {args.rounds} rounds; load average {load:.1f} before, {os.getloadavg()[0]:.1f}"
            " after"
        )
        print("class      parameters  package  sentences/s  ratio  checkpoints")
        first = len(sentences) / best[names[0]]
        for name in names:
            model, parameters = built[name]
            rate = len(sentences) / best[name]
            print(
                f"{name:<10} {parameters / 1e6:8.0f} M  {on_disk(model.path) / 1e6:5.0f} MB"
                f"  {rate:11.3f}  {rate / first:5.2f}  {CLASSES[name].models}",
                flush=True,
            )
    finally:
        if args.packages is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
