"""Repositories of recipients, preferences and email deliveries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.orm import deliveries, preferences, recipients
from notifications.domain.delivery import Delivery, DeliveryStatus, RenderedMessage
from notifications.domain.preferences import (
    Category,
    Channel,
    Frequency,
    Preferences,
    QuietHours,
)
from notifications.domain.recipient import Recipient

ERASED_VERSION = 2**31 - 1
_CHANNELS = {c.value for c in Channel}
_CATEGORIES = {c.value for c in Category}


def tombstone(account_id: UUID) -> Recipient:
    """What is kept of an erased account: no address, no name, the highest version."""
    return Recipient(
        account_id=account_id, email="", display_name="", locale="en", version=ERASED_VERSION
    )


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
        return Recipient(**row) if row and row["email"] else None  # a tombstone: nobody

    async def erase(self, account_id: UUID) -> None:
        """Keep a tombstone (no address, no name) at the highest version, so no event about
        this account arriving late can ever bring the person back."""
        await self.upsert(tombstone(account_id))
        await self.session.execute(delete(preferences).where(preferences.c.person_id == account_id))


class PreferencesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: UUID) -> Preferences | None:
        row = (
            (
                await self.session.execute(
                    select(preferences).where(preferences.c.person_id == person_id)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        quiet = (
            QuietHours(start=row["quiet_start"], end=row["quiet_end"])
            if row["quiet_start"] is not None and row["quiet_end"] is not None
            else None
        )
        return Preferences(
            person_id=row["person_id"],
            channels={Channel(k): bool(v) for k, v in row["channels"].items() if k in _CHANNELS},
            categories={
                Category(k): Frequency(v) for k, v in row["categories"].items() if k in _CATEGORIES
            },
            language=row["language"],
            time_zone=row["time_zone"],
            quiet_hours=quiet,
            version=row["version"],
        )

    async def get_or_default(self, person_id: UUID) -> Preferences:
        return await self.get(person_id) or Preferences(person_id=person_id)

    async def save(self, p: Preferences, *, expected_version: int | None = None) -> bool:
        """Insert or update; with ``expected_version``, only if nobody changed it meanwhile."""
        values = {
            "person_id": p.person_id,
            "channels": {k.value: v for k, v in p.channels.items()},
            "categories": {k.value: v.value for k, v in p.categories.items()},
            "language": p.language,
            "time_zone": p.time_zone,
            "quiet_start": p.quiet_hours.start if p.quiet_hours else None,
            "quiet_end": p.quiet_hours.end if p.quiet_hours else None,
            "version": p.version,
            "updated_at": datetime.now(UTC),
        }
        stmt = insert(preferences).values(**values)
        where = None
        if expected_version is not None:
            where = preferences.c.version == expected_version
        upsert = stmt.on_conflict_do_update(
            index_elements=["person_id"],
            set_={k: stmt.excluded[k] for k in values if k != "person_id"},
            where=where,
        ).returning(preferences.c.person_id)
        return (await self.session.execute(upsert)).first() is not None


_ADD_NEW_DELIVERIES = (
    insert(deliveries)
    .on_conflict_do_nothing(
        index_elements=["recipient_id", "source_event_id", "template", "channel"]
    )
    .returning(deliveries.c.id)
)


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, d: Delivery) -> bool:
        """Record a delivery; False when this event already produced it (idempotent)."""
        stmt = (
            insert(deliveries)
            .values(**_row(d), created_at=datetime.now(UTC))
            .on_conflict_do_nothing(
                index_elements=["recipient_id", "source_event_id", "template", "channel"]
            )
            .returning(deliveries.c.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def add_many(self, found: list[Delivery]) -> int:
        """Record deliveries in one statement; returns how many were new (an event's
        delivery to a person that already exists is left as it is)."""
        if not found:
            return 0
        now = datetime.now(UTC)
        # one statement built once: SQLAlchemy sends the rows as multi-row VALUES batches
        # ("insertmanyvalues"), RETURNING the ones that were new
        result = await self.session.execute(
            _ADD_NEW_DELIVERIES, [{**_row(d), "created_at": now} for d in found]
        )
        return len(result.all())

    async def campaign_progress(self, campaign_id: UUID) -> dict[str, int]:
        """How many of a newsletter's mails are pending, sent and failed."""
        return (await self.campaigns_progress([campaign_id]))[campaign_id]

    async def campaigns_progress(self, campaign_ids: list[UUID]) -> dict[UUID, dict[str, int]]:
        """``campaign_progress`` for a page of newsletters in one statement."""
        rows = await self.session.execute(
            select(deliveries.c.campaign_id, deliveries.c.status, func.count())
            .where(deliveries.c.campaign_id.in_(campaign_ids))
            .group_by(deliveries.c.campaign_id, deliveries.c.status)
        )
        counts = {c: {s.value: 0 for s in DeliveryStatus} for c in campaign_ids}
        for campaign_id, status, n in rows:
            counts[campaign_id][status] = int(n)
        return counts

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

    async def get(self, delivery_id: UUID) -> Delivery | None:
        row = (
            (await self.session.execute(select(deliveries).where(deliveries.c.id == delivery_id)))
            .mappings()
            .first()
        )
        return _delivery(row) if row else None

    async def for_recipient(self, recipient_id: UUID) -> list[Delivery]:
        rows = (
            (
                await self.session.execute(
                    select(deliveries)
                    .where(deliveries.c.recipient_id == recipient_id)
                    .order_by(deliveries.c.created_at)
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

    async def purge_settled_before(self, cutoff: datetime) -> int:
        """Retention: sent or failed mail created before ``cutoff`` (pending mail stays)."""
        result = await self.session.execute(
            delete(deliveries)
            .where(deliveries.c.created_at < cutoff)
            .where(deliveries.c.status != DeliveryStatus.PENDING.value)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


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
        "category": d.category,
        "headers": d.headers,
        "traceparent": d.traceparent,
        "campaign_id": d.campaign_id,
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
        category=r["category"],
        headers=dict(r["headers"] or {}),
        traceparent=r["traceparent"],
        campaign_id=r["campaign_id"],
    )
