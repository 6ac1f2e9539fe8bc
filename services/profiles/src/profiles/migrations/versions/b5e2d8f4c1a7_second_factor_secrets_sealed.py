"""an authenticator app's secret is kept encrypted under its person's subject key

Revision ID: b5e2d8f4c1a7
Revises: a7e3c1d95b20
Create Date: 2026-12-07 15:30:00

``sealed_secret`` holds the secret as a subject-key envelope (eventkit.crypto: AES-256-GCM
under the person's key, bound to the person and the field), so destroying the person's key
(erasure) makes every copy unreadable, backups included. ``secret`` (the plain bytes) stays
only where no key-encryption key is configured (a development platform); a row written
before this revision is sealed the next time it is saved (every accepted code saves it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "b5e2d8f4c1a7"
down_revision: str | None = "a7e3c1d95b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "profiles"


def upgrade() -> None:
    op.add_column(
        "second_factors",
        sa.Column("sealed_secret", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        schema=SCHEMA,
    )
    op.alter_column("second_factors", "secret", nullable=True, schema=SCHEMA)
    op.create_check_constraint(
        op.f("ck_second_factors_one_secret"),
        "second_factors",
        "(secret IS NULL) <> (sealed_secret IS NULL)",
        schema=SCHEMA,
    )


def downgrade() -> None:
    # a sealed secret cannot be unsealed here (no KEK): those apps must be enrolled again
    op.execute(f"DELETE FROM {SCHEMA}.second_factors WHERE secret IS NULL")
    op.drop_constraint(op.f("ck_second_factors_one_secret"), "second_factors", schema=SCHEMA)
    op.alter_column("second_factors", "secret", nullable=False, schema=SCHEMA)
    op.drop_column("second_factors", "sealed_secret", schema=SCHEMA)
