"""Async SQLAlchemy plumbing: engine, sessions, per-service metadata."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import MetaData, Table, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import PoolProxiedConnection

from eventkit.deferred import DeferringSession

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    """Metadata whose tables all live in the service's own schema."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


#: the server probes a silent client after 30 s, every 10 s, three times: a client that
#: vanished without closing its socket (its node lost, the network partitioned) has its
#: session ended within about a minute, instead of Linux's default two hours and more, in
#: which its open transaction would keep its row locks (an email dispatcher's claimed
#: deliveries would wait that long to be sent)
SERVER_KEEPALIVES = {
    "tcp_keepalives_idle": "30",
    "tcp_keepalives_interval": "10",
    "tcp_keepalives_count": "3",
}


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10) -> AsyncEngine:
    """At most ``pool_size + max_overflow`` connections (the connection budget)."""
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        connect_args={"server_settings": SERVER_KEEPALIVES},
    )
    event.listen(engine.sync_engine, "checkout", _discard_closed)
    return engine


def _discard_closed(_: Any, __: Any, proxy: PoolProxiedConnection) -> None:
    """Hand out only connections the server has not closed (restart, crash, termination).

    Instead of ``pool_pre_ping``, whose asyncpg ping is three round trips (BEGIN, an empty
    query, ROLLBACK: it is written for PgBouncer's transaction mode, which we do not use) on
    every checkout, i.e. on every request. A server that goes away closes its sockets, and
    asyncpg marks the idle connection closed as soon as the event loop sees that; a ping
    would add nothing for a server that vanished silently (it hangs like the real query).
    Raising ``DisconnectionError`` makes the pool replace the connection and try again.
    """
    driver = proxy.driver_connection
    if driver is None or driver.is_closed():
        raise DisconnectionError("the database closed this pooled connection")


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, class_=DeferringSession)


def plain_dsn(url: str) -> str:
    """asyncpg wants ``postgresql://``; SQLAlchemy wants ``postgresql+asyncpg://``."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def table_once(metadata: MetaData, name: str, create: Callable[[MetaData], Table]) -> Table:
    """The table ``name`` of the service's schema: ``create(metadata)`` the first time, the
    same Table after (a MetaData holds each table once)."""
    key = f"{metadata.schema}.{name}" if metadata.schema else name
    existing = metadata.tables.get(key)
    return existing if existing is not None else create(metadata)


def messaging_tables(metadata: MetaData) -> tuple[Table, Table]:
    """The outbox and inbox tables in the service's schema (created once per metadata)."""
    from eventkit.inbox import inbox_table
    from eventkit.outbox import outbox_table

    return table_once(metadata, "outbox", outbox_table), table_once(metadata, "inbox", inbox_table)
