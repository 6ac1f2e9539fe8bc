"""matching: one GIN-indexed tag array per person instead of one index per criterion

Revision ID: a41c7e2b9f10
Revises: 9e3a7c51d2b8
Create Date: 2026-11-22 19:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a41c7e2b9f10"
down_revision: str | None = "9e3a7c51d2b8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MATCHABLE = "open_to_opportunities AND listed"

# prefixed so that one array holds every criterion; origin and residence share ``co:``
# (the opportunity asks for a country tie, whichever it is)
MATCH_TAGS = """
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


def upgrade() -> None:
    op.execute(MATCH_TAGS)
    op.add_column(
        "people",
        sa.Column(
            "tags",
            sa.ARRAY(sa.String(210)),
            sa.Computed(
                "resources.match_tags(skills, sectors, contribution_modes, languages, "
                "country_of_origin, country_of_residence)",
                persisted=True,
            ),
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
        # no pending list: every probe would scan it in full until a vacuum merges it
        postgresql_with={"fastupdate": "off"},
    )
    for name in ("origin", "residence", "contribution_modes", "languages", "skills", "sectors"):
        op.drop_index(f"ix_people_matchable_{name}", table_name="people", schema="resources")


def downgrade() -> None:
    for column in ("skills", "sectors", "contribution_modes", "languages"):
        op.create_index(
            f"ix_people_matchable_{column}",
            "people",
            [column],
            schema="resources",
            postgresql_using="gin",
            postgresql_where=sa.text(MATCHABLE),
        )
    for name, column in (("origin", "country_of_origin"), ("residence", "country_of_residence")):
        op.create_index(
            f"ix_people_matchable_{name}",
            "people",
            [column],
            schema="resources",
            postgresql_where=sa.text(MATCHABLE),
        )
    op.drop_index("ix_people_matchable_tags", table_name="people", schema="resources")
    op.drop_column("people", "tags", schema="resources")
    op.execute(
        "DROP FUNCTION resources.match_tags(varchar[], varchar[], varchar[], varchar[], "
        "varchar, varchar)"
    )
