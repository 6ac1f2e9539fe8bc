"""Idempotent consumers and dead-lettering against the real broker."""

from __future__ import annotations

import asyncio

import kit
import pytest
from aiokafka import AIOKafkaProducer

from contracts.envelope import CloudEvent
from devstack.harness import TestInfra
from eventkit.service import Chassis


async def send(
    p: AIOKafkaProducer, topic: str, key: str, ce: CloudEvent | None, **raw: bytes
) -> None:
    if ce is None:  # a raw, hand-made (possibly poisonous) message
        await p.send_and_wait(topic, key=key.encode(), value=raw.get("value", b""), headers=[])
    else:
        await p.send_and_wait(
            topic, key=key.encode(), value=ce.kafka_value(), headers=ce.kafka_headers()
        )


async def run_worker_until(c: Chassis, topic: str, probe: object, expected: object) -> None:
    async with kit.worker_running(c, kit.dispatcher(c, kit.event_class(topic))):
        await kit.eventually(probe, expected)
        await asyncio.sleep(1.0)  # time for an extra (wrong) effect to show up


async def test_same_event_delivered_twice_has_one_effect(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    thing = str(kit.new_id())
    ce = kit.envelope(thing, 1)
    await send(producer, topic, thing, ce)
    await send(producer, topic, thing, ce)  # redelivery of the very same event
    await send(producer, topic, thing, kit.envelope(thing, 2))
    await run_worker_until(kit_chassis, topic, lambda: kit.count_effects(kit_chassis, thing), 2)
    assert await kit.count_effects(kit_chassis, thing) == 2


async def test_poison_messages_go_to_dlq_and_the_partition_moves_on(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer, infra: TestInfra
) -> None:
    thing = str(kit.new_id())  # one key: every message lands on the same partition
    await send(producer, topic, thing, kit.envelope(thing, 1))
    await send(producer, topic, thing, None, value=b"\x00 not a cloud event")
    await send(producer, topic, thing, kit.envelope(thing, 2, thing_id="not-a-uuid"))
    await send(producer, topic, thing, kit.envelope(thing, 3, explode=True))  # handler always fails
    await send(producer, topic, thing, kit.envelope(thing, -4))  # handler says: poison
    unknown = CloudEvent(source="/test", type="kit.other.v9", subject=thing, data={})
    await send(producer, topic, thing, unknown)  # unknown type: tolerated, not an error
    await send(producer, topic, thing, kit.envelope(thing, 5))

    await run_worker_until(kit_chassis, topic, lambda: kit.count_effects(kit_chassis, thing), 2)
    assert await kit.count_effects(kit_chassis, thing) == 2  # seq 1 and 5

    dead = await kit.read_topic(infra.kafka_bootstrap, topic + ".dlq", expected=4)
    assert len(dead) == 4
    errors = [dict(r.headers) for r in sorted(dead, key=lambda r: r.offset)]
    assert [e["dlq_error_class"] for e in errors] == [
        b"InvalidEnvelope",
        b"ValidationError",
        b"RuntimeError",
        b"PoisonMessage",
    ]
    assert errors[2]["dlq_attempts"] == b"3"  # bounded retries before giving up
    assert all(e["dlq_original_topic"] == topic.encode() for e in errors)
    assert dead[0].value == b"\x00 not a cloud event"  # the original bytes are kept


@pytest.mark.parametrize("where", ["first", "middle"])
async def test_undecodable_header_bytes_are_dead_lettered_not_stuck(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer, infra: TestInfra, where: str
) -> None:
    """A header value that is not UTF-8 fails FastStream's parser for the record it parses
    (the batch's first); anywhere in a batch it must end on the DLQ while the records around
    it take effect, and the partition must move on."""
    thing = str(kit.new_id())
    hostile = kit.envelope(thing, 2)
    headers = [(k, b"\xff\xfe" if k == "ce_id" else v) for k, v in hostile.kafka_headers()]
    # sent without awaiting each: one produce request, so one fetched batch
    batch = [kit.envelope(thing, 1), None, kit.envelope(thing, 3)]
    if where == "first":
        batch = [None, kit.envelope(thing, 1), kit.envelope(thing, 3)]
    futures = [
        await producer.send(
            topic,
            key=thing.encode(),
            value=hostile.kafka_value() if ce is None else ce.kafka_value(),
            headers=headers if ce is None else ce.kafka_headers(),
        )
        for ce in batch
    ]
    await asyncio.gather(*futures)

    await run_worker_until(kit_chassis, topic, lambda: kit.count_effects(kit_chassis, thing), 2)
    assert await kit.count_effects(kit_chassis, thing) == 2  # seq 1 and 3
    dead = await kit.read_topic(infra.kafka_bootstrap, topic + ".dlq", expected=1)
    assert len(dead) == 1
    assert dict(dead[0].headers)["dlq_error_class"] == b"InvalidEnvelope"
    assert dict(dead[0].headers)["ce_id"] == b"\xff\xfe"  # the original record, as sent


async def test_transient_failures_are_retried_not_dead_lettered(
    kit_chassis: Chassis, topic: str, producer: AIOKafkaProducer, infra: TestInfra
) -> None:
    from sqlalchemy.exc import OperationalError

    from eventkit.consumer import EventDispatcher
    from eventkit.uow import UnitOfWork

    thing = str(kit.new_id())
    failures = {"left": 5}  # more than max_attempts: a poison verdict would have been reached
    dispatcher = kit.dispatcher(kit_chassis, kit.event_class(topic))
    record_effect = dispatcher.routes["kit.thing.happened"].handler

    async def flaky(event: kit.ThingHappenedBase, ce: CloudEvent, uow: UnitOfWork) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database restarting"))
        await record_effect(event, ce, uow)

    dispatcher.routes["kit.thing.happened"].handler = flaky
    await send(producer, topic, thing, kit.envelope(thing, 1))
    async with kit.worker_running(kit_chassis, dispatcher):
        await kit.eventually(lambda: kit.count_effects(kit_chassis, thing), 1, timeout_s=60)
    assert failures["left"] == 0
    assert isinstance(dispatcher, EventDispatcher)
    assert (
        await kit.read_topic(infra.kafka_bootstrap, topic + ".dlq", expected=1, timeout_s=2) == []
    )
