"""Tables of the alliance schema.

Each aggregate is stored as one JSONB document (its whole consistency boundary, loaded and
saved at once) plus the few columns that queries, uniqueness and dashboards need. ``version``
gives optimistic concurrency: a save only succeeds against the version that was read, so two
representatives of one state voting at the same instant cannot both win.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from eventkit.db import messaging_tables, service_metadata
from eventkit.idempotency import idempotency_keys_table
from eventkit.revocations import revoked_subjects_table

SCHEMA = "alliance"
metadata = service_metadata(SCHEMA)
outbox, inbox = messaging_tables(metadata)
revoked_subjects = revoked_subjects_table(metadata)


def document_table(name: str, meta: MetaData, *columns: Column[object] | Index) -> Table:
    return Table(
        name,
        meta,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("data", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        *columns,
    )


alliances = document_table(
    "alliances", metadata, Column("slug", String(80), nullable=False, unique=True)
)

members = document_table(
    "members",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("country", String(2)),
    Column("status", String(20), nullable=False),
    Column("representatives", ARRAY(UUID(as_uuid=True)), nullable=False),
    # one standing seat per state and alliance, even under concurrent applications
    Index(
        "uq_members_standing_state",
        "alliance_id",
        "country",
        unique=True,
        postgresql_where=text(
            "kind = 'member_state' AND status IN ('applied', 'admitted', 'suspended')"
        ),
    ),
    Index("ix_members_representatives", "representatives", postgresql_using="gin"),
)

bodies = document_table(
    "bodies",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
)

meetings = document_table(
    "meetings",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("body_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
)

motions = document_table(
    "motions",
    metadata,
    Column("meeting_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("body_id", UUID(as_uuid=True), nullable=False),
    Column("recommendation_id", UUID(as_uuid=True), index=True),
)

recommendations = document_table(
    "recommendations",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("working_group_id", UUID(as_uuid=True), nullable=False),
    Column("stage", String(20), nullable=False),
)

commitments = document_table(
    "commitments",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("member_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("pillar", String(60), nullable=False),
    Column("theme", String(60)),
    Column("status", String(20), nullable=False),
)

cohorts = document_table(
    "cohorts",
    metadata,
    Column("alliance_id", UUID(as_uuid=True), nullable=False, index=True),
)

#: Idempotency-Keys of creating POSTs and their first answers (eventkit.idempotency)
idempotency_keys = idempotency_keys_table(metadata)
