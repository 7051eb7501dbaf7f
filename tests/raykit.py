"""A local multi-node Ray cluster on 127.0.0.1, as Ray's own tests start one:
a head node with no CPU (it schedules nothing) and 1-CPU worker nodes. Used by
tests/test_cluster.py and bench/cluster.py; needs the cluster extra."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.mt.cluster import LOOPBACK, keep_loopback


@contextmanager
def local_cluster(workers: int = 2) -> Iterator[Any]:
    keep_loopback(LOOPBACK)  # before Ray is imported, and for the processes it starts
    import ray
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={
            "num_cpus": 0,
            "node_ip_address": LOOPBACK,
            "include_dashboard": False,
            # A removed node is found dead in about 3 s rather than 30 s.
            "_system_config": {
                "health_check_initial_delay_ms": 0,
                "health_check_period_ms": 1000,
                "health_check_timeout_ms": 1000,
                "health_check_failure_threshold": 3,
            },
        },
    )
    for _ in range(workers):
        cluster.add_node(num_cpus=1, node_ip_address=LOOPBACK)
    cluster.wait_for_nodes()
    try:
        yield cluster
    finally:
        ray.shutdown()
        cluster.shutdown()


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_KINDS = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6")
_TCP_LISTEN = "0A"


@dataclass(frozen=True)
class Socket:
    """An Internet socket a process holds (Unix sockets stay on the machine)."""

    pid: int
    kind: str  # tcp, tcp6, udp, udp6, raw, raw6
    local: tuple[IPAddress, int]
    remote: tuple[IPAddress, int]
    listening: bool  # TCP LISTEN, or UDP bound but not connected

    def __str__(self) -> str:
        (lip, lport), (rip, rport) = self.local, self.remote
        return f"pid {self.pid} ({_name(self.pid)}) {self.kind} {lip}:{lport} → {rip}:{rport}"


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (Ray's nodes, agents and workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        out.append(todo.pop())
        todo += children.get(out[-1], [])
    return out


def internet_sockets(pids: list[int]) -> list[Socket]:
    """The TCP, UDP and raw sockets of these processes, as the kernel lists them
    (/proc/PID/fd → socket inodes, /proc/PID/net/* → their addresses)."""
    owner: dict[str, int] = {}
    for pid in pids:
        for fd in _descriptors(pid):
            try:
                link = os.readlink(fd)
            except OSError:  # closed while listed
                continue
            if link.startswith("socket:["):
                owner[link[8:-1]] = pid
    out: list[Socket] = []
    for kind in _KINDS:
        table = Path(f"/proc/{pids[0]}/net/{kind}").read_text().splitlines()[1:]
        for row in table:
            fields = row.split()
            if fields[9] in owner:
                local, remote = _address(fields[1]), _address(fields[2])
                listening = fields[3] == _TCP_LISTEN or (
                    not kind.startswith("tcp") and remote[0].is_unspecified
                )
                out.append(Socket(owner[fields[9]], kind, local, remote, listening))
    return out


def off_loopback(sockets: list[Socket]) -> list[Socket]:
    """Sockets bound to or connected to anything but loopback (a listener on
    0.0.0.0 or :: takes connections from the network). Not yet bound (port 0)
    or not connected (a listener's remote end) is no address."""

    def kept(ip: IPAddress, port: int) -> bool:
        mapped = getattr(ip, "ipv4_mapped", None)
        return (mapped or ip).is_loopback or (ip.is_unspecified and port == 0)

    return [s for s in sockets if not (kept(*s.local) and kept(*s.remote))]


def _descriptors(pid: int) -> list[Path]:
    try:
        return list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # the process ended meanwhile
        return []


def _address(hexed: str) -> tuple[IPAddress, int]:
    """/proc/net's ADDRESS:PORT: the address in 32-bit words of host byte order."""
    host, port = hexed.split(":")
    raw = b"".join(int(host[i : i + 8], 16).to_bytes(4, "little") for i in range(0, len(host), 8))
    return ipaddress.ip_address(raw), int(port, 16)


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()[-40:]
    except OSError:
        return "?"
