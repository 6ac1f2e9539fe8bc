"""sector needs carry a version (their ETag: a correction or withdrawal names it in If-Match)

Revision ID: a3c8e5f1d9b2
Revises: f2b7c91d4e08
Create Date: 2026-12-07 15:10:00

Existing needs start at version 1, as a newly declared one does.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3c8e5f1d9b2"
down_revision: str | None = "f2b7c91d4e08"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "mapping_sector_needs",
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.drop_column("mapping_sector_needs", "version")
