"""Benchmark: the pipeline's translate stage against raw CTranslate2, and a
no-op publish against a plain `mkdocs build`. Run by hand, not in CI:

    .venv/bin/python -m bench.translate [--repeat 3]

It builds a transformer-base-sized copy model (6+6 layers, d 512, ffn 2048,
32k vocabulary, int8; tests/modelkit.py) as an Argos package, installs it in
a temporary ARGOS_PACKAGES_DIR, and times on the sample interview's segments:

  (a) the pipeline's machine stage (fill_gaps: one token-batched call),
  (b) raw translate_batch on all sentences at once,
  (c) one translate_batch call per sentence,

then a publish with nothing to do against `mkdocs build` on the same project.
Ratios of alternatives measured in the same run are what to compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.memory.changes import DocumentMemory  # noqa: E402
from pipeline.memory.store import update_memory  # noqa: E402
from pipeline.mt.fill import fill_gaps  # noqa: E402
from pipeline.mt.local import BEAM_SIZE, LocalBackend  # noqa: E402
from pipeline.mt.translate import translate  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import read_transcript  # noqa: E402
from tests.conftest import SAMPLE, copy_project, sample_corpus  # noqa: E402
from tests.modelkit import BASE_SHAPE, PackageSpec, build_package, train_sentencepiece  # noqa: E402


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    try:
        return run(work, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, repeat: int) -> int:
    print("building a transformer-base-sized int8 model …", file=sys.stderr)
    tokenizer = train_sentencepiece(sample_corpus(), vocab_size=4000)
    package = build_package(
        work / "ru_en.argosmodel", PackageSpec("ru", "en", shape=BASE_SHAPE), tokenizer
    )
    from pipeline.mt.install import install_file

    model, _ = install_file(package)
    doc = read_transcript(SAMPLE)
    segments = segment(doc)
    sentences = [s.text for s in segments]

    backend = LocalBackend()
    route = backend.require_route("ru", "en")
    translate(backend, route, sentences[:2])  # load the model before timing

    def stage() -> None:
        update = update_memory(segments, None, {"Language": "en"})
        memory = DocumentMemory(doc, "en", segments, update.po, update.translations)
        fill_gaps([memory], lambda: backend)

    translator, sp = backend._load(model)
    tokens = sp.encode(sentences, out_type=str)
    options = dict(beam_size=BEAM_SIZE, length_penalty=0.2, replace_unknowns=True)

    def raw_batch() -> None:
        translator.translate_batch(tokens, **options)

    def per_sentence() -> None:
        for t in tokens:
            translator.translate_batch([t], **options)

    a = best_of(repeat, stage)
    b = best_of(repeat, raw_batch)
    c = best_of(repeat, per_sentence)
    print(
        f"segments: {len(sentences)} sentences, {sum(map(len, tokens))} tokens;"
        f" {os.cpu_count()} cores; best of {repeat}"
    )
    print(f"(a) pipeline translate stage   {a:7.2f} s")
    print(f"(b) raw translate_batch, all   {b:7.2f} s   a/b = {a / b:.2f} (target ≤ 1.10)")
    print(f"(c) one call per sentence      {c:7.2f} s   c/a = {c / a:.2f} (target ≥ 4)")

    project = copy_project(work / "project")
    python = sys.executable
    publish = [python, "-m", "pipeline", "-C", str(project), "publish"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(publish, check=True, env=env, capture_output=True)
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml")]
    p = best_of(repeat, lambda: subprocess.run(publish, check=True, env=env, capture_output=True))
    m = best_of(repeat, lambda: subprocess.run(mkdocs, check=True, env=env, capture_output=True))
    print(f"no-op publish                  {p:7.2f} s")
    print(f"plain mkdocs build             {m:7.2f} s   publish/mkdocs = {p / m:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
