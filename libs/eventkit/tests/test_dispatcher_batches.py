"""A consumed batch is one transaction, against the real broker and Postgres: duplicates
inside a batch, a poison message in the middle of one, and a crash around the commit."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import kit
import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from sqlalchemy import func, select, text

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from devstack.harness import TestInfra
from eventkit.aggregate import AggregateRoot, DomainEvent
from eventkit.consumer import EventDispatcher
from eventkit.service import Chassis
from eventkit.uow import UnitOfWork

KIT = Path(kit.__file__)


async def send_all(p: AIOKafkaProducer, topic: str, key: str, events: Sequence[CloudEvent]) -> None:
    """All on one key (one partition), all on the broker before any worker starts, so the
    worker's first poll returns them together."""
    for ce in events:
        await p.send_and_wait(
            topic, key=key.encode(), value=ce.kafka_value(), headers=ce.kafka_headers()
        )


def spy_batches(d: EventDispatcher[UnitOfWork]) -> list[list[ConsumerRecord[Any, Any]]]:
    """Record every batch the subscriber hands the dispatcher."""
    batches: list[list[ConsumerRecord[Any, Any]]] = []
    handle_batch = d.handle_batch

    async def spy(records: Sequence[ConsumerRecord[Any, Any]]) -> list[str]:
        batches.append(list(records))
        return await handle_batch(records)

    d.handle_batch = spy  # type: ignore[method-assign]
    return batches


def ce_ids(records: Sequence[ConsumerRecord[Any, Any]]) -> list[str]:
    return [dict(r.headers)["ce_id"].decode() for r in records]


async def effects_per_event(c: Chassis, thing: str) -> Counter[str]:
    e = kit.effects
    async with c.engine.connect() as conn:
        rows = (await conn.execute(select(e.c.event_id).where(e.c.aggregate_id == thing))).all()
    return Counter(r.event_id for r in rows)


async def transactions_of_effects(c: Chassis, thing: str) -> int:
    """How many transactions wrote this thing's effects (Postgres' ``xmin`` of each row)."""
    async with c.engine.connect() as conn:
        return int(
            await conn.scalar(
                text("SELECT count(DISTINCT xmin::text) FROM kit.effects WHERE aggregate_id = :a"),
                {"a": thing},
            )
            or 0
        )


async def run_worker_until(
    c: Chassis, d: EventDispatcher[UnitOfWork], thing: str, expected: int, timeout_s: float = 20
) -> None:
    async with kit.worker_running(c, d):
        await kit.eventually(lambda: kit.count_effects(c, thing), expected, timeout_s=timeout_s)
        await asyncio.sleep(1.0)  # time for an extra (wrong) effect to show up


