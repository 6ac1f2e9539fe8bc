"""Python client throughput: raw aiokafka and FastStream, produce and consume.

Producers use eventkit's producer settings (idempotent, ``acks=all``, linger 5 ms, 256 KiB
batches) so a gap to the relay is the relay's own cost, not a different configuration. Every
message carries a key (an aggregate id, as the relay sends) and the same value bytes.
Consumer throughput is timed from the partition assignment to the last record, which leaves
the group join out, like ConsumerPerformance's ``fetch.nMsg.sec``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.structs import TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.response import KafkaResponse

from eventkit.broker import BatchParser, batch_records
from eventkit.producer import producer_config

#: records per batch for the batch-subscriber variants (one offset commit per batch)
BATCH_RECORDS = 500


@dataclass(frozen=True)
class Throughput:
    messages: int
    seconds: float
    #: this process's CPU time over the whole run (consumers: group join included); on a
    #: shared machine it moves far less than the wall clock when other jobs take the cores
    cpu_s: float | None = None

    @property
    def msgs_per_s(self) -> float:
        return self.messages / self.seconds

    @property
    def cpu_us_per_msg(self) -> float | None:
        return None if self.cpu_s is None else self.cpu_s / self.messages * 1e6


def keys(count: int, aggregates: int = 1000) -> list[bytes]:
    return [f"aggregate-{i % aggregates:05d}".encode() for i in range(count)]


# ---- topics ------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def bench_topics(bootstrap: str, spec: dict[str, int]) -> AsyncIterator[None]:
    """Create the bench topics (name -> partitions) and delete them afterwards."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, parts, 1) for name, parts in spec.items()])
        yield
    finally:
        with contextlib.suppress(Exception):
            await admin.delete_topics(list(spec))
        await admin.close()


async def topic_message_count(bootstrap: str, topic: str, partitions: int) -> int:
    """Messages on the topic (sum of end offsets): what a producer really delivered."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        offsets = await consumer.end_offsets([TopicPartition(topic, p) for p in range(partitions)])
        return sum(offsets.values())
    finally:
        await consumer.stop()


# ---- produce -----------------------------------------------------------------------------
async def aiokafka_produce(
    bootstrap: str,
    topic: str,
    value: bytes,
    message_keys: Sequence[bytes],
    headers: list[tuple[str, bytes]] | None = None,
    correlation_ids: Sequence[str] | None = None,
) -> Throughput:
    """``send`` per message, then await every acknowledgement. With ``correlation_ids``,
    each message carries the two headers FastStream's ``publish`` adds (an empty
    content-type for a bytes body and that message's correlation id), built per message."""
    producer = AIOKafkaProducer(**producer_config(bootstrap, "bench-aiokafka"))
    await producer.start()
    try:
        await producer.send_and_wait(topic, value=value, key=b"warm-up")  # metadata, connection
        start = time.perf_counter()
        if correlation_ids is None:
            pending = [
                await producer.send(topic, value=value, key=k, headers=headers)
                for k in message_keys
            ]
        else:
            pending = [
                await producer.send(
                    topic,
                    value=value,
                    key=k,
                    headers=[("content-type", b""), ("correlation_id", cid.encode())],
                )
                for k, cid in zip(message_keys, correlation_ids, strict=True)
            ]
        await asyncio.gather(*pending)
        elapsed = time.perf_counter() - start
    finally:
        await producer.stop()
    return Throughput(len(message_keys), elapsed)


def by_partition(
    message_keys: Sequence[bytes], partitions: int, chunk: int
) -> list[tuple[int, list[bytes]]]:
    """Keys grouped as the default partitioner places them (murmur2 per message, as
    ``producer.send`` computes it), cut into batches of ``chunk``, in order per partition."""
    partitioner, all_partitions = DefaultPartitioner(), list(range(partitions))
    grouped: dict[int, list[bytes]] = {}
    for k in message_keys:
        grouped.setdefault(partitioner(k, all_partitions, all_partitions), []).append(k)
    return [(p, ks[i : i + chunk]) for p, ks in grouped.items() for i in range(0, len(ks), chunk)]


def batch_chunk(value: bytes) -> int:
    """Messages per record batch: as many as fit in the producer's max_batch_size."""
    return int(producer_config("", "")["max_batch_size"]) // (len(value) + 128)


