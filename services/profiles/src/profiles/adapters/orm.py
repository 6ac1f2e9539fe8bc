"""Tables of the profiles schema (SQLAlchemy Core; repositories map rows to aggregates)."""

from __future__ import annotations

from sqlalchemy import ARRAY, Column, DateTime, Integer, String, Table, func
from sqlalchemy.dialects.postgresql import UUID

from eventkit.db import messaging_tables, service_metadata

SCHEMA = "profiles"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)

accounts = Table(
    "accounts",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # stored lower-cased
    Column("display_name", String(200), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("password_hash", String(255)),
    Column("status", String(20), nullable=False),
    Column("roles", ARRAY(String(40)), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