async def test_a_clean_batch_commits_in_one_transaction(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    thing = str(kit.new_id())
    events = [kit.envelope(thing, seq) for seq in range(1, 21)]
    await send_all(producer, topic, thing, events)
    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    batches = spy_batches(d)
    await run_worker_until(kit_chassis, d, thing, 20)

    assert [len(b) for b in batches] == [20]
    assert await effects_per_event(kit_chassis, thing) == Counter(ce.id for ce in events)
    assert await transactions_of_effects(kit_chassis, thing) == 1


async def test_a_duplicate_inside_one_batch_has_one_effect(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    thing = str(kit.new_id())
    first, second = kit.envelope(thing, 1), kit.envelope(thing, 2)
    await send_all(producer, topic, thing, [first, first, second, first])
    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    batches = spy_batches(d)
    await run_worker_until(kit_chassis, d, thing, 2)

    assert any(ce_ids(b).count(first.id) == 3 for b in batches)  # all copies in one batch
    assert await effects_per_event(kit_chassis, thing) == Counter({first.id: 1, second.id: 1})


async def test_a_poison_message_in_the_middle_does_not_poison_the_batch(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer, infra: TestInfra
) -> None:
    thing = str(kit.new_id())
    good = [kit.envelope(thing, 1), kit.envelope(thing, 3), kit.envelope(thing, 5)]
    failing = kit.envelope(thing, 2, explode=True)  # the handler always raises
    poison = kit.envelope(thing, -4)  # the handler says PoisonMessage
    await send_all(producer, topic, thing, [good[0], failing, good[1], poison, good[2]])
    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    batches = spy_batches(d)
    await run_worker_until(kit_chassis, d, thing, 3)

    assert any(len(b) == 5 for b in batches)  # they really came as one batch
    # each good event committed exactly once, in order, despite the batch's rollback
    assert await effects_per_event(kit_chassis, thing) == Counter(ce.id for ce in good)
    dead = await kit.read_topic(infra.kafka_bootstrap, topic + ".dlq", expected=2)
    by_id = {dict(r.headers)["ce_id"].decode(): dict(r.headers) for r in dead}
    assert set(by_id) == {failing.id, poison.id}
    assert by_id[failing.id]["dlq_error_class"] == b"RuntimeError"
    assert by_id[failing.id]["dlq_attempts"] == b"3"  # bounded retries, then the DLQ
    assert by_id[poison.id]["dlq_error_class"] == b"PoisonMessage"


@pytest.mark.parametrize(
    ("fault", "effects_after_crash"),
    [("consumer.before_commit", 0), ("consumer.after_commit", 10)],
)
async def test_a_crash_around_the_batch_commit_leaves_exactly_one_effect(
    kit_chassis: Chassis,
    kit_db: str,
    topic: str,
    producer: AIOKafkaProducer,
    infra: TestInfra,
    fault: str,
    effects_after_crash: int,
) -> None:
    thing = str(kit.new_id())
    events = [kit.envelope(thing, seq) for seq in range(1, 11)]
    await send_all(producer, topic, thing, events)
    group = kit_chassis.settings.consumer_group

    # 1. a worker process takes the batch and is SIGKILLed at the fault point
    env = {
        **os.environ,
        "DATABASE_URL": kit_db,
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "EVENTKIT_FAULTS": fault,
        "KIT_GROUP": group,
        "KIT_TOPIC": topic,
    }
    proc = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, str(KIT), "worker"],
        env=env,
        cwd=KIT.parent,
        timeout=90,
        capture_output=True,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    assert await kit.count_effects(kit_chassis, thing) == effects_after_crash

    # 2. a healthy worker of the same group gets the batch again (its offsets were never
    #    committed); the inbox makes the replay harmless
    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    batches = spy_batches(d)
    async with kit.worker_running(kit_chassis, d):
        # the killed member holds its partitions until its session times out
        await kit.eventually(lambda: _redelivered(batches), 10, timeout_s=60)
        await kit.eventually(lambda: kit.count_effects(kit_chassis, thing), 10)
        await asyncio.sleep(1.0)
    assert await effects_per_event(kit_chassis, thing) == Counter(ce.id for ce in events)


async def _redelivered(batches: list[list[ConsumerRecord[Any, Any]]]) -> int:
    return sum(len(b) for b in batches)


@dataclass(kw_only=True, eq=False)
class _Echoed(DomainEvent):
    seq: int


@dataclass(kw_only=True, eq=False)
class _Echo(AggregateRoot):
    thing_id: UUID


async def test_events_of_tracked_aggregates_keep_the_correlation_of_their_cause(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    """Integration events mapped from domain events are written at the batch's one commit;
    each still carries the correlation id of the consumed event that caused it."""
    thing = str(kit.new_id())
    events = [kit.envelope(thing, seq) for seq in range(1, 4)]
    await send_all(producer, topic, thing, events)
    Echo = kit.event_class(topic + ".echo")

    def to_integration(aggregate: AggregateRoot, event: DomainEvent) -> list[IntegrationEvent]:
        assert isinstance(aggregate, _Echo) and isinstance(event, _Echoed)
        return [Echo(thing_id=aggregate.thing_id, seq=event.seq)]

    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    d.uow_factory = lambda: UnitOfWork(
        kit_chassis.sessions, kit_chassis.outbox, kit_chassis.inbox, to_integration
    )
    record_effect = d.routes["kit.thing.happened"].handler
    echo = _Echo(thing_id=UUID(thing))  # one aggregate changed by every event of the batch

    async def echoing(event: kit.ThingHappenedBase, ce: CloudEvent, uow: UnitOfWork) -> None:
        await record_effect(event, ce, uow)
        uow.track(echo)
        echo.record(_Echoed(seq=event.seq))

    d.routes["kit.thing.happened"].handler = echoing
    batches = spy_batches(d)
    await run_worker_until(kit_chassis, d, thing, 3)

    assert [len(b) for b in batches] == [3]
    o = kit.outbox
    async with kit_chassis.engine.connect() as conn:
        rows = (await conn.execute(select(o.c.payload, o.c.headers).order_by(o.c.position))).all()
    assert [r.payload["seq"] for r in rows] == [1, 2, 3]
    assert [r.headers["ce_correlationid"] for r in rows] == [ce.id for ce in events]
    async with kit_chassis.engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(kit.inbox)) == 3
