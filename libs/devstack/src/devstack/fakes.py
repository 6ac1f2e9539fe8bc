"""In-memory twins of the chassis' unit of work, so a service's use cases can be tested in
milliseconds without a database (cosmicpython's ``FakeUnitOfWork``).

``FakeUnitOfWork`` *is* an ``eventkit.uow.UnitOfWork``: the same ``track``, ``publish`` and
``commit`` code maps domain events to integration events and writes them to an outbox, only
the session and the outbox are in memory:

* ``FakeDatabase`` holds what is committed: every fake repository's rows (``tables``) and the
  integration events written to the outbox (``published``).
* Each ``async with uow`` opens a ``FakeSession`` with a deep copy of the committed tables;
  ``commit`` makes the copy (and the outbox rows written meanwhile) the committed state, and
  leaving without a commit forgets both, as a rolled-back transaction would. So a use case that
  refuses halfway leaves nothing behind, exactly as against PostgreSQL.

A service's fake unit of work subclasses ``FakeUnitOfWork`` and builds its fake repositories
in ``init_repositories`` over ``session.table(name)`` (one dict per table, keyed as the
repository likes). The fakes implement the service's repository protocols
(``<service>/service_layer/repositories.py``); the real-database tests keep the SQL honest.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from contracts.base import IntegrationEvent
from eventkit.aggregate import AggregateRoot, DomainEvent
from eventkit.deferred import ReadOnlySession
from eventkit.uow import UnitOfWork

T = TypeVar("T")


def row(value: T) -> T:
    """What a fake table keeps of a value: a copy without pending domain events (those belong
    to the unit of work that recorded them), so a later load does not publish them again."""
    kept = copy.deepcopy(value)
    if isinstance(kept, AggregateRoot):
        kept.events = []
    return kept


@dataclass(frozen=True)
class Published:
    """An integration event written to the outbox by a committed unit of work."""

    event: IntegrationEvent
    sequence: int
    correlation_id: str | None = None


@dataclass
class FakeDatabase:
    """The committed state every fake unit of work of one test shares."""

    #: table name -> whatever the fake repository keeps there (usually key -> row)
    tables: dict[str, Any] = field(default_factory=dict)
    #: the outbox, in commit order
    published: list[Published] = field(default_factory=list)
    #: how many transactions committed
    commits: int = 0


class FakeSession:
    """One transaction over a ``FakeDatabase``: a private copy until ``commit``."""

    def __init__(self, database: FakeDatabase) -> None:
        self.database = database
        self.read_only = False
        self._begin()

    def _begin(self) -> None:
        self.tables: dict[str, Any] = copy.deepcopy(self.database.tables)
        self.outbox: list[Published] = []

    def table(self, name: str, empty: type = dict) -> Any:
        """The working copy of one table (created empty on first use)."""
        if name not in self.tables:
            self.tables[name] = empty()
        return self.tables[name]

    def check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlySession("a write inside autocommit_reads()")

    async def commit(self) -> None:
        self.check_writable()
        self.database.tables = copy.deepcopy(self.tables)
        self.database.published.extend(self.outbox)
        self.database.commits += 1
        self.outbox = []

    async def rollback(self) -> None:
        self._begin()

    async def close(self) -> None:
        self.tables = {}
        self.outbox = []


class FakeOutbox:
    """``eventkit.outbox.OutboxWriter``'s place: rows go to the session's outbox list."""

    async def add(
        self,
        session: FakeSession,
        event: IntegrationEvent,
        *,
        sequence: int = 0,
        correlation_id: str | None = None,
        traceparent: str | None = None,
    ) -> None:
        session.check_writable()
        session.outbox.append(Published(event, sequence, correlation_id))

    async def wake_relay(self, session: FakeSession) -> None:
        """No relay to wake."""


def _no_integration_events(_: AggregateRoot, __: DomainEvent) -> Iterable[IntegrationEvent]:
    return ()


class FakeUnitOfWork(UnitOfWork):
    """The chassis' unit of work over a ``FakeDatabase``. ``self.session`` is a ``FakeSession``;
    subclasses build their fake repositories in ``init_repositories``."""

    def __init__(
        self,
        to_integration_events: Any = _no_integration_events,
        database: FakeDatabase | None = None,
    ) -> None:
        self.database = database or FakeDatabase()
        super().__init__(
            self._open_session,  # type: ignore[arg-type]
            FakeOutbox(),  # type: ignore[arg-type]
            None,  # type: ignore[arg-type]  # consumers' inbox: the dispatcher's, not tested here
            to_integration_events,
        )

    def _open_session(self) -> FakeSession:
        return FakeSession(self.database)

    @property
    def fake_session(self) -> FakeSession:
        return self.session  # type: ignore[return-value]

    @asynccontextmanager
    async def autocommit_reads(self) -> AsyncIterator[Self]:
        async with self:
            self.fake_session.read_only = True
            yield self

    # ---- what a test reads --------------------------------------------------------------
    @property
    def published(self) -> list[IntegrationEvent]:
        """Integration events of committed units of work, oldest first."""
        return [p.event for p in self.database.published]

    def published_of(self, event_type: type[IntegrationEvent]) -> list[Any]:
        return [e for e in self.published if isinstance(e, event_type)]

    @property
    def commits(self) -> int:
        return self.database.commits

    def committed(self, table: str) -> Any:
        """A committed table, as the next unit of work would see it (a copy)."""
        return copy.deepcopy(self.database.tables.get(table, {}))
