"""The CloudNativePG bootstrap SQL (``postInitApplicationSQL``) on the real PostgreSQL: it is
idempotent, gives each service a schema owned by its role, and once the operator's managed
role enables LOGIN with the Secret's password, a service can create tables only in its own
schema."""

from __future__ import annotations

import uuid
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest


def with_db(url: str, database: str, user: str | None = None, password: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if user:
        netloc = f"{user}:{password}@{netloc}" if password else f"{user}@{netloc}"
    else:
        netloc = parts.netloc
    return urlunsplit((parts.scheme, netloc, "/" + database, "", ""))


async def test_bootstrap_sql_gives_each_service_its_own_schema(
    infra: Any, generator: ModuleType
) -> None:
    tag = uuid.uuid4().hex[:8]
    database, own, other = f"deploytest_{tag}", f"dt{tag}_a", f"dt{tag}_b"
    admin = await asyncpg.connect(infra.admin_database_url)
    await admin.execute(f"CREATE DATABASE {database}")
    try:
        scratch = await asyncpg.connect(with_db(infra.admin_database_url, database))
        try:
            for _ in range(2):  # idempotent: re-running the bootstrap changes nothing
                for statement in generator.schema_sql([own, other]):
                    await scratch.execute(statement)
            owners = dict(
                await scratch.fetch(
                    "SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace "
                    "WHERE nspname = ANY($1::text[])",
                    [own, other],
                )
            )
            assert owners == {own: own, other: other}
            # what the CNPG managed role does with the pg-<svc> Secret
            await scratch.execute(f"ALTER ROLE {own} LOGIN PASSWORD 'replaced-by-secret'")
        finally:
            await scratch.close()

        service = await asyncpg.connect(
            with_db(infra.admin_database_url, database, own, "replaced-by-secret")
        )
        try:
            await service.execute(f"CREATE TABLE {own}.things (id int PRIMARY KEY)")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await service.execute(f"CREATE TABLE {other}.things (id int)")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await service.execute("CREATE TABLE public.things (id int)")
        finally:
            await service.close()
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        for role in (own, other):
            await admin.execute(f"DROP ROLE IF EXISTS {role}")
        await admin.close()
