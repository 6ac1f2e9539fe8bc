"""Hypothesis fuzzing of the consumer path: whatever arrives — malformed headers, non-JSON,
wrong types, adversarial strings — ends in an effect, a tolerated skip, or the DLQ. Never an
exception that would stall the partition."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import kit
import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from devstack.harness import TestInfra
from eventkit.consumer import EventDispatcher
from eventkit.service import Chassis
from eventkit.uow import UnitOfWork

OUTCOMES = {"handled", "duplicate", "ignored", "dead_lettered"}
CE_KEYS = ["id", "source", "type", "subject", "specversion", "time", "sequence", "datacontenttype"]

text = st.text(max_size=40)
header_values = st.one_of(text.map(str.encode), st.binary(max_size=40))
headers = st.lists(
    st.tuples(st.one_of(st.sampled_from([f"ce_{k}" for k in CE_KEYS]), text), header_values),
    max_size=10,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=10,
)
payloads = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries(
        {"thing_id": st.one_of(st.uuids().map(str), text), "seq": st.one_of(st.integers(), text)},
        optional={"explode": st.booleans()},
    ).map(lambda v: json.dumps(v).encode()),
)


def valid_headers(type_: str) -> list[tuple[str, bytes]]:
    return [
        ("ce_id", str(uuid.uuid4()).encode()),
        ("ce_source", b"/fuzz"),
        ("ce_type", type_.encode()),
        ("ce_subject", b"s"),
        ("ce_specversion", b"1.0"),
    ]


def record(topic: str, hs: list[tuple[str, bytes]], value: bytes) -> ConsumerRecord[Any, Any]:
    return ConsumerRecord(
        topic=topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=b"k",
        value=value,
        checksum=None,
        serialized_key_size=1,
        serialized_value_size=len(value),
        headers=hs,
    )


@pytest.fixture
async def dispatcher(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> AsyncIterator[EventDispatcher[UnitOfWork]]:
    d = kit.dispatcher(kit_chassis, kit.event_class(topic))
    d.max_attempts = 2
    d.dlq_producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    await d.dlq_producer.start()
    yield d
    await d.dlq_producer.stop()


async def test_any_input_reaches_an_outcome(
    dispatcher: EventDispatcher[UnitOfWork], topic: str
) -> None:
    loop = asyncio.get_running_loop()
    outcomes: list[str] = []

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        hs=st.one_of(headers, st.just(valid_headers("kit.thing.happened"))),
        value=payloads,
    )
    # both paths every run, whatever the draw (a run once drew no valid event at all)
    @example(
        hs=valid_headers("kit.thing.happened"),
        value=json.dumps({"thing_id": str(uuid.uuid4()), "seq": 1}).encode(),
    )
    @example(hs=valid_headers("kit.thing.happened"), value=b"\xff not an envelope")
    def check(hs: list[tuple[str, bytes]], value: bytes) -> None:
        future = asyncio.run_coroutine_threadsafe(
            dispatcher.handle_record(record(topic, hs, value)), loop
        )
        outcome = future.result(timeout=30)
        assert outcome in OUTCOMES
        outcomes.append(outcome)

    await asyncio.to_thread(check)
    # the strategies really exercised both the happy path and the poison path
    assert {"handled", "dead_lettered"} <= set(outcomes)


async def test_garbage_through_the_real_broker_never_stalls_the_partition(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> None:
    import random

    rng = random.Random(20261122)
    thing = str(uuid.uuid4())  # one key: all on one partition, behind each other
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    await producer.start()
    try:
        for i in range(40):
            hs = valid_headers(rng.choice(["kit.thing.happened", "kit.unknown.v1"]))
            if rng.random() < 0.5:
                hs = [*hs[: rng.randrange(len(hs))], ("ce_id", bytes([rng.randrange(256)]))]
            value = rng.choice(
                [
                    bytes(rng.randrange(256) for _ in range(rng.randrange(30))),
                    json.dumps({"thing_id": thing, "seq": "x"}).encode(),
                    json.dumps({"thing_id": thing, "seq": i, "explode": True}).encode(),
                    json.dumps([i]).encode(),
                ]
            )
            await producer.send_and_wait(topic, key=thing.encode(), value=value, headers=hs)
        sentinel = valid_headers("kit.thing.happened")
        body = json.dumps({"thing_id": thing, "seq": 999}).encode()
        await producer.send_and_wait(topic, key=thing.encode(), value=body, headers=sentinel)
    finally:
        await producer.stop()

    stop, ready = asyncio.Event(), asyncio.Event()
    worker = asyncio.create_task(
        kit_chassis.run_worker(
            kit.dispatcher(kit_chassis, kit.event_class(topic)), stop, ready=ready
        )
    )
    try:
        await kit.eventually(lambda: kit.count_effects(kit_chassis, thing), 1, timeout_s=60)
    finally:
        stop.set()
        await worker
    dead = await kit.read_topic(infra.kafka_bootstrap, topic + ".dlq", expected=1)
    assert dead, "the garbage should have been dead-lettered"
