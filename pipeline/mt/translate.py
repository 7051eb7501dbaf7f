"""The one translation loop: along a route's steps, with a policy's hooks.

Every step's model gets all the sentences at once (a backend batches them).
Hooks, when given, are what the glossary does around the models: put each
sentence's terms in the step's language before the first step, swap them
for the next language between pivot steps, keep the house's forbidden
renderings out of the last step's output, and choose among its n-best
hypotheses. pipeline/glossary/enforce.py implements them; this module knows
nothing of glossaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, overload

from pipeline.mt.backend import Backend, Route

T = TypeVar("T")  # what a policy's hooks report a translation to obey (glossary terms)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """One sentence's translation, the terms it had to use, and how it fails them."""

    text: str
    terms: tuple[T, ...] = ()
    violations: tuple[str, ...] = ()  # "missing EAEU", "forbidden EAEC"


class Hooks(Protocol[T]):
    """A policy applied to one batch of sentences, each known by its index."""

    @property
    def n_best(self) -> int:
        """How many hypotheses the last step is asked for, to choose among."""
        ...

    def protect(self, index: int, text: str, language: str) -> str:
        """Sentence ``index`` as the first step reads it: its terms already
        rendered in ``language``, the step's target, for the model to copy."""
        ...

    def swap(self, index: int, text: str, before: str, after: str) -> str:
        """A pivot step's input: the renderings put in for ``before`` (the
        previous step's target) replaced by those for ``after``."""
        ...

    def suppressed(self, language: str) -> Sequence[str]:
        """Texts the last step, into ``language``, must never produce."""
        ...

    def choose(self, index: int, hypotheses: Sequence[str], language: str) -> Outcome[T]:
        """Sentence ``index``'s translation, from the last step's hypotheses, best first."""
        ...


@overload
def translate(
    backend: Backend, route: Route, sentences: Sequence[str], hooks: None = None
) -> list[Outcome[Any]]: ...


@overload
def translate(
    backend: Backend, route: Route, sentences: Sequence[str], hooks: Hooks[T]
) -> list[Outcome[T]]: ...


def translate(
    backend: Backend,
    route: Route,
    sentences: Sequence[str],
    hooks: Hooks[T] | None = None,
) -> list[Outcome[Any]] | list[Outcome[T]]:
    """Translate ``sentences`` along ``route``, one backend call per step."""
    if not route.steps:
        raise ValueError("a route has at least one step")
    texts = list(sentences)
    before: str | None = None  # the previous step's target
    hypotheses: list[list[str]] = []
    for n, step in enumerate(route.steps):
        last = n == len(route.steps) - 1
        if hooks is not None:
            texts = [
                hooks.protect(i, text, step.target)
                if before is None
                else hooks.swap(i, text, before, step.target)
                for i, text in enumerate(texts)
            ]
        hypotheses = backend.translate(
            step,
            texts,
            n_best=hooks.n_best if hooks is not None and last else 1,
            suppress=hooks.suppressed(step.target) if hooks is not None and last else (),
        )
        texts = [h[0] for h in hypotheses]
        before = step.target
    if hooks is None:
        return [Outcome(h[0]) for h in hypotheses]
    language = route.steps[-1].target
    return [hooks.choose(i, h, language) for i, h in enumerate(hypotheses)]
