"""courses: themes, for the catalogue's search by theme

Revision ID: d7a4c2e9b1f5
Revises: b5e1d7c3a9f2
Create Date: 2026-12-07 06:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d7a4c2e9b1f5"
down_revision: str | None = "b5e1d7c3a9f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "courses",
        sa.Column("themes", sa.ARRAY(sa.String(100)), server_default="{}", nullable=False),
        schema="resources",
    )


def downgrade() -> None:
    op.drop_column("courses", "themes", schema="resources")
