"""calendar revisions and cancellation, consent, faster matching and search

Revision ID: 9e3a7c51d2b8
Revises: 5b1f0c9e2d47
Create Date: 2026-11-22 16:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "9e3a7c51d2b8"
down_revision: str | None = "5b1f0c9e2d47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MATCHABLE = "open_to_opportunities AND listed"


def upgrade() -> None:
    # ---- events calendar: edits (revision = ETag and iCalendar SEQUENCE) and cancellation
    op.add_column(
        "calendar_events",
        sa.Column("status", sa.String(20), server_default="scheduled", nullable=False),
        schema="resources",
    )
    op.add_column(
        "calendar_events",
        sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False),
        schema="resources",
    )
    op.add_column(
        "calendar_events",
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        schema="resources",
    )
    op.add_column(
        "calendar_events",
        sa.Column("cancellation_reason", sa.String(500), nullable=True),
        schema="resources",
    )
    # ---- consent (profiles.consent.v1)
    op.create_table(
        "consents",
        sa.Column("person_id", sa.UUID(), nullable=False),
        sa.Column("purpose", sa.String(40), nullable=False),
        sa.Column("recipient", sa.String(40), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "purpose", "recipient"),
        schema="resources",
    )
    op.create_index(
        "ix_consents_withdrawn_recipient",
        "consents",
        ["purpose", "recipient", "person_id"],
        schema="resources",
        postgresql_where=sa.text("withdrawn"),
    )
    op.add_column(
        "opportunities",
        sa.Column("organisation_id", sa.UUID(), nullable=True),
        schema="resources",
    )
    # ---- matching: every candidate-generating column indexed, only matchable people
    op.add_column(
        "people",
        sa.Column("listed", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        schema="resources",
    )
    for column in ("skills", "sectors"):
        op.drop_index(f"ix_people_matchable_{column}", table_name="people", schema="resources")
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
    # ---- search: a title-only vector, the first (and usually best) candidates
    op.add_column(
        "resources",
        sa.Column("title_vector", postgresql.TSVECTOR(), nullable=True),
        schema="resources",
    )
    # concatenation of a resource's per-translation vectors (tsvector has no built-in agg)
    op.execute(
        "CREATE AGGREGATE resources.tsvector_agg(tsvector) "
        "(SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')"
    )
    op.execute(
        """
        UPDATE resources.resources r SET title_vector = v.vector
        FROM (
            SELECT t.resource_id,
                   resources.tsvector_agg(
                       to_tsvector(
                           CAST(CASE t.language WHEN 'ar' THEN 'arabic' WHEN 'da' THEN 'danish'
                               WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek'
                               WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish'
                               WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french'
                               WHEN 'hi' THEN 'hindi' WHEN 'hu' THEN 'hungarian'
                               WHEN 'id' THEN 'indonesian' WHEN 'it' THEN 'italian'
                               WHEN 'nl' THEN 'dutch' WHEN 'no' THEN 'norwegian'
                               WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian'
                               WHEN 'ru' THEN 'russian' WHEN 'sv' THEN 'swedish'
                               WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish'
                               ELSE 'simple' END AS regconfig),
                           resources.fold(t.title))
                       || to_tsvector('simple', resources.fold(t.title))) AS vector
            FROM resources.resource_translations t GROUP BY t.resource_id
        ) v
        WHERE v.resource_id = r.id
        """
    )
    op.create_index(
        "ix_resources_title_search",
        "resources",
        ["title_vector"],
        schema="resources",
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index("ix_resources_title_search", table_name="resources", schema="resources")
    op.drop_column("resources", "title_vector", schema="resources")
    op.execute("DROP AGGREGATE resources.tsvector_agg(tsvector)")
    for name in ("origin", "residence", "contribution_modes", "languages", "skills", "sectors"):
        op.drop_index(f"ix_people_matchable_{name}", table_name="people", schema="resources")
    for column in ("skills", "sectors"):
        op.create_index(
            f"ix_people_matchable_{column}",
            "people",
            [column],
            schema="resources",
            postgresql_using="gin",
            postgresql_where=sa.text("open_to_opportunities"),
        )
    op.drop_column("people", "listed", schema="resources")
    op.drop_column("opportunities", "organisation_id", schema="resources")
    op.drop_index("ix_consents_withdrawn_recipient", table_name="consents", schema="resources")
    op.drop_table("consents", schema="resources")
    for column in ("cancellation_reason", "cancelled_at", "revision", "status"):
        op.drop_column("calendar_events", column, schema="resources")
