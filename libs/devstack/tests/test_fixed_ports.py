"""The devstack's fixed ports stay out of the range the kernel hands to outgoing connections:
a client socket holding a broker's port as its local end made the broker fail to bind."""

from __future__ import annotations

from pathlib import Path

from devstack import harness, paths, platform
from devstack.kafka import NODE_PORTS, RELAY_PORTS

#: Linux's default ip_local_port_range
EPHEMERAL_LOW = 32768

#: each fixed port, and how many ports from it the process listens on (a broker: its client
#: listener, its controller and the chaos stack's cuttable listener; a cluster: four per node,
#: and the chaos cluster's network-cut relay two more per node; a Postgres pair: two servers)
CLUSTER_KAFKA = 3 * NODE_PORTS
FIXED = {
    "dev Kafka": (paths.KAFKA_PORT, CLUSTER_KAFKA),
    "dev Postgres": (paths.POSTGRES_PORT, 2),
    "dev SMTP": (paths.SMTP_PORT, 1),
    "dev gateway": (paths.GATEWAY_PORT, 1),
    "test Kafka": (harness.TEST_KAFKA_PORT, CLUSTER_KAFKA),
    "test Postgres": (harness.TEST_PG_PORT, 2),
    "test SMTP": (harness.TEST_SMTP_PORT, 1),
    "chaos Kafka": (platform.CHAOS_KAFKA_PORT, 3),
    "chaos Postgres": (platform.CHAOS_PG_PORT, 1),
    "chaos cluster Kafka": (platform.CHAOS_CLUSTER_KAFKA_PORT, 3 * (NODE_PORTS + RELAY_PORTS)),
    "chaos cluster Postgres": (platform.CHAOS_CLUSTER_PG_PORT, 2),
}


def ephemeral_low() -> int:
    range_file = Path("/proc/sys/net/ipv4/ip_local_port_range")
    if range_file.exists():
        return min(EPHEMERAL_LOW, int(range_file.read_text().split()[0]))
    return EPHEMERAL_LOW


def test_no_fixed_port_is_in_the_ephemeral_range() -> None:
    low = ephemeral_low()
    assert {name: port for name, (port, span) in FIXED.items() if port + span - 1 >= low} == {}


def test_no_two_fixed_ports_overlap() -> None:
    taken: dict[int, str] = {}
    for name, (port, span) in FIXED.items():
        for p in range(port, port + span):
            assert p not in taken, f"{name} and {taken[p]} both use {p}"
            taken[p] = name
