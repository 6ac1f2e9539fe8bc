"""In-memory repositories, unit of work and email sender for notifications' use cases.

Each fake implements its protocol of ``notifications.service_layer.repositories`` (``make lint``
type-checks this module against them) over tables of a ``devstack.fakes.FakeSession``; what
they store and hand out are copies, as rows are. The unique indexes that make recording
idempotent (a delivery per recipient, event, template and channel; a feed item or digest entry
per person, event and template) are kept the same way. The real-database tests keep the SQL
honest. Webhooks keep one delivery per endpoint and event the same way; the lease, the
consent check and retention's purge are simplified (no SQL locks, no received_at). The
projections and newsletters' audience have no fakes yet.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from typing import Any
from uuid import UUID

from devstack.fakes import FakeDatabase, FakeSession, FakeUnitOfWork, row
from notifications.adapters.email_sender import SendFailure, SmtpEmailSender
from notifications.adapters.integration_events import to_integration_events
from notifications.adapters.repository import tombstone
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
from notifications.domain.preferences import Preferences
from notifications.domain.recipient import Recipient
from notifications.domain.webhooks import (
    Endpoint,
    EndpointStatus,
    WebhookDelivery,
    WebhookDeliveryStatus,
)
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


class FakeRecipients:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Recipient] = session.table("recipients")
        self.preferences: dict[UUID, Preferences] = session.table("preferences")

    async def upsert(self, recipient: Recipient) -> None:
        known = self.rows.get(recipient.account_id)
        if known is None or known.version < recipient.version:
            self.rows[recipient.account_id] = copy.deepcopy(recipient)

    async def get(self, account_id: UUID) -> Recipient | None:
        found = self.rows.get(account_id)
        return copy.deepcopy(found) if found and found.email else None  # a tombstone: nobody

    async def erase(self, account_id: UUID) -> None:
        await self.upsert(tombstone(account_id))
        self.preferences.pop(account_id, None)


class FakePreferences:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Preferences] = session.table("preferences")

    async def get(self, person_id: UUID) -> Preferences | None:
        return copy.deepcopy(self.rows.get(person_id))

    async def get_or_default(self, person_id: UUID) -> Preferences:
        return await self.get(person_id) or Preferences(person_id=person_id)

    async def save(self, p: Preferences, *, expected_version: int | None = None) -> bool:
        known = self.rows.get(p.person_id)
        if known is not None and expected_version is not None and known.version != expected_version:
            return False
        self.rows[p.person_id] = copy.deepcopy(p)
        return True


class FakeDeliveries:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Delivery] = session.table("deliveries")

    @staticmethod
    def _key(d: Delivery) -> tuple[UUID, str, str, str]:
        return (d.recipient_id, d.source_event_id, d.template, d.channel)

    async def add(self, d: Delivery) -> bool:
        if any(self._key(x) == self._key(d) for x in self.rows.values()):
            return False
        kept = copy.deepcopy(d)
        kept.events = []
        self.rows[d.id] = kept
        return True

    async def add_many(self, found: list[Delivery]) -> int:
        return sum([await self.add(d) for d in found])

    async def campaign_progress(self, campaign_id: UUID) -> dict[str, int]:
        return (await self.campaigns_progress([campaign_id]))[campaign_id]

    async def campaigns_progress(self, campaign_ids: list[UUID]) -> dict[UUID, dict[str, int]]:
        counts = {c: {s.value: 0 for s in DeliveryStatus} for c in campaign_ids}
        for d in self.rows.values():
            if d.campaign_id in counts:
                counts[d.campaign_id][d.status.value] += 1
        return counts

    async def claim_due(self, now: datetime, limit: int) -> list[Delivery]:
        due = [
            d
            for d in self.rows.values()
            if d.status == DeliveryStatus.PENDING and d.next_attempt_at <= now
        ]
        due.sort(key=lambda d: d.next_attempt_at)
        return [copy.deepcopy(d) for d in due[:limit]]

    async def get(self, delivery_id: UUID) -> Delivery | None:
        return copy.deepcopy(self.rows.get(delivery_id))

    async def for_recipient(self, recipient_id: UUID) -> list[Delivery]:
        # insertion order stands for created_at
        return [copy.deepcopy(d) for d in self.rows.values() if d.recipient_id == recipient_id]

    async def save(self, d: Delivery) -> None:
        if d.id in self.rows:
            kept = copy.deepcopy(d)
            kept.events = []
            self.rows[d.id] = kept

    async def purge_settled_before(self, cutoff: datetime) -> int:
        raise NotImplementedError("the fake keeps no created_at: retention is tested on SQL")


class FakeFeed:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, FeedItem] = session.table("feed_items")
        self.positions: dict[str, int] = session.table("feed_positions")

    async def add(self, item: FeedItem) -> bool:
        key = (item.person_id, item.source_event_id, item.template)
        if any((x.person_id, x.source_event_id, x.template) == key for x in self.rows.values()):
            return False
        self.positions["last"] = position = self.positions.get("last", 0) + 1
        kept = copy.deepcopy(item)
        kept.title, kept.position = item.title[:300], position
        self.rows[item.id] = kept
        return True

    def _of(self, person_id: UUID) -> list[FeedItem]:
        return sorted(
            (copy.deepcopy(x) for x in self.rows.values() if x.person_id == person_id),
            key=lambda x: x.position,
        )

    async def page(
        self, person_id: UUID, *, before: int | None, limit: int, unread_only: bool = False
    ) -> list[FeedItem]:
        found = [
            x
            for x in reversed(self._of(person_id))
            if (before is None or x.position < before) and not (unread_only and x.read_at)
        ]
        return found[:limit]

    async def after(self, person_id: UUID, position: int, limit: int = 100) -> list[FeedItem]:
        return [x for x in self._of(person_id) if x.position > position][:limit]

    async def latest_position(self, person_id: UUID) -> int:
        return max((x.position for x in self._of(person_id)), default=0)

    async def unread_count(self, person_id: UUID) -> int:
        return sum(1 for x in self._of(person_id) if x.read_at is None)

    async def mark_read(self, person_id: UUID, item_id: UUID, now: datetime) -> bool:
        found = self.rows.get(item_id)
        if found is None or found.person_id != person_id:
            return False
        if found.read_at is None:
            found.read_at = now
        return True

    async def mark_all_read(self, person_id: UUID, now: datetime) -> int:
        unread = [x for x in self.rows.values() if x.person_id == person_id and x.read_at is None]
        for x in unread:
            x.read_at = now
        return len(unread)

    async def erase(self, person_id: UUID) -> None:
        for item_id in [i for i, x in self.rows.items() if x.person_id == person_id]:
            del self.rows[item_id]


class FakeDigests:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, DigestEntry] = session.table("digest_entries")
        #: entry id -> the digest it went out in
        self.digested: dict[UUID, str] = session.table("digested")

    async def add(self, entry: DigestEntry) -> bool:
        key = (entry.person_id, entry.source_event_id, entry.template)
        if any((x.person_id, x.source_event_id, x.template) == key for x in self.rows.values()):
            return False
        kept = copy.deepcopy(entry)
        kept.title = entry.title[:300]
        self.rows[entry.id] = kept
        return True

    def _pending(self, frequency: str) -> list[DigestEntry]:
        return [
            x for x in self.rows.values() if x.frequency == frequency and x.id not in self.digested
        ]

    async def people_waiting(self, frequency: str) -> list[UUID]:
        return list(dict.fromkeys(x.person_id for x in self._pending(frequency)))

    async def claim_pending(self, person_id: UUID, frequency: str) -> list[DigestEntry]:
        mine = [x for x in self._pending(frequency) if x.person_id == person_id]
        return [copy.deepcopy(x) for x in sorted(mine, key=lambda x: x.created_at)]

    async def mark_digested(self, entry_ids: list[UUID], digest_id: str) -> None:
        self.digested.update(dict.fromkeys(entry_ids, digest_id))

    async def erase(self, person_id: UUID) -> None:
        for entry_id in [i for i, x in self.rows.items() if x.person_id == person_id]:
            del self.rows[entry_id]
            self.digested.pop(entry_id, None)


class FakeWebhooks:
    def __init__(self, session: FakeSession) -> None:
        self.endpoints: dict[UUID, Endpoint] = session.table("webhook_endpoints")
        #: event id -> the kept partner event (its columns, as ``partner_events_since`` gives)
        self.events: dict[str, dict[str, Any]] = session.table("partner_events")
        #: delivery id -> (position, delivery); positions grow as rows are inserted
        self.deliveries: dict[UUID, tuple[int, WebhookDelivery]] = session.table(
            "webhook_deliveries"
        )
        self.attempts: list[dict[str, Any]] = session.table("webhook_attempts", list)
        #: (person id as text, partner id) pairs with active partner-sharing consent
        self.consents: set[tuple[str, UUID]] = session.table("partner_consents", set)

    # ---- endpoints -----------------------------------------------------------------------
    async def add_endpoint(self, e: Endpoint) -> None:
        self.endpoints[e.id] = row(e)

    async def save_endpoint(self, e: Endpoint) -> None:
        if e.id in self.endpoints:
            self.endpoints[e.id] = row(e)

    async def endpoint(self, endpoint_id: UUID, *, for_update: bool = False) -> Endpoint | None:
        return copy.deepcopy(self.endpoints.get(endpoint_id))

    async def endpoints_of(self, owner_id: UUID) -> list[Endpoint]:
        mine = [e for e in self.endpoints.values() if e.owner_id == owner_id]
        return [copy.deepcopy(e) for e in sorted(mine, key=lambda e: e.created_at)]

    # ---- partner events ------------------------------------------------------------------
    async def partner_events_since(
        self, since: datetime, types: list[str]
    ) -> list[Mapping[Any, Any]]:
        found = [
            e
            for e in self.events.values()
            if e["time"] >= since and (not types or e["type"] in types)
        ]
        return [dict(e) for e in sorted(found, key=lambda e: e["time"])]

    async def purge_log_before(self, cutoff: datetime) -> dict[str, int]:
        raise NotImplementedError("the fake keeps no received_at: retention is tested on SQL")

    async def record_partner_event(
        self,
        event_id: str,
        type_: str,
        subject: str,
        time: datetime,
        envelope: dict[str, Any],
        now: datetime,
    ) -> int:
        self.events.setdefault(
            event_id,
            {
                "event_id": event_id,
                "type": type_,
                "subject": subject,
                "time": time,
                "envelope": copy.deepcopy(envelope),
                "received_at": now,
            },
        )
        queued = 0
        for endpoint in list(self.endpoints.values()):
            if endpoint.status == EndpointStatus.ACTIVE and endpoint.wants(type_):
                delivery = WebhookDelivery(
                    endpoint_id=endpoint.id, event_id=event_id, event_type=type_, created_at=now
                )
                delivery.next_attempt_at = now
                # counted as queued even when the unique index drops it, as the SQL does
                await self.add_delivery(delivery)
                queued += 1
        return queued

    # ---- deliveries ----------------------------------------------------------------------
    async def add_delivery(self, d: WebhookDelivery) -> bool:
        if await self.delivery_for(d.endpoint_id, d.event_id) is not None:
            return False
        position = max((p for p, _ in self.deliveries.values()), default=0) + 1
        self.deliveries[d.id] = (position, row(d))
        return True

    async def delivery(
        self, delivery_id: UUID, *, for_update: bool = False
    ) -> WebhookDelivery | None:
        found = self.deliveries.get(delivery_id)
        return copy.deepcopy(found[1]) if found else None

    async def deliveries_by_id(
        self, ids: list[UUID], *, for_update: bool = False
    ) -> dict[UUID, WebhookDelivery]:
        return {i: copy.deepcopy(self.deliveries[i][1]) for i in ids if i in self.deliveries}

    async def delivery_for(self, endpoint_id: UUID, event_id: str) -> WebhookDelivery | None:
        for _, d in self.deliveries.values():
            if (d.endpoint_id, d.event_id) == (endpoint_id, event_id):
                return copy.deepcopy(d)
        return None

    async def lease_jobs(
        self,
        now: datetime,
        limit: int,
        until: datetime,
        *,
        per_endpoint: int,
        busy: frozenset[UUID] = frozenset(),
    ) -> list[tuple[WebhookDelivery, Endpoint | None, dict[str, Any] | None, bool]]:
        due = sorted(
            (
                d
                for _, d in self.deliveries.values()
                if d.status == WebhookDeliveryStatus.PENDING
                and d.next_attempt_at <= now
                and d.endpoint_id not in busy
            ),
            key=lambda d: d.next_attempt_at,
        )
        taken: dict[UUID, int] = {}
        jobs: list[tuple[WebhookDelivery, Endpoint | None, dict[str, Any] | None, bool]] = []
        for d in due:
            if len(jobs) >= limit or taken.get(d.endpoint_id, 0) >= per_endpoint:
                continue
            taken[d.endpoint_id] = taken.get(d.endpoint_id, 0) + 1
            d.next_attempt_at = until
            endpoint = self.endpoints.get(d.endpoint_id)
            kept = self.events.get(d.event_id)
            event = {"envelope": kept["envelope"], "subject": kept["subject"]} if kept else None
            consented = bool(
                kept and endpoint and (kept["subject"], endpoint.owner_id) in self.consents
            )
            jobs.append(
                (copy.deepcopy(d), copy.deepcopy(endpoint), copy.deepcopy(event), consented)
            )
        return jobs

    async def record_successes(self, outcomes: list[tuple[UUID, int, int]], now: datetime) -> None:
        for delivery_id, code, duration_ms in outcomes:
            found = self.deliveries.get(delivery_id)
            if found is None or found[1].status != WebhookDeliveryStatus.PENDING:
                continue
            found[1].succeeded(code, now)
            found[1].events = []
            self.attempts.append(
                {
                    "delivery_id": delivery_id,
                    "attempted_at": now,
                    "status_code": code,
                    "error": None,
                    "duration_ms": duration_ms,
                }
            )

    async def save_delivery(self, d: WebhookDelivery) -> None:
        await self.save_deliveries([d])

    async def save_deliveries(self, found: list[WebhookDelivery]) -> None:
        for d in found:
            if d.id in self.deliveries:
                self.deliveries[d.id] = (self.deliveries[d.id][0], row(d))

    async def deliveries_of(
        self, endpoint_id: UUID, *, before: int | None, limit: int, status: str | None = None
    ) -> list[tuple[int, WebhookDelivery]]:
        found = [
            (p, copy.deepcopy(d))
            for p, d in self.deliveries.values()
            if d.endpoint_id == endpoint_id
            and (before is None or p < before)
            and (status is None or d.status.value == status)
        ]
        return sorted(found, key=lambda x: x[0], reverse=True)[:limit]

    async def add_attempts(self, rows: list[dict[str, Any]]) -> None:
        self.attempts.extend(copy.deepcopy(rows))

    async def attempts_of(self, delivery_id: UUID) -> list[Mapping[Any, Any]]:
        return [dict(a) for a in self.attempts if a["delivery_id"] == delivery_id]


class FakeEmailSender(SmtpEmailSender):
    """The real composer; ``send`` keeps the mail (or raises ``failure``) instead of SMTP."""

    def __init__(self, settings: NotificationsSettings) -> None:
        super().__init__(settings)
        self.sent: list[EmailMessage] = []
        self.failure: SendFailure | None = None

    async def send(self, mail: EmailMessage) -> None:
        if self.failure is not None:
            raise self.failure
        self.sent.append(mail)


class FakeNotificationsUnitOfWork(FakeUnitOfWork, NotificationsUnitOfWork):
    """``NotificationsUnitOfWork`` in memory: recipients, preferences, deliveries, feed,
    digests and webhooks, the real event mapper."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        super().__init__(to_integration_events, database)

    def init_repositories(self, session: Any) -> None:  # a FakeSession
        self.recipients = FakeRecipients(session)
        self.preferences = FakePreferences(session)
        self.deliveries = FakeDeliveries(session)
        self.feed = FakeFeed(session)
        self.digests = FakeDigests(session)
        self.webhooks = FakeWebhooks(session)
