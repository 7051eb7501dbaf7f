"""A local multi-node Ray cluster on 127.0.0.1, as Ray's own tests start one:
a head node with no CPU (it schedules nothing) and 1-CPU worker nodes. Used by
tests/test_cluster.py and bench/cluster.py; needs the cluster extra."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.mt.cluster import LOOPBACK, keep_loopback


@contextmanager
def local_cluster(workers: int = 2) -> Iterator[Any]:
    keep_loopback(LOOPBACK)  # before Ray is imported, and for the processes it starts
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 0, "node_ip_address": LOOPBACK, "include_dashboard": False},
    )
    for _ in range(workers):
        cluster.add_node(num_cpus=1, node_ip_address=LOOPBACK)
    cluster.wait_for_nodes()
    try:
        yield cluster
    finally:
        ray.shutdown()
        cluster.shutdown()
