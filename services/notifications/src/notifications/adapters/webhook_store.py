"""Repositories of partner webhooks: endpoints, received partner events, deliveries, attempts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, delete, exists, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import PARTNER_SHARING, RECIPIENT_PARTNER
from eventkit.deferred import DeferringSession, insert_row
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

_KEEP_PARTNER_EVENT = insert(partner_events).on_conflict_do_nothing(index_elements=["event_id"])
#: rows kept for one deferred statement at most (12 parameters a delivery row)
_KEEP_AT_MOST = 2000
_QUEUE_DELIVERY = insert(webhook_deliveries).on_conflict_do_nothing(
    index_elements=["endpoint_id", "event_id"]
)


#: a lease with what sending needs, in ONE statement: due deliveries claimed (at most
#: ``per_endpoint`` per endpoint, none of the ``busy`` endpoints) and hidden until
#: ``until``, with their endpoint, their stored event and whether the event's subject gave
#: the endpoint's owner partner-sharing consent
_LEASE = text(
    """
    WITH locked AS (
        SELECT id, endpoint_id, next_attempt_at FROM notifications.webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= :now
          AND NOT (endpoint_id = ANY(:busy))
        ORDER BY next_attempt_at
        LIMIT :scan
        FOR UPDATE SKIP LOCKED
    ), chosen AS (
        SELECT id FROM (
            SELECT id, next_attempt_at, row_number() OVER (
                PARTITION BY endpoint_id ORDER BY next_attempt_at) AS n
            FROM locked) ranked
        WHERE n <= :per_endpoint ORDER BY next_attempt_at LIMIT :limit
    ), leased AS (
        UPDATE notifications.webhook_deliveries d SET next_attempt_at = :until
        FROM chosen WHERE d.id = chosen.id
        RETURNING d.*
    )
    SELECT leased.*,
           e.id AS e_id, e.owner_id AS e_owner_id, e.url AS e_url,
           e.description AS e_description, e.event_types AS e_event_types,
           e.status AS e_status, e.secret AS e_secret, e.previous_secret AS e_previous_secret,
           e.previous_secret_expires_at AS e_previous_secret_expires_at,
           e.consecutive_dead_letters AS e_consecutive_dead_letters,
           e.created_at AS e_created_at, e.version AS e_version,
           p.envelope AS p_envelope, p.subject AS p_subject,
           EXISTS (
               SELECT 1 FROM notifications.consents c
               WHERE CAST(c.person_id AS text) = p.subject AND c.recipient_id = e.owner_id
                 AND c.purpose = :purpose AND c.recipient_kind = :kind AND c.active
           ) AS consented
    FROM leased
    LEFT JOIN notifications.webhook_endpoints e ON e.id = leased.endpoint_id
    LEFT JOIN notifications.partner_events p ON p.event_id = leased.event_id
    """
)
#: successful attempts of pending deliveries: the deliveries settled and the attempt log
#: written, in ONE statement (rows: id, status code, duration)
_SUCCEEDED = text(
    """
    WITH outcome AS (
        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:codes AS int[]),
                             CAST(:durations AS int[])) AS o(id, code, duration_ms)
    ), settled AS (
        UPDATE notifications.webhook_deliveries d
        SET status = 'succeeded', attempts = d.attempts + 1, last_status_code = o.code,
            last_error = NULL, delivered_at = :now
        FROM outcome o WHERE d.id = o.id AND d.status = 'pending'
        RETURNING d.id
    )
    INSERT INTO notifications.webhook_attempts
        (delivery_id, attempted_at, status_code, error, duration_ms)
    SELECT o.id, :now, o.code, NULL, o.duration_ms FROM outcome o JOIN settled s ON s.id = o.id
    """
)


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        #: the active endpoints, read once per unit of work by ``record_partner_event``
        self._active: list[Endpoint] | None = None
        self._kept_rows = 0

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

    async def record_partner_event(
        self,
        event_id: str,
        type_: str,
        subject: str,
        time: datetime,
        envelope: dict[str, Any],
        now: datetime,
    ) -> int:
        """Keep the event and queue one delivery per active endpoint that wants its type.
        The rows are deferred (``eventkit.deferred``): a consumed batch's events, their
        deliveries and the batch's inbox rows reach the database as ONE statement at commit;
        the active endpoints are read once per transaction. Returns the deliveries queued."""
        if self._active is None:
            q = select(webhook_endpoints).where(
                webhook_endpoints.c.status == EndpointStatus.ACTIVE.value
            )
            self._active = [_endpoint(r) for r in (await self.session.execute(q)).mappings()]
        await insert_row(
            self.session,
            _KEEP_PARTNER_EVENT,
            {
                "event_id": event_id,
                "type": type_,
                "subject": subject,
                "time": time,
                "envelope": envelope,
                "received_at": now,
            },
        )
        queued = 0
        for endpoint in self._active:
            if endpoint.wants(type_):
                delivery = WebhookDelivery(
                    endpoint_id=endpoint.id, event_id=event_id, event_type=type_, created_at=now
                )
                delivery.next_attempt_at = now
                await insert_row(self.session, _QUEUE_DELIVERY, _delivery_row(delivery))
                queued += 1
        # one statement carries at most 65,535 parameters: send what is kept well before
        self._kept_rows += 1 + queued
        if self._kept_rows >= _KEEP_AT_MOST and isinstance(self.session, DeferringSession):
            await self.session.send_deferred()
            self._kept_rows = 0
        return queued

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

    async def lease_jobs(
        self,
        now: datetime,
        limit: int,
        until: datetime,
        *,
        per_endpoint: int,
        busy: frozenset[UUID] = frozenset(),
    ) -> list[tuple[WebhookDelivery, Endpoint | None, dict[str, Any] | None, bool]]:
        """Claim due deliveries and hide them until ``until`` (no transaction stays open
        while partners answer; a crashed dispatcher's claims come back then), at most
        ``per_endpoint`` per endpoint and none of the ``busy`` endpoints' (those already
        sending all they may: a slow endpoint's backlog never fills a batch), with everything
        sending needs, in one statement: each delivery with
        its endpoint, its stored event (``envelope``, ``subject``) and the subject's consent
        to share with the endpoint's owner."""
        rows = await self.session.execute(
            _LEASE,
            {
                "now": now,
                "until": until,
                "busy": list(busy),
                "scan": limit * 4,
                "per_endpoint": per_endpoint,
                "limit": limit,
                "purpose": PARTNER_SHARING,
                "kind": RECIPIENT_PARTNER,
            },
        )
        jobs = []
        for row in rows.mappings():
            endpoint = (
                _endpoint({k[2:]: v for k, v in row.items() if k.startswith("e_")})
                if row["e_id"] is not None
                else None
            )
            event = (
                {"envelope": row["p_envelope"], "subject": row["p_subject"]}
                if row["p_subject"] is not None
                else None
            )
            jobs.append((_delivery(row), endpoint, event, bool(row["consented"])))
        return jobs

    async def record_successes(self, outcomes: list[tuple[UUID, int, int]], now: datetime) -> None:
        """Settle pending deliveries that succeeded (id, status code, duration in ms) and log
        their attempts, in one statement; one no longer pending is left as it is."""
        if outcomes:
            ids, codes, durations = zip(*outcomes, strict=True)
            await self.session.execute(
                _SUCCEEDED,
                {"ids": list(ids), "codes": list(codes), "durations": list(durations), "now": now},
            )

    async def save_delivery(self, d: WebhookDelivery) -> None:
        await self.save_deliveries([d])

    async def save_deliveries(self, found: list[WebhookDelivery]) -> None:
        """Every delivery's new state in one round trip (an executemany)."""
        if not found:
            return
        await self.session.execute(_SAVE_DELIVERY, [_changed_delivery_row(d) for d in found])

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


def _endpoint(r: Mapping[Any, Any]) -> Endpoint:
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


_SAVED_COLUMNS = (
    "status",
    "attempts",
    "next_attempt_at",
    "last_status_code",
    "last_error",
    "delivered_at",
)
_SAVE_DELIVERY = (
    update(webhook_deliveries)
    .where(webhook_deliveries.c.id == bindparam("b_id"))
    .values({c: bindparam(f"b_{c}") for c in _SAVED_COLUMNS})
)


def _changed_delivery_row(d: WebhookDelivery) -> dict[str, Any]:
    row = _delivery_row(d)
    return {"b_id": d.id, **{f"b_{c}": row[c] for c in _SAVED_COLUMNS}}


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
