"""Async SQLAlchemy plumbing: engine, sessions, per-service metadata."""

from __future__ import annotations

from sqlalchemy import MetaData, Table
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

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


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(url, pool_size=pool_size, max_overflow=10, pool_pre_ping=True)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def plain_dsn(url: str) -> str:
    """asyncpg wants ``postgresql://``; SQLAlchemy wants ``postgresql+asyncpg://``."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def messaging_tables(metadata: MetaData) -> tuple[Table, Table]:
    """The outbox and inbox tables in the service's schema (created once per metadata)."""
    from eventkit.inbox import inbox_table
    from eventkit.outbox import outbox_table

    key = f"{metadata.schema}." if metadata.schema else ""
    outbox = metadata.tables.get(key + "outbox")
    inbox = metadata.tables.get(key + "inbox")
    return (
        outbox if outbox is not None else outbox_table(metadata),
        inbox if inbox is not None else inbox_table(metadata),
    )
