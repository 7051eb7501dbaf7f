"""The translate stage on a real Ray cluster: a head node with no CPU and two
1-CPU worker nodes, all on 127.0.0.1 (Ray's ``cluster_utils.Cluster``, as
Ray's own tests start one), translating with copy-model Argos packages.

Runs when the cluster extra is installed (``make setup-cluster``); CI
installs it, and there a missing extra fails rather than skips.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.mt.cluster import LOOPBACK, ClusterBackend, keep_loopback
from pipeline.mt.local import LocalBackend
from pipeline.publish import Project, publish
from tests.conftest import SAMPLE_SLUG, Cli, copy_project, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece
from tests.raykit import local_cluster

keep_loopback(LOOPBACK)  # before Ray is imported
if os.environ.get("CI") != "true":
    pytest.importorskip("ray", reason="the cluster extra: make setup-cluster")

import ray  # noqa: E402
from ray.cluster_utils import Cluster  # noqa: E402

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with local_cluster(workers=2) as started:
        yield started


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    tokenizer = train_sentencepiece(sample_corpus(), ["EEC", "EAEC", "EAEU"])
    folder = tmp_path_factory.mktemp("cluster-models")
    return [
        build_package(folder / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer),
        build_package(
            folder / "en_kk.argosmodel", PackageSpec("en", "kk", target_prefix="__kk__"), tokenizer
        ),
    ]


def _outputs(root: Path) -> dict[Path, bytes]:
    """What a publish makes: the pages and the memories (not its cache)."""
    return {
        p.relative_to(root): b
        for p, b in snapshot(root).items()
        if p.relative_to(root).parts[0] in ("docs", "translations")
    }


def _machine_project(root: Path) -> Path:
    project = copy_project(root)
    for language in ("kk", "en"):
        (project / "translations" / language / f"{SAMPLE_SLUG}.po").unlink()
    return project


def test_the_cluster_translates_as_the_local_backend_does_on_both_nodes(
    cluster: Cluster, packages: list[Path], tmp_path: Path, cli: Cli
) -> None:
    for package in packages:
        assert cli("models", "install", package)[0] == 0
    here = _machine_project(tmp_path / "local")
    locally = publish(Project(here), site=False, engine=LocalBackend)
    there = _machine_project(tmp_path / "cluster")
    backend = ClusterBackend(address=cluster.address, batch_size=4)
    report = publish(Project(there), site=False, engine=lambda: backend)
    assert report.machine.translated == locally.machine.translated
    assert set(report.machine.translated) == {"en", "kk"}
    assert all(n > 0 for n in report.machine.translated.values())
    # every sentence sent once per step: ru→en; ru→en then en→kk for Kazakh (pivot)
    steps = report.machine.translated["en"] + 2 * report.machine.translated["kk"]
    assert sum(backend.sentences_by_node.values()) == steps
    assert _outputs(there) == _outputs(here)
    workers = {n["NodeID"] for n in ray.nodes() if n["Alive"] and n["Resources"].get("CPU")}
    assert set(backend.sentences_by_node) == workers, backend.sentences_by_node
    assert all(n > 0 for n in backend.sentences_by_node.values())
    addresses = {n["NodeManagerAddress"] for n in ray.nodes()}
    assert addresses == {LOOPBACK}


class _KillOnFirstBatch:
    """A progress hook that removes a worker node when the first results arrive."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.killed: list[str] = []

    def __call__(self, total: int, description: str) -> _KillOnFirstBatch:
        return self

    def update(self, n: int = 1) -> None:
        if not self.killed:
            victim = self.cluster.list_all_nodes()[-1]
            self.killed.append(victim.node_id)
            self.cluster.remove_node(victim, allow_graceful=False)

    def close(self) -> None:
        pass


def test_a_worker_node_lost_mid_run_changes_nothing(
    cluster: Cluster, packages: list[Path], tmp_path: Path, cli: Cli
) -> None:
    for package in packages:
        assert cli("models", "install", package)[0] == 0
    here = _machine_project(tmp_path / "local")
    publish(Project(here), site=False, engine=LocalBackend)
    there = _machine_project(tmp_path / "cluster")
    hook = _KillOnFirstBatch(cluster)
    backend = ClusterBackend(address=cluster.address, batch_size=4, progress=hook)
    publish(Project(there), site=False, engine=lambda: backend)
    assert hook.killed, "no node was removed"
    assert _outputs(there) == _outputs(here)
    alive = {n["NodeID"] for n in ray.nodes() if n["Alive"] and n["Resources"].get("CPU")}
    assert hook.killed[0] not in alive
