"""Benchmark: a big glossary. Run by hand, not in CI:

    .venv/bin/python -m bench.glossary [N] [--terms 5000] [--repeat 1] [--keep DIR]

It writes a glossary of the shipped terms and generated ones up to ``--terms``
(each a Russian name of two or three words with an abbreviation, rendered in
English and Kazakh: 13 lines of YAML, like a translator's entry), and measures,
with no model installed:

  - reading it: the fast loader against the round-trip one (glossary add/set),
  - `glossary match` on one transcript, with the shipped glossary and the big one,
  - a publish of an archive of N interviews (bench/archive.py makes them) just
    after the glossary changed (pages and site made again), then a no-op
    publish, with each glossary: the ratio big/shipped is what to compare.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import archive_project  # noqa: E402
from pipeline.glossary.document import load_document, read_document  # noqa: E402
from pipeline.glossary.load import load_glossary  # noqa: E402

# Words of generated names: every (adjective, noun, complement) is a name of its
# own, whatever its inflection, so no two entries claim one Russian form.
ADJECTIVES = [
    "национальный",
    "государственный",
    "региональный",
    "городской",
    "торговый",
    "финансовый",
    "транспортный",
    "энергетический",
    "аграрный",
    "научный",
    "учебный",
    "медицинский",
    "морской",
    "северный",
    "южный",
    "западный",
    "восточный",
    "центральный",
    "новый",
    "старый",
    "главный",
    "общественный",
    "частный",
    "международный",
]
NOUNS = [
    "фонд",
    "центр",
    "совет",
    "комитет",
    "институт",
    "банк",
    "союз",
    "альянс",
    "форум",
    "университет",
    "музей",
    "театр",
    "клуб",
    "портал",
    "архив",
    "реестр",
    "холдинг",
    "консорциум",
    "департамент",
    "трибунал",
]
COMPLEMENTS = [
    "развития",
    "инноваций",
    "торговли",
    "экспорта",
    "туризма",
    "экологии",
    "культуры",
    "молодёжи",
    "спорта",
    "науки",
    "образования",
    "связи",
    "промышленности",
    "строительства",
    "обороны",
]
LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"


def abbreviation(n: int) -> str:
    """A four-letter abbreviation of its own for entry ``n``."""
    out = ""
    for _ in range(4):
        n, k = divmod(n, len(LETTERS))
        out += LETTERS[k]
    return out


def big_glossary(terms: int) -> str:
    """The shipped glossary and generated entries: ``terms`` in all."""
    shipped = (ROOT / "glossary.yaml").read_text(encoding="utf-8")
    have = len(load_glossary(ROOT / "glossary.yaml").terms)
    names = itertools.product(ADJECTIVES, NOUNS, COMPLEMENTS)
    entries = []
    for n, (adjective, noun, complement) in zip(range(terms - have), names, strict=False):
        abbr = abbreviation(n)
        entries.append(
            f"  - id: generated-{n:05d}\n"
            "    kind: abbreviation\n"
            "    ru:\n"
            f"      name: {adjective.capitalize()} {noun} {complement}\n"
            f"      abbreviation: {abbr}\n"
            "    en:\n"
            f"      name: Generated Body {n}\n"
            f"      abbreviation: GB{n}\n"
            "      use: first-expanded\n"
            "    kk:\n"
            f"      name: Жасалған ұйым {n}\n"
            f"      abbreviation: {abbr}\n"
            "      use: first-expanded\n"
        )
    return shipped.rstrip("\n") + "\n\n" + "\n".join(entries)


def cpu(run: Callable[[], Any], repeat: int) -> float:
    """Best CPU seconds of ``repeat`` runs in this process: a shared machine's
    load lengthens the wall clock, not the work."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def child(command: list[str], env: dict[str, str], repeat: int = 1) -> tuple[float, float]:
    """Best (CPU seconds, wall seconds) of ``repeat`` runs of ``command``."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, (used, wall))
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=100, help="interviews")
    parser.add_argument("--terms", type=int, default=5000, help="terms in the big glossary")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-glossary-"))
    try:
        return run(work, args.count, args.terms, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, count: int, terms: int, repeat: int) -> int:
    work.mkdir(parents=True, exist_ok=True)
    big = work / "big.yaml"
    big.write_text(big_glossary(terms), encoding="utf-8")
    lines = big.read_text(encoding="utf-8").count("\n")
    fast = cpu(lambda: read_document(big), repeat)
    round_trip = cpu(lambda: load_document(big), repeat)
    loaded = cpu(lambda: load_glossary(big), repeat)

    project, env = archive_project(work, count)
    pipeline = [sys.executable, "-m", "pipeline", "-C", str(project)]
    one = project / "transcripts" / "interview-0001.txt"
    shipped = project / "glossary.yaml"
    small = len(load_glossary(shipped).terms)
    measured = {}
    for name, glossary in (("small", shipped.read_bytes()), ("big", big.read_bytes())):
        shipped.write_bytes(glossary)
        measured[name, "match"] = child([*pipeline, "glossary", "match", str(one)], env, repeat)
        # The memories, pages and site under this glossary: all made again.
        measured[name, "changed"] = child([*pipeline, "publish"], env)
        measured[name, "noop"] = child([*pipeline, "publish"], env, repeat)

    print(f"{os.cpu_count()} cores; best of {repeat}; CPU seconds (wall clock in brackets)")
    print(f"glossary of {terms} terms, {lines} lines:")
    print(f"  read fast (libyaml)               {fast:8.2f} s")
    print(f"  read round trip (glossary add/set) {round_trip:7.2f} s   {round_trip / fast:.1f} x")
    print(f"  load_glossary (read + validate)   {loaded:8.2f} s")
    for what, label in (
        ("match", "glossary match, one interview"),
        ("changed", "publish, glossary changed (pages and site made again)"),
        ("noop", "no-op publish"),
    ):
        (s_cpu, s_wall), (b_cpu, b_wall) = measured["small", what], measured["big", what]
        print(f"{label} ({count} interviews):")
        print(f"  {small} terms                          {s_cpu:8.2f} s ({s_wall:.2f})")
        print(
            f"  {terms} terms                        {b_cpu:8.2f} s ({b_wall:.2f})"
            f"   big/small = {b_cpu / s_cpu:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
