"""revoked subjects: access tokens of erased accounts are refused (eventkit.revocations)

Revision ID: 7d113a9d730d
Revises: cf7f45536ab1
Create Date: 2026-11-23 04:45:11.437854
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d113a9d730d"
down_revision: str | None = "cf7f45536ab1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revoked_subjects",
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_revoked_subjects")),
        schema="alliance",
    )
    op.create_index(
        op.f("ix_alliance_revoked_subjects_revoked_at"),
        "revoked_subjects",
        ["revoked_at"],
        unique=False,
        schema="alliance",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_alliance_revoked_subjects_revoked_at"),
        table_name="revoked_subjects",
        schema="alliance",
    )
    op.drop_table("revoked_subjects", schema="alliance")
