"""Installed routes run for the model tools (`models convert`'s check,
`models evaluate`): every route to a language, not only the one publish picks,
each run through the one translate loop (pipeline/mt/translate.py) as publish
runs it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.mt.argos import InstalledModel, installed
from pipeline.mt.backend import PIVOT, Route
from pipeline.mt.local import LocalBackend, step_of
from pipeline.mt.translate import Hooks, Outcome, translate


class Trial:
    def __init__(self, models: list[InstalledModel] | None = None) -> None:
        self._backend = LocalBackend(models=installed() if models is None else models)

    def routes(self, source: str, target: str) -> dict[str, Route]:
        """Every way to ``target``: "direct" (the pair's newest model) and
        "pivot" (through English), whichever are installed."""
        newest = {(s.source, s.target): s for s in map(step_of, self._backend.models)}
        found = {}
        if (source, target) in newest:
            found["direct"] = Route((newest[source, target],))
        if (
            PIVOT not in (source, target)
            and (source, PIVOT) in newest
            and (PIVOT, target) in newest
        ):
            found["pivot"] = Route((newest[source, PIVOT], newest[PIVOT, target]))
        return found

    def translate_step(self, model: InstalledModel, sentences: list[str]) -> list[str]:
        """One model's best translation of each sentence."""
        return [h[0] for h in self._backend.translate(step_of(model), sentences)]

    def translate(
        self, route: Route, sentences: Sequence[str], hooks: Hooks[Any] | None
    ) -> list[Outcome[Any]]:
        """As publish translates: with the glossary's hooks, terms protected and checked."""
        return translate(self._backend, route, list(sentences), hooks)
