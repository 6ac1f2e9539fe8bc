"""Crypto-shredding end to end on the real broker: personal fields never travel in clear;
after the key is destroyed, replaying the topic from the beginning reveals nothing and
produces no personal effect."""

from __future__ import annotations

import asyncio
import base64
import os

import kit
from prometheus_client import REGISTRY
from sqlalchemy import select

from devstack.harness import TestInfra
from eventkit.service import Chassis
from eventkit.subject_keys import KeyWrapper, SqlSubjectKeys

SECRET_NAME = "Zeynep Kaya-Öztürk"


class SessionKeyResolver:
    """The owner's store as a resolver (in production: HttpKeyResolver to its endpoint)."""

    def __init__(self, chassis: Chassis, keys: SqlSubjectKeys) -> None:
        self.chassis = chassis
        self.keys = keys

    async def key(self, key_id: str) -> bytes | None:
        async with self.chassis.sessions() as session:
            return await self.keys.key(session, key_id)


async def consume(c: Chassis, topic: str, keys: SqlSubjectKeys, expect: object) -> None:
    d = kit.dispatcher(c, kit.event_class(topic))
    d.key_resolver = SessionKeyResolver(c, keys)
    async with kit.worker_running(c, d):
        await kit.eventually(lambda: _names(c), expect, timeout_s=30)
        await asyncio.sleep(1.0)


def _erased_count(service: str) -> float:
    value = REGISTRY.get_sample_value(
        "events_handled_total",
        {"service": service, "type": "kit.thing.happened", "outcome": "erased"},
    )
    return value or 0.0


async def _async(value: float) -> float:
    return value


async def _names(c: Chassis) -> list[str | None]:
    async with c.engine.connect() as conn:
        return list((await conn.scalars(select(kit.effects.c.name))).all())


async def test_personal_fields_are_shredded_with_the_key(
    kit_db: str, topic: str, infra: TestInfra
) -> None:
    keys = SqlSubjectKeys(kit.subject_keys, KeyWrapper(os.urandom(32)))
    writer_chassis = kit.chassis(kit_db, infra.kafka_bootstrap)
    writer_chassis.outbox.subject_keys = keys
    Thing = kit.event_class(topic)
    person = kit.new_id()
    async with kit.uow_factory(writer_chassis)() as uow:
        await uow.publish(Thing(thing_id=person, seq=1, name=SECRET_NAME))
        await uow.commit()
    stop = asyncio.Event()
    relay = asyncio.create_task(writer_chassis.run_relay(stop))
    [record] = await kit.read_topic(infra.kafka_bootstrap, topic, expected=1)
    stop.set()
    await relay

    raw = record.value.decode()
    assert SECRET_NAME not in raw and "Zeynep" not in raw
    assert base64.b64encode(SECRET_NAME.encode()).decode() not in raw

    first = kit.chassis(kit_db, infra.kafka_bootstrap, group="kit-reader-1")
    await consume(first, topic, keys, [SECRET_NAME])  # a consumer with key access reads it

    async with writer_chassis.sessions() as session:  # erasure: destroy the key
        assert await keys.destroy(session, str(person))
        await session.commit()
    async with writer_chassis.engine.begin() as conn:
        await conn.execute(kit.effects.delete())
        await conn.execute(kit.inbox.delete())

    replay = kit.chassis(kit_db, infra.kafka_bootstrap, group="kit-reader-2")
    erased_before = _erased_count("kit-reader-2")
    d = kit.dispatcher(replay, Thing)
    d.key_resolver = SessionKeyResolver(replay, keys)
    # replay from the beginning: the event is seen, recognised as erased, skipped
    async with kit.worker_running(replay, d):
        await kit.eventually(lambda: _async(_erased_count("kit-reader-2") - erased_before), 1)
    assert await _names(replay) == []
    [again] = await kit.read_topic(infra.kafka_bootstrap, topic, expected=1)
    assert "Zeynep" not in again.value.decode()  # and the bytes on Kafka stay unreadable

    async with writer_chassis.sessions() as session:  # new events about them carry nothing
        assert await keys.key_for(session, str(person)) is None
    for c in (writer_chassis, first, replay):
        await c.dispose()
