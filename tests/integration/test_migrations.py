"""All services migrate an empty database from zero, and each only touches its own schema."""

from __future__ import annotations

import os
import subprocess
import sys

import asyncpg
import pytest

from devstack.harness import TestInfra
from devstack.postgres import aprovision_service, plain_url, recreate_database

SERVICES = ("profiles", "resources", "alliance", "notifications")
DATABASE = "migration_check"


@pytest.fixture
async def empty_database(infra: TestInfra) -> str:
    return await recreate_database(infra.admin_database_url, DATABASE)


def migrate(service: str, url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", service, "migrate"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]


async def test_every_service_migrates_from_zero_into_its_own_schema_only(
    empty_database: str,
) -> None:
    for service in SERVICES:
        url = await aprovision_service(empty_database, service)
        migrate(service, url)
        migrate(service, url)  # a second run is a no-op, not an error

    conn = await asyncpg.connect(empty_database)
    try:
        for service in SERVICES:
            rows = await conn.fetch(
                """
                SELECT n.nspname AS schema, c.relname AS name
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_roles r ON r.oid = c.relowner
                WHERE r.rolname = $1 AND n.nspname <> 'pg_toast'  -- TOAST storage of its tables
                """,
                service,
            )
            assert rows, f"{service} created nothing"
            assert {r["schema"] for r in rows} == {service}, rows
            names = {r["name"] for r in rows}
            assert {"alembic_version", "outbox", "inbox"} <= names
            version = await conn.fetchval(f'SELECT version_num FROM "{service}".alembic_version')
            assert version
        public = await conn.fetchval(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public'"
        )
        assert public == 0
    finally:
        await conn.close()


async def test_a_service_role_cannot_touch_another_services_schema(empty_database: str) -> None:
    await aprovision_service(empty_database, "profiles")
    alliance_url = await aprovision_service(empty_database, "alliance")
    conn = await asyncpg.connect(plain_url(alliance_url))
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE profiles.intruder (id int)")
    finally:
        await conn.close()
