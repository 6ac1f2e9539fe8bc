"""directory: one GIN index over words and filter codes

Revision ID: c4d1e7a2b9f0
Revises: 091b0418cc68
Create Date: 2026-11-22 16:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4d1e7a2b9f0"
down_revision: str | None = "091b0418cc68"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# DirectoryEntry.codes, in SQL, for the rows already there
CODES = """
ARRAY(SELECT 'origin:' || origin WHERE origin IS NOT NULL)
|| ARRAY(SELECT 'residence:' || residence WHERE residence IS NOT NULL)
|| ARRAY(SELECT DISTINCT 'skill:' || v FROM unnest(skills) v)
|| ARRAY(SELECT DISTINCT 'occupation:' || v FROM unnest(occupations) v)
|| ARRAY(SELECT DISTINCT 'sector:' || v FROM unnest(sectors) v)
|| ARRAY(SELECT DISTINCT 'language:' || v FROM unnest(languages) v)
|| ARRAY(SELECT DISTINCT 'mode:' || v FROM unnest(modes) v)
|| ARRAY['open:' || open_to_opportunities::text]
"""


def upgrade() -> None:
    op.add_column(
        "directory_people",
        sa.Column("codes", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        schema="profiles",
    )
    op.execute(f"UPDATE profiles.directory_people SET codes = {CODES}")
    op.drop_index(
        "ix_directory_people_document",
        table_name="directory_people",
        schema="profiles",
        postgresql_using="gin",
    )
    op.drop_index(
        "ix_directory_people_occupations",
        table_name="directory_people",
        schema="profiles",
        postgresql_using="gin",
    )
    op.drop_index("ix_directory_people_origin_id", table_name="directory_people", schema="profiles")
    op.drop_index(
        "ix_directory_people_residence_id", table_name="directory_people", schema="profiles"
    )
    op.create_index(
        "ix_directory_people_search",
        "directory_people",
        ["document", "codes"],
        unique=False,
        schema="profiles",
        postgresql_using="gin",
        postgresql_with={"fastupdate": "off"},
    )


def downgrade() -> None:
    op.drop_index(
        "ix_directory_people_search",
        table_name="directory_people",
        schema="profiles",
        postgresql_using="gin",
    )
    op.create_index(
        "ix_directory_people_residence_id",
        "directory_people",
        ["residence", "person_id"],
        unique=False,
        schema="profiles",
    )
    op.create_index(
        "ix_directory_people_origin_id",
        "directory_people",
        ["origin", "person_id"],
        unique=False,
        schema="profiles",
    )
    op.create_index(
        "ix_directory_people_occupations",
        "directory_people",
        ["occupations"],
        unique=False,
        schema="profiles",
        postgresql_using="gin",
    )
    op.create_index(
        "ix_directory_people_document",
        "directory_people",
        ["document"],
        unique=False,
        schema="profiles",
        postgresql_using="gin",
    )
    op.drop_column("directory_people", "codes", schema="profiles")