async def _submit_per_partition(chunks: list[tuple[int, list[bytes]]], send: Any) -> list[Any]:
    """One task per partition submits that partition's batches in order (a batch waits
    until the previous one of its partition left the buffer); the futures of all."""
    per: dict[int, list[list[bytes]]] = {}
    for p, ks in chunks:
        per.setdefault(p, []).append(ks)

    async def submit(p: int, batches: list[list[bytes]]) -> list[Any]:
        return [await send(p, ks) for ks in batches]

    done = await asyncio.gather(*(submit(p, b) for p, b in per.items()))
    return [f for futures in done for f in futures]


async def aiokafka_produce_batch(
    bootstrap: str,
    topic: str,
    value: bytes,
    message_keys: Sequence[bytes],
    partitions: int,
    headers: list[tuple[str, bytes]] | None = None,
) -> Throughput:
    """``create_batch`` + ``send_batch`` per partition (what FastStream's ``publish_batch``
    does underneath), then await every batch's acknowledgement."""
    producer = AIOKafkaProducer(**producer_config(bootstrap, "bench-aiokafka-batch"))
    await producer.start()
    try:
        await producer.send_and_wait(topic, value=value, key=b"warm-up")
        start = time.perf_counter()
        chunks = by_partition(message_keys, partitions, batch_chunk(value))

        async def send(p: int, ks: list[bytes]) -> Any:
            batch = producer.create_batch()
            for k in ks:
                if batch.append(key=k, value=value, timestamp=None, headers=headers) is None:
                    raise RuntimeError("batch overflow: lower batch_chunk")
            return await producer.send_batch(batch, topic, partition=p)

        await asyncio.gather(*await _submit_per_partition(chunks, send))
        elapsed = time.perf_counter() - start
    finally:
        await producer.stop()
    return Throughput(len(message_keys), elapsed)


async def faststream_produce_batch(
    bootstrap: str, topic: str, value: bytes, message_keys: Sequence[bytes], partitions: int
) -> Throughput:
    """``KafkaBroker.publish_batch`` (no_confirm) per partition with per-message keys, the
    same batches as ``aiokafka_produce_batch``, then await every batch's acknowledgement."""
    broker = faststream_broker(bootstrap)
    await broker.start()
    try:
        await broker.publish(value, topic, key=b"warm-up")
        start = time.perf_counter()
        chunks = by_partition(message_keys, partitions, batch_chunk(value))

        async def send(p: int, ks: list[bytes]) -> Any:
            messages = [KafkaResponse(value, key=k) for k in ks]
            return await broker.publish_batch(*messages, topic=topic, partition=p, no_confirm=True)

        await asyncio.gather(*await _submit_per_partition(chunks, send))
        elapsed = time.perf_counter() - start
    finally:
        await broker.stop()
    return Throughput(len(message_keys), elapsed)


def correlation_ids(count: int) -> list[str]:
    """One correlation id per message, made before the clock starts, for both FastStream and
    aiokafka: a producer in production passes the id of the request or event it serves
    (eventkit passes the CloudEvent's correlation id); left out, FastStream would draw a
    uuid4 per message, work the aiokafka row does not do."""
    return [str(uuid.uuid4()) for _ in range(count)]


def faststream_batch_headers() -> list[tuple[str, bytes]]:
    """The header ``publish_batch`` puts on each message of a batch (bytes body: no
    content-type; one correlation id per batch)."""
    return [("correlation_id", str(uuid.uuid4()).encode())]


def faststream_broker(bootstrap: str) -> KafkaBroker:
    config = producer_config(bootstrap, "bench-faststream")
    return KafkaBroker(
        bootstrap,
        client_id=config["client_id"],
        enable_idempotence=config["enable_idempotence"],
        acks=config["acks"],
        linger_ms=config["linger_ms"],
        max_batch_size=config["max_batch_size"],
        request_timeout_ms=config["request_timeout_ms"],
        logger=None,
    )


async def faststream_produce(
    bootstrap: str,
    topic: str,
    value: bytes,
    message_keys: Sequence[bytes],
    *,
    confirm_each: bool,
    correlation_ids: Sequence[str] | None = None,
) -> Throughput:
    """``KafkaBroker.publish`` of a pre-encoded bytes body: pipelined (``no_confirm=True``,
    then await every future) or the default, which waits for each acknowledgement."""
    broker = faststream_broker(bootstrap)
    cids: Sequence[str | None] = correlation_ids or [None] * len(message_keys)
    await broker.start()
    try:
        await broker.publish(value, topic, key=b"warm-up")
        start = time.perf_counter()
        if confirm_each:
            for k, cid in zip(message_keys, cids, strict=True):
                await broker.publish(value, topic, key=k, correlation_id=cid)
        else:
            pending: list[Any] = [
                await broker.publish(value, topic, key=k, correlation_id=cid, no_confirm=True)
                for k, cid in zip(message_keys, cids, strict=True)
            ]
            await asyncio.gather(*pending)
        elapsed = time.perf_counter() - start
    finally:
        await broker.stop()
    return Throughput(len(message_keys), elapsed)


