"""search moves to each API replica's index: a change log it follows, no tsvectors

Revision ID: c3d5e7f9a1b2
Revises: d6a1f3b7c902
Create Date: 2026-11-23 03:40:00.000000

Every statement that changes a resource or a translation records the resources it touched
in ``search_changes`` (statement-level triggers with transition tables: a bulk statement
writes one INSERT ... SELECT, not one per row). The per-language search vectors and their
GIN indexes go: nothing searches them any more, and every write paid for them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c3d5e7f9a1b2"
down_revision: str | None = "d6a1f3b7c902"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, its resource id column)
_TRACKED = (("resources", "id"), ("resource_translations", "resource_id"))


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE resources.search_changes (
            position bigint GENERATED ALWAYS AS IDENTITY,
            resource_id uuid NOT NULL,
            xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            recorded_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT pk_search_changes PRIMARY KEY (position)
        )
        """
    )
    op.create_index(
        "ix_search_changes_xid", "search_changes", ["xid"], unique=False, schema="resources"
    )
    for table, column in _TRACKED:
        op.execute(
            f"""
            CREATE FUNCTION resources.{table}_search_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO resources.search_changes (resource_id)
                SELECT DISTINCT {column} FROM changed;
                RETURN NULL;
            END $$
            """
        )
        for event, transition in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            op.execute(
                f"CREATE TRIGGER {table}_search_{event.lower()} AFTER {event}"
                f" ON resources.{table} REFERENCING {transition} TABLE AS changed"
                f" FOR EACH STATEMENT EXECUTE FUNCTION resources.{table}_search_changed()"
            )
    op.drop_index("ix_resources_search", table_name="resources", schema="resources")
    op.drop_index("ix_resources_title_search", table_name="resources", schema="resources")
    op.drop_column("resources", "search_vector", schema="resources")
    op.drop_column("resources", "title_vector", schema="resources")


def downgrade() -> None:
    op.add_column(
        "resources",
        sa.Column("title_vector", postgresql.TSVECTOR(), nullable=True),
        schema="resources",
    )
    op.add_column(
        "resources",
        sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True),
        schema="resources",
    )
    op.create_index(
        "ix_resources_title_search",
        "resources",
        ["title_vector"],
        postgresql_using="gin",
        schema="resources",
    )
    op.create_index(
        "ix_resources_search",
        "resources",
        ["search_vector"],
        postgresql_using="gin",
        schema="resources",
    )
    for table, _ in _TRACKED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER {table}_search_{event} ON resources.{table}")
        op.execute(f"DROP FUNCTION resources.{table}_search_changed()")
    op.drop_table("search_changes", schema="resources")
