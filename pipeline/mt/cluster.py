"""The cluster backend: the installed Argos packages, run on a Ray cluster.

Ray Data's pattern for offline batch inference: a step's sentences become a
dataset of (index, sentence) rows, ``map_batches`` sends batches to a pool of
stateful actors, each of which loads the model once (a LocalBackend over the
package the driver shipped through the object store: nodes share no files),
and the rows, which come back in any order, are put back by index. Routes,
the pivot and the glossary are the same code as locally (pipeline/mt/translate.py),
so the output is the same, byte for byte.

Ray is an optional extra (requirements-cluster.txt): it is imported only when
a cluster is asked for.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError
from pipeline.mt.argos import InstalledModel
from pipeline.mt.backend import Step
from pipeline.mt.local import LocalBackend, step_of

BATCH_SENTENCES = 64  # rows per actor call: big enough for CTranslate2's token batches
LOOPBACK = "127.0.0.1"
# A node that sent back results this recently counts as working (the progress
# line's "N nodes working"): a lost node drops out of the count.
WORKING_SECONDS = 30.0


class ClusterError(PipelineError):
    exit_code = 6


def cluster_address(option: str | None) -> str | None:
    """--cluster ADDRESS, else Ray's own RAY_ADDRESS, else None (run locally)."""
    return option or os.environ.get("RAY_ADDRESS") or None


def keep_loopback(address: str) -> None:
    """A cluster on this machine stays on 127.0.0.1: Ray otherwise swaps a
    loopback address for the network interface's (resolve_ip_for_localhost),
    which it only leaves alone when multi-machine clusters are switched off;
    and its usage statistics, sent to usage-stats.ray.io by default, stay off.
    Read when Ray is imported, and inherited by the processes Ray starts."""
    host = address.rpartition(":")[0] if ":" in address else address
    if host in (LOOPBACK, "localhost"):
        os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
        os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
        constants = sys.modules.get("ray._private.ray_constants")
        if constants is not None:  # Ray already imported: the value it read then
            setattr(constants, "ENABLE_RAY_CLUSTER", False)  # noqa: B010


def _import_ray(address: str) -> Any:
    keep_loopback(address)
    try:
        import ray
        import ray.data
    except ImportError:
        raise ClusterError(
            "a cluster was asked for, but Ray is not installed: run 'make setup-cluster'"
        ) from None
    return ray


class _Translator:
    """One model on one worker: loaded once, then fed batches."""

    def __init__(self, shipped: list[Any], model: InstalledModel) -> None:
        import ray

        folder = Path(tempfile.mkdtemp(prefix="pipeline-model-"))
        with zipfile.ZipFile(io.BytesIO(ray.get(shipped[0]))) as archive:
            archive.extractall(folder)
        self.model = replace(model, path=folder)
        self.backend = LocalBackend(models=[self.model], threads=1)  # its one CPU
        self.node = ray.get_runtime_context().get_node_id()

    def __call__(self, batch: dict[str, Any], n_best: int, suppress: list[str]) -> dict[str, Any]:
        hypotheses = self.backend.translate(
            step_of(self.model), list(batch["sentence"]), n_best, suppress
        )
        return {
            "index": batch["index"],
            "hypotheses": [list(h) for h in hypotheses],
            "node": [self.node] * len(hypotheses),
        }


def nodes_working(last_seen: dict[str, float], now: float) -> str:
    """The progress line's count of the nodes that sent results lately."""
    working = sum(1 for seen in last_seen.values() if now - seen <= WORKING_SECONDS)
    return f"{working} node{'s' if working != 1 else ''} working"


def _packed(folder: Path) -> bytes:
    """The package folder as a zip, for the object store (stored, not deflated:
    model weights do not compress and the bytes stay on the cluster's network)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out.getvalue()


@dataclass
class ClusterBackend(LocalBackend):
    """The Backend of pipeline/mt/backend.py on a Ray cluster: the same routes
    as LocalBackend (from the packages installed here), translated there."""

    address: str = ""
    batch_size: int = BATCH_SENTENCES
    sentences_by_node: Counter[str] = field(default_factory=Counter)
    _shipped: dict[str, Any] = field(default_factory=dict)

    def translate(
        self, step: Step, sentences: Sequence[str], n_best: int = 1, suppress: Sequence[str] = ()
    ) -> list[list[str]]:
        if not sentences:
            return []
        ray = self._connect()
        from ray.data import ActorPoolStrategy

        model = self.model(step)
        if step.label not in self._shipped:
            self._shipped[step.label] = ray.put(_packed(model.path))
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        rows = ray.data.from_items(
            [{"index": i, "sentence": s} for i, s in enumerate(sentences)],
            override_num_blocks=max(1, min(len(sentences) // self.batch_size, 4 * workers)),
        )
        results = rows.map_batches(
            _Translator,
            fn_constructor_args=([self._shipped[step.label]], model),
            fn_kwargs={"n_best": n_best, "suppress": list(suppress)},
            batch_size=self.batch_size,
            # The rows are made here (from_items: no read task needs a CPU), so
            # the actors are all that runs on the workers: they cannot starve a
            # read. One actor per worker CPU, all started, so every node takes
            # batches; a pool that may shrink to one, so a job outlives a lost
            # node (Ray Data restarts lost actors and retries their batches).
            compute=ActorPoolStrategy(min_size=1, max_size=workers, initial_size=workers),
            num_cpus=1,
        )
        self.calls += 1
        out: dict[int, list[str]] = {}
        last_seen: dict[str, float] = {}  # node → when it last sent results
        bar = self.progress(len(sentences), model.pair) if self.progress else None
        try:
            for batch in results.iter_batches(batch_size=None, batch_format="numpy"):
                for index, hypotheses, node in zip(
                    batch["index"], batch["hypotheses"], batch["node"], strict=True
                ):
                    out[int(index)] = [str(h) for h in hypotheses]
                    self.sentences_by_node[str(node)] += 1
                    last_seen[str(node)] = time.monotonic()
                if bar is not None:
                    bar.set_postfix_str(nodes_working(last_seen, time.monotonic()), refresh=False)
                    bar.update(len(batch["index"]))
        finally:
            if bar is not None:
                bar.close()
        return [out[i] for i in range(len(sentences))]

    def _connect(self) -> Any:
        ray = _import_ray(self.address)
        if not ray.is_initialized():
            import pipeline

            ray.init(
                address=self.address,
                # The workers run this package's code: shipped with the job,
                # so nodes need the same requirements but no copy of the repository.
                runtime_env={"py_modules": [str(Path(pipeline.__file__).parent)]},
                log_to_driver=False,
                configure_logging=False,
            )
            ray.data.DataContext.get_current().enable_progress_bars = False
        return ray
