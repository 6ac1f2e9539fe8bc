"""deliveries keep the W3C trace context of the handling that recorded them (tracing)

Revision ID: e3f9a2c4b5d6
Revises: fbfce989018b
Create Date: 2026-12-07 04:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e3f9a2c4b5d6"
down_revision: str | None = "fbfce989018b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "deliveries",
        sa.Column("traceparent", sa.String(length=55), nullable=True),
        schema="notifications",
    )


def downgrade() -> None:
    op.drop_column("deliveries", "traceparent", schema="notifications")
