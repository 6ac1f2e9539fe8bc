"""privacy: consent ledger, audit log, subject keys (crypto-shredding), directory listing flag

Revision ID: c0a5e7d1b2f4
Revises: c4d1e7a2b9f0
Create Date: 2026-11-22 16:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0a5e7d1b2f4"
down_revision: str | None = "c4d1e7a2b9f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "person_profiles",
        sa.Column("directory_listed", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        schema="profiles",
    )
    op.create_table(
        "consent_entries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("recipient_kind", sa.String(length=20), nullable=False),
        sa.Column("recipient_id", sa.UUID(), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("policy_version", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema="profiles",
    )
    op.create_index(
        "ix_consent_entries_person",
        "consent_entries",
        ["person_id", "purpose", "at"],
        schema="profiles",
    )
    op.create_index(
        "ix_consent_entries_recipient",
        "consent_entries",
        ["purpose", "recipient_kind", "recipient_id"],
        schema="profiles",
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("accessor_id", sa.UUID(), nullable=False),
        sa.Column("accessor_role", sa.String(length=40), nullable=False),
        sa.Column("record_type", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=True),
        sa.Column("accessed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema="profiles",
    )
    op.create_index(
        "ix_audit_log_person_at",
        "audit_log",
        ["person_id", "accessed_at", "id"],
        schema="profiles",
    )
    op.create_index("ix_audit_log_at", "audit_log", ["accessed_at"], schema="profiles")
    op.create_table(
        "subject_keys",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("destroyed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id"),
        sa.UniqueConstraint("subject"),
        schema="profiles",
    )
    op.create_table(
        "subject_key_fetches",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("caller", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema="profiles",
    )
    op.create_index(
        "ix_subject_key_fetches_key",
        "subject_key_fetches",
        ["key_id", "at"],
        schema="profiles",
    )


def downgrade() -> None:
    op.drop_index("ix_subject_key_fetches_key", table_name="subject_key_fetches", schema="profiles")
    op.drop_table("subject_key_fetches", schema="profiles")
    op.drop_table("subject_keys", schema="profiles")
    op.drop_index("ix_audit_log_at", table_name="audit_log", schema="profiles")
    op.drop_index("ix_audit_log_person_at", table_name="audit_log", schema="profiles")
    op.drop_table("audit_log", schema="profiles")
    op.drop_index("ix_consent_entries_recipient", table_name="consent_entries", schema="profiles")
    op.drop_index("ix_consent_entries_person", table_name="consent_entries", schema="profiles")
    op.drop_table("consent_entries", schema="profiles")
    op.drop_column("person_profiles", "directory_listed", schema="profiles")
