"""Benchmark: the translate stage on the local backend against a local Ray
cluster (a head with no CPU and two 1-CPU worker nodes, all on 127.0.0.1) on
the same machine. Run by hand, with the cluster extra (make setup-cluster):

    .venv/bin/python -m bench.cluster [--copies 8] [--small]

It builds a transformer-base-sized copy model (or a small one with --small) as
an Argos package and translates the sample interview's sentences, repeated
``--copies`` times, with both backends. On one machine the cluster can only
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
    parser.add_argument("--small", action="store_true", help="a small model, for a quick run")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    try:
        return run(work, args.copies, args.small)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, copies: int, small: bool) -> int:
    from pipeline.mt.install import install_file

    tokenizer = train_sentencepiece(sample_corpus(), vocab_size=4000)
    spec = PackageSpec("ru", "en") if small else PackageSpec("ru", "en", shape=BASE_SHAPE)
    install_file(build_package(work / "ru_en.argosmodel", spec, tokenizer))
    sentences = [s.text for s in segment(read_transcript(SAMPLE))] * copies
    print(f"{len(sentences)} sentences, ru→en", file=sys.stderr)

    local = LocalBackend()
    route = local.require_route("ru", "en")
    local.translate(route.steps[0], sentences[:2])  # loaded before timing
    start = time.perf_counter()
    here = local.translate(route.steps[0], sentences)
    local_seconds = time.perf_counter() - start

    with local_cluster(workers=2) as cluster:
        remote = ClusterBackend(address=cluster.address)
        remote.translate(route.steps[0], sentences[:2])  # actors started, model shipped
        start = time.perf_counter()
        there = remote.translate(route.steps[0], sentences)
        cluster_seconds = time.perf_counter() - start
    assert here == there, "the cluster's output differs from the local backend's"
    cores = 2
    print("| backend | seconds | sentences/s | sentences/s per core |")
    print("|---|---|---|---|")
    for name, seconds in (("local", local_seconds), ("2-node Ray cluster", cluster_seconds)):
        rate = len(sentences) / seconds
        print(f"| {name} | {seconds:.1f} | {rate:.1f} | {rate / cores:.1f} |")
    print(f"\ncluster / local time: {cluster_seconds / local_seconds:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
