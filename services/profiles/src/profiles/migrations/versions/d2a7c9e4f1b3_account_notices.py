"""account notices: throttle of the owner's "someone registered with your address" emails

Revision ID: d2a7c9e4f1b3
Revises: c0a5e7d1b2f4
Create Date: 2026-11-22 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d2a7c9e4f1b3"
down_revision: str | None = "c0a5e7d1b2f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["profiles.accounts.id"],
            name=op.f("fk_account_notices_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_notices")),
        schema="profiles",
    )
    op.create_index(
        "ix_account_notices_account_kind_at",
        "account_notices",
        ["account_id", "kind", "sent_at"],
        unique=False,
        schema="profiles",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_account_notices_account_kind_at", table_name="account_notices", schema="profiles"
    )
    op.drop_table("account_notices", schema="profiles")
