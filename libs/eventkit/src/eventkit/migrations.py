"""Alembic, one service at a time: each service's migrations touch only its own schema and
keep their version table inside it, so services sharing a database never fight over tables.

A service may own more than one migration stream (e.g. profiles' mapping module): each stream
has its own folder, its own version table and its own metadata, and ignores the others' tables.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(migrations_dir: Path, database_url: str, schema: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    cfg.attributes["schema"] = schema
    return cfg


def upgrade(migrations_dir: Path, database_url: str, schema: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url, schema), revision)


def autogenerate(migrations_dir: Path, database_url: str, schema: str, message: str) -> None:
    """Write a new revision from the difference between the models and the database."""
    cfg = alembic_config(migrations_dir, database_url, schema)
    command.revision(cfg, message=message, autogenerate=True)


def run_env(metadata: MetaData, version_table: str = "alembic_version") -> None:
    """Body of every ``migrations/env.py``."""
    cfg = context.config
    schema = cfg.attributes.get("schema") or metadata.schema
    url = cfg.get_main_option("sqlalchemy.url")
    assert url and schema

    def do_run(connection: Connection) -> None:
        # a service role's search_path starts with its own schema, which Alembic then
        # reports as the default schema (None)
        own_default = connection.dialect.default_schema_name == schema

        def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
            if type_ == "schema":
                return name == schema or (name is None and own_default)
            return not (
                type_ == "table" and name is not None and name.startswith("alembic_version")
            )

        def include_object(
            obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
        ) -> bool:
            # tables of another stream in the same schema are not ours to drop
            return not (type_ == "table" and reflected and compare_to is None)

        # the schema and the role that owns it are provisioned beforehand (devstack locally,
        # CloudNativePG on Kubernetes): a service role cannot create schemas
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            version_table_schema=schema,
            include_schemas=True,
            include_name=include_name,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def main() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(do_run)
        await engine.dispose()

    asyncio.run(main())
