"""Event consumption with the platform's guarantees.

* Typed handlers per CloudEvents ``type``; unknown types are acknowledged and counted
  (tolerant reader), never an exception that blocks the partition.
* Each event's effects commit in the same transaction as its inbox row: exactly one effect.
  A consumed batch runs in ONE unit of work (inbox rows, effects and outbox rows of every
  event in it, one commit); if a handler fails, the batch is rolled back and replayed one
  event per transaction, so the good events still commit once and only the failing one goes
  through the bounded retries to the DLQ.
* Poison messages (malformed envelope, invalid payload, a handler that keeps failing) go to
  ``<topic>.dlq`` with the error in headers after bounded retries; the partition moves on.
* Transient infrastructure errors (database or broker away) are never dead-lettered: the
  message is retried after a backoff until the infrastructure is back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import structlog
from aiokafka import AIOKafkaProducer, ConsumerRecord
from prometheus_client import Counter
from pydantic import ValidationError

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent, InvalidEnvelope
from contracts.privacy import encrypted_key_ids, is_encrypted
from contracts.topics import DLQ_SUFFIX
from eventkit import context, tracing
from eventkit.crypto import CachingKeyResolver, KeyResolver, SubjectErased, decrypt_fields
from eventkit.dead_letters import replayed_for_another
from eventkit.errors import is_transient
from eventkit.faults import fault_point
from eventkit.logging import get_logger
from eventkit.uow import UnitOfWork

log = get_logger(__name__)

E = TypeVar("E", bound=IntegrationEvent)
U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[E, CloudEvent, U], Awaitable[None]]

HANDLED = Counter("events_handled_total", "Events handled", ["service", "type", "outcome"])
#: subject keys of one batch fetched at the same time, at most
KEY_FETCH_CONCURRENCY = 16


class PoisonMessage(Exception):
    """A handler's verdict that this event can never be processed: dead-letter it now."""


class _Route(Generic[E, U]):
    def __init__(self, model: type[E], handler: Handler[E, U]) -> None:
        self.model = model
        self.handler = handler


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A record that passed envelope, routing, decryption and validation: ready to handle."""

    route: _Route[Any, Any]
    event: IntegrationEvent
    ce: CloudEvent
    record: ConsumerRecord[Any, Any]


def _envelope(record: ConsumerRecord[Any, Any]) -> CloudEvent | InvalidEnvelope:
    """The record's CloudEvent, or why it is not one."""
    try:
        return CloudEvent.from_kafka(record.headers or [], record.value)
    except InvalidEnvelope as exc:
        return exc


class _HandlerFailed(Exception):
    """A handler of a batch failed (not transiently): replay the batch one event at a time."""

    def __init__(self, type_: str) -> None:
        super().__init__(type_)
        self.type_ = type_


@contextlib.contextmanager
def _event_context(ce: CloudEvent) -> Iterator[None]:
    # events published while handling this one carry its correlation id onward
    context.correlation_id.set(ce.correlationid or ce.id)
    context.traceparent.set(ce.traceparent)
    structlog.contextvars.bind_contextvars(event_id=ce.id, correlation_id=ce.correlationid)
    try:
        # traced: a child of the event's traceparent (the outbox write that made it)
        with tracing.span(
            f"process {ce.type}",
            parent=ce.traceparent,
            kind=tracing.CONSUMER,
            attributes={"messaging.message.id": ce.id},
        ):
            yield
    finally:
        structlog.contextvars.unbind_contextvars("event_id", "correlation_id")


