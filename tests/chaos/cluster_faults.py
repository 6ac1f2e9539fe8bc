"""The faults of the cluster topology (three Kafka nodes, a Postgres primary with a
synchronous standby, two of every process), each a strike and the remedy an operator (or
Kubernetes, Strimzi, CloudNativePG) applies. The remedy returns once redundancy is back:
every partition with all its replicas in sync and its preferred leader, the standby
streaming synchronously again, every process running."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from devstack.platform import ISOLATABLE_NODE, RESTART_TIMEOUT_S, SERVICES, ChaosPlatform
from devstack.waiting import wait_until

#: a paused or cut-off broker stays so past the controller's broker session timeout (9 s)
PAUSE_S = 14.0
#: how long a killed broker stays down (its partitions' leadership moves meanwhile)
DOWN_S = 5.0
#: the topics the journeys write to: their partitions are the busiest
LOAD_TOPICS = [
    "profiles.account.v1",
    "profiles.person.v1",
    "profiles.privacy.v1",
    *(f"{s}.privacy.v1" for s in SERVICES if s != "profiles"),
]
SETTLE_TIMEOUT_S = 300.0

Action = Callable[[ChaosPlatform], None]


@dataclass(frozen=True)
class ClusterFault:
    name: str
    description: str
    strike: Action
    repair: Action
    in_reduced_run: bool = False


@dataclass
class _Struck:
    """What a strike chose (a node, relay roles), for its repair."""

    node: int = 0
    roles: dict[str, str] = field(default_factory=dict)


def _settle(p: ChaosPlatform) -> None:
    wait_until(p.settled, SETTLE_TIMEOUT_S, interval=1.0, what="Kafka partitions in sync")


def _restart_node(struck: _Struck) -> Action:
    def repair(p: ChaosPlatform) -> None:
        p.restart_kafka(struck.node)
        _settle(p)

    return repair


def _kill_busiest_leader() -> ClusterFault:
    struck = _Struck()
    before: dict[tuple[str, int], int] = {}

    def strike(p: ChaosPlatform) -> None:
        before.update(p.end_offsets(LOAD_TOPICS))
        time.sleep(1.0)  # the partitions that grow now are the busiest
        struck.node = p.busiest_leader(LOAD_TOPICS, before)
        p.kill_kafka(signal.SIGKILL, struck.node)
        time.sleep(DOWN_S)

    return ClusterFault(
        "busiest leader kill -9",
        f"the Kafka node leading the partitions written most in the last second SIGKILLed, "
        f"restarted after {DOWN_S:.0f} s",
        strike,
        _restart_node(struck),
        True,
    )


def _kill_controller() -> ClusterFault:
    struck = _Struck()

    def strike(p: ChaosPlatform) -> None:
        struck.node = p.quorum_leader()
        p.kill_kafka(signal.SIGKILL, struck.node)
        time.sleep(DOWN_S)

    return ClusterFault(
        "active controller kill -9",
        f"the node leading the KRaft controller quorum SIGKILLed, restarted after {DOWN_S:.0f} s",
        strike,
        _restart_node(struck),
    )


def _pause_busiest_leader() -> ClusterFault:
    struck = _Struck()
    before: dict[tuple[str, int], int] = {}

    def strike(p: ChaosPlatform) -> None:
        before.update(p.end_offsets(LOAD_TOPICS))
        time.sleep(1.0)
        struck.node = p.busiest_leader(LOAD_TOPICS, before)
        p.kill_kafka(signal.SIGSTOP, struck.node)
        time.sleep(PAUSE_S)

    def repair(p: ChaosPlatform) -> None:
        p.kill_kafka(signal.SIGCONT, struck.node)
        _settle(p)

    return ClusterFault(
        "busiest leader paused",
        f"the Kafka node leading the busiest partitions SIGSTOPped for {PAUSE_S:.0f} s "
        "(past the controller's broker session timeout), then SIGCONT",
        strike,
        repair,
    )


def _cut_off_node() -> ClusterFault:
    def strike(p: ChaosPlatform) -> None:
        p.cut_network(True)
        time.sleep(PAUSE_S)

    def repair(p: ChaosPlatform) -> None:
        p.cut_network(False)
        _settle(p)

    return ClusterFault(
        "broker cut off the others",
        f"Kafka node {ISOLATABLE_NODE}'s links to the other nodes (replication and the "
        f"controller quorum) silently dropped for {PAUSE_S:.0f} s, clients still reaching it; "
        "then closed and healed",
        strike,
        repair,
    )


def _kill_active_relays() -> ClusterFault:
    struck = _Struck()

    def strike(p: ChaosPlatform) -> None:
        struck.roles = {s: p.active_relay(s) for s in SERVICES}
        for service, role in struck.roles.items():
            p.kill(service, role)
        # the standby takes over: its relay holds the lock within its poll interval
        for service, role in struck.roles.items():
            wait_until(
                lambda s=service, r=role: p.active_relay(s) != r,  # type: ignore[misc]
                30,
                what=f"{service}'s standby relay to take over",
            )

    def repair(p: ChaosPlatform) -> None:
        for service, role in struck.roles.items():
            p.start_process(service, role)

    return ClusterFault(
        "active relays kill -9",
        "every service's active outbox relay SIGKILLed at once; each standby takes the lead, "
        "the killed ones are restarted as standbys",
        strike,
        repair,
        True,
    )


def _kill_api_replica() -> ClusterFault:
    def strike(p: ChaosPlatform) -> None:
        p.kill("profiles", "api")

    def repair(p: ChaosPlatform) -> None:
        time.sleep(2.0)
        p.start_process("profiles", "api")
        wait_until(lambda: p.api_ready("profiles"), RESTART_TIMEOUT_S, what="profiles API replicas")

    return ClusterFault(
        "api replica kill -9",
        "one of profiles' two API replicas SIGKILLed mid-traffic, restarted after 2 s; "
        "clients retry requests that got no answer with the same Idempotency-Key",
        strike,
        repair,
        True,
    )


def _kill_worker_mid_batch() -> ClusterFault:
    def strike(p: ChaosPlatform) -> None:
        # restarted armed to SIGKILL itself between its batch's effects and their commit,
        # beside the other worker of the group, which takes its partitions over
        p.process("notifications", "worker").stop(timeout=5)
        p.start_process("notifications", "worker", faults="consumer.before_commit")
        p.wait_exit("notifications", "worker")

    def repair(p: ChaosPlatform) -> None:
        p.start_process("notifications", "worker")

    return ClusterFault(
        "worker kill -9 mid-batch",
        "one of notifications' two workers SIGKILLs itself mid-batch (its effects written, "
        "not committed); the group rebalances to the other, then it is restarted",
        strike,
        repair,
    )


def _postgres_failover() -> ClusterFault:
    def strike(p: ChaosPlatform) -> None:
        p.kill_postgres()
        time.sleep(2.0)  # failure detection, as an operator's or CloudNativePG's
        p.pair.promote_standby()

    def repair(p: ChaosPlatform) -> None:
        p.restart_postgres()  # the old primary rebuilt as the standby, synchronous again

    return ClusterFault(
        "postgres primary kill -9",
        "the primary's postmaster SIGKILLed; 2 s later the synchronous standby is promoted "
        "and services reconnect through their multi-host URL; then the old primary is "
        "rebuilt as the new standby",
        strike,
        repair,
        True,
    )


CLUSTER_FAULTS: tuple[ClusterFault, ...] = (
    _kill_busiest_leader(),
    _kill_controller(),
    _pause_busiest_leader(),
    _cut_off_node(),
    _kill_active_relays(),
    _kill_api_replica(),
    _kill_worker_mid_batch(),
    _postgres_failover(),
)
