"""deliveries: one per recipient of an event, not one per event

An event can concern several people (an alliance member's representatives): the idempotency
key of a delivery must include its recipient.

Revision ID: b7e2c4d9a1f3
Revises: a516e4e625e3
Create Date: 2026-11-22 18:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b7e2c4d9a1f3"
down_revision: str | None = "a516e4e625e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(
        "uq_deliveries_source_event_id", "deliveries", schema="notifications", type_="unique"
    )
    op.create_unique_constraint(
        "uq_deliveries_recipient_event",
        "deliveries",
        ["recipient_id", "source_event_id", "template", "channel"],
        schema="notifications",
    )


def downgrade() -> None:
    op.drop_constraint(
        "uq_deliveries_recipient_event", "deliveries", schema="notifications", type_="unique"
    )
    op.create_unique_constraint(
        "uq_deliveries_source_event_id",
        "deliveries",
        ["source_event_id", "template", "channel"],
        schema="notifications",
    )
