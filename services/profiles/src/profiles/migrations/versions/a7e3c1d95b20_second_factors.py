"""Two-factor sign-in: each account's authenticator app (TOTP) with its recovery codes, and
how each session was authenticated (amr), kept across refreshes

Revision ID: a7e3c1d95b20
Revises: d2c92e7818a0
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "a7e3c1d95b20"
down_revision: str | None = "d2c92e7818a0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "profiles"


def upgrade() -> None:
    op.create_table(
        "second_factors",
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("secret", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_step", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "recovery_digests",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{SCHEMA}.accounts.id"],
            name=op.f("fk_second_factors_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_second_factors")),
        schema=SCHEMA,
    )
    op.add_column(
        "refresh_tokens",
        sa.Column(
            "amr",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[\"pwd\"]'::jsonb"),
            nullable=False,
        ),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_column("refresh_tokens", "amr", schema=SCHEMA)
    op.drop_table("second_factors", schema=SCHEMA)
