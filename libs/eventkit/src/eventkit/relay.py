"""Outbox relay: moves committed outbox rows to Kafka, at least once, in order per aggregate.

One relay per service is active at a time (a Postgres advisory lock elects it; the others
stand by), so rows are published in ``position`` order. It wakes on NOTIFY and polls as a
fallback. A crash between publishing and marking re-publishes the batch: consumers' inboxes
absorb the duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson
from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.producer.message_accumulator import BatchBuilder
from prometheus_client import Counter, Gauge
from sqlalchemy import BigInteger, Table, TextClause, bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from eventkit import tracing
from eventkit.faults import fault_point, wedge_point
from eventkit.logging import get_logger
from eventkit.outbox import notify_channel
from eventkit.process_health import Heartbeat
from eventkit.stopping import sleep_until_stopped

log = get_logger(__name__)

PUBLISHED = Counter("outbox_published_total", "Outbox rows published", ["service"])
BACKLOG = Gauge("outbox_backlog", "Unpublished outbox rows seen at last claim", ["service"])
LEADER = Gauge(
    "relay_is_leader", "1 while this relay holds its service's lock, 0 while it waits", ["service"]
)
DRAIN_AGE = Gauge(
    "relay_last_drain_age_seconds", "Seconds since this relay last drained the outbox", ["service"]
)
UNPUBLISHED = Gauge(
    "outbox_unpublished_rows", "Outbox rows not yet published (sampled; capped)", ["service"]
)
OLDEST_AGE = Gauge(
    "outbox_oldest_unpublished_age_seconds",
    "Age of the oldest unpublished outbox row (sampled; 0 when none)",
    ["service"],
)
#: counting more unpublished rows than this is not worth the scan: the alert is on the age
_COUNT_CAP = 100_000
_PARTITIONER = DefaultPartitioner()

_PARTITION_CACHE = 100_000


class _Row(NamedTuple):
    """A claimed row as the database sent it: strings and a number, so the cyclic collector
    tracks one object per row. Claimed batches stay alive while they are sent and marked;
    decoding each row's headers into a list of pairs at claim time made every row a dozen
    live containers, and the collector's passes over them were most of the relay's CPU
    (py-spy; docs/benchmarks/messaging.md). The headers are decoded as the row is sent."""

    position: int
    topic: str
    key: str
    value: str
    headers: str

    def kafka_headers(self) -> list[tuple[str, bytes]]:
        return [(k, v.encode()) for k, v in orjson.loads(self.headers).items()]

    def traceparent(self) -> str | None:
        found: str | None = orjson.loads(self.headers).get("ce_traceparent")
        return found


class _Claimed:
    """A claimed batch: its rows, locked by the transaction of ``conn`` until marked."""

    def __init__(self, relay: OutboxRelay, conn: AsyncConnection, rows: list[_Row]) -> None:
        self.relay = relay
        self.conn = conn
        self.rows = rows

    async def mark_and_close(self) -> None:
        """One UPDATE for the whole batch, then commit (releases the row locks)."""
        try:
            await self.conn.execute(
                self.relay._mark_sql, {"positions": [r.position for r in self.rows]}
            )
            await self.conn.commit()
            PUBLISHED.labels(self.relay.service).inc(len(self.rows))
        finally:
            await self.close()

    async def close(self) -> None:
        """Back to the pool; an unmarked batch is rolled back (its rows get claimed again)."""
        await self.conn.close()


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
        heartbeat: Heartbeat | None = None,
    ) -> None:
        self.engine = engine
        self.table = table
        self.producer = producer
        self.service = service
        self.batch_size = batch_size
        self.poll_interval_s = poll_interval_s
        #: comes round at every turn of the relay's loops, leading or waiting (liveness)
        self.heartbeat = heartbeat or Heartbeat()
        self._wake = asyncio.Event()
        self._leader = False
        LEADER.labels(service).set(0)
        self._last_drain: float | None = None
        DRAIN_AGE.labels(service).set_function(self._drain_age)
        #: partitions per topic, refreshed at every leadership (topics may grow partitions)
        self._partitions: dict[str, list[int]] = {}
        #: (topic, key) -> (partition count, partition): murmur2 in pure Python is the
        #: relay's largest per-row cost, and outbox keys (aggregates) repeat
        self._partition_of: dict[tuple[str, bytes], tuple[int, int]] = {}

    @property
    def is_leader(self) -> bool:
        return self._leader

    @is_leader.setter
    def is_leader(self, leading: bool) -> None:
        self._leader = leading
        LEADER.labels(self.service).set(1 if leading else 0)

    def _drain_age(self) -> float:
        return math.nan if self._last_drain is None else time.monotonic() - self._last_drain

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
            self.heartbeat.beat()
            await self.drain()
            self._last_drain = time.monotonic()
            if self._wake.is_set():  # a NOTIFY came after the last claim's snapshot
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
            self.heartbeat.beat()
            got = await conn.scalar(
                select(func.pg_try_advisory_lock(func.hashtext(self._lock_key)))
            )
            await conn.commit()
            if got:
                self.is_leader = True
                return
            await sleep_until_stopped(stop, self.poll_interval_s)

    async def _listen(self, conn: AsyncConnection) -> None:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.add_listener(
            notify_channel(self.table.schema or "public"), lambda *_: self._wake.set()
        )

    async def drain(self) -> int:
        """Publish batches until a claim comes back short of ``batch_size``; how many rows.

        Pipelined: the next batch is claimed (its rows locked, fetched) while the current
        one is on the wire, and a batch is marked while the next one is sent, so the database
        round trips hide behind Kafka's acknowledgements. A batch is still only sent after
        the previous batch was acknowledged (a failed send never has later rows overtake it
        on the log), and only marked after its own acknowledgements (at least once).
        ``FOR UPDATE SKIP LOCKED`` makes the next claim skip the rows still in flight."""
        total = 0
        claim: asyncio.Task[_Claimed] | None = asyncio.create_task(self._claim())
        marking: asyncio.Task[None] | None = None
        try:
            while claim is not None:
                batch = await claim
                claim = None
                if not batch.rows:
                    await batch.close()
                    break
                if len(batch.rows) >= self.batch_size:
                    claim = asyncio.create_task(self._claim())
                try:
                    await wedge_point("relay.before_publish")
                    await self._publish(batch.rows)
                    fault_point("relay.after_publish")
                    self.heartbeat.beat()
                except BaseException:
                    await batch.close()
                    raise
                if claim is None and self._wake.is_set():
                    # rows were committed while this batch was on the wire: claim them now,
                    # while this batch is being marked
                    claim = asyncio.create_task(self._claim())
                if marking is not None:
                    await marking  # at most one batch being marked: bounded connections
                marking = asyncio.create_task(batch.mark_and_close())
                total += len(batch.rows)
            if marking is not None:
                await marking
                marking = None
        finally:
            for task in (claim, marking):
                if task is not None:
                    with contextlib.suppress(BaseException):
                        done = await task
                        if isinstance(done, _Claimed):  # claimed but never sent: unlock
                            await done.close()
        return total

    async def _claim(self) -> _Claimed:
        """Lock and fetch the next batch in its own transaction (held until marked).

        The columns come back as text, one JSON decode of the small headers object per row
        in Python: Postgres taking the headers apart per row (jsonb_each_text) cost more
        than the rest of the claim, and the standard library's decoder was a fifth of the
        relay's CPU (orjson's is several times faster)."""
        # cleared BEFORE the snapshot: a NOTIFY from here on means rows this claim may miss
        self._wake.clear()
        conn = await self.engine.connect()
        try:
            await conn.begin()
            result = await conn.execute(self._claim_sql, {"n": self.batch_size})
            rows = [_Row._make(row) for row in result]
        except BaseException:
            await conn.close()
            raise
        BACKLOG.labels(self.service).set(len(rows))
        return _Claimed(self, conn, rows)

    async def sample_backlog(self) -> None:
        """How many rows wait and how old the oldest is, for /metrics (any relay, leading
        or not: a backlog growing while no relay leads is what the alerts are for)."""
        table = self.engine.dialect.identifier_preparer.format_table(self.table)
        async with self.engine.connect() as conn:
            count, age = (
                await conn.execute(
                    text(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)),"
                        f" 0) FROM (SELECT created_at FROM {table} WHERE published_at IS NULL"
                        " ORDER BY position LIMIT :cap) AS waiting"
                    ),
                    {"cap": _COUNT_CAP},
                )
            ).one()
        UNPUBLISHED.labels(self.service).set(count)
        OLDEST_AGE.labels(self.service).set(float(age))

    @functools.cached_property
    def _claim_sql(self) -> TextClause:
        table = self.engine.dialect.identifier_preparer.format_table(self.table)
        return text(
            f"SELECT position, topic, aggregateid, payload::text, headers::text FROM {table}"
            " WHERE published_at IS NULL ORDER BY position LIMIT :n FOR UPDATE SKIP LOCKED"
        )

    @functools.cached_property
    def _mark_sql(self) -> TextClause:
        table = self.engine.dialect.identifier_preparer.format_table(self.table)
        return text(
            f"UPDATE {table} SET published_at = now() WHERE position = ANY(:positions)"
        ).bindparams(bindparam("positions", type_=ARRAY(BigInteger())))

    async def _publish(self, rows: Sequence[_Row]) -> None:
        """Send the claimed rows and wait for every acknowledgement.

        Rows are grouped per partition into record batches (``send_batch``) in ``position``
        order, each partition's batches submitted in order by its own task, so every
        partition has a batch on the wire while the next one fills. Within a partition
        the order of the rows is the order on the log: the idempotent producer keeps it
        across retries. The partition of a key is the default partitioner's (murmur2 of the
        key over all partitions), exactly where ``producer.send`` would have put it."""
        per_partition: dict[tuple[str, int], list[BatchBuilder | _Oversized]] = {}
        for row in rows:
            key, value, headers = row.key.encode(), row.value.encode(), row.kafka_headers()
            partition = await self._partition(row.topic, key)
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
                    # a closed batch is complete: the producer sends it at once instead of
                    # lingering (linger_ms) for records that will never join it
                    item.close()
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

        # traced: one span per row, a child of the row's outbox write (ce_traceparent)
        with tracing.spans_of_batch(
            "publish", [row.traceparent() for row in rows] if tracing.enabled() else []
        ):
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
