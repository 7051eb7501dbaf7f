"""Benchmark: the translators' glossary commands with a big glossary. By hand:

    .venv/bin/python -m bench.glossary_commands [N] [--terms 5000] [--repeat 1]

In one run, for the shipped glossary (11 terms) and a big one (bench/glossary.py
writes it: 5,000 terms, 70,000 lines), in a project of N generated interviews
(bench/archive.py), each command as a translator runs it, in a new process:

  - ``glossary match FILE`` with no publish cache, then after a publish,
  - ``glossary check`` and ``glossary export``,
  - ``glossary add`` of a new term, then ``glossary match`` after it,
  - ``glossary set`` of that term, then a ``publish --no-site`` after it.

CPU seconds of each (the steadier measure on a shared machine), and the
ratio big/small: what a translator's command costs for the glossary's size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import archive_project  # noqa: E402
from bench.glossary import big_glossary, child  # noqa: E402

ADD = [
    "kind=abbreviation",
    "ru.name=Тестовый орган проверки",
    "ru.abbreviation=ТОПР",
    "en.name=Test Inspection Body",
    "kk.name=Тексеру органы",
]
SET = ["en.forbidden=Test Body, TIB"]


def steps(project: Path) -> list[tuple[str, list[str], bool]]:
    """(what, the command's arguments, whether the publish cache is removed first)."""
    one = str(project / "transcripts" / "interview-0001.txt")
    return [
        ("glossary match FILE, no cache", ["glossary", "match", one], True),
        ("publish --no-site (after that match)", ["publish", "--no-site"], False),
        ("glossary match FILE", ["glossary", "match", one], False),
        ("glossary check", ["glossary", "check"], False),
        ("glossary export", ["glossary", "export"], False),
        ("glossary add", ["glossary", "add", "test-inspection", *ADD], False),
        ("glossary match FILE after add", ["glossary", "match", one], False),
        ("glossary set", ["glossary", "set", "test-inspection", *SET], False),
        ("publish --no-site after set", ["publish", "--no-site"], False),
    ]


def measure(project: Path, env: dict[str, str], repeat: int) -> list[tuple[str, float]]:
    pipeline = [sys.executable, "-m", "pipeline", "-C", str(project)]
    glossary = project / "glossary.yaml"
    original = glossary.read_bytes()
    out = []
    for what, arguments, cold in steps(project):
        best = float("inf")
        # Edits and publishes change what the next run finds: each runs once.
        read_only = arguments[0] == "glossary" and arguments[1] not in ("add", "set")
        for _ in range(repeat if read_only else 1):
            if cold:
                shutil.rmtree(project / ".cache", ignore_errors=True)
            best = min(best, child([*pipeline, *arguments], env)[0])
        out.append((what, best))
        print(f"  {what:40} {best:8.2f} s", flush=True)
    glossary.write_bytes(original)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3, help="interviews")
    parser.add_argument("--terms", type=int, default=5000, help="terms in the big glossary")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-glossary-commands-"))
    try:
        project, env = archive_project(work, args.count)
        shipped = (project / "glossary.yaml").read_bytes()
        big = big_glossary(args.terms).encode("utf-8")
        print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {args.count} interviews")
        print("CPU seconds, each command in a new process; best of", args.repeat)
        results = {}
        for name, text in (("small", shipped), ("big", big)):
            (project / "glossary.yaml").write_bytes(text)
            shutil.rmtree(project / ".cache", ignore_errors=True)
            print(f"{name} glossary ({text.count(b'  - id:')} terms):", flush=True)
            results[name] = measure(project, env, args.repeat)
        print(f"load {os.getloadavg()[0]:.1f}")
        print(f"| command | {args.terms} terms / 11 |")
        for (what, small), (_, large) in zip(results["small"], results["big"], strict=True):
            print(f"| {what} | {small:.2f} s → {large:.2f} s ({large / small:.2f} ×) |")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
