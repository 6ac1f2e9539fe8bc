"""Deferred inserts on real Postgres: one statement, the same rows and guarantees as executing
each insert on its own (eventkit.deferred)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import kit
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from eventkit.db import make_engine, make_session_factory
from eventkit.deferred import DeferringSession, compile_insert

pytestmark = pytest.mark.infra

#: a table whose Python-side default no deferred statement may skip
with_default = Table(
    "with_default",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("label", String(20), default=lambda: "computed"),
)


@pytest.fixture
async def engine(kit_db: str) -> AsyncIterator[AsyncEngine]:
    e = make_engine(kit_db)
    yield e
    await e.dispose()


def _effect(aggregate: str, seq: int) -> dict[str, object]:
    return {"event_id": uuid.uuid4().hex, "aggregate_id": aggregate, "seq": seq, "name": "n"}


def _outbox_row(seq: int) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "aggregatetype": "kit.thing",
        "aggregateid": "a",
        "type": "kit.thing.happened",
        "topic": "t",
        "payload": {"seq": seq, "text": "ünïcode ✓"},
        "headers": {"ce_id": str(seq)},
        "created_at": datetime.now(UTC),
    }


async def test_write_only_unit_of_work_commits_every_row_in_one_statement(
    engine: AsyncEngine,
) -> None:
    sessions = make_session_factory(engine)
    async with sessions() as session:
        assert isinstance(session, DeferringSession)
        for seq in range(3):
            session.defer_insert(kit.effects.insert(), _effect("a", seq))
        for seq in range(4):
            session.defer_insert(kit.outbox.insert(), _outbox_row(seq))
        assert not session.in_transaction()  # nothing sent yet
        await session.commit()
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(kit.effects)) == 3
        rows = (
            await conn.execute(select(kit.outbox.c.payload).order_by(kit.outbox.c.position))
        ).all()
    # one multi-row INSERT: identity positions follow the order the rows were deferred
    assert [r.payload["seq"] for r in rows] == [0, 1, 2, 3]
    assert rows[0].payload["text"] == "ünïcode ✓"


async def test_a_read_in_the_transaction_sees_the_deferred_rows(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    async with sessions() as session:
        session.defer_insert(kit.effects.insert(), _effect("b", 1))
        seen = await session.scalar(
            select(func.count()).select_from(kit.effects).where(kit.effects.c.aggregate_id == "b")
        )
        assert seen == 1
        session.defer_insert(kit.effects.insert(), _effect("b", 2))
        await session.rollback()  # the read began a transaction: everything goes back
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(kit.effects)) == 0


async def test_a_failing_row_fails_the_whole_batch(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    row = _outbox_row(1)
    async with sessions() as session:
        session.defer_insert(kit.effects.insert(), _effect("c", 1))
        session.defer_insert(kit.outbox.insert(), row)
        session.defer_insert(kit.outbox.insert(), {**_outbox_row(2), "id": row["id"]})
        with pytest.raises(IntegrityError):
            await session.commit()
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(kit.effects)) == 0
        assert await conn.scalar(select(func.count()).select_from(kit.outbox)) == 0


async def test_the_autocommit_connection_goes_back_to_the_pool_transactional(
    kit_db: str,
) -> None:
    engine = make_engine(kit_db, pool_size=1)  # the same pooled connection both times
    try:
        sessions = make_session_factory(engine)
        async with sessions() as session:
            session.defer_insert(kit.effects.insert(), _effect("d", 1))
            await session.commit()
        async with sessions() as session:
            await session.execute(kit.effects.insert(), _effect("d", 2))
            await session.rollback()
        async with sessions() as session:
            count = await session.scalar(select(func.count()).select_from(kit.effects))
        assert count == 1
    finally:
        await engine.dispose()


async def test_rolled_back_deferred_rows_are_never_sent(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    async with sessions() as session:
        session.defer_insert(kit.effects.insert(), _effect("e", 1))
        await session.rollback()
        await session.commit()
    async with sessions() as session:
        session.defer_insert(kit.effects.insert(), _effect("e", 2))
    # leaving the session without commit drops them too
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(kit.effects)) == 0


def test_statements_that_cannot_be_deferred_are_refused(engine: AsyncEngine) -> None:
    dialect = engine.dialect
    with pytest.raises(TypeError, match="defaults"):
        compile_insert(with_default.insert(), frozenset({"id"}), 1, dialect)
    with pytest.raises(TypeError, match="RETURNING"):
        compile_insert(
            insert(kit.effects).returning(kit.effects.c.seq), frozenset({"seq"}), 1, dialect
        )


def test_none_is_converted_as_sqlalchemy_would(engine: AsyncEngine) -> None:
    """A JSON column's None is JSON null when SQLAlchemy executes the insert itself
    (``none_as_null`` is off): a deferred insert must write the same value."""
    documents = Table("documents", MetaData(), Column("doc", JSONB), Column("name", String(10)))
    compiled = compile_insert(documents.insert(), frozenset({"doc", "name"}), 1, engine.dialect)
    assert compiled.arguments([{"doc": None, "name": None}]) == ["null", None]
