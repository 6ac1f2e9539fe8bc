"""Faults on the cluster topology, under load, with nothing lost (``make chaos
TOPOLOGY=cluster``: every fault; ``pytest tests/chaos/test_cluster_chaos.py``: a reduced set
of four). Not part of ``make test`` (tests/chaos/conftest.py): it takes about 35 minutes.

Three Kafka nodes (replication 3, min.insync.replicas 2, no unclean election), a Postgres
primary with a synchronous standby, and two of every process: the brokers' leader and the
quorum's controller are killed, a broker is paused and cut off the others, the active
relays, an API replica and a worker are killed, the Postgres primary is killed and its
standby promoted. Clients retry a request that got no answer with the same Idempotency-Key.
After each fault the suite proves what the single-node suite proves (runner.check) and
measures how long writes were unavailable and how long the backlog took to drain."""

from __future__ import annotations

import math
import os
import platform as host
from collections.abc import Iterator

import pytest
from cluster_faults import CLUSTER_FAULTS, ClusterFault
from runner import (
    COLUMNS_EXPLAINED,
    DURATION_S,
    FAULT_AT_S,
    FULL,
    MIN_WINDOW_S,
    RATE_PER_S,
    check,
    steps_row,
    under_load,
    verdict_row,
    when_row,
    write_report,
)

from devstack.load import ERASING_EVERY, RETRY_FOR_S
from devstack.platform import CLUSTER, ChaosPlatform

RESULTS: list[dict[str, object]] = []


@pytest.fixture(scope="module")
def cluster(infra: object) -> Iterator[ChaosPlatform]:  # infra: jars and CI strictness
    p = ChaosPlatform.start(CLUSTER)
    try:
        yield p
    finally:
        p.stop()
        _write_report()


SELECTED = [f for f in CLUSTER_FAULTS if FULL or f.in_reduced_run]


def _s(seconds: float) -> str:
    return "never" if math.isinf(seconds) else f"{seconds:.1f}"


# the first test also starts the platform (3 brokers, 2 Postgres, 24 processes): on a busy
# 2-core machine that alone has taken ten minutes
@pytest.mark.timeout(2400)
@pytest.mark.parametrize("fault", SELECTED, ids=[f.name for f in SELECTED])
async def test_nothing_lost_on_the_cluster_under(
    fault: ClusterFault, cluster: ChaosPlatform
) -> None:
    run = "cluster-" + fault.name.replace(" ", "-").replace("-9", "9")
    done = await under_load(
        cluster, run, fault.strike, fault.repair, duration_s=DURATION_S, retry_unknown=True
    )
    availability, attempts = done.availability()
    RESULTS.append(
        {
            "fault": fault.name,
            "what": fault.description,
            **steps_row(done.load),
            **verdict_row(done.verdict),
            "first write after fault s": _s(done.first_write_after_fault_s()),
            "write availability": f"{availability:.0%} of {attempts}",
            "repaired after s": f"{done.repaired_at - done.fault_at:.1f}",
            "drained after repair s": _s(done.recovery_s),
            "client saw": done.client_saw(),
            **when_row(),
        }
    )
    check(fault.name, done, cluster.logs)


def _write_report() -> None:
    if not RESULTS or not os.environ.get("CHAOS_REPORT"):
        return
    write_report(
        "cluster",
        "# Fault injection report: the cluster topology",
        f"Command: `make chaos TOPOLOGY=cluster` (CHAOS_MODE={'full' if FULL else 'reduced'}); "
        f"{RATE_PER_S:.0f} people/s start a journey through the gateway for {DURATION_S:.0f} s "
        f"per fault and on until the fault is repaired (register, sign in, save a profile; one "
        f"in {ERASING_EVERY} then asks to be erased), fault at t={FAULT_AT_S:.0f} s. Three "
        "Kafka nodes (combined controller and broker, topics with replication 3, "
        "min.insync.replicas 2, unclean leader election off), a PostgreSQL primary with a "
        "synchronous streaming standby (services on a multi-host URL with "
        "target_session_attrs=read-write), two API replicas per service behind the gateway "
        "(Caddy, health-checked), two relays per service (one active), two workers per "
        "service in one consumer group. Clients send requests that got no answer again, with "
        f"the same Idempotency-Key, for up to {RETRY_FOR_S:.0f} s. Machine: "
        f"{os.cpu_count()} cores, {host.platform()}, shared and noisy. The single-node "
        "report: chaos.md.",
        f"{COLUMNS_EXPLAINED} A request counts once, by its final outcome after the client's "
        "retries. 'first write after fault s' = from the fault to the first write "
        "acknowledged among those sent after it. 'write availability' = the share of write "
        "attempts (retries included) started between the fault and its repair (at least "
        f"{MIN_WINDOW_S:.0f} s) that were acknowledged. 'repaired after s' = from the fault "
        "until redundancy was back (the remedy's end: every partition with all replicas in "
        "sync and its preferred leader, the standby streaming synchronously, every process "
        "running). 'drained after repair s' = from then until every acknowledged request had "
        "its effects downstream. 'client saw' = the attempts that got no answer (by what the "
        "client saw) or an error status, and how many requests were sent again.",
        RESULTS,
    )
