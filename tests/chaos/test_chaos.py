"""Fault injection with nothing lost (``make chaos``: every fault; CI: a reduced set).

For each fault: traffic flows through the gateway, the fault strikes and is repaired, then
the suite waits for quiet and proves that every acknowledged request has exactly one row and
exactly one effect downstream, that clear refusals left nothing, that duplicates on the topic
were absorbed, that per-aggregate order held and that nothing went to a dead-letter topic.
A partner's receiver counts its webhooks per webhook-id meanwhile (partner.py): each
declared sector need arrives, under one webhook-id however often it is sent."""

from __future__ import annotations

import os
import platform as host
from collections.abc import Iterator

import pytest
from faults import FAULTS, Fault
from partner import PartnerReceiver
from runner import (
    COLUMNS_EXPLAINED,
    DURATION_S,
    FAULT_AT_S,
    FULL,
    RATE_PER_S,
    check,
    steps_row,
    under_load,
    verdict_row,
    when_row,
    write_report,
)

from devstack.load import ERASING_EVERY
from devstack.platform import ChaosPlatform

RESULTS: list[dict[str, object]] = []


@pytest.fixture(scope="module")
def platform(infra: object) -> Iterator[ChaosPlatform]:  # infra: jars and CI strictness
    p = ChaosPlatform.start()
    try:
        yield p
    finally:
        p.stop()
        _write_report()


@pytest.fixture(scope="module")
def partner(platform: ChaosPlatform) -> Iterator[PartnerReceiver]:
    """A partner's receiver, subscribed to declared sector needs for the whole module."""
    receiver = PartnerReceiver()
    try:
        receiver.subscribe(platform)
        yield receiver
    finally:
        receiver.close()


SELECTED = [f for f in FAULTS if FULL or f.in_reduced_run]


# the first test also starts the platform (13 processes); a run waits up to 240 s for quiet
@pytest.mark.timeout(900)
@pytest.mark.parametrize("fault", SELECTED, ids=[f.name for f in SELECTED])
async def test_nothing_lost_under(
    fault: Fault, platform: ChaosPlatform, partner: PartnerReceiver
) -> None:
    run = fault.name.replace(" ", "-").replace("-9", "9")
    done = await under_load(platform, run, fault.inject, duration_s=DURATION_S, partner=partner)
    RESULTS.append(
        {
            "fault": fault.name,
            "what": fault.description,
            **steps_row(done.load),
            "webhooks promised": len(done.declared.acknowledged) if done.declared else 0,
            **verdict_row(done.verdict),
            "recovery s": round(done.recovery_s, 1),
            "webhooks after s": round(done.webhooks_s, 1),
            "why unknown": ", ".join(
                f"{why} x{n}" for why, n in sorted(done.load.no_answer.items())
            ),
            **when_row(),
        }
    )
    check(fault.name, done, platform.logs)
    assert done.declared and done.declared.acknowledged, f"no need declared under {fault.name}"
    assert partner.bad_signatures == 0, "a webhook failed its Standard Webhooks signature"


def _write_report() -> None:
    if not RESULTS or not os.environ.get("CHAOS_REPORT"):
        return
    write_report(
        "chaos",
        "# Fault injection report",
        f"Command: `make chaos` (CHAOS_MODE={'full' if FULL else 'reduced'}); "
        f"{RATE_PER_S:.0f} people/s start a journey through the gateway for {DURATION_S:.0f} s "
        f"per fault and on until the fault is repaired (register, sign in, save a profile; one "
        f"in {ERASING_EVERY} then asks to be erased), fault at t={FAULT_AT_S:.0f} s. All four "
        f"services run as API, relay and worker processes. Machine: {os.cpu_count()} cores, "
        f"{host.platform()}, shared and noisy.",
        f"{COLUMNS_EXPLAINED} 'recovery s' = from the repair until every acknowledged request "
        "had its effects downstream. 'webhooks after s' = from then until the last promised "
        "webhook had arrived. 'why unknown' says what the client saw instead of an "
        "answer (its error, e.g. a read timeout after 30 s, or the gateway's 502/504).",
        RESULTS,
    )
