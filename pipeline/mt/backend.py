"""What a machine-translation backend is: routes of steps, and a step's n-best.

A backend knows which models it has (``route``) and runs one of them on a
batch of sentences (``translate``); everything else, the pivot through a
second model and the glossary's house terms, is ``pipeline.mt.translate``'s
single loop, the same for every backend. ``LocalBackend`` (pipeline/mt/local.py)
runs installed Argos packages on CTranslate2.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

PIVOT = "en"  # the language a route goes through when no direct model exists


@dataclass(frozen=True)
class Step:
    """One model on a route."""

    source: str  # language code, e.g. "ru"
    target: str  # e.g. "en"
    label: str  # names the model: recorded in the memory, and how a backend finds it


@dataclass(frozen=True)
class Route:
    """The models that take a sentence from one language to another."""

    steps: tuple[Step, ...]

    @property
    def label(self) -> str:
        """Recorded with every machine translation: which models made it."""
        if len(self.steps) == 1:
            return self.steps[0].label
        return " + ".join(s.label for s in self.steps) + " (pivot)"


class Backend(Protocol):
    calls: int  # model calls made so far

    def route(self, source: str, target: str) -> Route | None:
        """The steps from ``source`` to ``target``, or None when there are none."""
        ...

    def translate(
        self, step: Step, sentences: Sequence[str], n_best: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[str]]:
        """The ``n_best`` best translations of each sentence by the step's model,
        never producing any of the ``suppress`` texts; one list per sentence, in order."""
        ...


def find_route(steps: Iterable[Step], source: str, target: str) -> Route | None:
    """A direct step if there is one, else a pivot through English; of two
    steps for one pair, the later one in ``steps`` (the newest) wins."""
    newest = {(s.source, s.target): s for s in steps}
    if (source, target) in newest:
        return Route((newest[source, target],))
    if (source, PIVOT) in newest and (PIVOT, target) in newest:
        return Route((newest[source, PIVOT], newest[PIVOT, target]))
    return None
