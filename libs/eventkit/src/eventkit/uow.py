"""Unit of work: one transaction for the state change, its outbox rows and its inbox row."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts.base import IntegrationEvent
from eventkit import context, tracing
from eventkit.aggregate import AggregateRoot, DomainEvent
from eventkit.deferred import DeferringSession
from eventkit.idempotency import remember_pending
from eventkit.inbox import Inbox
from eventkit.outbox import OutboxWriter

EventMapper = Callable[[AggregateRoot, DomainEvent], Iterable[IntegrationEvent]]


def _no_integration_events(_: AggregateRoot, __: DomainEvent) -> Iterable[IntegrationEvent]:
    return ()


class UnitOfWork:
    """Async context manager; rolls back unless ``commit`` was called.

    Services subclass it to expose their repositories (built on ``self.session``).
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        outbox: OutboxWriter,
        inbox: Inbox,
        to_integration_events: EventMapper = _no_integration_events,
    ) -> None:
        self._session_factory = session_factory
        self.outbox = outbox
        self.inbox = inbox
        self._to_integration = to_integration_events
        self._seen: list[AggregateRoot] = []
        #: id(domain event) -> (correlation id, traceparent) of the event being handled when
        #: it was recorded; see ``stamp_context``
        self._stamps: dict[int, tuple[str | None, str | None]] = {}
        #: outbox rows written in this transaction: wake the relay once it committed
        self._wrote_outbox = False
        self.session: AsyncSession

    async def __aenter__(self) -> Self:
        self.session = self._session_factory()
        self._seen = []
        self._stamps = {}
        self._wrote_outbox = False
        self.init_repositories(self.session)
        return self

    def init_repositories(self, session: AsyncSession) -> None:
        """Hook for subclasses."""

    @asynccontextmanager
    async def autocommit_reads(self) -> AsyncIterator[Self]:
        """``async with uow.autocommit_reads():`` instead of ``async with uow:`` for a use case
        that only reads: its statements run without a transaction, so a one-statement read is
        one round trip instead of three (no BEGIN, no ROLLBACK). Each statement sees its own
        snapshot: a read that needs several statements to agree belongs in ``async with uow``.
        Writes, row locks and ``commit`` raise ``eventkit.deferred.ReadOnlySession``
        (``DeferringSession.read_in_autocommit``)."""
        async with self:
            if not isinstance(self.session, DeferringSession):
                raise TypeError("autocommit reads need a DeferringSession (eventkit.db)")
            self.session.read_in_autocommit()
            yield self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # closing rolls back whatever did not commit
        await self.session.close()

    def track(self, aggregate: AggregateRoot) -> AggregateRoot:
        if aggregate not in self._seen:
            self._seen.append(aggregate)
        return aggregate

    async def publish(self, event: IntegrationEvent, *, sequence: int = 0) -> None:
        """Queue an integration event in this transaction (written to the outbox)."""
        self._wrote_outbox = True
        await self.outbox.add(
            self.session,
            event,
            sequence=sequence,
            correlation_id=context.correlation_id.get(),
            traceparent=tracing.current_traceparent(),
        )

    def stamp_context(self) -> None:
        """Remember the current correlation context for the domain events recorded so far.

        A consumer handling a whole batch in one unit of work calls this after each event's
        handler: the integration events written at ``commit`` then carry the correlation id of
        the event that caused them, not that of the batch's last event."""
        current = (context.correlation_id.get(), tracing.current_traceparent())
        for aggregate in self._seen:
            for domain_event in aggregate.events:
                self._stamps.setdefault(id(domain_event), current)

    async def commit(self) -> None:
        for aggregate in self._seen:
            while aggregate.events:
                domain_event = aggregate.events.pop(0)
                correlation, trace = self._stamps.pop(
                    id(domain_event), (context.correlation_id.get(), tracing.current_traceparent())
                )
                for event in self._to_integration(aggregate, domain_event):
                    self._wrote_outbox = True
                    await self.outbox.add(
                        self.session,
                        event,
                        sequence=aggregate.version,
                        correlation_id=correlation,
                        traceparent=trace,
                    )
        # a request's Idempotency-Key is remembered in the transaction of its work
        await remember_pending(self.session)
        await self.session.commit()
        if self._wrote_outbox:
            self._wrote_outbox = False
            await self.outbox.wake_relay(self.session)

    async def rollback(self) -> None:
        await self.session.rollback()
