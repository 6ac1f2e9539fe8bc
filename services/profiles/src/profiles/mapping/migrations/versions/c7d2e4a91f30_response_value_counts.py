"""response value counts: respondents per value of one multi-valued fact, kept by triggers

Revision ID: c7d2e4a91f30
Revises: bf0461b1f817
Create Date: 2026-11-22 14:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7d2e4a91f30"
down_revision: str | None = "bf0461b1f817"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SINGLE = "campaign_id, month, wave, origin, residence, gender, age_band, education"
MULTI = ("sector", "skill", "language", "contribution_mode", "need")


def _per_value(source: str) -> str:
    """One row per respondent and value of each multi-valued fact (``unknown`` when empty)."""
    return " UNION ALL ".join(
        f"SELECT {SINGLE}, '{dim}' AS dimension, v AS value FROM {source} "
        f"CROSS JOIN LATERAL unnest(CASE WHEN cardinality({dim}) = 0 "
        f"THEN ARRAY['unknown']::varchar[] ELSE {dim} END) AS u(v)"
        for dim in MULTI
    )


KEY = f"{SINGLE}, dimension, value"

TRIGGERS = f"""
CREATE FUNCTION profiles.mapping_value_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_response_value_counts AS c ({KEY}, n)
  SELECT {KEY}, count(*) FROM ({_per_value("new_rows")}) p GROUP BY {KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_response_value_counts_cell
  DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION profiles.mapping_value_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_response_value_counts c SET n = c.n - d.k
  FROM (SELECT {KEY}, count(*) AS k FROM ({_per_value("old_rows")}) p GROUP BY {KEY}) d
  WHERE (c.campaign_id, c.month, c.wave, c.dimension, c.value)
        = (d.campaign_id, d.month, d.wave, d.dimension, d.value)
    AND c.origin IS NOT DISTINCT FROM d.origin AND c.residence IS NOT DISTINCT FROM d.residence
    AND c.gender IS NOT DISTINCT FROM d.gender AND c.age_band IS NOT DISTINCT FROM d.age_band
    AND c.education IS NOT DISTINCT FROM d.education;
  RETURN NULL;
END $$;

CREATE TRIGGER mapping_responses_value_counted AFTER INSERT ON profiles.mapping_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_value_count_inserted();

CREATE TRIGGER mapping_responses_value_uncounted AFTER DELETE ON profiles.mapping_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_value_count_deleted()
"""


def upgrade() -> None:
    op.create_table(
        "mapping_response_value_counts",
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=2), nullable=True),
        sa.Column("residence", sa.String(length=2), nullable=True),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("age_band", sa.String(length=10), nullable=True),
        sa.Column("education", sa.String(length=10), nullable=True),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=60), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["profiles.mapping_campaigns.id"],
            name=op.f("fk_mapping_response_value_counts_campaign_id_mapping_campaigns"),
        ),
        sa.UniqueConstraint(
            "campaign_id",
            "dimension",
            "value",
            "month",
            "wave",
            "origin",
            "residence",
            "gender",
            "age_band",
            "education",
            name="uq_mapping_response_value_counts_cell",
            postgresql_nulls_not_distinct=True,
        ),
        schema="profiles",
    )
    op.execute(
        f"INSERT INTO profiles.mapping_response_value_counts ({KEY}, n) SELECT {KEY}, count(*) "
        f"FROM ({_per_value('profiles.mapping_responses')}) p GROUP BY {KEY}"
    )
    for statement in TRIGGERS.split(";\n\n"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER mapping_responses_value_uncounted ON profiles.mapping_responses")
    op.execute("DROP TRIGGER mapping_responses_value_counted ON profiles.mapping_responses")
    op.execute("DROP FUNCTION profiles.mapping_value_count_deleted()")
    op.execute("DROP FUNCTION profiles.mapping_value_count_inserted()")
    op.drop_table("mapping_response_value_counts", schema="profiles")
