"""Repositories of partner webhooks: endpoints, received partner events, deliveries, attempts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, exists, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import PARTNER_SHARING, RECIPIENT_PARTNER
from notifications.adapters.orm import (
    consents,
    partner_events,
    webhook_attempts,
    webhook_deliveries,
    webhook_endpoints,
)
from notifications.domain.webhooks import (
    Endpoint,
    EndpointStatus,
    WebhookDelivery,
    WebhookDeliveryStatus,
)


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ---- endpoints -----------------------------------------------------------------------
    async def add_endpoint(self, e: Endpoint) -> None:
        await self.session.execute(webhook_endpoints.insert().values(**_endpoint_row(e)))

    async def save_endpoint(self, e: Endpoint) -> None:
        row = _endpoint_row(e)
        del row["id"]
        await self.session.execute(
            update(webhook_endpoints).where(webhook_endpoints.c.id == e.id).values(**row)
        )

    async def endpoint(self, endpoint_id: UUID, *, for_update: bool = False) -> Endpoint | None:
        q = select(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id)
        if for_update:
            q = q.with_for_update()
        row = (await self.session.execute(q)).mappings().first()
        return _endpoint(row) if row else None

    async def endpoints_of(self, owner_id: UUID) -> list[Endpoint]:
        q = (
            select(webhook_endpoints)
            .where(webhook_endpoints.c.owner_id == owner_id)
            .order_by(webhook_endpoints.c.created_at)
        )
        return [_endpoint(r) for r in (await self.session.execute(q)).mappings().all()]

    async def active_endpoints(self) -> list[Endpoint]:
        q = select(webhook_endpoints).where(
            webhook_endpoints.c.status == EndpointStatus.ACTIVE.value
        )
        return [_endpoint(r) for r in (await self.session.execute(q)).mappings().all()]

    async def endpoints_by_id(self, ids: set[UUID]) -> dict[UUID, Endpoint]:
        if not ids:
            return {}
        q = select(webhook_endpoints).where(webhook_endpoints.c.id.in_(ids))
        return {r["id"]: _endpoint(r) for r in (await self.session.execute(q)).mappings().all()}

    # ---- partner events ------------------------------------------------------------------
    async def add_partner_event(
        self, event_id: str, type_: str, subject: str, time: datetime, envelope: dict[str, Any]
    ) -> bool:
        stmt = (
            insert(partner_events)
            .values(
                event_id=event_id,
                type=type_,
                subject=subject,
                time=time,
                envelope=envelope,
                received_at=datetime.now(time.tzinfo),
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(partner_events.c.event_id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def partner_event(self, event_id: str) -> RowMapping | None:
        q = select(partner_events).where(partner_events.c.event_id == event_id)
        return (await self.session.execute(q)).mappings().first()

    async def partner_events_by_id(self, event_ids: set[str]) -> dict[str, RowMapping]:
        if not event_ids:
            return {}
        q = select(partner_events).where(partner_events.c.event_id.in_(event_ids))
        return {r["event_id"]: r for r in (await self.session.execute(q)).mappings()}

    async def consents(self, subjects: set[str]) -> set[tuple[str, UUID]]:
        """(subject, partner) pairs whose subject gave the partner active PARTNER_SHARING
        consent (the consent projection); a subject that is not a person id has none."""
        people = {UUID(s) for s in subjects if _is_uuid(s)}
        if not people:
            return set()
        q = select(consents.c.person_id, consents.c.recipient_id).where(
            consents.c.person_id.in_(people),
            consents.c.purpose == PARTNER_SHARING,
            consents.c.recipient_kind == RECIPIENT_PARTNER,
            consents.c.active.is_(True),
        )
        return {(str(r[0]), r[1]) for r in (await self.session.execute(q)).all()}

    async def partner_events_since(self, since: datetime, types: list[str]) -> list[RowMapping]:
        q = select(partner_events).where(partner_events.c.time >= since)
        if types:
            q = q.where(partner_events.c.type.in_(types))
        return list((await self.session.execute(q.order_by(partner_events.c.time))).mappings())

    async def has_consent(self, subject_id: str, partner_id: UUID) -> bool:
        return (subject_id, partner_id) in await self.consents({subject_id})

    async def purge_log_before(self, cutoff: datetime) -> dict[str, int]:
        """Retention: attempts, settled deliveries and partner events older than ``cutoff``
        (a delivery still pending keeps its event; replays reach back to ``cutoff``)."""
        pending = WebhookDeliveryStatus.PENDING.value
        attempts = await self.session.execute(
            delete(webhook_attempts).where(webhook_attempts.c.attempted_at < cutoff)
        )
        settled = await self.session.execute(
            delete(webhook_deliveries)
            .where(webhook_deliveries.c.created_at < cutoff)
            .where(webhook_deliveries.c.status != pending)
        )
        events = await self.session.execute(
            delete(partner_events)
            .where(partner_events.c.received_at < cutoff)
            .where(
                ~exists().where(
                    webhook_deliveries.c.event_id == partner_events.c.event_id,
                    webhook_deliveries.c.status == pending,
                )
            )
        )
        return {
            "webhook_attempts": int(attempts.rowcount or 0),  # type: ignore[attr-defined]
            "webhook_deliveries": int(settled.rowcount or 0),  # type: ignore[attr-defined]
            "partner_events": int(events.rowcount or 0),  # type: ignore[attr-defined]
        }

    # ---- deliveries ----------------------------------------------------------------------
    async def add_delivery(self, d: WebhookDelivery) -> bool:
        stmt = (
            insert(webhook_deliveries)
            .values(**_delivery_row(d))
            .on_conflict_do_nothing(index_elements=["endpoint_id", "event_id"])
            .returning(webhook_deliveries.c.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def delivery(
        self, delivery_id: UUID, *, for_update: bool = False
    ) -> WebhookDelivery | None:
        q = select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id)
        if for_update:
            q = q.with_for_update()
        row = (await self.session.execute(q)).mappings().first()
        return _delivery(row) if row else None

    async def deliveries_by_id(
        self, ids: list[UUID], *, for_update: bool = False
    ) -> dict[UUID, WebhookDelivery]:
        if not ids:
            return {}
        q = select(webhook_deliveries).where(webhook_deliveries.c.id.in_(ids))
        if for_update:
            q = q.order_by(webhook_deliveries.c.id).with_for_update()
        return {r["id"]: _delivery(r) for r in (await self.session.execute(q)).mappings()}

    async def delivery_for(self, endpoint_id: UUID, event_id: str) -> WebhookDelivery | None:
        q = (
            select(webhook_deliveries)
            .where(webhook_deliveries.c.endpoint_id == endpoint_id)
            .where(webhook_deliveries.c.event_id == event_id)
            .with_for_update()
        )
        row = (await self.session.execute(q)).mappings().first()
        return _delivery(row) if row else None

    async def lease_due(self, now: datetime, limit: int, lease: timedelta) -> list[WebhookDelivery]:
        """Claim due deliveries and hide them for ``lease``: no transaction stays open while
        partners answer, and a crashed dispatcher's claims come back after the lease."""
        due = (
            select(webhook_deliveries.c.id)
            .where(webhook_deliveries.c.status == WebhookDeliveryStatus.PENDING.value)
            .where(webhook_deliveries.c.next_attempt_at <= now)
            .order_by(webhook_deliveries.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        rows = (
            (
                await self.session.execute(
                    update(webhook_deliveries)
                    .where(webhook_deliveries.c.id.in_(due))
                    .values(next_attempt_at=now + lease)
                    .returning(*webhook_deliveries.c)
                )
            )
            .mappings()
            .all()
        )
        return [_delivery(r) for r in rows]

    async def save_delivery(self, d: WebhookDelivery) -> None:
        row = _delivery_row(d)
        for key in ("id", "message_id", "endpoint_id", "event_id", "event_type", "created_at"):
            del row[key]
        await self.session.execute(
            update(webhook_deliveries).where(webhook_deliveries.c.id == d.id).values(**row)
        )

    async def deliveries_of(
        self,
        endpoint_id: UUID,
        *,
        before: int | None,
        limit: int,
        status: str | None = None,
    ) -> list[tuple[int, WebhookDelivery]]:
        q = select(webhook_deliveries).where(webhook_deliveries.c.endpoint_id == endpoint_id)
        if before is not None:
            q = q.where(webhook_deliveries.c.position < before)
        if status is not None:
            q = q.where(webhook_deliveries.c.status == status)
        q = q.order_by(webhook_deliveries.c.position.desc()).limit(limit)
        return [(r["position"], _delivery(r)) for r in (await self.session.execute(q)).mappings()]

    async def add_attempt(
        self,
        delivery_id: UUID,
        at: datetime,
        status_code: int | None,
        error: str | None,
        duration_ms: int,
    ) -> None:
        await self.session.execute(
            webhook_attempts.insert().values(
                delivery_id=delivery_id,
                attempted_at=at,
                status_code=status_code,
                error=error[:500] if error else None,
                duration_ms=duration_ms,
            )
        )

    async def add_attempts(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            await self.session.execute(webhook_attempts.insert(), rows)

    async def attempts_of(self, delivery_id: UUID) -> list[RowMapping]:
        q = (
            select(webhook_attempts)
            .where(webhook_attempts.c.delivery_id == delivery_id)
            .order_by(webhook_attempts.c.id)
        )
        return list((await self.session.execute(q)).mappings())


def _endpoint_row(e: Endpoint) -> dict[str, Any]:
    return {
        "id": e.id,
        "owner_id": e.owner_id,
        "url": e.url,
        "description": e.description,
        "event_types": list(e.event_types),
        "status": e.status.value,
        "secret": e.secret,
        "previous_secret": e.previous_secret,
        "previous_secret_expires_at": e.previous_secret_expires_at,
        "consecutive_dead_letters": e.consecutive_dead_letters,
        "created_at": e.created_at,
        "version": e.version,
    }


def _endpoint(r: RowMapping) -> Endpoint:
    return Endpoint(
        id=r["id"],
        owner_id=r["owner_id"],
        url=r["url"],
        description=r["description"],
        event_types=list(r["event_types"]),
        status=EndpointStatus(r["status"]),
        secret=r["secret"],
        previous_secret=r["previous_secret"],
        previous_secret_expires_at=r["previous_secret_expires_at"],
        consecutive_dead_letters=r["consecutive_dead_letters"],
        created_at=r["created_at"],
        version=r["version"],
    )


def _delivery_row(d: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": d.id,
        "message_id": d.message_id,
        "endpoint_id": d.endpoint_id,
        "event_id": d.event_id,
        "event_type": d.event_type,
        "status": d.status.value,
        "attempts": d.attempts,
        "next_attempt_at": d.next_attempt_at,
        "last_status_code": d.last_status_code,
        "last_error": d.last_error,
        "created_at": d.created_at,
        "delivered_at": d.delivered_at,
    }


def _delivery(r: RowMapping) -> WebhookDelivery:
    return WebhookDelivery(
        id=r["id"],
        message_id=r["message_id"],
        endpoint_id=r["endpoint_id"],
        event_id=r["event_id"],
        event_type=r["event_type"],
        status=WebhookDeliveryStatus(r["status"]),
        attempts=r["attempts"],
        next_attempt_at=r["next_attempt_at"],
        last_status_code=r["last_status_code"],
        last_error=r["last_error"],
        created_at=r["created_at"],
        delivered_at=r["delivered_at"],
    )


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True
