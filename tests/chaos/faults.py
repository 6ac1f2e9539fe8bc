"""The faults, each injected while traffic flows, then repaired the way an operator or
Kubernetes would (restart the process). Each returns when the fault has been repaired."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from devstack.platform import SERVICES, ChaosPlatform

#: a paused process is kept stopped longer than the consumer session timeout (10 s)
PAUSE_S = 14.0


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    inject: Callable[[ChaosPlatform], None]
    in_reduced_run: bool = False


def _kill_restart(service: str, role: str) -> Callable[[ChaosPlatform], None]:
    def run(p: ChaosPlatform) -> None:
        p.kill(service, role)
        time.sleep(1.0)
        p.start_process(service, role)

    return run


def _die_at(
    service: str, role: str, fault_point: str, within_s: float = 240
) -> Callable[[ChaosPlatform], None]:
    """Restart the process armed to SIGKILL itself at a fault point, then restart it clean.

    ``within_s`` covers the armed process' start and its first batch: at a load average of
    21 on the shared 2-core machine, profiles' relay had not got there after 60 s; at 17, the
    notifications worker (rejoining its group after its sibling left) not after 120 s. It
    costs nothing when the process gets there sooner."""

    def run(p: ChaosPlatform) -> None:
        # the armed process runs alone in its role, so it is sure to meet the fault point
        # (a sibling in the same consumer group could otherwise hold every busy partition)
        siblings = [r for r in p.roles[service] if r != role and r.split("-")[0] == role]
        for r in [role, *siblings]:
            p.process(service, r).stop(timeout=5)
        p.start_process(service, role, faults=fault_point)
        p.wait_exit(service, role, timeout=within_s)
        for r in [role, *siblings]:
            p.start_process(service, r)

    return run


def _kafka_kill(p: ChaosPlatform) -> None:
    p.kill_kafka()
    time.sleep(3.0)
    p.restart_kafka()


def _kafka_pause(p: ChaosPlatform) -> None:
    p.kill_kafka(signal.SIGSTOP)
    time.sleep(PAUSE_S)
    p.kill_kafka(signal.SIGCONT)


def _postgres_kill(p: ChaosPlatform) -> None:
    p.kill_postgres()
    time.sleep(2.0)
    p.restart_postgres()


def _consumer_pause(p: ChaosPlatform) -> None:
    p.kill("notifications", "worker", signal.SIGSTOP)
    time.sleep(PAUSE_S)
    p.kill("notifications", "worker", signal.SIGCONT)


def _consumer_cut_off(p: ChaosPlatform) -> None:
    p.cut_network(True)
    time.sleep(PAUSE_S)
    p.cut_network(False)


#: the load (devstack.load.member_journeys) gives every relay and every worker work: profiles
#: publishes accounts, profiles and erasure requests; resources, alliance and notifications
#: consume them and answer the erasure saga through their own outboxes to profiles' worker
FAULTS: tuple[Fault, ...] = (
    Fault("kafka kill -9", "broker SIGKILL, restarted after 3 s", _kafka_kill, True),
    Fault("kafka paused", f"broker SIGSTOP for {PAUSE_S:.0f} s, then SIGCONT", _kafka_pause),
    Fault("postgres kill -9", "postmaster SIGKILL, restarted after 2 s", _postgres_kill, True),
    Fault("api kill -9", "profiles API SIGKILL mid-traffic", _kill_restart("profiles", "api")),
    Fault(
        "relay kill -9",
        "profiles relay SIGKILL at a random moment",
        _kill_restart("profiles", "relay"),
    ),
    *(
        Fault(
            f"{service} relay dies after publish",
            f"{service} relay SIGKILLs itself after publishing, before marking",
            _die_at(service, "relay", "relay.after_publish"),
            service == "profiles",
        )
        for service in SERVICES
    ),
    Fault(
        "consumer kill -9",
        "notifications worker SIGKILL at a random moment",
        _kill_restart("notifications", "worker"),
    ),
    *(
        Fault(
            f"{service} consumer dies {when} commit",
            f"{service} worker SIGKILLs itself {when} its DB commit"
            + (", before the offset commit" if when == "after" else ""),
            _die_at(service, "worker", f"consumer.{when}_commit"),
            (service, when) in {("notifications", "after"), ("resources", "before")},
        )
        for service in SERVICES
        for when in ("before", "after")
    ),
    Fault(
        "email dispatcher dies mid-batch",
        "notifications worker SIGKILLs itself while it sends a batch of emails: one mail "
        "accepted by the SMTP server but not yet marked sent, others in flight",
        # the restarted worker first rejoins its group, then records the welcome emails of
        # the registrations made meanwhile and sends them: slower than a consumer fault
        _die_at("notifications", "worker", "email.sent_before_marked"),
        True,
    ),
    Fault(
        "webhook dispatcher dies mid-batch",
        "notifications worker SIGKILLs itself when a partner's receiver has answered a batch "
        "of webhooks, before it records them: the leases run out and they go out again",
        # the partner's declarations (tests/chaos/partner.py) give the dispatcher its batches
        _die_at("notifications", "worker", "webhook.sent_before_recorded"),
    ),
    Fault(
        "consumer paused",
        f"notifications worker SIGSTOP for {PAUSE_S:.0f} s (past its session timeout)",
        _consumer_pause,
    ),
    Fault(
        "consumer cut off the network",
        f"notifications worker's Kafka and Postgres connections silently dropped for "
        f"{PAUSE_S:.0f} s (past its session timeout), then closed",
        _consumer_cut_off,
        True,
    ),
)
