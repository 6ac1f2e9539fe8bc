"""directory vocabulary: the words indexed, so a typed prefix becomes exact words

Revision ID: f1c4e8a2d7b9
Revises: e5b8d3f0a6c2
Create Date: 2026-11-22 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f1c4e8a2d7b9"
down_revision: str | None = "e5b8d3f0a6c2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every writer of directory_people (the service's upsert, bulk loads) feeds the vocabulary:
# one statement-level trigger per statement, reading the statement's new rows at once.
LEARN = """
CREATE FUNCTION profiles.directory_words_learn() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO profiles.directory_words (word)
    SELECT DISTINCT w FROM new_rows, unnest(tsvector_to_array(new_rows.document)) AS w
    ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.create_table(
        "directory_words",
        sa.Column("word", sa.Text(collation="C"), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_directory_words")),
        schema="profiles",
    )
    op.execute(LEARN)
    for event in ("INSERT", "UPDATE"):
        op.execute(
            f"CREATE TRIGGER directory_words_learn_{event.lower()} AFTER {event} "
            "ON profiles.directory_people REFERENCING NEW TABLE AS new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION profiles.directory_words_learn()"
        )
    op.execute(
        "INSERT INTO profiles.directory_words (word) SELECT DISTINCT w "
        "FROM profiles.directory_people, unnest(tsvector_to_array(document)) AS w ORDER BY w"
    )


def downgrade() -> None:
    for event in ("insert", "update"):
        op.execute(f"DROP TRIGGER directory_words_learn_{event} ON profiles.directory_people")
    op.execute("DROP FUNCTION profiles.directory_words_learn()")
    op.drop_table("directory_words", schema="profiles")
