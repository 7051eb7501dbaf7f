"""Progress of a publish's stages, shown on a terminal only.

Reading transcripts, translating (sentences per second, and on a cluster the
number of nodes working), writing and building the site each get a tqdm bar
on stderr when it is a terminal; in CI (the CI variable set) or when stderr is
piped to a file or another program, nothing is shown, so logs hold only the
summary. Bars vanish when their stage ends.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO


class Bar(Protocol):
    def update(self, n: int = 1) -> object: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> object:
        """What follows the rate on the line (a cluster: "2 nodes working")."""

    def refresh(self) -> None: ...

    def close(self) -> None: ...


# (total or None when unknown, what is being done, unit) → a bar
Bars = Callable[[int | None, str, str], Bar]


class _Hidden:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


def hidden(total: int | None, description: str, unit: str) -> Bar:
    return _Hidden()


def shown_on(stream: TextIO) -> bool:
    """Whether progress belongs on ``stream``: a terminal, and not a CI run."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or closed
        return False


def terminal_bars(stream: TextIO | None = None) -> Bars:
    """Bars on ``stream`` (stderr) if it is a terminal outside CI, else none."""
    out = stream if stream is not None else sys.stderr
    if not shown_on(out):
        return hidden

    def bar(total: int | None, description: str, unit: str) -> Bar:
        from tqdm import tqdm

        # A step without a count shows the time it has taken.
        form = "{desc}: {elapsed}" if total is None else None
        shown: Bar = tqdm(
            total=total, desc=description, unit=unit, file=out, leave=False, bar_format=form
        )
        return shown

    return bar


@contextmanager
def counted(bars: Bars, total: int, description: str, unit: str) -> Iterator[Bar]:
    bar = bars(total, description, unit)
    try:
        yield bar
    finally:
        bar.close()


@contextmanager
def timed(bars: Bars, description: str, every: float = 0.5) -> Iterator[None]:
    """A step with no parts to count (the MkDocs build): its bar shows the
    time it has taken so far."""
    if bars is hidden:
        yield
        return
    bar = bars(None, description, "step")
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(every):
            bar.refresh()

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()
