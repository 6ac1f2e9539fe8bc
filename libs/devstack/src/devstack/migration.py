"""``python -m devstack.migration <service> "<message>"``: autogenerate an Alembic revision.

The service's schema is rebuilt in a scratch database of the test server, migrated to head,
then compared with the models, so the new revision holds exactly the difference (and the dev
and test databases are never touched).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from devstack.harness import ensure_test_infra
from devstack.postgres import aprovision_service, ensure_database, plain_url

SCRATCH_DB = "scratch_migrations"


async def scratch_service_url(admin_url: str, service: str) -> str:
    await ensure_database(admin_url, SCRATCH_DB)
    parts = urlsplit(plain_url(admin_url))
    scratch_admin = urlunsplit((parts.scheme, parts.netloc, f"/{SCRATCH_DB}", parts.query, ""))
    conn = await asyncpg.connect(scratch_admin)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{service}" CASCADE')
    finally:
        await conn.close()
    return await aprovision_service(scratch_admin, service)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack.migration")
    parser.add_argument("service")
    parser.add_argument("message")
    parser.add_argument("--stream", help="another migrations folder of the service (by name)")
    args = parser.parse_args(argv)
    infra = ensure_test_infra()
    os.environ["DATABASE_URL"] = asyncio.run(
        scratch_service_url(infra.admin_database_url, args.service)
    )
    service = importlib.import_module(f"{args.service}.bootstrap").bootstrap()
    folders = (service.migrations_dir, *service.extra_migrations_dirs)
    for folder in folders:
        service.chassis.migrate(folder)
    from eventkit.migrations import autogenerate

    target = next((f for f in folders if f.name == args.stream), None) if args.stream else None
    if args.stream and target is None:
        raise SystemExit(f"{args.service} has no migration stream {args.stream!r}")
    s = service.chassis.settings
    autogenerate(target or service.migrations_dir, s.database_url, s.schema_name, args.message)


if __name__ == "__main__":
    main()
