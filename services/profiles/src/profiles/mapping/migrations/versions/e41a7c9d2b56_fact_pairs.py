"""fact pairs: respondents per month, wave and pair of fact values, kept by triggers

Revision ID: e41a7c9d2b56
Revises: c7d2e4a91f30
Create Date: 2026-11-22 16:40:00

Every table of at most two facts (plus the wave, a column here) with filters on those same facts
reads a few thousand rows of ``mapping_fact_pairs`` instead of every response: per campaign,
month and wave, the number of respondents holding value ``a_value`` of ``a_dim`` *and*
``b_value`` of ``b_dim`` (``a_dim < b_dim``), of one fact (``b_dim = ''``), and in all
(``a_dim = b_dim = ''``). A missing answer is the value ``unknown``. Facts of a response never
change after it is stored (a trigger refuses it), so insert and delete triggers keep the counts
exact.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e41a7c9d2b56"
down_revision: str | None = "c7d2e4a91f30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SINGLE = ("origin", "residence", "gender", "age_band", "education")
MULTI = ("sector", "skill", "language", "contribution_mode", "need")
KEY = "campaign_id, month, wave, a_dim, a_value, b_dim, b_value"


def _fact_arrays() -> tuple[str, str]:
    """Per response ``r``: parallel arrays of dimension names and values, one entry per fact
    value (a missing answer is ``unknown``)."""
    dims = ["ARRAY[" + ", ".join(f"'{d}'" for d in SINGLE) + "]::text[]"]
    values = ["ARRAY[" + ", ".join(f"coalesce(r.{d}, 'unknown')" for d in SINGLE) + "]::text[]"]
    for d in MULTI:
        dims.append(f"array_fill('{d}'::text, ARRAY[greatest(cardinality(r.{d}), 1)])")
        values.append(
            f"CASE WHEN cardinality(r.{d}) = 0 THEN ARRAY['unknown'] ELSE r.{d}::text[] END"
        )
    return " || ".join(dims), " || ".join(values)


def pairs(source: str) -> str:
    """Per response of ``source``: the total row, one row per fact value, one per pair."""
    dims, values = _fact_arrays()
    return (
        "SELECT x.campaign_id, x.month, x.wave, p.a_dim, p.a_value, p.b_dim, p.b_value FROM "
        f"(SELECT r.campaign_id, r.month, r.wave, {dims} AS da, {values} AS va "
        f"FROM {source} r) x "
        "CROSS JOIN LATERAL (SELECT '', '', '', '' "
        "UNION ALL SELECT a.d, a.v, '', '' FROM unnest(x.da, x.va) a(d, v) "
        "UNION ALL SELECT a.d, a.v, b.d, b.v "
        "FROM unnest(x.da, x.va) a(d, v), unnest(x.da, x.va) b(d, v) WHERE a.d < b.d"
        ") p(a_dim, a_value, b_dim, b_value)"
    )


def backfill(source: str = "profiles.mapping_responses") -> str:
    return (
        f"INSERT INTO profiles.mapping_fact_pairs ({KEY}, n) "
        f"SELECT {KEY}, count(*) FROM ({pairs(source)}) p GROUP BY {KEY}"
    )


TRIGGERS = f"""
CREATE FUNCTION profiles.mapping_pairs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_fact_pairs AS c ({KEY}, n)
  SELECT {KEY}, count(*) FROM ({pairs("new_rows")}) p GROUP BY {KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_fact_pairs_cell DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION profiles.mapping_pairs_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_fact_pairs c SET n = c.n - d.k
  FROM (SELECT {KEY}, count(*) AS k FROM ({pairs("old_rows")}) p GROUP BY {KEY}) d
  WHERE (c.campaign_id, c.month, c.wave, c.a_dim, c.a_value, c.b_dim, c.b_value)
      = (d.campaign_id, d.month, d.wave, d.a_dim, d.a_value, d.b_dim, d.b_value);
  RETURN NULL;
END $$;

CREATE FUNCTION profiles.mapping_facts_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the facts of a mapping response never change (delete it instead)';
END $$;

CREATE TRIGGER mapping_responses_paired AFTER INSERT ON profiles.mapping_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_pairs_inserted();

CREATE TRIGGER mapping_responses_unpaired AFTER DELETE ON profiles.mapping_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION profiles.mapping_pairs_deleted();

CREATE TRIGGER mapping_responses_facts_frozen
  BEFORE UPDATE OF campaign_id, month, wave, {", ".join((*SINGLE, *MULTI))}
  ON profiles.mapping_responses FOR EACH ROW
  WHEN ((OLD.campaign_id, OLD.month, OLD.wave, {", ".join(f"OLD.{c}" for c in (*SINGLE, *MULTI))})
        IS DISTINCT FROM
        (NEW.campaign_id, NEW.month, NEW.wave, {", ".join(f"NEW.{c}" for c in (*SINGLE, *MULTI))}))
  EXECUTE FUNCTION profiles.mapping_facts_frozen()
"""


def upgrade() -> None:
    op.create_table(
        "mapping_fact_pairs",
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("a_dim", sa.String(length=20), nullable=False),
        sa.Column("a_value", sa.String(length=60), nullable=False),
        sa.Column("b_dim", sa.String(length=20), nullable=False),
        sa.Column("b_value", sa.String(length=60), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["profiles.mapping_campaigns.id"],
            name=op.f("fk_mapping_fact_pairs_campaign_id_mapping_campaigns"),
        ),
        sa.UniqueConstraint(
            "campaign_id",
            "a_dim",
            "b_dim",
            "a_value",
            "b_value",
            "month",
            "wave",
            name="uq_mapping_fact_pairs_cell",
        ),
        schema="profiles",
    )
    op.execute(backfill())
    for statement in TRIGGERS.split(";\n\n"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER mapping_responses_facts_frozen ON profiles.mapping_responses")
    op.execute("DROP TRIGGER mapping_responses_unpaired ON profiles.mapping_responses")
    op.execute("DROP TRIGGER mapping_responses_paired ON profiles.mapping_responses")
    op.execute("DROP FUNCTION profiles.mapping_facts_frozen()")
    op.execute("DROP FUNCTION profiles.mapping_pairs_deleted()")
    op.execute("DROP FUNCTION profiles.mapping_pairs_inserted()")
    op.drop_table("mapping_fact_pairs", schema="profiles")
