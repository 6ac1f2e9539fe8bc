"""A miniature service used to test the messaging guarantees against real Kafka + Postgres.

It has the same outbox/inbox tables as every service, plus an ``effects`` table where each
handled event leaves exactly one row — so "exactly one effect" is a row count.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any, ClassVar
from uuid import UUID

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from sqlalchemy import Column, Integer, String, Table, func, select

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from eventkit.consumer import EventDispatcher, PoisonMessage
from eventkit.db import messaging_tables, service_metadata
from eventkit.idempotency import idempotency_keys_table
from eventkit.revocations import revoked_subjects_table
from eventkit.service import Chassis, stop_on_signals
from eventkit.settings import ServiceSettings
from eventkit.subject_keys import subject_keys_table
from eventkit.uow import UnitOfWork

SCHEMA = "kit"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
effects = Table(
    "effects",
    metadata,
    Column("event_id", String(100), nullable=False),
    Column("aggregate_id", String(100), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("name", String(100)),
)
subject_keys = subject_keys_table(metadata)
revoked_subjects = revoked_subjects_table(metadata)
idempotency_keys = idempotency_keys_table(metadata)


class ThingHappenedBase(IntegrationEvent):
    type_name: ClassVar[str] = "kit.thing.happened"
    personal_fields: ClassVar[frozenset[str]] = frozenset({"name"})
    thing_id: UUID
    seq: int
    explode: bool = False
    name: str | None = None

    def subject(self) -> str:
        return str(self.thing_id)


def envelope(thing: str, seq: int, **data: object) -> CloudEvent:
    """A kit.thing.happened envelope about ``thing``."""
    return CloudEvent(
        source="/test",
        type="kit.thing.happened",
        subject=thing,
        sequence=abs(seq),
        data={"thing_id": thing, "seq": seq, **data},
    )


async def publish_things(producer: AIOKafkaProducer, topic: str, thing: str, n: int) -> None:
    """Events 1..n of one thing, straight onto ``topic`` (as its relay would publish them)."""
    for seq in range(1, n + 1):
        ce = envelope(thing, seq)
        await producer.send_and_wait(
            topic, key=thing.encode(), value=ce.kafka_value(), headers=ce.kafka_headers()
        )


def event_class(topic: str) -> type[ThingHappenedBase]:
    """The test event bound to a per-test topic."""
    return type("ThingHappened", (ThingHappenedBase,), {"topic": topic})


#: builds a kit service from settings overrides (the ``kit_chassis_with`` fixture)
ChassisMaker = Callable[..., Chassis]


def chassis(database_url: str, bootstrap: str, group: str = "kit", **settings: Any) -> Chassis:
    """The kit service; ``settings`` override its ServiceSettings (quick retries by default)."""
    quick = {"relay_poll_interval_s": 0.2, "consumer_retry_backoff_s": 0.01}
    return Chassis(
        ServiceSettings(
            service_name=group,
            db_schema=SCHEMA,
            database_url=database_url,
            kafka_bootstrap_servers=bootstrap,
            **{**quick, **settings},
        ),
        metadata,
    )


def uow_factory(c: Chassis) -> Any:
    return lambda: UnitOfWork(c.sessions, c.outbox, c.inbox)


def dispatcher(c: Chassis, model: type[ThingHappenedBase]) -> EventDispatcher[UnitOfWork]:
    d = EventDispatcher[UnitOfWork](
        c.settings.service_name, uow_factory(c), max_attempts=3, retry_backoff_s=0.01
    )

    @d.on(model)
    async def record_effect(event: ThingHappenedBase, ce: CloudEvent, uow: UnitOfWork) -> None:
        if event.explode:
            raise RuntimeError("this thing always fails")
        if event.seq < 0:
            raise PoisonMessage("negative sequence")
        await uow.session.execute(
            effects.insert().values(
                event_id=ce.id, aggregate_id=str(event.thing_id), seq=event.seq, name=event.name
            )
        )

    return d


@contextlib.asynccontextmanager
async def worker_running(c: Chassis, d: EventDispatcher[Any]) -> AsyncIterator[None]:
    """``c.run_worker(d)`` in the background while the block runs; stopped after it."""
    stop = asyncio.Event()
    worker = asyncio.create_task(c.run_worker(d, stop, ready=asyncio.Event()))
    try:
        yield
    finally:
        stop.set()
        await worker


async def count_effects(c: Chassis, aggregate_id: str | None = None) -> int:
    query = select(func.count()).select_from(effects)
    if aggregate_id:
        query = query.where(effects.c.aggregate_id == aggregate_id)
    async with c.engine.connect() as conn:
        return int(await conn.scalar(query) or 0)


def new_id() -> UUID:
    return uuid.uuid4()


async def read_topic(
    bootstrap: str, topic: str, expected: int, timeout_s: float = 15.0
) -> list[ConsumerRecord[Any, Any]]:
    """Everything on ``topic`` from the beginning (waits until ``expected`` arrived)."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[Any, Any]] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=300)
            for recs in batch.values():
                records.extend(recs)
            if len(records) >= expected:
                # linger briefly: surplus messages (duplicates) must be seen too
                await asyncio.sleep(0.5)
                for recs in (await consumer.getmany(timeout_ms=300)).values():
                    records.extend(recs)
                break
    finally:
        await consumer.stop()
    return records


async def eventually(probe: Any, expected: Any, timeout_s: float = 20.0) -> None:
    """Poll an async probe until it returns ``expected`` (fails with the last value)."""
    deadline = time.monotonic() + timeout_s
    value = None
    while time.monotonic() < deadline:
        value = await probe()
        if value == expected:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"expected {expected!r}, still {value!r} after {timeout_s}s")


if __name__ == "__main__":  # the relay (or, with argument "worker", a consumer) as its own
    # process, so a test can kill -9 it at a fault point

    async def _main() -> None:
        if sys.argv[1:] == ["worker"]:
            c = chassis(
                os.environ["DATABASE_URL"],
                os.environ["KAFKA_BOOTSTRAP_SERVERS"],
                group=os.environ["KIT_GROUP"],
            )
            await c.run_worker(
                dispatcher(c, event_class(os.environ["KIT_TOPIC"])), stop_on_signals()
            )
            return
        c = chassis(os.environ["DATABASE_URL"], os.environ["KAFKA_BOOTSTRAP_SERVERS"])
        await c.run_relay(stop_on_signals())

    sys.exit(asyncio.run(_main()))
