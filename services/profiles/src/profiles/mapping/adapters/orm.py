"""Tables of the mapping module (schema ``profiles``, names ``mapping_*``, own Alembic stream).

Responses keep the full answer sheet (personal data, only ever shown to the respondent or a
recipient they named) beside the *facts* analytics read: one column per dimension, so an
aggregate never touches the answers.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from eventkit.db import NAMING_CONVENTION

metadata = MetaData(schema="profiles", naming_convention=NAMING_CONVENTION)
#: a uniform random integer in [0, 2^32) from the server's strong random source (the
#: built-in gen_random_uuid reads pg_strong_random)
RECORD_KEY = "('x' || substr(md5(gen_random_uuid()::text), 1, 8))::bit(32)::bigint"
#: the mapping module's own Alembic stream (version table ``alembic_version_mapping``)
MAPPING_MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

surveys = Table(
    "mapping_surveys",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("key", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", JSONB, nullable=False),
    Column("definition", JSONB, nullable=False),
    Column("created_by", UUID(as_uuid=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("key", "version", name="uq_mapping_surveys_key_version"),
)

campaigns = Table(
    "mapping_campaigns",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("survey_id", UUID(as_uuid=True), ForeignKey(surveys.c.id), nullable=False),
    Column("name", String(200), nullable=False),
    Column("owner_kind", String(20), nullable=False),
    Column("owner_account_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("owner_organisation_id", UUID(as_uuid=True)),
    Column("origin_country", String(2), nullable=False),
    Column("opens_on", Date, nullable=False),
    Column("closes_on", Date, nullable=False),
    Column("channels", JSONB, nullable=False),
    Column("coordinating_organisations", JSONB, nullable=False),
    Column("k", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

responses = Table(
    "mapping_responses",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id), nullable=False),
    Column("survey_id", UUID(as_uuid=True), ForeignKey(surveys.c.id), nullable=False),
    Column("source", String(20), nullable=False),
    #: KoboToolbox ``_uuid`` / ODK ``meta/instanceID``: an import is idempotent on it
    Column("submission_id", String(200)),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    #: first day of the submission month (time windows are whole months)
    Column("month", Date, nullable=False),
    Column("wave", Integer, nullable=False),
    #: only with the respondent's explicit consent
    Column("respondent_account_id", UUID(as_uuid=True)),
    Column("recipients", JSONB, nullable=False),
    #: the cell-key method's secret random key (domain.mapping.cellkey), drawn by the server
    #: when the row is stored; never shown, never changed
    Column("record_key", BigInteger, nullable=False, server_default=text(RECORD_KEY)),
    Column("referral_code", String(16), nullable=False, unique=True),
    Column("referred_by", String(16)),
    Column("answers", JSONB, nullable=False),
    # facts (dimensions) for analytics
    Column("origin", String(2)),
    Column("residence", String(2)),
    Column("gender", String(20)),
    Column("age_band", String(10)),
    Column("education", String(10)),
    Column("sector", ARRAY(String(10)), nullable=False),
    Column("skill", ARRAY(String(10)), nullable=False),
    Column("language", ARRAY(String(3)), nullable=False),
    Column("contribution_mode", ARRAY(String(40)), nullable=False),
    Column("need", ARRAY(String(60)), nullable=False),
    UniqueConstraint("campaign_id", "submission_id", name="uq_mapping_responses_submission"),
    Index("ix_mapping_responses_campaign_month", "campaign_id", "month"),
    Index(
        "ix_mapping_responses_respondent",
        "respondent_account_id",
        postgresql_where="respondent_account_id IS NOT NULL",
    ),
)

#: respondents per campaign and combination of single-valued facts, kept by triggers on
#: ``mapping_responses`` (see the migration): tables without a multi-valued dimension or
#: filter read this instead of every response
response_counts = Table(
    "mapping_response_counts",
    metadata,
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id), nullable=False),
    Column("month", Date, nullable=False),
    Column("wave", Integer, nullable=False),
    Column("origin", String(2)),
    Column("residence", String(2)),
    Column("gender", String(20)),
    Column("age_band", String(10)),
    Column("education", String(10)),
    Column("n", Integer, nullable=False),
    #: sum of the record keys of those respondents (the cell key's source)
    Column("key_sum", BigInteger, nullable=False),
    UniqueConstraint(
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
)

#: the same per value of one multi-valued fact (``dimension``: sector, skill, language,
#: contribution_mode or need; ``unknown`` when none): tables with one multi-valued dimension
response_value_counts = Table(
    "mapping_response_value_counts",
    metadata,
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id), nullable=False),
    Column("month", Date, nullable=False),
    Column("wave", Integer, nullable=False),
    Column("origin", String(2)),
    Column("residence", String(2)),
    Column("gender", String(20)),
    Column("age_band", String(10)),
    Column("education", String(10)),
    Column("dimension", String(20), nullable=False),
    Column("value", String(60), nullable=False),
    Column("n", Integer, nullable=False),
    Column("key_sum", BigInteger, nullable=False),
    UniqueConstraint(
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
)

#: respondents per campaign, month, wave and pair of fact values (``a_dim < b_dim``), of one
#: fact value (``b_dim = ''``) and in all (both ``''``); kept by triggers (see the migration).
#: Every table over at most two facts (the wave is a column) with filters on those facts reads
#: this: a few thousand rows, whatever the number of responses
fact_pairs = Table(
    "mapping_fact_pairs",
    metadata,
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id), nullable=False),
    Column("month", Date, nullable=False),
    Column("wave", Integer, nullable=False),
    Column("a_dim", String(20), nullable=False),
    Column("a_value", String(60), nullable=False),
    Column("b_dim", String(20), nullable=False),
    Column("b_value", String(60), nullable=False),
    Column("n", Integer, nullable=False),
    Column("key_sum", BigInteger, nullable=False),
    UniqueConstraint(
        "campaign_id",
        "a_dim",
        "b_dim",
        "a_value",
        "b_value",
        "month",
        "wave",
        name="uq_mapping_fact_pairs_cell",
    ),
)

sector_needs = Table(
    "mapping_sector_needs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("origin_country", String(2), nullable=False),
    Column("sector", String(2), nullable=False),
    Column("skill", String(10)),
    Column("region", String(100)),
    Column("positions", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("declared_by", UUID(as_uuid=True), nullable=False),
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id)),
    Column("declared_at", DateTime(timezone=True), nullable=False),
    Column("withdrawn", Boolean, nullable=False, default=False),
    #: one more with each correction (the ETag: If-Match)
    Column("version", Integer, nullable=False, server_default="1"),
    Index("ix_mapping_sector_needs_origin", "origin_country"),
)

#: what was published for each cell of a campaign (domain.mapping.publication): the value
#: shown, the cell-key count it was published for, and why; cells are keyed by their
#: definition (``publication.definition_text``), however the table that showed them was asked
published_cells = Table(
    "mapping_published_cells",
    metadata,
    Column("campaign_id", UUID(as_uuid=True), ForeignKey(campaigns.c.id), primary_key=True),
    Column("definition", Text, primary_key=True),
    Column("value", Integer, nullable=False),
    Column("raw", Integer, nullable=False),
    Column("basis", String(20), nullable=False),
    Column("dropped", Text),
    Column("published_at", DateTime(timezone=True), nullable=False),
)

#: every read of identified data (a response) by anyone
access_log = Table(
    "mapping_access_log",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("accessor_account_id", UUID(as_uuid=True), nullable=False),
    Column("campaign_id", UUID(as_uuid=True)),
    Column("response_id", UUID(as_uuid=True)),
    Column("action", String(40), nullable=False),
    Column("allowed", Boolean, nullable=False),
    Index("ix_mapping_access_log_response", "response_id"),
)
