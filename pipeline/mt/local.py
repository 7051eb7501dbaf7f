"""Machine translation with installed Argos packages, run directly on CTranslate2.

Argos's own ``translate`` module downloads a sentence-boundary model for
packages that ship none, which fails offline. The pipeline already has
sentences (segments), so it only needs each package's CTranslate2 model and
SentencePiece tokenizer, and it gives CTranslate2 all the sentences of a
language pair at once, in token-based batches.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.mt import limits
from pipeline.mt.argos import (
    InstalledModel,
    ModelError,
    first_line,
    installed,
    load_model,
    packages_dir,
)
from pipeline.mt.backend import PIVOT, Route, Step, find_route

# Measured with bench/translate.py on 2 cores (transformer-base, int8): one
# worker per core on small batches beats one large batch on all cores (the
# batch pads to its longest sentence, and its beams finish unevenly).
BATCH_TOKENS = 256
BEAM_SIZE = 4  # as Argos Translate


def _sequences(tokenizer: Any, texts: Sequence[str]) -> list[list[str]]:
    """Token sequences of ``texts`` as they would appear inside a sentence and
    at its start (SentencePiece marks a word start with ▁)."""
    out: list[list[str]] = []
    for text in texts:
        for variant in (text, " " + text):
            pieces = tokenizer.encode(variant, out_type=str)
            if pieces and pieces not in out:
                out.append(pieces)
    return out


def _workers() -> int:
    """Batches translated in parallel: one per core, up to four."""
    return max(1, min(4, os.cpu_count() or 1))


def step_of(model: InstalledModel) -> Step:
    return Step(model.from_code, model.to_code, model.label)


@dataclass
class LocalBackend:
    """The installed Argos packages, run here on CTranslate2 (the ``Backend``
    of pipeline/mt/backend.py): loads a model on first use, counts the calls."""

    models: list[InstalledModel] = field(default_factory=installed)
    progress: Callable[[int, str], Any] | None = None  # (total, description) → bar
    calls: int = 0
    # Batches translated in parallel: one per core here; a cluster's actor,
    # given one CPU of its node, translates one at a time (no c × c threads).
    threads: int | None = None
    _loaded: dict[Path, tuple[Any, Any]] = field(default_factory=dict)
    _tables: dict[Path, int] = field(default_factory=dict)  # the models' positions

    def route(self, source: str, target: str) -> Route | None:
        return find_route(map(step_of, self.models), source, target)

    def require_route(self, source: str, target: str) -> Route:
        route = self.route(source, target)
        if route is None:
            raise ModelError(
                f"no {source}→{target} model is installed (nor {source}→{PIVOT} with"
                f" {PIVOT}→{target} to pivot through): install one with"
                " 'python -m pipeline models install FILE.argosmodel'"
            )
        return route

    def translate(
        self, step: Step, sentences: Sequence[str], n_best: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[str]]:
        """The ``n_best`` best translations of each sentence by the step's
        model, never producing any of the ``suppress`` texts (CTranslate2's
        suppress_sequences, given in the model's own tokens)."""
        if not sentences:
            return []
        model = self.model(step)
        translator, tokenizer = self._load(model)
        source_prefix = model.source_prefix.split()
        prefix = model.target_prefix.split()
        positions = self._positions(model)
        # A sentence longer than the model's positions goes in parts (limits.py).
        longest = limits.longest_part(positions, len(source_prefix), len(prefix))
        cuts = [limits.cut(t, longest) for t in tokenizer.encode(list(sentences), out_type=str)]
        tokens = [source_prefix + part for parts in cuts for part in parts]
        suppressed = _sequences(tokenizer, suppress)
        self.calls += 1
        results = translator.translate_iterable(
            tokens,
            target_prefix=[prefix] * len(tokens) if prefix else None,
            max_batch_size=BATCH_TOKENS,
            batch_type="tokens",
            beam_size=max(BEAM_SIZE, n_best),
            num_hypotheses=n_best,
            length_penalty=0.2,
            replace_unknowns=True,
            max_input_length=0,  # never cut silently: every part fits the model
            max_decoding_length=limits.decoding_length(
                positions, max(len(t) for t in tokens) - len(source_prefix), len(prefix)
            ),
            suppress_sequences=suppressed or None,
        )
        bar = self.progress(len(sentences), model.pair) if self.progress else None
        out = []
        try:
            for parts in cuts:
                texts = [self._texts(next(results), prefix, tokenizer) for _ in parts]
                out.append(limits.joined(texts, parts))
                if bar is not None:
                    bar.update(1)
        except (RuntimeError, ValueError) as e:
            # A model that loads but cannot translate (weights that do not fit
            # its vocabulary, a tokenizer of another model): one line, exit 6.
            raise ModelError(f"{model.label} failed to translate: {first_line(e)}") from None
        finally:
            if bar is not None:
                bar.close()
        return out

    @staticmethod
    def _texts(result: Any, prefix: list[str], tokenizer: Any) -> list[str]:
        texts = []
        for hypothesis in result.hypotheses:
            if prefix and hypothesis[: len(prefix)] == prefix:
                hypothesis = hypothesis[len(prefix) :]
            texts.append(tokenizer.decode(hypothesis).strip())
        return texts

    def model(self, step: Step) -> InstalledModel:
        """The installed package a step names (of two with one label, the one
        ``route`` chose: the later in sorted order)."""
        by_label = {m.label: m for m in self.models}
        if step.label not in by_label:
            raise ModelError(f"{step.label} is not installed in {packages_dir()}")
        return by_label[step.label]

    def _load(self, model: InstalledModel) -> tuple[Any, Any]:
        if model.path not in self._loaded:
            self._loaded[model.path] = load_model(
                model,
                # Keep the precision the model was converted with (int8 for
                # Argos packages); CTranslate2 falls back where the CPU lacks it.
                compute_type=os.environ.get("ARGOS_COMPUTE_TYPE", "default"),
                inter_threads=self.threads or _workers(),
                intra_threads=1 if self.threads else max(1, (os.cpu_count() or 1) // _workers()),
            )
        return self._loaded[model.path]

    def _positions(self, model: InstalledModel) -> int:
        if model.path not in self._tables:
            table = limits.table_positions(model.path / "model" / "model.bin")
            self._tables[model.path] = model.max_positions or table or limits.UNBOUNDED
        return self._tables[model.path]
