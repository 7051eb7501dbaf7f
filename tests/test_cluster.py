"""The translate stage on a real Ray cluster: a head node with no CPU and two
1-CPU worker nodes, all on 127.0.0.1 (Ray's ``cluster_utils.Cluster``, as
Ray's own tests start one), translating with copy-model Argos packages.

Runs when the cluster extra is installed (``make setup-cluster``); CI
installs it, and there a missing extra fails rather than skips.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.cli import run
from pipeline.mt.cluster import (
    LOOPBACK,
    WORKING_SECONDS,
    ClusterBackend,
    keep_loopback,
    nodes_working,
)
from pipeline.mt.local import LocalBackend
from pipeline.publish import Project, publish
from tests.conftest import SAMPLE_SLUG, copy_project, sample_corpus, snapshot
from tests.modelkit import PackageSpec, build_package, train_sentencepiece
from tests.raykit import descendants, internet_sockets, local_cluster, off_loopback

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
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy-model packages (ru→en, en→kk: Kazakh pivots), installed once
    for the module through the command line."""
    tokenizer = train_sentencepiece(sample_corpus(), ["EEC", "EAEC", "EAEU"])
    folder = tmp_path_factory.mktemp("cluster-models")
    installed = folder / "installed"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ARGOS_PACKAGES_DIR", str(installed))
        for package in (
            build_package(folder / "ru_en.argosmodel", PackageSpec("ru", "en"), tokenizer),
            build_package(
                folder / "en_kk.argosmodel",
                PackageSpec("en", "kk", target_prefix="__kk__"),
                tokenizer,
            ),
        ):
            assert run(["models", "install", str(package)]) == 0
    return installed


@dataclass(frozen=True)
class Local:
    """What a local publish of the sample with no memory makes: the reference."""

    translated: dict[str, int]  # language → sentences machine-translated
    outputs: dict[Path, bytes]


@pytest.fixture(scope="module")
def local(models: Path, tmp_path_factory: pytest.TempPathFactory) -> Local:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ARGOS_PACKAGES_DIR", str(models))
        here = _machine_project(tmp_path_factory.mktemp("local"))
        report = publish(Project(here), site=False, engine=LocalBackend)
    return Local(report.machine.translated, _outputs(here))


@pytest.fixture
def installed(models: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(models))
    return models


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


def _worker_nodes() -> set[str]:
    return {n["NodeID"] for n in ray.nodes() if n["Alive"] and n["Resources"].get("CPU")}


def _assert_on_loopback(cluster: Cluster) -> None:
    """Every TCP/UDP socket of this driver and of every Ray process (nodes,
    agents, workers, actors) is bound and connected to loopback only."""
    sockets = internet_sockets(descendants(os.getpid()))
    leaks = off_loopback(sockets)
    assert not leaks, "off loopback:\n" + "\n".join(map(str, leaks))
    # The check saw the cluster: the GCS listening, the driver connected to it.
    gcs = int(cluster.address.rpartition(":")[2])
    assert any(s.listening and s.local[1] == gcs for s in sockets), sockets
    assert any(s.pid == os.getpid() and s.remote[1] == gcs for s in sockets), sockets


class _Postfixes:
    """A progress hook that keeps what the line shows after the rate."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def __call__(self, total: int, description: str) -> _Postfixes:
        return self

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        self.shown.append(s)

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def test_the_cluster_translates_as_the_local_backend_does_on_both_nodes(
    cluster: Cluster, installed: Path, local: Local, tmp_path: Path
) -> None:
    there = _machine_project(tmp_path / "cluster")
    line = _Postfixes()
    backend = ClusterBackend(address=cluster.address, batch_size=4, progress=line)
    report = publish(Project(there), site=False, engine=lambda: backend)
    assert report.machine.translated == local.translated
    assert set(report.machine.translated) == {"en", "kk"}
    assert all(n > 0 for n in report.machine.translated.values())
    # every sentence sent once per step: ru→en; ru→en then en→kk for Kazakh (pivot)
    steps = report.machine.translated["en"] + 2 * report.machine.translated["kk"]
    assert sum(backend.sentences_by_node.values()) == steps
    assert _outputs(there) == local.outputs
    assert set(backend.sentences_by_node) == _worker_nodes(), backend.sentences_by_node
    assert all(n > 0 for n in backend.sentences_by_node.values())
    # The progress line counts the nodes that send results: both, once both have.
    assert set(line.shown) <= {"1 node working", "2 nodes working"}, line.shown
    assert "2 nodes working" in line.shown
    addresses = {n["NodeManagerAddress"] for n in ray.nodes()}
    assert addresses == {LOOPBACK}
    _assert_on_loopback(cluster)


def test_a_node_counts_as_working_while_it_sends_results() -> None:
    seen = {"a": 100.0, "b": 100.0 - WORKING_SECONDS, "c": 99.0 - WORKING_SECONDS}
    assert nodes_working(seen, 100.0) == "2 nodes working"  # c went quiet: lost
    assert nodes_working({"a": 5.0}, 5.0) == "1 node working"
    assert nodes_working({}, 5.0) == "0 nodes working"


class _KillOnFirstBatch(_Postfixes):
    """A progress hook that, when the first results arrive (the actors at
    work), checks every socket is on loopback, then removes a worker node."""

    def __init__(self, cluster: Cluster) -> None:
        super().__init__()
        self.cluster = cluster
        self.killed: list[str] = []

    def update(self, n: int = 1) -> None:
        if not self.killed:
            _assert_on_loopback(self.cluster)
            victim = self.cluster.list_all_nodes()[-1]
            self.killed.append(victim.node_id)
            self.cluster.remove_node(victim, allow_graceful=False)


def test_a_worker_node_lost_mid_run_changes_nothing(
    cluster: Cluster, installed: Path, local: Local, tmp_path: Path
) -> None:
    there = _machine_project(tmp_path / "cluster")
    hook = _KillOnFirstBatch(cluster)
    backend = ClusterBackend(address=cluster.address, batch_size=4, progress=hook)
    publish(Project(there), site=False, engine=lambda: backend)
    assert hook.killed, "no node was removed"
    assert _outputs(there) == local.outputs
    assert hook.killed[0] not in _worker_nodes()


def test_the_socket_check_sees_a_listener_on_every_interface() -> None:
    """The loopback check can fail: a socket bound to 0.0.0.0 (no traffic sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as exposed:
        exposed.bind(("0.0.0.0", 0))
        exposed.listen()
        port = exposed.getsockname()[1]
        leaks = off_loopback(internet_sockets([os.getpid()]))
    assert [(s.pid, s.local[1], s.listening) for s in leaks] == [(os.getpid(), port, True)]
