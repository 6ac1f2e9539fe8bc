"""revoked subjects: access tokens of erased accounts are refused (eventkit.revocations)

Revision ID: 116233e968ff
Revises: b7e2c4d9a1f3
Create Date: 2026-11-23 04:45:19.297777
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "116233e968ff"
down_revision: str | None = "b7e2c4d9a1f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revoked_subjects",
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_revoked_subjects")),
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notifications_revoked_subjects_revoked_at"),
        "revoked_subjects",
        ["revoked_at"],
        unique=False,
        schema="notifications",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_notifications_revoked_subjects_revoked_at"),
        table_name="revoked_subjects",
        schema="notifications",
    )
    op.drop_table("revoked_subjects", schema="notifications")
