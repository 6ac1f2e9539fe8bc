"""attachment blobs: attachment contents in PostgreSQL (every replica sees them, backups too)

Revision ID: d6a1f3b7c902
Revises: d9124b37af59
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d6a1f3b7c902"
down_revision: str | None = "d9124b37af59"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachment_blobs",
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("storage_key", name=op.f("pk_attachment_blobs")),
        schema="resources",
    )
    # the files are compressed already (PDF, images, office zips): no point in TOAST
    # compressing them again; stored out of line all the same
    op.execute("ALTER TABLE resources.attachment_blobs ALTER COLUMN content SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("attachment_blobs", schema="resources")
