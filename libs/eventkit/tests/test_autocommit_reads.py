"""Reads in autocommit on real Postgres, counted on the wire (devstack.pgwire): a read-only unit
of work sends its statements alone, no BEGIN or ROLLBACK, and leaves its pooled connection
ready for transactions (eventkit.deferred.DeferringSession.read_in_autocommit)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import kit
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from devstack.pgwire import PgWireRecorder, recording
from eventkit.db import make_engine, make_session_factory
from eventkit.deferred import ReadOnlySession
from eventkit.uow import UnitOfWork

pytestmark = pytest.mark.infra

COUNT = select(func.count()).select_from(kit.effects)


def _effect(seq: int) -> dict[str, object]:
    return {"event_id": uuid.uuid4().hex, "aggregate_id": "a", "seq": seq, "name": "n"}


@pytest.fixture
async def wire(kit_db: str) -> AsyncIterator[PgWireRecorder]:
    async with recording(kit_db) as recorder:
        yield recorder


@pytest.fixture
async def engine(wire: PgWireRecorder) -> AsyncIterator[AsyncEngine]:
    """One pooled connection, so every session below gets the same one back."""
    e = make_engine(wire.database_url, pool_size=1)
    # warm: the dialect's first-connect queries and the statement's preparation
    async with make_session_factory(e)() as session:
        await session.scalar(COUNT)
    wire.clear()
    yield e
    await e.dispose()


def _uow(engine: AsyncEngine) -> UnitOfWork:
    c = kit.chassis("postgresql+asyncpg://unused/kit", "unused:9092")
    return UnitOfWork(make_session_factory(engine), c.outbox, c.inbox)


async def test_a_read_in_a_transaction_sends_begin_and_rollback(
    engine: AsyncEngine, wire: PgWireRecorder
) -> None:
    """The baseline the relay must see, or the next test would prove nothing."""
    async with _uow(engine) as uow:
        assert await uow.session.scalar(COUNT) == 0
    assert wire.commands() == ["BEGIN", "SELECT", "ROLLBACK"]
    assert wire.round_trips == 3


async def test_an_autocommit_read_is_its_statement_alone(
    engine: AsyncEngine, wire: PgWireRecorder
) -> None:
    async with _uow(engine).autocommit_reads() as uow:
        assert await uow.session.scalar(COUNT) == 0
    assert wire.commands() == ["SELECT"]
    assert wire.round_trips == 1
    assert not wire.encrypted


async def test_the_connection_goes_back_to_the_pool_transactional(
    engine: AsyncEngine, wire: PgWireRecorder
) -> None:
    async with _uow(engine).autocommit_reads() as uow:
        await uow.session.scalar(COUNT)
    async with _uow(engine) as uow:  # the same pooled connection (pool_size=1)
        await uow.session.execute(kit.effects.insert(), _effect(1))
        await uow.rollback()
    async with _uow(engine) as uow:
        assert await uow.session.scalar(COUNT) == 0  # the insert was rolled back
        await uow.session.execute(kit.effects.insert(), _effect(2))
        await uow.commit()
    async with _uow(engine).autocommit_reads() as uow:
        assert await uow.session.scalar(COUNT) == 1
    first = wire.commands()
    assert first[:6] == ["SELECT", "BEGIN", "INSERT", "ROLLBACK", "BEGIN", "SELECT"]
    assert first[-1] == "SELECT" and first[-2] == "COMMIT"


async def test_each_statement_sees_its_own_snapshot(kit_db: str, engine: AsyncEngine) -> None:
    """Why a read that needs its statements to agree must not run in autocommit."""
    other = make_engine(kit_db)
    try:
        async with _uow(engine).autocommit_reads() as uow:
            before = await uow.session.scalar(COUNT)
            async with other.begin() as conn:
                await conn.execute(kit.effects.insert(), _effect(1))
            after = await uow.session.scalar(COUNT)
        assert (before, after) == (0, 1)
    finally:
        await other.dispose()


async def test_writes_and_locks_are_refused(engine: AsyncEngine, wire: PgWireRecorder) -> None:
    async with _uow(engine).autocommit_reads() as uow:
        with pytest.raises(ReadOnlySession):
            await uow.session.execute(kit.effects.insert(), _effect(1))
        with pytest.raises(ReadOnlySession):
            await uow.session.execute(kit.effects.delete())
        with pytest.raises(ReadOnlySession):
            await uow.session.execute(select(kit.effects).with_for_update())
        with pytest.raises(ReadOnlySession):
            uow.session.defer_insert(kit.effects.insert(), _effect(2))  # type: ignore[attr-defined]
        with pytest.raises(ReadOnlySession):
            await uow.commit()
    assert wire.statements == []
    async with _uow(engine) as uow:
        assert await uow.session.scalar(COUNT) == 0


async def test_a_session_that_began_a_transaction_cannot_switch(engine: AsyncEngine) -> None:
    async with _uow(engine) as uow:
        await uow.session.scalar(COUNT)
        with pytest.raises(ReadOnlySession):
            uow.session.read_in_autocommit()  # type: ignore[attr-defined]
