"""Benchmark: converting a long transcript costs the same per line at any length.
Run by hand, not in CI:

    .venv/bin/python -m bench.convert [LINES ...]   (default: 10000 100000)

For each length it writes a dash-turn transcript and a labelled round table of
that many lines, converts each to Markdown in this process (read, layout,
segments, page) and reports the seconds per 10,000 lines and, for each length,
its cost per line relative to the shortest: about 1 for work linear in the
text, about the ratio of the lengths for work quadratic in it. The lengths are
measured in one run, so the machine's load cancels out of the ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.languages import SOURCE  # noqa: E402
from pipeline.site.pages import render_interview  # noqa: E402
from pipeline.source.segments import segment  # noqa: E402
from pipeline.source.transcript import read_transcript  # noqa: E402

SPEAKERS = ("Жанна Касымова, энергетик", "Олег Ким, физик", "Ерболат Мухамеджанов, эколог")


def dashes(lines: int) -> str:
    return "".join(
        f"— Вопрос номер {n}, о ценах и тарифах?\n" if n % 2 == 0 else f"— Ответ номер {n}.\n"
        for n in range(lines)
    )


def round_table(lines: int) -> str:
    """An unlabelled question, then three labelled answers, blank lines between."""
    out = []
    for n in range(lines // 8):
        out.append(f"Вопрос номер {n}: что будет с ценами?\n")
        out += [f"{SPEAKERS[k]}: Ответ {n}.{k}, цены вырастут.\n" for k in range(3)]
    return "\n".join(out)


def seconds(path: Path) -> float:
    start = time.perf_counter()
    document = read_transcript(path)
    render_interview(document, segment(document), SOURCE)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lines", nargs="*", type=int, default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        seconds(_write(Path(work), "warm-up", dashes(10)))  # imports, the dictionary
        for name, make in (("dashes", dashes), ("round table", round_table)):
            per_line = {}
            for count in sorted(args.lines):
                per_line[count] = seconds(_write(Path(work), name, make(count))) / count
            first = min(per_line)
            for count, cost in per_line.items():
                ratio = cost / per_line[first]
                print(
                    f"{name:12} {count:>8,} lines: {cost * 10_000:6.2f} s per 10,000 lines,"
                    f" per-line cost {ratio:4.2f}× that of {first:,} lines"
                )


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name.replace(' ', '-')}.txt"
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
