"""matching: occupations count (people and opportunities), origin and residence apart

Revision ID: b5e1d7c3a9f2
Revises: c3d5e7f9a1b2
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b5e1d7c3a9f2"
down_revision: str | None = "c3d5e7f9a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MATCHABLE = "open_to_opportunities AND listed"

# one prefix per criterion; origin (or:) and residence (re:) weigh differently now
MATCH_TAGS = """
CREATE FUNCTION resources.match_tags(
    occupations varchar[], skills varchar[], sectors varchar[], modes varchar[],
    languages varchar[], origin varchar, residence varchar
) RETURNS varchar[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT t ORDER BY t), CAST('{}' AS varchar[])) FROM (
        SELECT CAST('oc:' || v AS varchar) AS t FROM unnest(occupations) v
        UNION ALL SELECT 'sk:' || v FROM unnest(skills) v
        UNION ALL SELECT 'se:' || v FROM unnest(sectors) v
        UNION ALL SELECT 'mo:' || v FROM unnest(modes) v
        UNION ALL SELECT 'la:' || v FROM unnest(languages) v
        UNION ALL SELECT 'or:' || origin WHERE origin IS NOT NULL
        UNION ALL SELECT 're:' || residence WHERE residence IS NOT NULL
    ) tags
$$
"""

OLD_MATCH_TAGS = """
CREATE FUNCTION resources.match_tags(
    skills varchar[], sectors varchar[], modes varchar[], languages varchar[],
    origin varchar, residence varchar
) RETURNS varchar[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT t ORDER BY t), CAST('{}' AS varchar[])) FROM (
        SELECT CAST('sk:' || v AS varchar) AS t FROM unnest(skills) v
        UNION ALL SELECT 'se:' || v FROM unnest(sectors) v
        UNION ALL SELECT 'mo:' || v FROM unnest(modes) v
        UNION ALL SELECT 'la:' || v FROM unnest(languages) v
        UNION ALL SELECT 'co:' || v FROM unnest(ARRAY[origin, residence]) v
            WHERE v IS NOT NULL
    ) tags
$$
"""


def _tags(expression: str) -> None:
    op.add_column(
        "people",
        sa.Column(
            "tags",
            sa.ARRAY(sa.String(210)),
            sa.Computed(expression, persisted=True),
            nullable=False,
        ),
        schema="resources",
    )
    op.create_index(
        "ix_people_matchable_tags",
        "people",
        ["tags"],
        schema="resources",
        postgresql_using="gin",
        postgresql_where=sa.text(MATCHABLE),
        postgresql_with={"fastupdate": "off"},
    )


def _drop_tags(signature: str) -> None:
    op.drop_index("ix_people_matchable_tags", table_name="people", schema="resources")
    op.drop_column("people", "tags", schema="resources")
    op.execute(f"DROP FUNCTION resources.match_tags({signature})")


def upgrade() -> None:
    op.add_column(
        "people",
        sa.Column("occupations", sa.ARRAY(sa.String(4)), server_default="{}", nullable=False),
        schema="resources",
    )
    op.add_column(
        "opportunities",
        sa.Column(
            "required_occupations", sa.ARRAY(sa.String(4)), server_default="{}", nullable=False
        ),
        schema="resources",
    )
    _drop_tags("varchar[], varchar[], varchar[], varchar[], varchar, varchar")
    op.execute(MATCH_TAGS)
    _tags(
        "resources.match_tags(occupations, skills, sectors, contribution_modes, languages, "
        "country_of_origin, country_of_residence)"
    )


def downgrade() -> None:
    _drop_tags("varchar[], varchar[], varchar[], varchar[], varchar[], varchar, varchar")
    op.execute(OLD_MATCH_TAGS)
    _tags(
        "resources.match_tags(skills, sectors, contribution_modes, languages, "
        "country_of_origin, country_of_residence)"
    )
    op.drop_column("opportunities", "required_occupations", schema="resources")
    op.drop_column("people", "occupations", schema="resources")
