"""Installed routes run for the model tools (`models convert`'s check,
`models evaluate`).

This is the one place those tools call the translation backend: today's
``Engine`` (pipeline/mt/local.py) and the glossary's enforcement over it. When
the backend becomes the ``Backend`` protocol (issue 12), only this class
changes: ``route``/``translate`` on steps, and ``mt.translate.translate`` with
the glossary's hooks in place of ``translate_with_terms``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.mt.argos import PIVOT, InstalledModel, installed
from pipeline.mt.local import Engine, Route

if TYPE_CHECKING:
    from pipeline.glossary.enforce import Occurrence, Outcome, TermPolicy


class Trial:
    def __init__(self, models: list[InstalledModel] | None = None) -> None:
        self._engine = Engine(models=installed() if models is None else models)

    def routes(self, source: str, target: str) -> dict[str, Route]:
        """Every way to ``target``: "direct" (the pair's newest model) and
        "pivot" (through English), whichever are installed."""
        newest: dict[tuple[str, str], InstalledModel] = {}
        for model in self._engine.models:  # sorted by version: the newest wins
            newest[model.from_code, model.to_code] = model
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
        return [h[0] for h in self._engine.run(model, sentences)]

    def translate(
        self,
        route: Route,
        sentences: list[str],
        language: str,
        policy: TermPolicy | None,
        occurrences: list[list[Occurrence]],
    ) -> list[Outcome]:
        """As publish translates: glossary terms protected and checked."""
        from pipeline.glossary.enforce import Outcome, translate_with_terms

        if policy is None:
            return [Outcome(t, (), ()) for t in self._engine.translate(route, sentences)]
        return translate_with_terms(self._engine, route, sentences, occurrences, language, policy)
