"""response counts: respondents per single-valued fact combination, kept by triggers

Revision ID: bf0461b1f817
Revises: da6b1fa8a57c
Create Date: 2026-11-22 14:22:57.481089
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "bf0461b1f817"
down_revision: str | None = "da6b1fa8a57c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "campaign_id, month, wave, origin, residence, gender, age_band, education"

# statement-level triggers with transition tables: one upsert per statement, so a bulk import
# costs one grouped upsert, not one per row
TRIGGERS = f"""
CREATE FUNCTION profiles.mapping_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_response_counts AS c ({KEY}, n)
  SELECT {KEY}, count(*) FROM new_rows GROUP BY {KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_response_counts_cell DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION profiles.mapping_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_response_counts c SET n = c.n - d.k
  FROM (SELECT {KEY}, count(*) AS k FROM old_rows GROUP BY {KEY}) d
  WHERE (c.campaign_id, c.month, c.wave) = (d.campaign_id, d.month, d.wave)
    AND c.origin IS NOT DISTINCT FROM d.origin AND c.residence IS NOT DISTINCT FROM d.residence
    AND c.gender IS NOT DISTINCT FROM d.gender AND c.age_band IS NOT DISTINCT FROM d.age_band
    AND c.education IS NOT DISTINCT FROM d.education;
  RETURN NULL;
END $$;

CREATE TRIGGER mapping_responses_counted AFTER INSERT ON profiles.mapping_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_count_inserted();

CREATE TRIGGER mapping_responses_uncounted AFTER DELETE ON profiles.mapping_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_count_deleted()
"""


def upgrade() -> None:
    op.create_table(
        "mapping_response_counts",
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=2), nullable=True),
        sa.Column("residence", sa.String(length=2), nullable=True),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("age_band", sa.String(length=10), nullable=True),
        sa.Column("education", sa.String(length=10), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["profiles.mapping_campaigns.id"],
            name=op.f("fk_mapping_response_counts_campaign_id_mapping_campaigns"),
        ),
        sa.UniqueConstraint(
            "campaign_id",
            "month",
            "wave",
            "origin",
            "residence",
            "gender",
            "age_band",
            "education",
            name="uq_mapping_response_counts_cell",
            postgresql_nulls_not_distinct=True,
        ),
        schema="profiles",
    )
    # responses stored before this revision
    op.execute(
        f"INSERT INTO profiles.mapping_response_counts ({KEY}, n) "
        f"SELECT {KEY}, count(*) FROM profiles.mapping_responses GROUP BY {KEY}"
    )
    for statement in TRIGGERS.split(";\n\n"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER mapping_responses_uncounted ON profiles.mapping_responses")
    op.execute("DROP TRIGGER mapping_responses_counted ON profiles.mapping_responses")
    op.execute("DROP FUNCTION profiles.mapping_count_deleted()")
    op.execute("DROP FUNCTION profiles.mapping_count_inserted()")
    op.drop_table("mapping_response_counts", schema="profiles")
