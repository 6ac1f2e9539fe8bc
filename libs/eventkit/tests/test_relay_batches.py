"""The relay's batched produce (record batches per partition) against the real broker."""

from __future__ import annotations

import asyncio
from typing import Any

import kit
import pytest
from aiokafka.errors import KafkaTimeoutError
from sqlalchemy import func, select

from devstack.harness import TestInfra
from eventkit.service import Chassis


async def test_batched_relay_keeps_order_per_aggregate_across_claims_and_big_rows(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> None:
    Thing = kit.event_class(topic)
    things = [kit.new_id() for _ in range(7)]
    big = "x" * 300_000  # larger than one producer batch (256 KiB): sent on its own
    async with kit.uow_factory(kit_chassis)() as uow:
        for seq in range(1, 61):
            for thing in things:
                name = big if (seq, thing) == (30, things[2]) else None
                await uow.publish(Thing(thing_id=thing, seq=seq, name=name), sequence=seq)
        await uow.commit()

    kit_chassis.settings.relay_batch_size = 97  # many claims, batches cut mid-aggregate
    stop = asyncio.Event()
    relay = asyncio.create_task(kit_chassis.run_relay(stop))
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=420, timeout_s=30)
    stop.set()
    await relay
    assert len(records) == 420
    by_key: dict[bytes, list[int]] = {}
    partition_of: dict[bytes, set[int]] = {}
    for r in sorted(records, key=lambda r: (r.partition, r.offset)):
        by_key.setdefault(r.key, []).append(int(dict(r.headers)["ce_sequence"]))
        partition_of.setdefault(r.key, set()).add(r.partition)
    assert all(seqs == list(range(1, 61)) for seqs in by_key.values())
    assert all(len(parts) == 1 for parts in partition_of.values())
    assert len({p for parts in partition_of.values() for p in parts}) > 1  # spread out
    assert any(len(r.value) > 300_000 for r in records)


async def test_a_failed_send_in_the_pipelined_drain_leaves_later_rows_unmarked_and_unlocked(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> None:
    """The drain claims the next batch while one is on the wire: when a send fails, the
    batches before it stay marked, the failed one and the one claimed ahead are neither
    marked nor left locked, and the next drain publishes exactly those."""
    Thing = kit.event_class(topic)
    async with kit.uow_factory(kit_chassis)() as uow:
        for seq in range(1, 31):
            await uow.publish(Thing(thing_id=kit.new_id(), seq=seq), sequence=seq)
        await uow.commit()

    relay = kit_chassis.relay()
    relay.batch_size = 10
    real_publish = relay._publish
    sends = 0

    async def publish_failing_second(rows: Any) -> None:
        nonlocal sends
        sends += 1
        if sends == 2:  # the broker times out on the second batch
            raise KafkaTimeoutError()
        await real_publish(rows)

    await relay.producer.start()
    try:
        relay._publish = publish_failing_second  # type: ignore[method-assign]
        with pytest.raises(KafkaTimeoutError):
            await relay.drain()
        assert await _unpublished(kit_chassis) == 20

        relay._publish = real_publish  # type: ignore[method-assign]
        assert await relay.drain() == 20  # nothing was left locked by the aborted drain
        assert await _unpublished(kit_chassis) == 0
    finally:
        await relay.producer.stop()
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=30, timeout_s=30)
    assert sorted(int(dict(r.headers)["ce_sequence"]) for r in records) == list(range(1, 31))


async def _unpublished(c: Chassis) -> int:
    t = kit.outbox
    async with c.engine.connect() as conn:
        query = select(func.count()).select_from(t).where(t.c.published_at.is_(None))
        return int(await conn.scalar(query) or 0)
