"""Outbox + relay against real Postgres and Kafka."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import kit
import pytest
from sqlalchemy import func, select

from devstack.harness import TestInfra
from eventkit.service import Chassis

KIT = Path(kit.__file__)


async def outbox_rows(c: Chassis, *, unpublished: bool = False) -> int:
    query = select(func.count()).select_from(kit.outbox)
    if unpublished:
        query = query.where(kit.outbox.c.published_at.is_(None))
    async with c.engine.connect() as conn:
        return int(await conn.scalar(query) or 0)


async def test_rollback_leaves_no_outbox_row(kit_chassis: Chassis, topic: str) -> None:
    Thing = kit.event_class(topic)
    uow = kit.uow_factory(kit_chassis)()
    with pytest.raises(RuntimeError):
        async with uow:
            await uow.publish(Thing(thing_id=kit.new_id(), seq=1))
            raise RuntimeError("the business change failed")
    assert await outbox_rows(kit_chassis) == 0

    async with uow:  # and a commit keeps the row
        await uow.publish(Thing(thing_id=kit.new_id(), seq=1))
        await uow.commit()
    assert await outbox_rows(kit_chassis) == 1


async def test_relay_publishes_in_order_per_aggregate(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> None:
    Thing = kit.event_class(topic)
    things = [kit.new_id() for _ in range(5)]
    async with kit.uow_factory(kit_chassis)() as uow:
        for seq in range(1, 21):
            for thing in things:
                await uow.publish(Thing(thing_id=thing, seq=seq), sequence=seq)
        await uow.commit()

    stop = asyncio.Event()
    relay = asyncio.create_task(kit_chassis.run_relay(stop))
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=100)
    stop.set()
    await relay
    assert len(records) == 100
    by_key: dict[bytes, list[int]] = {}
    for r in sorted(records, key=lambda r: (r.partition, r.offset)):
        by_key.setdefault(r.key, []).append(int(dict(r.headers)["ce_sequence"]))
    assert all(seqs == list(range(1, 21)) for seqs in by_key.values())
    assert await outbox_rows(kit_chassis, unpublished=True) == 0


async def test_relay_killed_after_publish_before_mark_gives_duplicates_but_one_effect(
    kit_chassis: Chassis, kit_db: str, topic: str, infra: TestInfra
) -> None:
    Thing = kit.event_class(topic)
    thing = kit.new_id()
    async with kit.uow_factory(kit_chassis)() as uow:
        for seq in range(1, 11):
            await uow.publish(Thing(thing_id=thing, seq=seq), sequence=seq)
        await uow.commit()

    # 1. a relay process publishes the batch, then dies by SIGKILL before marking it
    env = {
        **os.environ,
        "DATABASE_URL": kit_db,
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "EVENTKIT_FAULTS": "relay.after_publish",
    }
    proc = subprocess.run(
        [sys.executable, str(KIT)], env=env, cwd=KIT.parent, timeout=60, capture_output=True
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert await outbox_rows(kit_chassis, unpublished=True) == 10
    assert len(await kit.read_topic(infra.kafka_bootstrap, topic, expected=10)) == 10

    # 2. a healthy relay takes over and publishes the same rows again: duplicates on the topic
    stop = asyncio.Event()
    relay = asyncio.create_task(kit_chassis.run_relay(stop))
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=20)
    stop.set()
    await relay
    assert len(records) == 20
    assert len({dict(r.headers)["ce_id"] for r in records}) == 10
    assert await outbox_rows(kit_chassis, unpublished=True) == 0

    # 3. the consumer's inbox absorbs them: exactly one effect per event
    stop = asyncio.Event()
    ready = asyncio.Event()
    worker = asyncio.create_task(
        kit_chassis.run_worker(kit.dispatcher(kit_chassis, Thing), stop, ready=ready)
    )
    await kit.eventually(lambda: kit.count_effects(kit_chassis, str(thing)), 10)
    await asyncio.sleep(1.0)  # give any duplicate effect the chance to appear
    stop.set()
    await worker
    assert await kit.count_effects(kit_chassis, str(thing)) == 10


async def test_only_one_relay_leads_and_notify_wakes_it(
    kit_db: str, topic: str, infra: TestInfra
) -> None:
    # a poll interval far longer than the test: only NOTIFY can explain a prompt publish
    first = kit.chassis(kit_db, infra.kafka_bootstrap)
    second = kit.chassis(kit_db, infra.kafka_bootstrap)
    for c in (first, second):
        c.settings.relay_poll_interval_s = 60.0
    relays = [first.relay(), second.relay()]
    stop = asyncio.Event()
    tasks = []
    for relay in relays:
        await relay.producer.start()
        tasks.append(asyncio.create_task(relay.run(stop)))
    try:
        await kit.eventually(lambda: _leaders(relays), 1)
        await asyncio.sleep(0.5)
        assert await _leaders(relays) == 1  # the other one stands by

        await asyncio.sleep(1.0)  # both are now idle, waiting
        Thing = kit.event_class(topic)
        async with kit.uow_factory(first)() as uow:
            await uow.publish(Thing(thing_id=kit.new_id(), seq=1))
            await uow.commit()
        records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=1, timeout_s=10)
        assert len(records) == 1
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        for relay in relays:
            await relay.producer.stop()
        await first.dispose()
        await second.dispose()


async def _leaders(relays: list[object]) -> int:
    return sum(1 for r in relays if getattr(r, "is_leader", False))


async def test_a_stopped_leader_hands_over_before_its_pool_closes(
    kit_db: str, topic: str, infra: TestInfra
) -> None:
    """The advisory lock belongs to the database session: a stopped relay whose connection
    went back to the pool (the engine not disposed yet) must not keep leading in absentia."""
    first = kit.chassis(kit_db, infra.kafka_bootstrap)
    second = kit.chassis(kit_db, infra.kafka_bootstrap)
    for c in (first, second):
        c.settings.relay_poll_interval_s = 0.2
    one, two = first.relay(), second.relay()
    stop_one, stop_two = asyncio.Event(), asyncio.Event()
    await one.producer.start()
    await two.producer.start()
    task_one = asyncio.create_task(one.run(stop_one))
    try:
        await kit.eventually(lambda: _leaders([one]), 1)
        stop_one.set()
        await task_one  # ``first``'s pool still holds the connection that took the lock
        task_two = asyncio.create_task(two.run(stop_two))
        await kit.eventually(lambda: _leaders([two]), 1)
        Thing = kit.event_class(topic)
        async with kit.uow_factory(second)() as uow:
            await uow.publish(Thing(thing_id=kit.new_id(), seq=1))
            await uow.commit()
        records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=1, timeout_s=10)
        assert len(records) == 1
        stop_two.set()
        await task_two
    finally:
        stop_one.set()
        stop_two.set()
        await one.producer.stop()
        await two.producer.stop()
        await first.dispose()
        await second.dispose()