class EventDispatcher(Generic[U]):
    """Routes records of one service's subscriptions to handlers, with inbox and DLQ."""

    def __init__(
        self,
        service: str,
        uow_factory: Callable[[], U],
        *,
        max_attempts: int = 3,
        retry_backoff_s: float = 0.2,
    ) -> None:
        self.service = service
        self.uow_factory = uow_factory
        self.max_attempts = max_attempts
        self.retry_backoff_s = retry_backoff_s
        self.routes: dict[str, _Route[Any, U]] = {}
        self.dlq_producer: AIOKafkaProducer | None = None
        #: reads crypto-shredded personal fields; without it they arrive as None
        self.key_resolver: KeyResolver | None = None

    def on(self, model: type[E]) -> Callable[[Handler[E, U]], Handler[E, U]]:
        def register(handler: Handler[E, U]) -> Handler[E, U]:
            self.routes[model.type_name] = _Route(model, handler)
            return handler

        return register

    def topics(self) -> list[str]:
        return sorted(self.handled_models())

    def handled_models(self) -> dict[str, list[type[Any]]]:
        """topic -> the event models handled on it, by type name."""
        by_topic: dict[str, list[type[Any]]] = {}
        for _, route in sorted(self.routes.items()):
            by_topic.setdefault(route.model.topic, []).append(route.model)
        return by_topic

    async def handle_record(self, record: ConsumerRecord[Any, Any]) -> str:
        """Process one record to an outcome; raises only for transient errors (redeliver)."""
        prepared = await self._prepare(record, _envelope(record))
        if isinstance(prepared, str):
            return prepared
        return await self._run(prepared)

    async def handle_batch(self, records: Sequence[ConsumerRecord[Any, Any]]) -> list[str]:
        """Process a consumed batch in order, its effects in one transaction; the outcomes.

        Raises only for transient errors: nothing of the batch is then committed and the
        subscriber redelivers all of it (the inbox absorbs what an earlier try committed)."""
        outcomes: list[str] = []
        pending: list[tuple[int, _Prepared]] = []
        envelopes = [_envelope(record) for record in records]
        await self._fetch_keys(envelopes)
        for record, envelope in zip(records, envelopes, strict=True):
            prepared = await self._prepare(record, envelope)
            if isinstance(prepared, str):
                outcomes.append(prepared)
            else:
                pending.append((len(outcomes), prepared))
                outcomes.append("")
        if len(pending) == 1:
            index, only = pending[0]
            outcomes[index] = await self._run(only)
        elif pending:
            items = [item for _, item in pending]
            try:
                done = await self._commit_batch(items)
            except _HandlerFailed as failed:
                log.warning(
                    "events.batch_replayed_one_by_one",
                    events=len(items),
                    type=failed.type_,
                    error=type(failed.__cause__).__name__,
                )
                done = [await self._run(item) for item in items]
            for (index, _), outcome in zip(pending, done, strict=True):
                outcomes[index] = outcome
        return outcomes

    async def _fetch_keys(self, envelopes: Sequence[CloudEvent | InvalidEnvelope]) -> None:
        """The subject keys of a batch's encrypted fields, fetched at once into the cache.

        Each key is a round trip to its owner's key endpoint (an audited read there, one
        commit); fetched one record after another they were most of a batch's time, and the
        cluster chaos suite's consumers fell minutes behind. A fetch that fails here is left
        to the record's own decryption, which retries or dead-letters it as before."""
        resolver = self.key_resolver
        if not isinstance(resolver, CachingKeyResolver):
            return
        wanted = {
            key_id
            for ce in envelopes
            if isinstance(ce, CloudEvent) and ce.type in self.routes
            for key_id in encrypted_key_ids(ce.data)
        }
        if len(wanted) < 2:
            return
        slots = asyncio.Semaphore(KEY_FETCH_CONCURRENCY)

        async def fetch(key_id: str) -> None:
            async with slots:
                await resolver.key(key_id)

        await asyncio.gather(*(fetch(k) for k in wanted), return_exceptions=True)

    async def _prepare(
        self, record: ConsumerRecord[Any, Any], envelope: CloudEvent | InvalidEnvelope
    ) -> str | _Prepared:
        """Envelope, route, decryption and validation: an outcome already, or an event to run."""
        if replayed_for_another(record.headers or [], self.service):
            return self._count("replayed", "ignored")  # another group's dead letter, replayed
        if isinstance(envelope, InvalidEnvelope):
            return await self._dead_letter(record, envelope, attempts=1, type_="invalid")
        ce = envelope
        route = self.routes.get(ce.type)
        if route is None:
            return self._count(ce.type, "ignored")
        try:
            data = await self._reveal(ce)
        except SubjectErased:
            return self._count(ce.type, "erased")  # replay after erasure: nothing personal
        except Exception as exc:
            if is_transient(exc):  # key service away: retry later, never dead-letter
                await asyncio.sleep(min(5.0, self.retry_backoff_s * 4))
                raise
            # a tampered or undecryptable field can never be read
            return await self._dead_letter(record, exc, attempts=1, type_=ce.type)
        try:
            event = route.model.model_validate(data)
        except ValidationError as exc:
            return await self._dead_letter(record, exc, attempts=1, type_=ce.type)
        return _Prepared(route, event, ce, record)

    async def _commit_batch(self, items: Sequence[_Prepared]) -> list[str]:
        """Every event of the batch in one unit of work: inbox rows in one statement, then
        each handler in order, one commit. A handler's failure raises ``_HandlerFailed``
        (nothing committed); a transient error is re-raised after a backoff."""
        outcomes: list[str] = []
        try:
            async with self.uow_factory() as uow:
                fresh = await uow.inbox.first_deliveries(
                    uow.session, [(i.ce.id, i.ce.type, i.record.topic) for i in items]
                )
                for item in items:
                    if item.ce.id not in fresh:  # processed before, or earlier in this batch
                        outcomes.append("duplicate")
                        continue
                    fresh.discard(item.ce.id)
                    with _event_context(item.ce):
                        try:
                            await item.route.handler(item.event, item.ce, uow)
                        except Exception as exc:
                            if is_transient(exc):
                                raise
                            raise _HandlerFailed(item.ce.type) from exc
                        uow.stamp_context()
                    outcomes.append("handled")
                fault_point("consumer.before_commit")
                await uow.commit()
            fault_point("consumer.after_commit")
        except _HandlerFailed:
            raise
        except Exception as exc:
            if not is_transient(exc):  # e.g. a constraint violated at commit: find the culprit
                raise _HandlerFailed(items[0].ce.type) from exc
            log.warning("events.transient_failure", events=len(items), error=type(exc).__name__)
            for item in items:
                self._count(item.ce.type, "retry")
            await asyncio.sleep(min(5.0, self.retry_backoff_s * 2))
            raise  # the subscriber seeks back: redelivered once infrastructure is back
        return [self._count(i.ce.type, o) for i, o in zip(items, outcomes, strict=True)]

    async def _reveal(self, ce: CloudEvent) -> dict[str, Any]:
        if not encrypted_key_ids(ce.data):
            return ce.data
        if self.key_resolver is None:
            return {k: (None if is_encrypted(v) else v) for k, v in ce.data.items()}
        return await decrypt_fields(ce.data, ce.subject, self.key_resolver)

    async def _run(self, item: _Prepared) -> str:
        with _event_context(item.ce):
            return await self._attempt(item.route, item.event, item.ce, item.record)

    async def _attempt(
        self,
        route: _Route[Any, U],
        event: IntegrationEvent,
        ce: CloudEvent,
        record: ConsumerRecord[Any, Any],
    ) -> str:
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.uow_factory() as uow:
                    if not await uow.inbox.first_delivery(
                        uow.session, ce.id, ce.type, record.topic
                    ):
                        return self._count(ce.type, "duplicate")
                    await route.handler(event, ce, uow)
                    fault_point("consumer.before_commit")
                    await uow.commit()
                fault_point("consumer.after_commit")
                return self._count(ce.type, "handled")
            except PoisonMessage as exc:
                return await self._dead_letter(record, exc, attempts=attempt, type_=ce.type)
            except Exception as exc:
                if is_transient(exc):
                    log.warning("event.transient_failure", type=ce.type, error=type(exc).__name__)
                    self._count(ce.type, "retry")
                    await asyncio.sleep(min(5.0, self.retry_backoff_s * 2**attempt))
                    raise  # the subscriber seeks back: redelivered once infrastructure is back
                if attempt >= self.max_attempts:
                    return await self._dead_letter(record, exc, attempts=attempt, type_=ce.type)
                log.warning(
                    "event.handler_failed", type=ce.type, attempt=attempt, error=type(exc).__name__
                )
                await asyncio.sleep(self.retry_backoff_s * 2 ** (attempt - 1))

    async def _dead_letter(
        self, record: ConsumerRecord[Any, Any], exc: BaseException, *, attempts: int, type_: str
    ) -> str:
        assert self.dlq_producer is not None, "dispatcher not started"
        headers = [
            *list(record.headers or []),
            ("dlq_error_class", type(exc).__name__.encode()),
            ("dlq_error_message", str(exc)[:1000].encode()),
            ("dlq_original_topic", record.topic.encode()),
            ("dlq_original_partition", str(record.partition).encode()),
            ("dlq_original_offset", str(record.offset).encode()),
            ("dlq_consumer_group", self.service.encode()),
            ("dlq_attempts", str(attempts).encode()),
            ("dlq_failed_at", datetime.now(UTC).isoformat().encode()),
        ]
        await self.dlq_producer.send_and_wait(
            record.topic + DLQ_SUFFIX, value=record.value, key=record.key, headers=headers
        )
        log.error(
            "event.dead_lettered",
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            type=type_,
            error=type(exc).__name__,
        )
        return self._count(type_, "dead_lettered")

    def _count(self, type_: str, outcome: str) -> str:
        HANDLED.labels(self.service, type_, outcome).inc()
        return outcome
