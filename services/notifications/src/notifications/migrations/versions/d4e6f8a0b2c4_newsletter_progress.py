"""newsletters are queued in chunks that resume where they stopped, with their progress

Revision ID: d4e6f8a0b2c4
Revises: e3f9a2c4b5d6
Create Date: 2026-12-07 04:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4e6f8a0b2c4"
down_revision: str | None = "e3f9a2c4b5d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "deliveries", sa.Column("campaign_id", sa.UUID(), nullable=True), schema="notifications"
    )
    op.create_index(
        "ix_deliveries_campaign",
        "deliveries",
        ["campaign_id", "status"],
        unique=False,
        schema="notifications",
        postgresql_where=sa.text("campaign_id IS NOT NULL"),
    )
    op.add_column(
        "newsletters",
        sa.Column("queued", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema="notifications",
    )
    op.add_column(
        "newsletters", sa.Column("queued_through", sa.UUID(), nullable=True), schema="notifications"
    )


def downgrade() -> None:
    op.drop_column("newsletters", "queued_through", schema="notifications")
    op.drop_column("newsletters", "queued", schema="notifications")
    op.drop_index("ix_deliveries_campaign", table_name="deliveries", schema="notifications")
    op.drop_column("deliveries", "campaign_id", schema="notifications")
