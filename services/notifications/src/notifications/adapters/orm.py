"""Tables of the notifications schema."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID

from eventkit.db import messaging_tables, service_metadata

SCHEMA = "notifications"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)

#: local projection of accounts: who can be notified, where, in which language
recipients = Table(
    "recipients",
    metadata,
    Column("account_id", UUID(as_uuid=True), primary_key=True),
    Column("email", String(320), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("version", Integer, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("recipient_id", UUID(as_uuid=True), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("address", String(320), nullable=False),
    Column("template", String(100), nullable=False),
    Column("source_event_id", String(100), nullable=False),
    Column("locale", String(12), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    UniqueConstraint("source_event_id", "template", "channel"),
    Index("ix_deliveries_due", "next_attempt_at", postgresql_where="status = 'pending'"),
)
