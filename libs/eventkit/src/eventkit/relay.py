"""Outbox relay: moves committed outbox rows to Kafka, at least once, in order per aggregate.

One relay per service is active at a time (a Postgres advisory lock elects it; the others
stand by), so rows are published in ``position`` order. It wakes on NOTIFY and polls as a
fallback. A crash between publishing and marking re-publishes the batch: consumers' inboxes
absorb the duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.producer.message_accumulator import BatchBuilder
from prometheus_client import Counter, Gauge
from sqlalchemy import (
    LargeBinary,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.types import NullType

from eventkit.faults import fault_point
from eventkit.logging import get_logger
from eventkit.outbox import notify_channel

log = get_logger(__name__)

PUBLISHED = Counter("outbox_published_total", "Outbox rows published", ["service"])
BACKLOG = Gauge("outbox_backlog", "Unpublished outbox rows seen at last claim", ["service"])
_PARTITIONER = DefaultPartitioner()


def _utf8(column: Any) -> Any:
    return func.convert_to(column, literal_column("'UTF8'"), type_=LargeBinary)


def _header_array(headers: Any, part: str) -> Any:
    """The names (``part="key"``) or UTF-8 values of the stored headers, as one array each, in
    ``jsonb_each_text`` order, which is the same for both calls on the same row."""
    each = func.jsonb_each_text(headers).table_valued("key", "value")
    item = each.c.key if part == "key" else _utf8(each.c.value)
    # NullType: asyncpg already returns list[str] / list[bytes]; no per-item processing
    return select(func.array_agg(item, type_=NullType())).scalar_subquery()


_PARTITION_CACHE = 100_000


@dataclass(frozen=True, slots=True)
class _Oversized:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


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
        #: partitions per topic, refreshed at every leadership (topics may grow partitions)
        self._partitions: dict[str, list[int]] = {}
        #: (topic, key) -> (partition count, partition): murmur2 in pure Python is the
        #: relay's largest per-row cost, and outbox keys (aggregates) repeat
        self._partition_of: dict[tuple[str, bytes], tuple[int, int]] = {}

    async def run(self, stop: asyncio.Event) -> None:
        async with self.engine.connect() as lock_conn:
            try:
                await self._lead(lock_conn, stop)
            finally:
                # the lock is the session's: a connection going back to the pool would keep
                # it, and no other relay of this service could lead until the pool closed
                if self.is_leader:
                    with contextlib.suppress(Exception):
                        await lock_conn.scalar(
                            select(func.pg_advisory_unlock(func.hashtext(self._lock_key)))
                        )
                        await lock_conn.commit()
                    self.is_leader = False

    @property
    def _lock_key(self) -> str:
        return f"outbox-relay:{self.table.schema}"

    async def _lead(self, lock_conn: AsyncConnection, stop: asyncio.Event) -> None:
        await self._become_leader(lock_conn, stop)
        if stop.is_set():
            return
        await self._listen(lock_conn)
        self._partitions.clear()
        log.info("relay.leading", service=self.service)
        while not stop.is_set():
            # cleared BEFORE the claim: a NOTIFY arriving while a batch is in flight makes
            # the wait below return at once (clearing after it lost that wake-up, and the
            # rows committed meanwhile waited for the next poll)
            self._wake.clear()
            published = await self.drain_once()
            if published >= self.batch_size:
                continue
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
        while not stop.is_set():
            got = await conn.scalar(
                select(func.pg_try_advisory_lock(func.hashtext(self._lock_key)))
            )
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
                    # payload, key and header values as the bytes Kafka gets, converted by
                    # Postgres: no JSON decode/encode per row in Python
                    select(
                        t.c.id,
                        t.c.topic,
                        _utf8(t.c.aggregateid).label("key"),
                        _utf8(cast(t.c.payload, Text)).label("value"),
                        _header_array(t.c.headers, "key").label("header_names"),
                        _header_array(t.c.headers, "value").label("header_values"),
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
            await self._publish(rows)
            fault_point("relay.after_publish")
            await conn.execute(
                t.update()
                .where(t.c.id == any_(bindparam("ids", [r.id for r in rows], type_=ARRAY(UUID()))))
                .values(published_at=text("now()"))
            )
        PUBLISHED.labels(self.service).inc(len(rows))
        return len(rows)

    async def _publish(self, rows: Sequence[Any]) -> None:
        """Send the claimed rows and wait for every acknowledgement.

        Rows are grouped per partition into record batches (``send_batch``) in ``position``
        order, each partition's batches submitted in order by its own task, so every
        partition has a batch on the wire while the next one fills. Within a partition
        the order of the rows is the order on the log: the idempotent producer keeps it
        across retries. The partition of a key is the default partitioner's (murmur2 of the
        key over all partitions), exactly where ``producer.send`` would have put it."""
        per_partition: dict[tuple[str, int], list[BatchBuilder | _Oversized]] = {}
        for row in rows:
            key, value = row.key, row.value
            partition = await self._partition(row.topic, key)
            headers = list(zip(row.header_names, row.header_values, strict=True))
            queue = per_partition.setdefault((row.topic, partition), [])
            last = queue[-1] if queue else None
            if isinstance(last, BatchBuilder) and last.append(
                key=key, value=value, timestamp=None, headers=headers
            ):
                continue
            builder = self.producer.create_batch()
            if builder.append(key=key, value=value, timestamp=None, headers=headers) is None:
                # larger than a batch (max_batch_size): sent on its own, in its place
                queue.append(_Oversized(key, value, headers))
            else:
                queue.append(builder)

        async def submit(
            topic: str, partition: int, queue: list[BatchBuilder | _Oversized]
        ) -> list[Any]:
            futures = []
            for item in queue:  # send_batch waits until the previous batch left the buffer
                if isinstance(item, BatchBuilder):
                    futures.append(await self.producer.send_batch(item, topic, partition=partition))
                else:
                    futures.append(
                        await self.producer.send(
                            topic,
                            item.value,
                            key=item.key,
                            partition=partition,
                            headers=item.headers,
                        )
                    )
            return futures

        submitted = await asyncio.gather(
            *(submit(t, p, batches) for (t, p), batches in per_partition.items())
        )
        await asyncio.gather(*(future for futures in submitted for future in futures))

    async def _partition(self, topic: str, key: bytes) -> int:
        partitions = self._partitions.get(topic)
        if partitions is None:
            partitions = self._partitions[topic] = sorted(await self.producer.partitions_for(topic))
        cached = self._partition_of.get((topic, key))
        if cached is None or cached[0] != len(partitions):
            if len(self._partition_of) > _PARTITION_CACHE:
                self._partition_of.clear()
            cached = (len(partitions), _PARTITIONER(key, partitions, partitions))
            self._partition_of[(topic, key)] = cached
        return cached[1]
