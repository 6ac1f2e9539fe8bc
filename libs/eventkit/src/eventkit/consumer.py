"""Event consumption with the platform's guarantees.

* Typed handlers per CloudEvents ``type``; unknown types are acknowledged and counted
  (tolerant reader), never an exception that blocks the partition.
* Each event runs in one unit of work together with its inbox row: exactly one effect.
* Poison messages (malformed envelope, invalid payload, a handler that keeps failing) go to
  ``<topic>.dlq`` with the error in headers after bounded retries; the partition moves on.
* Transient infrastructure errors (database or broker away) are never dead-lettered: the
  message is retried after a backoff until the infrastructure is back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
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
from eventkit import context
from eventkit.crypto import KeyResolver, SubjectErased, decrypt_fields
from eventkit.errors import is_transient
from eventkit.faults import fault_point
from eventkit.logging import get_logger
from eventkit.uow import UnitOfWork

log = get_logger(__name__)

E = TypeVar("E", bound=IntegrationEvent)
U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[E, CloudEvent, U], Awaitable[None]]

HANDLED = Counter("events_handled_total", "Events handled", ["service", "type", "outcome"])


class PoisonMessage(Exception):
    """A handler's verdict that this event can never be processed: dead-letter it now."""


class _Route(Generic[E, U]):
    def __init__(self, model: type[E], handler: Handler[E, U]) -> None:
        self.model = model
        self.handler = handler


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
        return sorted({route.model.topic for route in self.routes.values()})

    def handled_types(self, topic: str) -> list[str]:
        return sorted(t for t, route in self.routes.items() if route.model.topic == topic)

    async def handle_record(self, record: ConsumerRecord[Any, Any]) -> str:
        """Process one record to an outcome; raises only for transient errors (redeliver)."""
        try:
            ce = CloudEvent.from_kafka(record.headers or [], record.value)
        except InvalidEnvelope as exc:
            return await self._dead_letter(record, exc, attempts=1, type_="invalid")
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
        return await self._run(route, event, ce, record)

    async def _reveal(self, ce: CloudEvent) -> dict[str, Any]:
        if not encrypted_key_ids(ce.data):
            return ce.data
        if self.key_resolver is None:
            return {k: (None if is_encrypted(v) else v) for k, v in ce.data.items()}
        return await decrypt_fields(ce.data, ce.subject, self.key_resolver)

    async def _run(
        self,
        route: _Route[Any, U],
        event: IntegrationEvent,
        ce: CloudEvent,
        record: ConsumerRecord[Any, Any],
    ) -> str:
        # events published while handling this one carry its correlation id onward
        context.correlation_id.set(ce.correlationid or ce.id)
        context.traceparent.set(ce.traceparent)
        structlog.contextvars.bind_contextvars(event_id=ce.id, correlation_id=ce.correlationid)
        try:
            return await self._attempt(route, event, ce, record)
        finally:
            structlog.contextvars.unbind_contextvars("event_id", "correlation_id")

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
