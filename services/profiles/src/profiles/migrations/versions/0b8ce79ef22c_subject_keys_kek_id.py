"""subject keys: the public id of the KEK that wrapped each key (KEK rotation)

Revision ID: 0b8ce79ef22c
Revises: 0ab91d8c0d96
Create Date: 2026-11-23 05:05:13.029705
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0b8ce79ef22c"
down_revision: str | None = "0ab91d8c0d96"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # existing rows keep NULL: they are unwrapped by trying every configured KEK, and the
    # worker's rewrap job records the id as it moves them to the current KEK
    op.add_column(
        "subject_keys",
        sa.Column("kek_id", sa.String(length=16), nullable=True),
        schema="profiles",
    )
    op.create_index(
        op.f("ix_profiles_subject_keys_kek_id"),
        "subject_keys",
        ["kek_id"],
        unique=False,
        schema="profiles",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_profiles_subject_keys_kek_id"), table_name="subject_keys", schema="profiles"
    )
    op.drop_column("subject_keys", "kek_id", schema="profiles")
