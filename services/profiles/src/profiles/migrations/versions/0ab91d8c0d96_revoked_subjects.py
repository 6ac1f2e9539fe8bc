"""revoked subjects: access tokens of erased accounts are refused (eventkit.revocations)

Revision ID: 0ab91d8c0d96
Revises: a7d3f9c2e8b1
Create Date: 2026-11-23 04:44:56.529661
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0ab91d8c0d96"
down_revision: str | None = "a7d3f9c2e8b1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revoked_subjects",
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_revoked_subjects")),
        schema="profiles",
    )
    op.create_index(
        op.f("ix_profiles_revoked_subjects_revoked_at"),
        "revoked_subjects",
        ["revoked_at"],
        unique=False,
        schema="profiles",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_profiles_revoked_subjects_revoked_at"),
        table_name="revoked_subjects",
        schema="profiles",
    )
    op.drop_table("revoked_subjects", schema="profiles")
