"""One fault under load, shared by the single-node and the cluster suites.

Traffic flows through the gateway, the fault strikes, the operator's remedy repairs it, then
the run waits for quiet and judges (verify.py). Traffic goes on until the fault is repaired:
a process restarted armed with a fault point must meet it, and a slow repair must not leave
it waiting for traffic that ended."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from partner import PartnerReceiver, declare_needs
from verify import Mailbox, Verdict, dead_letters, verify, wait_for_quiet

from devstack.load import LoadResult, Step, member_journeys
from devstack.paths import repo_root
from devstack.platform import ChaosPlatform

#: CHAOS_MODE=full (the make targets): every fault, longer traffic; else the reduced set
FULL = os.environ.get("CHAOS_MODE", "reduced") == "full"
DURATION_S = 12.0 if FULL else 8.0
RATE_PER_S = 4.0
FAULT_AT_S = 2.0
#: the write availability is judged over the fault's window, at least this long
MIN_WINDOW_S = 5.0

Action = Callable[[ChaosPlatform], None]


@dataclass
class Run:
    load: LoadResult
    verdict: Verdict
    #: effects still missing when waiting for quiet gave up (empty: quiet came)
    missing: dict[str, int]
    fault_at: float
    repaired_at: float
    #: from the repair until every acknowledged request had its effects downstream
    recovery_s: float
    #: the partner's sector needs acknowledged (each a promised webhook), if one was there
    declared: Step | None = None
    #: from quiet (every other effect there) until the last promised webhook arrived
    webhooks_s: float = 0.0

    def first_write_after_fault_s(self) -> float:
        """From the fault to the first write acknowledged among those sent after it."""
        done = [
            a.ended
            for a in self.load.attempts
            if a.outcome == "acknowledged" and a.started >= self.fault_at
        ]
        return min(done) - self.fault_at if done else float("inf")

    def availability(self) -> tuple[float, int]:
        """Share of the write attempts started in the fault's window that were answered
        with success, and how many attempts that was."""
        end = max(self.repaired_at, self.fault_at + MIN_WINDOW_S)
        window = [a for a in self.load.attempts if self.fault_at <= a.started <= end]
        ok = sum(1 for a in window if a.outcome == "acknowledged")
        return (ok / len(window) if window else 1.0), len(window)

    def client_saw(self) -> str:
        """The answers that were not successes (no answer, by why; error statuses), and
        how many requests were sent again after getting no answer."""
        seen = dict(self.load.no_answer)
        for status, n in sorted(self.load.statuses.items()):
            if status >= 400 and status not in (502, 504):
                seen[f"HTTP {status}"] = n
        parts = [f"{what} x{n}" for what, n in sorted(seen.items())]
        if self.load.retried:
            parts.append(f"{self.load.retried} retried")
        return ", ".join(parts) or "no errors"


async def under_load(
    platform: ChaosPlatform,
    run: str,
    strike: Action,
    repair: Action | None = None,
    *,
    duration_s: float,
    retry_unknown: bool = False,
    partner: PartnerReceiver | None = None,
) -> Run:
    """Traffic for ``duration_s`` and until repaired; ``strike`` at FAULT_AT_S, then
    ``repair`` (when the fault and its repair are not one action). With ``partner``, a
    government declares sector needs meanwhile and the partner's receiver counts their
    webhooks."""
    repaired = asyncio.Event()
    marks: dict[str, float] = {}

    async def fault() -> None:
        await asyncio.sleep(FAULT_AT_S)
        try:
            marks["fault"] = time.monotonic()
            await asyncio.to_thread(strike, platform)
            if repair is not None:
                await asyncio.to_thread(repair, platform)
        finally:
            marks["repaired"] = time.monotonic()
            repaired.set()

    dlq_before = await dead_letters(platform.bootstrap)
    load_task = asyncio.create_task(
        member_journeys(
            platform.gateway.url,
            run,
            rate_per_s=RATE_PER_S,
            duration_s=duration_s,
            until=repaired,
            retry_unknown=retry_unknown,
        )
    )
    needs_task = (
        asyncio.create_task(
            declare_needs(platform.gateway.url, duration_s=duration_s, until=repaired)
        )
        if partner is not None
        else None
    )
    await fault()
    load = await load_task
    declared = await needs_task if needs_task is not None else None

    def mailbox() -> Mailbox:
        return Mailbox.of(platform.smtp.messages())

    quiet_after, missing = await wait_for_quiet(platform.admin_dsn, load, mailbox)
    webhooks_from = time.monotonic()
    if partner is not None and declared is not None:
        await partner.wait_for(declared, timeout_s=120.0)
    webhooks_s = time.monotonic() - webhooks_from
    recovery = time.monotonic() - marks["repaired"] if quiet_after != float("inf") else float("inf")
    await asyncio.sleep(2.0)  # let stragglers (duplicates, late emails) show up before counting
    verdict = await verify(platform.admin_dsn, platform.bootstrap, load, mailbox(), dlq_before)
    if partner is not None and declared is not None:
        webhooks = partner.count(declared)
        verdict = replace(
            verdict,
            webhooks_missing=webhooks.missing,
            webhooks_duplicated=webhooks.duplicated,
            webhook_copies_with_same_id=webhooks.copies_with_same_id,
        )
    return Run(
        load, verdict, missing, marks["fault"], marks["repaired"], recovery, declared, webhooks_s
    )


def check(name: str, done: Run, logs: Callable[[], str]) -> None:
    """The promises: something succeeded, nothing lost, nothing twice, no refusal that
    happened anyway, order held, nothing dead-lettered."""
    verdict = done.verdict
    assert done.load.acknowledged, f"no request succeeded under {name}: {done.load.statuses}"
    # the verdict both before and after the logs: a CI excerpt may show either end
    summary = f"{name}: {verdict}; still missing at the deadline: {done.missing}"
    assert verdict.lost == 0, f"{summary}\n{logs()}\n{summary}"
    assert verdict.duplicate_effects == 0, summary
    assert verdict.refused_but_done == 0, summary
    assert verdict.order_violations == 0, summary
    assert verdict.dlq_entries == 0, summary


def when_row() -> dict[str, object]:
    """When a fault's run ended and how busy the shared machine was then: its numbers are
    only comparable with runs under a similar load."""
    return {
        "ended (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "load average 1/5/15 min": "/".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def steps_row(load: LoadResult) -> dict[str, object]:
    steps = (load.registrations, load.profiles, load.erasures)
    return {
        "requests": load.requests,
        "acknowledged": sum(len(s.acknowledged) for s in steps),
        "refused": sum(len(s.rejected) for s in steps),
        "unknown": sum(len(s.unknown) for s in steps),
        "erasures": len(load.erasures.acknowledged),
    }


def verdict_row(verdict: Verdict) -> dict[str, object]:
    return {
        "lost": verdict.lost,
        "duplicate effects": verdict.duplicate_effects,
        "emails received twice": verdict.emails_duplicated,
        "copies dropped by Message-ID": verdict.email_copies_with_same_message_id,
        "webhooks missing": verdict.webhooks_missing,
        "webhooks received twice": verdict.webhooks_duplicated,
        "webhook copies dropped by webhook-id": verdict.webhook_copies_with_same_id,
        "topic duplicates absorbed": verdict.topic_duplicates,
        "order violations": verdict.order_violations,
        "new DLQ entries": verdict.dlq_entries,
    }


COLUMNS_EXPLAINED = (
    "'requests' counts the state-changing requests (registrations, profile saves, erasure "
    "requests). 'unknown' = requests with no answer (connection cut, gateway 502) or a 503 (the "
    "platform could not learn whether its commit landed): their "
    "outcome is not known to the client, so they are neither counted as acknowledged nor as "
    "refused. 'lost' = an acknowledged registration missing its row, its welcome delivery at "
    "notifications or its email; a saved profile missing from resources' projection; an "
    "acknowledged erasure not confirmed by every participant. 'duplicate effects' = an "
    "acknowledged registration with two rows or two welcome deliveries, a participant "
    "answering an erasure more often than profiles asked, and a person who received more "
    "than one welcome email as they see it ('emails received twice': messages per "
    "recipient at the SMTP sink, one per Message-ID). 'copies dropped by Message-ID' = "
    "mails the SMTP server received again with the Message-ID of one the person already had "
    "(a worker killed after the server accepted a mail, before marking it sent): mail "
    "software shows them once. 'webhooks missing' / 'webhooks received twice' = a partner's "
    "receiver, subscribed to declared sector needs while a government declares one a second "
    "during the fault: acknowledged declarations whose webhook never arrived / that arrived "
    "under more than one webhook-id (the partner sees them twice; both are also counted in "
    "'lost' and 'duplicate effects'); 'webhook copies dropped by webhook-id' = receipts again "
    "under an id the receiver had (a worker killed after sending, before recording): "
    "receivers deduplicate them. 'topic duplicates absorbed' and 'order violations' are read "
    "from "
    "profiles.account.v1 and profiles.person.v1 (the topics of the registrations, erasures "
    "and saved profiles): a relay that republishes a batch of other topics (privacy answers) "
    "adds copies this column does not count. 'order violations' = events first published "
    "after a later event of their aggregate (a republished copy that follows a later event "
    "is one of the absorbed duplicates). 'new DLQ entries' = records added to any "
    "dead-letter topic during the run."
)


def write_report(
    name: str, title: str, command: str, explained: str, rows: list[dict[str, object]]
) -> None:
    """``docs/reliability/<name>.md`` (a table, one row per fault) and ``<name>.json``."""
    out = repo_root() / "docs" / "reliability"
    out.mkdir(parents=True, exist_ok=True)
    columns = list(rows[0])
    lines = [
        title,
        "",
        command,
        "",
        explained,
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
        *("| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows),
        "",
    ]
    (out / f"{name}.md").write_text("\n".join(lines))
    (out / f"{name}.json").write_text(json.dumps(rows, indent=2) + "\n")