# ---- consume -----------------------------------------------------------------------------
@contextlib.contextmanager
def interpreter_collector_defaults() -> Iterator[None]:
    """The interpreter's own collector for one measurement: nothing frozen. The benchmark
    otherwise runs as a service process does (``eventkit.heap.settle_after_startup``)."""
    gc.unfreeze()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()


class _Assigned(ConsumerRebalanceListener):
    """Starts the clock when the group has given this consumer its partitions."""

    def __init__(self) -> None:
        self.at = 0.0

    async def on_partitions_revoked(self, revoked: Any) -> None:
        return None

    async def on_partitions_assigned(self, assigned: Any) -> None:
        if assigned and not self.at:
            self.at = time.perf_counter()


async def aiokafka_consume(
    bootstrap: str,
    topic: str,
    messages: int,
    group: str,
    *,
    commit: str = "auto",
    getmany: bool = True,
    max_records: int | None = None,
) -> Throughput:
    """Offsets committed the way a FastStream ack policy does it, so each FastStream row has
    an aiokafka row with the same semantics: ``commit="auto"`` (auto-commit, FastStream's
    ACK_FIRST), ``"each"`` (``getone`` + synchronous ``commit()`` per record: a per-record
    subscriber with NACK_ON_ERROR) or ``"batch"`` (``getmany(max_records)`` + one ``commit()``
    per batch: a batch subscriber with NACK_ON_ERROR). ``getmany=False`` reads one record at
    a time (``getone``), as a per-message subscriber does."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=commit == "auto",
    )
    assigned = _Assigned()
    cpu = time.process_time()
    consumer.subscribe([topic], listener=assigned)
    await consumer.start()
    seen = 0
    try:
        if getmany and commit != "each":
            while seen < messages:
                batch = await consumer.getmany(timeout_ms=1000, max_records=max_records)
                seen += sum(len(records) for records in batch.values())
                if batch and commit == "batch":
                    await consumer.commit()
        else:
            while seen < messages:
                await consumer.getone()
                if commit == "each":
                    await consumer.commit()
                seen += 1
        last = time.perf_counter()
    finally:
        await consumer.stop()
    return Throughput(seen, last - assigned.at, time.process_time() - cpu)


async def faststream_consume(
    bootstrap: str,
    topic: str,
    messages: int,
    group: str,
    *,
    batch: bool = False,
    ack_policy: AckPolicy = AckPolicy.NACK_ON_ERROR,
    timeout_s: float = 600,
) -> Throughput:
    """A subscriber (explicit group, earliest). ``batch`` is configured as eventkit's
    (``eventkit.broker.subscribe``): batch subscriber, NACK_ON_ERROR (one offset commit per
    batch), its tolerant parser and its decoder, the batch's records as the handler's
    argument (no Context parameter, so no thread hop); ``BATCH_RECORDS`` per batch.
    Without ``batch``, a per-message subscriber with ``ack_policy``."""
    broker = KafkaBroker(bootstrap, client_id="bench-faststream-consumer", logger=None)
    done = asyncio.Event()
    seen = 0
    last = 0.0
    assigned = _Assigned()

    def count(n: int) -> None:
        nonlocal seen, last
        seen += n
        if seen >= messages:
            last = time.perf_counter()
            done.set()

    options: dict[str, Any] = {
        "group_id": group,
        "auto_offset_reset": "earliest",
        "ack_policy": ack_policy,
        "max_poll_interval_ms": 300_000,
        "listener": assigned,
    }
    if batch:

        @broker.subscriber(
            topic,
            batch=True,
            max_records=BATCH_RECORDS,
            parser=BatchParser(),
            decoder=batch_records,
            **options,
        )
        async def on_batch(records: Any) -> None:
            count(len(records))

    else:
        # the body as the handler's argument, as FastStream's documentation writes handlers:
        # a ``msg: KafkaMessage`` (Context) parameter is resolved by a sync function that
        # fast_depends runs in anyio's worker thread, a thread hop per message
        @broker.subscriber(topic, **options)
        async def on_message(body: bytes) -> None:
            count(1)

    cpu = time.process_time()
    await broker.start()
    try:
        await asyncio.wait_for(done.wait(), timeout_s)
    finally:
        await broker.stop()
    return Throughput(seen, last - assigned.at, time.process_time() - cpu)
