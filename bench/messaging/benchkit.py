"""A miniature service built on the real chassis, for the outbox and end-to-end benchmarks.

Schema ``benchkit`` holds eventkit's own outbox and inbox tables, an ``items`` table (the
state a writer changes) and an ``effects`` table (one row per handled event, stamped with the
time the handler saw it). The relay and the worker are eventkit's ``Chassis.run_relay`` and
``Chassis.run_worker`` with an ``EventDispatcher``; nothing here reimplements them.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import Column, DateTime, Double, Integer, String, Table, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from eventkit.consumer import EventDispatcher
from eventkit.db import messaging_tables, service_metadata
from eventkit.service import Chassis
from eventkit.settings import ServiceSettings
from eventkit.uow import UnitOfWork

SCHEMA = "benchkit"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
items = Table(
    "items",
    metadata,
    Column("id", PG_UUID(as_uuid=True), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
effects = Table(
    "effects",
    metadata,
    Column("event_id", String(100), primary_key=True),
    Column("item_id", String(100), nullable=False),
    Column("committed_at", Double, nullable=False),  # writer's wall clock just before commit
    Column("seen_at", Double, nullable=False),  # handler's wall clock
)


class ItemChangedBase(IntegrationEvent):
    type_name: ClassVar[str] = "benchkit.item.changed"
    item_id: UUID
    version: int
    committed_at: float = 0.0
    note: str = ""  # padding to the benchmark's message size

    def subject(self) -> str:
        return str(self.item_id)


def event_class(topic: str) -> type[ItemChangedBase]:
    """The bench event bound to a per-run topic."""
    return type("ItemChanged", (ItemChangedBase,), {"topic": topic})


def padded(model: type[ItemChangedBase], size: int) -> Callable[..., ItemChangedBase]:
    """A constructor whose events' Kafka value (the JSON ``data``) is about ``size`` bytes."""
    probe = model(item_id=uuid.uuid4(), version=1, committed_at=time.time())
    base = len(
        CloudEvent(
            source="/b", type="t", subject="s", data=probe.model_dump(mode="json")
        ).kafka_value()
    )
    note = "x" * max(0, size - base)

    def make(**fields: object) -> ItemChangedBase:
        return model(note=note, **fields)

    return make


def settings(database_url: str, bootstrap: str, group: str) -> ServiceSettings:
    return ServiceSettings(
        service_name=group,
        db_schema=SCHEMA,
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap,
        log_level="WARNING",
    )


def chassis(database_url: str, bootstrap: str, group: str = "benchkit") -> Chassis:
    return Chassis(settings(database_url, bootstrap, group), metadata)


class BenchUnitOfWork(UnitOfWork):
    """Collects the effects its handlers produce and writes them in ONE INSERT at commit,
    stamped with the wall clock just before the COMMIT (a batch's effects become visible at
    the commit, not when each handler ran). A handler of a batch consumer that issued one
    INSERT round trip per event measured Postgres' round-trip latency on a busy machine
    (about 5 ms each), not the dispatcher."""

    pending_effects: list[tuple[str, str, float]]

    def init_repositories(self, session: Any) -> None:
        self.pending_effects = []

    async def commit(self) -> None:
        if self.pending_effects:
            ids, item_ids, committed = zip(*self.pending_effects, strict=True)
            await self.session.execute(
                _insert_effects,
                {"ids": ids, "items": item_ids, "committed": committed, "seen": time.time()},
            )
            self.pending_effects = []
        await super().commit()


# three arrays whatever the batch size: one prepared statement
_insert_effects = effects.insert().from_select(
    ["event_id", "item_id", "committed_at", "seen_at"],
    select(
        func.unnest(bindparam("ids", type_=ARRAY(String()))),
        func.unnest(bindparam("items", type_=ARRAY(String()))),
        func.unnest(bindparam("committed", type_=ARRAY(Double()))),
        bindparam("seen", type_=Double()),
    ),
)


def uow_factory(c: Chassis) -> Callable[[], BenchUnitOfWork]:
    return lambda: BenchUnitOfWork(c.sessions, c.outbox, c.inbox)


def dispatcher(c: Chassis, model: type[ItemChangedBase]) -> EventDispatcher[BenchUnitOfWork]:
    d = EventDispatcher[BenchUnitOfWork](c.settings.service_name, uow_factory(c))

    @d.on(model)
    async def record_effect(event: ItemChangedBase, ce: CloudEvent, uow: BenchUnitOfWork) -> None:
        uow.pending_effects.append((ce.id, str(event.item_id), event.committed_at))

    return d


def env_chassis() -> tuple[Chassis, str]:
    """The chassis and topic a role process was started with (see ``roles``)."""
    c = chassis(
        os.environ["BENCH_DATABASE_URL"], os.environ["BENCH_BOOTSTRAP"], os.environ["BENCH_GROUP"]
    )
    return c, os.environ["BENCH_TOPIC"]
