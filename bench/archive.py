"""Benchmark: publishing an archive of N interviews. Run by hand, not in CI:

    .venv/bin/python -m bench.archive 100 [--repeat 1] [--keep DIR]

It makes a project of N interviews generated from the sample (its turns shuffled
with a fixed seed, so every interview is different text of the same kind), each
with a reviewed Kazakh and English memory built from the sample's reviewed
entries, and measures in one run, with no model installed:

  - a full publish (every page new),
  - a no-op publish (nothing changed) against a bare ``mkdocs build`` of the same
    docs: the ratio is what to compare,
  - adding one interview to the N,
  - the search index a reader downloads, and the peak memory of each publish.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.memory.store import load_memory, serialize, update_memory  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import parse_transcript  # noqa: E402
from tests.conftest import SAMPLE, SAMPLE_SLUG, copy_project  # noqa: E402

SEED = 20251111


def generate(project: Path, count: int, start: int = 0) -> None:
    """Interviews ``start`` … ``start + count - 1``: the sample's question/answer
    pairs in a seeded random order, under their own titles and dates."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    paragraphs = body.strip().split("\n\n")
    lede = [p for p in paragraphs if not p.startswith(("—", "–", "-"))]
    turns = [p for p in paragraphs if p.startswith(("—", "–", "-"))]
    pairs = [turns[i : i + 2] for i in range(0, len(turns), 2)]
    samples = {
        lang: load_memory(ROOT / "translations" / lang / f"{SAMPLE_SLUG}.po", lang)
        for lang in ("kk", "en")
    }
    for n in range(start, start + count):
        rng = random.Random(SEED + n)
        order = rng.sample(pairs, len(pairs))
        date = f"20{22 + n % 4}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        title = f"Интервью номер {n + 1} об отношениях Казахстана и России"
        meta = f"---\ntitle: {title}\ndate: {date}\n---\n\n"
        slug = f"interview-{n + 1:04d}"
        path = project / "transcripts" / f"{slug}.txt"
        path.write_text(meta + "\n\n".join([*lede, *(t for p in order for t in p)]) + "\n")
        doc = parse_transcript(path.read_text(encoding="utf-8"), path)
        segments = segment(doc)
        for lang, sample in samples.items():
            # The sample's reviewed sentences, found by their Russian text.
            po = update_memory(segments, sample, {"Language": lang, "X-Source": str(path)}).po
            target = project / "translations" / lang / f"{slug}.po"
            target.write_bytes(serialize(po))


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak memory (MiB) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: report it only
    # when this run raised it, else "≤" the earlier figure.
    return seconds, max(peak, before) // 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of interviews")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many no-op runs")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        return run(work, args.count, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, count: int, repeat: int) -> int:
    project = copy_project(work / "project")
    for folder in ("transcripts", "translations/kk", "translations/en"):
        for f in (project / folder).iterdir():
            f.unlink()
    generate(project, count)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ARGOS_PACKAGES_DIR": str(work / "packages"),
        "SOURCE_DATE_EPOCH": "1762819200",
    }
    python = sys.executable
    publish = [python, "-m", "pipeline", "-C", str(project), "publish"]
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml")]
    full, full_mem = timed(publish, env)
    noop = min(timed(publish, env)[0] for _ in range(repeat))
    bare = min(timed(mkdocs, env)[0] for _ in range(repeat))
    generate(project, 1, start=count)
    added, _ = timed(publish, env)
    index = project / "site" / "search" / "search_index.json"
    print(f"interviews: {count}; {os.cpu_count()} cores; best of {repeat}")
    print(f"full publish                  {full:8.2f} s   peak {full_mem} MiB")
    print(f"no-op publish                 {noop:8.2f} s")
    print(f"bare mkdocs build             {bare:8.2f} s   no-op/mkdocs = {noop / bare:.2f}")
    print(f"one interview added           {added:8.2f} s   added/full = {added / full:.2f}")
    print(f"search index                  {index.stat().st_size / 1e6:8.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
