"""calendar registrations: who is told when an entry changes or is cancelled

Revision ID: c3f8a2d6e1b4
Revises: d4e6f8a0b2c4
Create Date: 2026-12-07 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3f8a2d6e1b4"
down_revision: str | None = "d4e6f8a0b2c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_registrations",
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "person_id"),
        schema="notifications",
    )
    op.create_index(
        "ix_calendar_registrations_person",
        "calendar_registrations",
        ["person_id"],
        schema="notifications",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_calendar_registrations_person",
        table_name="calendar_registrations",
        schema="notifications",
    )
    op.drop_table("calendar_registrations", schema="notifications")
