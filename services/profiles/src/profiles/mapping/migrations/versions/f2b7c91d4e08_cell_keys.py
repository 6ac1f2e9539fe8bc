"""cell keys: a record key per response, key sums in the counting tables, the published-cells
ledger; no answer fingerprints, no rounding setting, no window release ledger

Revision ID: f2b7c91d4e08
Revises: e41a7c9d2b56
Create Date: 2026-12-07 04:00:00

The cell-key method (docs/privacy.md) needs, for every cell, the sum of its respondents'
record keys beside their number: each counting table gets a ``key_sum`` kept by the same
statement-level triggers (rewritten here) and is recounted from the responses. Record keys of
existing responses are drawn now (``gen_random_uuid`` uses the server's strong random source);
new responses bring theirs (the column default draws one when a bulk load does not).

Dropped: the answer fingerprint (deduplication by content was a membership oracle; responses
are deduplicated by submission identity only), the campaign's rounding base (perturbation
cannot be switched off) and the window release ledger (replaced by the published-cells
ledger, ``mapping_published_cells``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f2b7c91d4e08"
down_revision: str | None = "e41a7c9d2b56"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: a uniform random integer in [0, 2^32) from the server's strong random source
RECORD_KEY = "('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::bigint"

SINGLE = ("origin", "residence", "gender", "age_band", "education")
MULTI = ("sector", "skill", "language", "contribution_mode", "need")
COUNTS_KEY = "campaign_id, month, wave, " + ", ".join(SINGLE)
VALUES_KEY = f"{COUNTS_KEY}, dimension, value"
PAIRS_KEY = "campaign_id, month, wave, a_dim, a_value, b_dim, b_value"
SINGLE_MATCH = " AND ".join(f"c.{d} IS NOT DISTINCT FROM d.{d}" for d in SINGLE)


def per_value(source: str) -> str:
    """One row per respondent and value of each multi-valued fact (``unknown`` when empty)."""
    return " UNION ALL ".join(
        f"SELECT {COUNTS_KEY}, record_key, '{dim}' AS dimension, v AS value FROM {source} "
        f"CROSS JOIN LATERAL unnest(CASE WHEN cardinality({dim}) = 0 "
        f"THEN ARRAY['unknown']::varchar[] ELSE {dim} END) AS u(v)"
        for dim in MULTI
    )


def _fact_arrays() -> tuple[str, str]:
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
        "SELECT x.campaign_id, x.month, x.wave, x.record_key, "
        "p.a_dim, p.a_value, p.b_dim, p.b_value FROM "
        f"(SELECT r.campaign_id, r.month, r.wave, r.record_key, {dims} AS da, {values} AS va "
        f"FROM {source} r) x "
        "CROSS JOIN LATERAL (SELECT '', '', '', '' "
        "UNION ALL SELECT a.d, a.v, '', '' FROM unnest(x.da, x.va) a(d, v) "
        "UNION ALL SELECT a.d, a.v, b.d, b.v "
        "FROM unnest(x.da, x.va) a(d, v), unnest(x.da, x.va) b(d, v) WHERE a.d < b.d"
        ") p(a_dim, a_value, b_dim, b_value)"
    )


def backfill_counts(source: str = "profiles.mapping_responses") -> str:
    return (
        f"INSERT INTO profiles.mapping_response_counts ({COUNTS_KEY}, n, key_sum) "
        f"SELECT {COUNTS_KEY}, count(*), sum(record_key) FROM {source} GROUP BY {COUNTS_KEY}"
    )


def backfill_value_counts(source: str = "profiles.mapping_responses") -> str:
    return (
        f"INSERT INTO profiles.mapping_response_value_counts ({VALUES_KEY}, n, key_sum) "
        f"SELECT {VALUES_KEY}, count(*), sum(record_key) FROM ({per_value(source)}) p "
        f"GROUP BY {VALUES_KEY}"
    )


def backfill_pairs(source: str = "profiles.mapping_responses") -> str:
    return (
        f"INSERT INTO profiles.mapping_fact_pairs ({PAIRS_KEY}, n, key_sum) "
        f"SELECT {PAIRS_KEY}, count(*), sum(record_key) FROM ({pairs(source)}) p "
        f"GROUP BY {PAIRS_KEY}"
    )


FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION profiles.mapping_count_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_response_counts AS c ({COUNTS_KEY}, n, key_sum)
  SELECT {COUNTS_KEY}, count(*), sum(record_key) FROM new_rows GROUP BY {COUNTS_KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_response_counts_cell
  DO UPDATE SET n = c.n + EXCLUDED.n, key_sum = c.key_sum + EXCLUDED.key_sum;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION profiles.mapping_count_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_response_counts c SET n = c.n - d.k, key_sum = c.key_sum - d.s
  FROM (SELECT {COUNTS_KEY}, count(*) AS k, sum(record_key) AS s FROM old_rows
        GROUP BY {COUNTS_KEY}) d
  WHERE (c.campaign_id, c.month, c.wave) = (d.campaign_id, d.month, d.wave) AND {SINGLE_MATCH};
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION profiles.mapping_value_count_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_response_value_counts AS c ({VALUES_KEY}, n, key_sum)
  SELECT {VALUES_KEY}, count(*), sum(record_key) FROM ({per_value("new_rows")}) p
  GROUP BY {VALUES_KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_response_value_counts_cell
  DO UPDATE SET n = c.n + EXCLUDED.n, key_sum = c.key_sum + EXCLUDED.key_sum;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION profiles.mapping_value_count_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_response_value_counts c SET n = c.n - d.k, key_sum = c.key_sum - d.s
  FROM (SELECT {VALUES_KEY}, count(*) AS k, sum(record_key) AS s
        FROM ({per_value("old_rows")}) p GROUP BY {VALUES_KEY}) d
  WHERE (c.campaign_id, c.month, c.wave, c.dimension, c.value)
        = (d.campaign_id, d.month, d.wave, d.dimension, d.value) AND {SINGLE_MATCH};
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION profiles.mapping_pairs_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles.mapping_fact_pairs AS c ({PAIRS_KEY}, n, key_sum)
  SELECT {PAIRS_KEY}, count(*), sum(record_key) FROM ({pairs("new_rows")}) p
  GROUP BY {PAIRS_KEY}
  ON CONFLICT ON CONSTRAINT uq_mapping_fact_pairs_cell
  DO UPDATE SET n = c.n + EXCLUDED.n, key_sum = c.key_sum + EXCLUDED.key_sum;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION profiles.mapping_pairs_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE profiles.mapping_fact_pairs c SET n = c.n - d.k, key_sum = c.key_sum - d.s
  FROM (SELECT {PAIRS_KEY}, count(*) AS k, sum(record_key) AS s FROM ({pairs("old_rows")}) p
        GROUP BY {PAIRS_KEY}) d
  WHERE (c.campaign_id, c.month, c.wave, c.a_dim, c.a_value, c.b_dim, c.b_value)
      = (d.campaign_id, d.month, d.wave, d.a_dim, d.a_value, d.b_dim, d.b_value);
  RETURN NULL;
END $$
"""

