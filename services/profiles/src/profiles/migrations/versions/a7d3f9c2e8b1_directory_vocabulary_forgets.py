"""directory vocabulary forgets words nobody holds any more (erasure, renames)

Revision ID: a7d3f9c2e8b1
Revises: f1c4e8a2d7b9
Create Date: 2026-11-22 21:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a7d3f9c2e8b1"
down_revision: str | None = "f1c4e8a2d7b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A word only one person had (a family name) must not outlive that person's erasure or
# rename: the vocabulary would otherwise keep it, readable by anyone with the database and
# findable as a prefix expansion. Deleted rows and words edited out of a row are checked
# against the remaining documents (one GIN probe per word; a save that keeps its words
# probes nothing).
FUNCTIONS = (
    """
CREATE FUNCTION profiles.directory_words_drop_unused(gone text[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM profiles.directory_words d
    WHERE d.word = ANY(gone)
      AND NOT EXISTS (
        SELECT 1 FROM profiles.directory_people p
        WHERE p.document @@ plainto_tsquery('simple', d.word)
      );
$$
""",
    """
CREATE FUNCTION profiles.directory_words_forget_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM profiles.directory_words_drop_unused(ARRAY(
        SELECT DISTINCT w FROM old_rows, unnest(tsvector_to_array(old_rows.document)) AS w
    ));
    RETURN NULL;
END
$$
""",
    """
CREATE FUNCTION profiles.directory_words_forget_edited() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM profiles.directory_words_drop_unused(ARRAY(
        SELECT w FROM old_rows, unnest(tsvector_to_array(old_rows.document)) AS w
        EXCEPT
        SELECT w FROM new_rows, unnest(tsvector_to_array(new_rows.document)) AS w
    ));
    RETURN NULL;
END
$$
""",
)


def upgrade() -> None:
    for function in FUNCTIONS:
        op.execute(function)
    op.execute(
        "CREATE TRIGGER directory_words_forget_delete AFTER DELETE "
        "ON profiles.directory_people REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION profiles.directory_words_forget_deleted()"
    )
    op.execute(
        "CREATE TRIGGER directory_words_forget_update AFTER UPDATE "
        "ON profiles.directory_people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION profiles.directory_words_forget_edited()"
    )
    # words already orphaned by erasures before this revision
    op.execute(
        "SELECT profiles.directory_words_drop_unused(ARRAY(SELECT word FROM "
        "profiles.directory_words))"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER directory_words_forget_update ON profiles.directory_people")
    op.execute("DROP TRIGGER directory_words_forget_delete ON profiles.directory_people")
    op.execute("DROP FUNCTION profiles.directory_words_forget_edited()")
    op.execute("DROP FUNCTION profiles.directory_words_forget_deleted()")
    op.execute("DROP FUNCTION profiles.directory_words_drop_unused(text[])")
