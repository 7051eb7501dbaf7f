"""Benchmark: the translate stage on the local backend against a local Ray
cluster (a head with no CPU and two 1-CPU worker nodes, all on 127.0.0.1) on
the same machine. Run by hand, with the cluster extra (make setup-cluster):

    .venv/bin/python -m bench.cluster [--copies 8] [--rounds 3] [--small]

It builds a transformer-base-sized copy model (or a small one with --small) as
an Argos package and translates the sample interview's sentences, repeated
``--copies`` times, with both backends in turn (``--rounds`` each, so the
load of a shared machine falls on both alike). On one machine the cluster can only
cost (the same cores, plus Ray's scheduling and the shipped model): the ratio
is that overhead; sentences per second per core is what a node adds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.mt.cluster import ClusterBackend  # noqa: E402
from pipeline.mt.local import LocalBackend  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import read_transcript  # noqa: E402
from tests.conftest import SAMPLE, sample_corpus  # noqa: E402
from tests.modelkit import BASE_SHAPE, PackageSpec, build_package, train_sentencepiece  # noqa: E402
from tests.raykit import local_cluster  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="the sample's sentences × N")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of each backend")
    parser.add_argument("--small", action="store_true", help="a small model, for a quick run")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    try:
        return run(work, args.copies, args.rounds, args.small)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, copies: int, rounds: int, small: bool) -> int:
    from pipeline.mt.install import install_file

    tokenizer = train_sentencepiece(sample_corpus(), vocab_size=4000)
    spec = PackageSpec("ru", "en") if small else PackageSpec("ru", "en", shape=BASE_SHAPE)
    install_file(build_package(work / "ru_en.argosmodel", spec, tokenizer))
    sentences = [s.text for s in segment(read_transcript(SAMPLE))] * copies
    load = os.getloadavg()[0]
    print(f"{len(sentences)} sentences, ru→en, {rounds} rounds; load {load:.1f}", file=sys.stderr)

    local = LocalBackend()
    step = local.require_route("ru", "en").steps[0]
    local.translate(step, sentences[:2])  # loaded before timing
    seconds = {"local": 0.0, "2-node Ray cluster": 0.0}
    with local_cluster(workers=2) as cluster:
        remote = ClusterBackend(address=cluster.address)
        remote.translate(step, sentences[:2])  # actors started, model shipped
        # Alternating, so the shared machine's load falls on both alike.
        for _ in range(rounds):
            for name, backend in (("local", local), ("2-node Ray cluster", remote)):
                start = time.perf_counter()
                out = backend.translate(step, sentences)
                seconds[name] += time.perf_counter() - start
                if backend is local:
                    here = out
                assert out == here, "the cluster's output differs from the local backend's"
    cores = 2
    print("| backend | seconds | sentences/s | sentences/s per core |")
    print("|---|---|---|---|")
    for name, spent in seconds.items():
        rate = rounds * len(sentences) / spent
        print(f"| {name} | {spent:.1f} | {rate:.1f} | {rate / cores:.1f} |")
    ratio = seconds["2-node Ray cluster"] / seconds["local"]
    print(f"\ncluster / local time: {ratio:.2f}; load {load:.1f} → {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