#: a response's record key is fixed like its facts (a changed key would re-draw its noise)
FROZEN_KEY = """
CREATE OR REPLACE FUNCTION profiles.mapping_record_key_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the record key of a mapping response never changes';
END $$;

CREATE TRIGGER mapping_responses_record_key_frozen
  BEFORE UPDATE OF record_key ON profiles.mapping_responses FOR EACH ROW
  WHEN (OLD.record_key IS DISTINCT FROM NEW.record_key)
  EXECUTE FUNCTION profiles.mapping_record_key_frozen()
"""


def upgrade() -> None:
    op.add_column(
        "mapping_responses",
        sa.Column("record_key", sa.BigInteger(), server_default=sa.text(RECORD_KEY)),
        schema="profiles",
    )
    op.execute(f"UPDATE profiles.mapping_responses SET record_key = {RECORD_KEY}")
    op.alter_column("mapping_responses", "record_key", nullable=False, schema="profiles")
    for table in ("mapping_response_counts", "mapping_response_value_counts", "mapping_fact_pairs"):
        op.add_column(
            table,
            sa.Column("key_sum", sa.BigInteger(), nullable=False, server_default="0"),
            schema="profiles",
        )
        op.execute(f"TRUNCATE profiles.{table}")
    for statement in FUNCTIONS.split(";\n\n"):
        op.execute(statement)
    for statement in FROZEN_KEY.split(";\n\n"):
        op.execute(statement)
    op.execute(backfill_counts())
    op.execute(backfill_value_counts())
    op.execute(backfill_pairs())

    op.drop_index(
        "ix_mapping_responses_fingerprint", table_name="mapping_responses", schema="profiles"
    )
    op.drop_column("mapping_responses", "fingerprint", schema="profiles")
    op.drop_column("mapping_campaigns", "rounding_base", schema="profiles")
    op.drop_table("mapping_releases", schema="profiles")
    op.create_table(
        "mapping_published_cells",
        sa.Column("campaign_id", sa.UUID(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("dropped", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["profiles.mapping_campaigns.id"],
            name=op.f("fk_mapping_published_cells_campaign_id_mapping_campaigns"),
        ),
        sa.PrimaryKeyConstraint(
            "campaign_id", "definition", name=op.f("pk_mapping_published_cells")
        ),
        schema="profiles",
    )


def downgrade() -> None:
    raise NotImplementedError(
        "cell keys cannot be undone: the record keys and the published values would be lost"
    )
