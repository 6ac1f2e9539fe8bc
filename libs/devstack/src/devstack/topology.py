"""What a local platform is made of: how many Kafka nodes, whether Postgres has a standby,
and how many processes of each kind every service runs.

``single`` (the default of ``make run`` and ``make test``): one broker, one Postgres, one
API, relay and worker per service. ``cluster`` (``make run TOPOLOGY=cluster``,
``DEVSTACK_TOPOLOGY=cluster`` for the harness): the production settings on one machine,
three combined controller+broker Kafka nodes (replication 3, ``min.insync.replicas`` 2, no
unclean leader election), a Postgres primary with a synchronous streaming standby, and two
of every process: two APIs behind the gateway's load balancing, two relays of which one is
active (the outbox's leader election), two workers in one consumer group.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: the processes every service runs, by role, in start order
ROLES = ("api", "relay", "worker")
#: API replica n (n >= 2) of a service listens on its route-table port + STEP * (n - 1)
API_REPLICA_PORT_STEP = 10


@dataclass(frozen=True)
class Topology:
    name: str
    kafka_nodes: int
    postgres_standby: bool
    replicas: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType(dict.fromkeys(ROLES, 1))
    )

    @property
    def api_replicas(self) -> int:
        return self.replicas.get("api", 1)


SINGLE = Topology("single", kafka_nodes=1, postgres_standby=False)
CLUSTER = Topology(
    "cluster",
    kafka_nodes=3,
    postgres_standby=True,
    replicas=MappingProxyType(dict.fromkeys(ROLES, 2)),
)
TOPOLOGIES = {t.name: t for t in (SINGLE, CLUSTER)}


def topology_named(name: str) -> Topology:
    try:
        return TOPOLOGIES[name.strip() or SINGLE.name]
    except KeyError:
        raise ValueError(
            f"unknown topology {name!r}: choose one of {', '.join(TOPOLOGIES)}"
        ) from None


def topology_from_env() -> Topology:
    """``DEVSTACK_TOPOLOGY`` (``make run TOPOLOGY=…`` sets it), else ``single``."""
    return topology_named(os.environ.get("DEVSTACK_TOPOLOGY", ""))


def replica_name(base: str, replica: int) -> str:
    """``profiles-api`` for the first replica, ``profiles-api-2`` for the second, …"""
    return base if replica == 1 else f"{base}-{replica}"
