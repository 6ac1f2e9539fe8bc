"""After the dust settles: prove nothing was lost, nothing happened twice, order held."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer

from devstack.load import LoadResult

ACCOUNT_TOPIC = "profiles.account.v1"


@dataclass
class Verdict:
    accounts_missing: int  # acknowledged but no row
    accounts_duplicated: int  # acknowledged with more than one row
    rejected_but_stored: int  # a clear "no" that still left a row
    effects_missing: int  # acknowledged but no welcome delivery at notifications
    effects_duplicated: int  # more than one delivery for one event
    topic_duplicates: int  # extra copies on the topic (absorbed by inboxes)
    order_violations: int
    dlq_entries: int
    emails_missing: int

    @property
    def lost(self) -> int:
        return self.accounts_missing + self.effects_missing + self.emails_missing

    @property
    def duplicate_effects(self) -> int:
        return self.accounts_duplicated + self.effects_duplicated


async def delivered(dsn: str, account_ids: list[str]) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(DISTINCT recipient_id) FROM notifications.deliveries"
                " WHERE template = 'welcome' AND recipient_id = ANY($1::uuid[])",
                account_ids,
            )
        )
    finally:
        await conn.close()


async def wait_for_quiet(dsn: str, load: LoadResult, timeout_s: float = 120.0) -> float:
    """Seconds until every acknowledged registration has its effect downstream."""
    start = time.monotonic()
    ids = list(load.acknowledged.values())
    while time.monotonic() - start < timeout_s:
        if await delivered(dsn, ids) == len(ids):
            return time.monotonic() - start
        time.sleep(0.25)
    return float("inf")


async def dead_letters(bootstrap: str) -> int:
    return await _count_all(bootstrap, ACCOUNT_TOPIC + ".dlq")


async def verify(
    dsn: str, bootstrap: str, load: LoadResult, emails_seen: Counter[str], dlq_before: int
) -> Verdict:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT email, count(*) AS n FROM profiles.accounts WHERE email = ANY($1) GROUP BY 1",
            list(load.acknowledged) + list(load.rejected),
        )
        stored = {r["email"]: r["n"] for r in rows}
        effects = await conn.fetch(
            "SELECT recipient_id::text AS id, count(*) AS n FROM notifications.deliveries"
            " WHERE template = 'welcome' AND recipient_id = ANY($1::uuid[]) GROUP BY 1",
            list(load.acknowledged.values()),
        )
    finally:
        await conn.close()
    effect_count = {r["id"]: r["n"] for r in effects}
    ids = set(load.acknowledged.values())
    copies, order_violations = await _scan_topic(bootstrap, ids)
    dlq = await dead_letters(bootstrap) - dlq_before
    return Verdict(
        accounts_missing=sum(1 for e in load.acknowledged if stored.get(e, 0) == 0),
        accounts_duplicated=sum(1 for e in load.acknowledged if stored.get(e, 0) > 1),
        rejected_but_stored=sum(1 for e in load.rejected if stored.get(e, 0) > 0),
        effects_missing=sum(1 for i in ids if effect_count.get(i, 0) == 0),
        effects_duplicated=sum(1 for i in ids if effect_count.get(i, 0) > 1),
        topic_duplicates=sum(n - 1 for n in copies.values() if n > 1),
        order_violations=order_violations,
        dlq_entries=dlq,
        emails_missing=sum(1 for e in load.acknowledged if emails_seen[e] == 0),
    )


async def _scan_topic(bootstrap: str, ids: set[str]) -> tuple[Counter[str], int]:
    """Copies of each event id of this run, and per-aggregate sequence regressions."""
    copies: Counter[str] = Counter()
    last_seq: dict[str, int] = {}
    violations = 0
    for record in await _read_all(bootstrap, ACCOUNT_TOPIC):
        headers = {k: v.decode() for k, v in record.headers}
        if headers.get("ce_subject") not in ids:
            continue
        copies[headers["ce_id"]] += 1
        seq = int(headers.get("ce_sequence", "0"))
        subject = headers["ce_subject"]
        if seq < last_seq.get(subject, 0):
            violations += 1
        last_seq[subject] = max(seq, last_seq.get(subject, 0))
        json.loads(record.value)  # every published payload is well-formed
    return copies, violations


async def _count_all(bootstrap: str, topic: str) -> int:
    return len(await _read_all(bootstrap, topic))


async def _read_all(bootstrap: str, topic: str) -> list:  # type: ignore[type-arg]
    """Every record of ``topic`` from the beginning up to its current end."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,  # no group: all partitions are assigned to us
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        deadline = time.monotonic() + 10
        while not consumer.assignment() and time.monotonic() < deadline:
            await consumer.getmany(timeout_ms=100)
        partitions = list(consumer.assignment())
        end = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        records = []
        while True:
            positions = {tp: await consumer.position(tp) for tp in partitions}
            if all(positions[tp] >= end[tp] for tp in partitions):
                return records
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
