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
  - the size of the search files, and the peak memory (largest resident
    set) of each run.

Each line is printed as soon as it is measured.
"""

from __future__ import annotations

import argparse
import os
import random
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


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds, CPU seconds (user and system) and peak memory (MiB, its largest
    resident set) of one run of ``command``. On a shared machine the CPU time
    is the steadier measure: waiting for a core does not count."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own usage, not the largest so far
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def search_bytes(site: Path) -> int:
    """What the site's search may have a reader download: everything under search/."""
    folders = [site / "search", site / "pagefind"]
    return sum(f.stat().st_size for d in folders if d.is_dir() for f in d.rglob("*") if f.is_file())


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


def archive_project(work: Path, count: int) -> tuple[Path, dict[str, str]]:
    """A project of ``count`` generated interviews (no memories yet) and the
    environment a publish of it runs in (no model, a fixed build date)."""
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
    return project, env


def run(work: Path, count: int, repeat: int) -> int:
    project, env = archive_project(work, count)
    python = sys.executable
    publish = [python, "-m", "pipeline", "-C", str(project), "publish"]
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml")]
    print(f"interviews: {count}; {os.cpu_count()} cores; best of {repeat}", flush=True)

    def show(what: str, run: tuple[float, float, int], of: tuple[float, float, int] | None) -> None:
        seconds, cpu, peak = run
        ratio = f"{seconds / of[0]:5.2f} {cpu / of[1]:5.2f}" if of else ""
        print(f"{what:22}{seconds:8.2f} s {cpu:8.2f} s cpu {peak:6} MiB   {ratio}", flush=True)

    print(f"{'':22}{'wall':>10} {'':>12} {'peak':>10}   ratio (wall, cpu)")
    full = timed(publish, env)
    show("full publish", full, None)
    noops = [timed(publish, env) for _ in range(repeat)]
    bares = [timed(mkdocs, env) for _ in range(repeat)]
    # Interleaved would be fairer on a busy machine; best-of keeps each at its least disturbed.
    bare = min(bares)
    show("bare mkdocs build", bare, None)
    show("no-op publish", min(noops), bare)
    generate(project, 1, start=count)
    show("one interview added", timed(publish, env), full)
    # All languages' shards: a reader's search fetches a few of them, at most
    # 1 MB (measured in Chromium by tests/browser/test_search_archive.py).
    print(f"search files, all    {search_bytes(project / 'site') / 1e6:8.2f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
