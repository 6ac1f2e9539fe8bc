"""sign-in challenges: the second step of a two-factor sign-in

Revision ID: c8d1f5a3e2b6
Revises: b5e2d8f4c1a7
Create Date: 2026-12-07 19:30:00

When the password is right and the account has an authenticator app, the API answers with a
short-lived single-use challenge instead of asking the client to send the password again with
the code. Only the challenge's SHA-256 is stored, with its expiry, when it was used and how
many wrong codes came with it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c8d1f5a3e2b6"
down_revision: str | None = "b5e2d8f4c1a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "profiles"


def upgrade() -> None:
    op.create_table(
        "sign_in_challenges",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("wrong_codes", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            [f"{SCHEMA}.accounts.id"],
            name=op.f("fk_sign_in_challenges_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sign_in_challenges")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_sign_in_challenges_account_id"),
        "sign_in_challenges",
        ["account_id"],
        unique=False,
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_sign_in_challenges_account_id"), table_name="sign_in_challenges", schema=SCHEMA
    )
    op.drop_table("sign_in_challenges", schema=SCHEMA)
