"""The relay's batched produce (record batches per partition) against the real broker."""

from __future__ import annotations

import asyncio

import kit

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
