"""organisation verification refusal: why the platform refused to verify an organisation

Revision ID: d4a7c2e9f1b3
Revises: c8d1f5a3e2b6
Create Date: 2026-12-07 21:45:00

A platform administrator may refuse to verify an organisation, with a reason its own
administrators read on their console; verifying it later clears the refusal.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4a7c2e9f1b3"
down_revision: str | None = "c8d1f5a3e2b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "profiles"


def upgrade() -> None:
    op.add_column("organisations", sa.Column("refusal_reason", sa.Text()), schema=SCHEMA)
    op.add_column(
        "organisations", sa.Column("refused_at", sa.DateTime(timezone=True)), schema=SCHEMA
    )
    op.add_column("organisations", sa.Column("refused_by", sa.UUID()), schema=SCHEMA)


def downgrade() -> None:
    for column in ("refused_by", "refused_at", "refusal_reason"):
        op.drop_column("organisations", column, schema=SCHEMA)
