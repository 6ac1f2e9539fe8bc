"""FastStream broker with the platform's safe defaults, and the subscriber that feeds
an ``EventDispatcher``.

FastStream's Kafka subscriber defaults are unsafe for us (ACK_FIRST commits before handling,
``latest`` skips history). Every subscription here acks only after the dispatcher reached an
outcome (effect committed, duplicate, ignored, or dead-lettered); on a transient error it seeks
back so the message is redelivered.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any

from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage

from eventkit.committed_offsets import retry_committed_offset_fetches
from eventkit.consumer import EventDispatcher
from eventkit.process_health import Heartbeat
from eventkit.settings import ServiceSettings


def make_broker(settings: ServiceSettings) -> KafkaBroker:
    retry_committed_offset_fetches()
    return KafkaBroker(
        # a list: FastStream hands a string on as ONE server, so a comma-separated
        # KAFKA_BOOTSTRAP_SERVERS (several brokers) became one unresolvable host name
        bootstrap_list(settings.kafka_bootstrap_servers),
        client_id=settings.service_name,
        enable_idempotence=True,
        acks="all",
        graceful_timeout=settings.consumer_graceful_timeout_s,
        logger=None,
    )


def bootstrap_list(servers: str) -> list[str]:
    """``host:port,host:port`` (how KAFKA_BOOTSTRAP_SERVERS names several brokers) as a list."""
    return [server.strip() for server in servers.split(",") if server.strip()]


def subscribe(
    broker: KafkaBroker,
    dispatcher: EventDispatcher[Any],
    settings: ServiceSettings,
    progress: Heartbeat | None = None,
) -> None:
    """One consumer (group = service) over every topic the dispatcher has handlers for;
    ``progress`` beats when a batch is taken in hand and when it is done (stall watchdog,
    liveness)."""
    marked = progress or Heartbeat()
    topics = dispatcher.topics()
    if not topics:
        return

    @broker.subscriber(
        *topics,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_poll_interval_ms=300_000,
        # batches: one offset commit per batch instead of one per record (a synchronous
        # commit per record capped consumers at ~100 events/s, see docs/benchmarks/messaging.md)
        batch=True,
        max_records=settings.consumer_batch_max_records,
        batch_timeout_ms=settings.consumer_batch_timeout_ms,
        # aiokafka keeps one fetch in flight per broker: a record for a partition that is not
        # in the pending long poll waited for it to expire (500 ms by default)
        fetch_max_wait_ms=settings.consumer_fetch_max_wait_ms,
        parser=BatchParser(),
        decoder=batch_records,
        title=f"{settings.service_name}.events",
    )
    async def on_events(records: Any) -> None:
        # in order, the whole batch in one transaction with its inbox rows (a failing handler
        # makes the dispatcher replay it one event per transaction); a transient error rewinds
        # every partition to the batch's first record and the inbox absorbs the replays
        marked.begin()
        try:
            await dispatcher.handle_batch(records)
        finally:
            marked.end()


class BatchParser:
    """FastStream's batch parser decodes every record's headers into a dict the dispatcher
    never reads (it takes the raw records and decodes each envelope itself): that was about
    a third of a consumer's time without database work (docs/benchmarks/messaging.md).
    FastStream itself only reads the message's own headers (correlation id, logging
    context), so only the first record is parsed; the message then carries the whole
    batch as its raw records, which are also its body.

    One per subscriber: it also lets go of the batch handled before. FastStream puts each
    message in a context variable while it is handled, so every timer scheduled meanwhile
    (aiokafka's request timeouts, the offset commit's) holds a copy of that context, and
    asyncio keeps a cancelled timer, context and all, until its deadline or a purge of
    cancelled timers: dozens of handled batches stayed alive, and the collector ran about
    ten times as often as for aiokafka's own loop (docs/benchmarks/messaging.md). A batch
    subscriber handles one message at a time, so when the next batch arrives the previous
    message has been acked or nacked and its records are no longer needed."""

    def __init__(self) -> None:
        self._handled: StreamMessage[Any] | None = None

    async def __call__(
        self, records: tuple[Any, ...], original: Callable[[Any], Awaitable[Any]]
    ) -> StreamMessage[Any]:
        self._release_handled()
        head = await _parse_tolerantly(records[:1], original)
        first, last = records[0], records[-1]
        head.raw_message = head.body = records
        head.message_id = f"{first.offset}-{last.offset}-{first.timestamp}"
        self._handled = head
        return head

    def _release_handled(self) -> None:
        handled, self._handled = self._handled, None
        if handled is not None and handled.committed is not None:  # acked or nacked: done
            handled.raw_message = handled.body = ()
            handled.clear_cache()  # the decoded body: the same records


async def _parse_tolerantly(
    records: tuple[Any, ...], original: Callable[[Any], Awaitable[Any]]
) -> StreamMessage[Any]:
    """FastStream decodes headers as UTF-8 before our code sees the record; one hostile
    header would then fail the whole batch forever. Parse a sanitised copy instead: the
    dispatcher gets the original records and dead-letters them as invalid envelopes."""
    try:
        return await original(records)
    except UnicodeDecodeError:
        return await original(
            tuple(
                dataclasses.replace(r, headers=[(k, _utf8_or_empty(v)) for k, v in r.headers or []])
                for r in records
            )
        )


async def batch_records(msg: Any, original: Callable[[Any], Awaitable[Any]]) -> Any:
    """The handler's argument is the batch's records, as they came from aiokafka: the
    dispatcher decodes each envelope itself, so FastStream's own decoder would re-parse every
    header (strictly) for nothing. Taking the records as the body rather than a
    ``msg: KafkaMessage`` parameter matters: FastStream resolves that ``Context`` parameter
    through fast_depends, which runs it in a new task group and anyio's worker thread, a
    thread hop (and a wait for the GIL) per batch (docs/benchmarks/messaging.md)."""
    return msg.raw_message


def _utf8_or_empty(value: bytes) -> bytes:
    try:
        value.decode()
    except UnicodeDecodeError:
        return b""
    return value
