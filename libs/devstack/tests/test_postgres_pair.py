"""The cluster topology's Postgres: a commit is on the standby before it is acknowledged, the
standby is promoted when the primary dies, a service's engine finds the new primary by
itself through its multi-host URL, and the old primary comes back as the new standby."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
import uuid
from collections.abc import Iterator

import asyncpg
import psutil
import pytest
from sqlalchemy import text

from devstack.paths import devstack_home
from devstack.postgres import PostgresPair, PostgresServer, provision_service
from devstack.waiting import free_port
from eventkit.db import make_engine
from eventkit.errors import is_transient

pytestmark = pytest.mark.infra


@pytest.fixture
def pair() -> Iterator[PostgresPair]:
    home = devstack_home() / "test" / f"pair-{uuid.uuid4().hex[:8]}"
    port = free_port()
    while not _free(port + 1):
        port = free_port()
    pair = PostgresPair(home, port)
    try:
        yield pair
    finally:
        pair.stop()
        shutil.rmtree(home, ignore_errors=True)


def _free(port: int) -> bool:
    return not any(c.laddr and c.laddr.port == port for c in psutil.net_connections("tcp"))


def _crash(server: PostgresServer) -> None:
    pid = server.postmaster_pid()
    assert pid is not None
    children = psutil.Process(pid).children(recursive=True)
    os.kill(pid, signal.SIGKILL)
    psutil.wait_procs([psutil.Process(pid), *children], timeout=20)


async def _rows_on(server: PostgresServer, expected: list[int]) -> list[int]:
    """The rows ``server`` shows once it shows ``expected`` (a standby replays what it
    flushed a moment later), or after 10 s."""
    deadline = time.monotonic() + 10
    while True:
        conn = await asyncpg.connect(server.admin_url)
        try:
            rows = [r["n"] for r in await conn.fetch("SELECT n FROM pairtest.t ORDER BY n")]
        finally:
            await conn.close()
        if rows == expected or time.monotonic() > deadline:
            return rows
        await asyncio.sleep(0.2)


@pytest.mark.timeout(300)
async def test_failover_loses_no_commit_and_services_reconnect(pair: PostgresPair) -> None:
    await asyncio.to_thread(pair.start)
    first, second = pair.primary(), pair.standby()
    assert second.is_standby
    url = await asyncio.to_thread(provision_service, pair.admin_url, "pairtest")
    engine = make_engine(url)  # what every service builds from its DATABASE_URL

    async def insert(n: int) -> int:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE IF NOT EXISTS pairtest.t (n int)"))
            await conn.execute(text("INSERT INTO pairtest.t VALUES (:n)"), {"n": n})
            return int((await conn.execute(text("SELECT inet_server_port()"))).scalar_one())

    try:
        assert await insert(1) == first.port
        # synchronous: the acknowledged commit is on the standby already
        assert await _rows_on(second, [1]) == [1]

        await asyncio.to_thread(_crash, first)
        await asyncio.to_thread(pair.promote_standby)
        deadline = time.monotonic() + 30
        while True:  # the same engine, no restart: it finds the promoted server
            try:
                assert await insert(2) == second.port
                break
            except Exception as exc:
                assert is_transient(exc), exc
                assert time.monotonic() < deadline, f"no reconnection: {exc!r}"
                await asyncio.sleep(0.5)

        await asyncio.to_thread(pair.start)  # the old primary rebuilt as the standby
        assert pair.primary().name == second.name and pair.standby().name == first.name
        assert first.is_standby
        assert await insert(3) == second.port
        assert await _rows_on(first, [1, 2, 3]) == [1, 2, 3]
    finally:
        await engine.dispose()
