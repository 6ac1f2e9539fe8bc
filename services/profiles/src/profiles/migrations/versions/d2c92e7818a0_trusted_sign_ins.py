"""Sign-in throttle: the addresses an account signed in from, and indexes to count failures
per account and per address

Revision ID: d2c92e7818a0
Revises: 419456ab2d00
Create Date: 2026-12-07 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d2c92e7818a0"
down_revision: str | None = "419456ab2d00"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "profiles"


def upgrade() -> None:
    op.create_table(
        "trusted_sign_ins",
        sa.Column("account_key", sa.String(length=64), nullable=False),
        sa.Column("client_ip", postgresql.INET(), nullable=False),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("account_key", "client_ip", name=op.f("pk_trusted_sign_ins")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_profiles_trusted_sign_ins_last_success_at"),
        "trusted_sign_ins",
        ["last_success_at"],
        unique=False,
        schema=SCHEMA,
    )
    op.create_index(
        "ix_login_failures_key_at", "login_failures", ["account_key", "failed_at"], schema=SCHEMA
    )
    op.create_index(
        "ix_login_failures_ip_at", "login_failures", ["client_ip", "failed_at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_index("ix_login_failures_ip_at", table_name="login_failures", schema=SCHEMA)
    op.drop_index("ix_login_failures_key_at", table_name="login_failures", schema=SCHEMA)
    op.drop_index(
        op.f("ix_profiles_trusted_sign_ins_last_success_at"),
        table_name="trusted_sign_ins",
        schema=SCHEMA,
    )
    op.drop_table("trusted_sign_ins", schema=SCHEMA)
