"""Repositories of the notifications service."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.orm import deliveries, recipients
from notifications.domain.delivery import Delivery, DeliveryStatus, RenderedMessage
from notifications.domain.recipient import Recipient


class RecipientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, recipient: Recipient) -> None:
        """Keep the newest version only: stale or replayed events never overwrite newer data."""
        values = {
            "account_id": recipient.account_id,
            "email": recipient.email,
            "display_name": recipient.display_name,
            "locale": recipient.locale,
            "version": recipient.version,
        }
        stmt = insert(recipients).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["account_id"],
            set_={k: stmt.excluded[k] for k in values if k != "account_id"},
            where=recipients.c.version < stmt.excluded.version,
        )
        await self.session.execute(stmt)

    async def get(self, account_id: UUID) -> Recipient | None:
        row = (
            (
                await self.session.execute(
                    select(recipients).where(recipients.c.account_id == account_id)
                )
            )
            .mappings()
            .first()
        )
        return Recipient(**row) if row else None


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, d: Delivery) -> bool:
        """Record a delivery; False when this event already produced it (idempotent)."""
        stmt = (
            insert(deliveries)
            .values(**_row(d), created_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["source_event_id", "template", "channel"])
            .returning(deliveries.c.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def claim_due(self, now: datetime, limit: int) -> list[Delivery]:
        """Lock due deliveries so parallel dispatchers never send one twice."""
        rows = (
            (
                await self.session.execute(
                    select(deliveries)
                    .where(deliveries.c.status == DeliveryStatus.PENDING.value)
                    .where(deliveries.c.next_attempt_at <= now)
                    .order_by(deliveries.c.next_attempt_at)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            )
            .mappings()
            .all()
        )
        return [_delivery(r) for r in rows]

    async def save(self, d: Delivery) -> None:
        row = _row(d)
        await self.session.execute(
            deliveries.update()
            .where(deliveries.c.id == d.id)
            .values(
                status=row["status"],
                attempts=row["attempts"],
                next_attempt_at=row["next_attempt_at"],
                last_error=row["last_error"],
                sent_at=row["sent_at"],
            )
        )


def _row(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id,
        "recipient_id": d.recipient_id,
        "channel": d.channel,
        "address": d.address,
        "template": d.template,
        "source_event_id": d.source_event_id,
        "locale": d.message.locale,
        "subject": d.message.subject,
        "body_text": d.message.text,
        "body_html": d.message.html,
        "status": d.status.value,
        "attempts": d.attempts,
        "next_attempt_at": d.next_attempt_at,
        "last_error": d.last_error,
        "sent_at": d.sent_at,
    }


def _delivery(r: RowMapping) -> Delivery:
    return Delivery(
        id=r["id"],
        recipient_id=r["recipient_id"],
        channel=r["channel"],
        address=r["address"],
        template=r["template"],
        source_event_id=r["source_event_id"],
        message=RenderedMessage(
            subject=r["subject"], text=r["body_text"], html=r["body_html"], locale=r["locale"]
        ),
        status=DeliveryStatus(r["status"]),
        attempts=r["attempts"],
        next_attempt_at=r["next_attempt_at"],
        last_error=r["last_error"],
        sent_at=r["sent_at"],
    )
