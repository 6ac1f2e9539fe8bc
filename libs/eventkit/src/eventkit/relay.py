"""Outbox relay: moves committed outbox rows to Kafka, at least once, in order per aggregate.

One relay per service is active at a time (a Postgres advisory lock elects it; the others
stand by), so rows are published in ``position`` order. It wakes on NOTIFY and polls as a
fallback. A crash between publishing and marking re-publishes the batch: consumers' inboxes
absorb the duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from aiokafka import AIOKafkaProducer
from prometheus_client import Counter, Gauge
from sqlalchemy import Table, Text, any_, bindparam, cast, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from eventkit.faults import fault_point
from eventkit.logging import get_logger
from eventkit.outbox import notify_channel

log = get_logger(__name__)

PUBLISHED = Counter("outbox_published_total", "Outbox rows published", ["service"])
BACKLOG = Gauge("outbox_backlog", "Unpublished outbox rows seen at last claim", ["service"])


class OutboxRelay:
    def __init__(
        self,
        engine: AsyncEngine,
        table: Table,
        producer: AIOKafkaProducer,
        *,
        service: str,
        batch_size: int = 500,
        poll_interval_s: float = 1.0,
    ) -> None:
        self.engine = engine
        self.table = table
        self.producer = producer
        self.service = service
        self.batch_size = batch_size
        self.poll_interval_s = poll_interval_s
        self._wake = asyncio.Event()
        self.is_leader = False

    async def run(self, stop: asyncio.Event) -> None:
        async with self.engine.connect() as lock_conn:
            await self._become_leader(lock_conn, stop)
            if stop.is_set():
                return
            await self._listen(lock_conn)
            log.info("relay.leading", service=self.service)
            while not stop.is_set():
                published = await self.drain_once()
                if published >= self.batch_size:
                    continue
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wait(stop), self.poll_interval_s)

    async def _wait(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()

    async def _become_leader(self, conn: AsyncConnection, stop: asyncio.Event) -> None:
        key = f"outbox-relay:{self.table.schema}"
        while not stop.is_set():
            got = await conn.scalar(select(func.pg_try_advisory_lock(func.hashtext(key))))
            await conn.commit()
            if got:
                self.is_leader = True
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.poll_interval_s)

    async def _listen(self, conn: AsyncConnection) -> None:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.add_listener(
            notify_channel(self.table.schema or "public"), lambda *_: self._wake.set()
        )

    async def drain_once(self) -> int:
        """Claim, publish and mark one batch. Returns how many rows were published."""
        t = self.table
        async with self.engine.begin() as conn:
            rows = (
                await conn.execute(
                    # the payload as text: published as stored, no JSON decode/encode per row
                    select(
                        t.c.id,
                        t.c.topic,
                        t.c.aggregateid,
                        cast(t.c.payload, Text).label("payload"),
                        t.c.headers,
                    )
                    .where(t.c.published_at.is_(None))
                    .order_by(t.c.position)
                    .limit(self.batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            BACKLOG.labels(self.service).set(len(rows))
            if not rows:
                return 0
            pending = [
                await self.producer.send(
                    row.topic,
                    value=row.payload.encode(),
                    key=row.aggregateid.encode(),
                    headers=[(k, str(v).encode()) for k, v in row.headers.items()],
                )
                for row in rows
            ]
            await asyncio.gather(*pending)
            fault_point("relay.after_publish")
            await conn.execute(
                t.update()
                .where(t.c.id == any_(bindparam("ids", [r.id for r in rows], type_=ARRAY(UUID()))))
                .values(published_at=text("now()"))
            )
        PUBLISHED.labels(self.service).inc(len(rows))
        return len(rows)
