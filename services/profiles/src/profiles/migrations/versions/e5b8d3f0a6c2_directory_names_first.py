"""directory: the words of names, indexed apart, so name matches rank first

Revision ID: e5b8d3f0a6c2
Revises: d2a7c9e4f1b3
Create Date: 2026-11-22 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "e5b8d3f0a6c2"
down_revision: str | None = "d2a7c9e4f1b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # generated from sort_name (the folded display name): every writer, and the rows already
    # there, get it without a code path of their own
    op.add_column(
        "directory_people",
        sa.Column(
            "name_document",
            postgresql.TSVECTOR(),
            sa.Computed("to_tsvector('simple'::regconfig, (sort_name)::text)", persisted=True),
            nullable=False,
        ),
        schema="profiles",
    )
    op.create_index(
        "ix_directory_people_names",
        "directory_people",
        ["name_document", "codes"],
        unique=False,
        schema="profiles",
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    )


def downgrade() -> None:
    op.drop_index(
        "ix_directory_people_names",
        table_name="directory_people",
        schema="profiles",
        postgresql_using="gin",
    )
    op.drop_column("directory_people", "name_document", schema="profiles")
