"""The connection pool hands out no connection the server has closed (restart, crash,
``pg_terminate_backend``): the next transaction gets a fresh connection, not an error.
(A connection closed in the instant between checkout and query fails that one request, and
SQLAlchemy then invalidates the whole pool; a pre-ping has the same window.)"""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import text

from devstack.harness import TestInfra
from eventkit.db import make_engine


async def test_connections_the_server_closed_are_replaced(kit_db: str, infra: TestInfra) -> None:
    engine = make_engine(kit_db, pool_size=3)
    try:
        pids = set()
        async with engine.connect() as a, engine.connect() as b:  # two pooled connections
            for conn in (a, b):
                pids.add(await conn.scalar(text("SELECT pg_backend_pid()")))
        admin = await asyncpg.connect(infra.admin_database_url)
        try:
            killed = await admin.fetch(
                "SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", list(pids)
            )
            assert all(row[0] for row in killed)
            # pg_terminate_backend only signals: wait until the backends are gone
            for _ in range(100):
                left = await admin.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])", list(pids)
                )
                if left == 0:
                    break
                await asyncio.sleep(0.05)
            assert left == 0
        finally:
            await admin.close()
        await asyncio.sleep(0.05)  # the event loop sees the closed sockets
        for _ in range(3):  # every pooled connection was closed by the server
            async with engine.begin() as conn:
                pid = await conn.scalar(text("SELECT pg_backend_pid()"))
                assert pid not in pids
    finally:
        await engine.dispose()


async def test_the_server_probes_a_silent_client(kit_db: str) -> None:
    """A client that vanished without closing its socket loses its session (and its
    transaction's row locks) within about a minute, not the kernel's two hours."""
    engine = make_engine(kit_db, pool_size=1)
    try:
        async with engine.connect() as conn:
            settings = {
                name: await conn.scalar(text(f"SHOW {name}"))
                for name in (
                    "tcp_keepalives_idle",
                    "tcp_keepalives_interval",
                    "tcp_keepalives_count",
                )
            }
    finally:
        await engine.dispose()
    assert settings == {
        "tcp_keepalives_idle": "30",
        "tcp_keepalives_interval": "10",
        "tcp_keepalives_count": "3",
    }
