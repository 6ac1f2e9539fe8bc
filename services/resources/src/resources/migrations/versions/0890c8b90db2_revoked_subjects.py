"""revoked subjects: access tokens of erased accounts are refused (eventkit.revocations)

Revision ID: 0890c8b90db2
Revises: a41c7e2b9f10
Create Date: 2026-11-23 04:45:04.195581
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0890c8b90db2"
down_revision: str | None = "a41c7e2b9f10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revoked_subjects",
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_revoked_subjects")),
        schema="resources",
    )
    op.create_index(
        op.f("ix_resources_revoked_subjects_revoked_at"),
        "revoked_subjects",
        ["revoked_at"],
        unique=False,
        schema="resources",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_resources_revoked_subjects_revoked_at"),
        table_name="revoked_subjects",
        schema="resources",
    )
    op.drop_table("revoked_subjects", schema="resources")
