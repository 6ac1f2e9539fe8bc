"""In-memory repositories, unit of work and email sender for notifications' use cases.

Each fake implements its protocol of ``notifications.service_layer.repositories`` (``make lint``
type-checks this module against them) over tables of a ``devstack.fakes.FakeSession``; what
they store and hand out are copies, as rows are. The unique indexes that make recording
idempotent (a delivery per recipient, event, template and channel; a feed item or digest entry
per person, event and template) are kept the same way. The real-database tests keep the SQL
honest. Webhooks keep one delivery per endpoint and event the same way (the lease takes no
lock; retention's purge is SQL-only). The projections and the newsletters' audience keep the
SQL's "newest version wins" guards, and the audience applies the same segment and preference
rules as ``adapters/audience_store.py`` over the fake tables.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from typing import Any
from uuid import UUID

from contracts.events.privacy import NEWSLETTERS, PARTNER_SHARING, RECIPIENT_PARTNER
from devstack.fakes import FakeDatabase, FakeSession, FakeUnitOfWork, row
from notifications.adapters.email_sender import SendFailure, SmtpEmailSender
from notifications.adapters.integration_events import to_integration_events
from notifications.adapters.repository import tombstone
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
from notifications.domain.newsletter import Newsletter, NewsletterStatus, Segment
from notifications.domain.preferences import Category, Channel, Frequency, Preferences
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
        self.consents: dict[tuple[UUID, str, str], dict[str, Any]] = session.table("consents")

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
            consented = bool(kept and endpoint and self._shares(kept["subject"], endpoint.owner_id))
            jobs.append(
                (copy.deepcopy(d), copy.deepcopy(endpoint), copy.deepcopy(event), consented)
            )
        return jobs

    def _shares(self, subject: str, partner_id: UUID) -> bool:
        return any(
            str(c["person_id"]) == subject
            and c["recipient_id"] == partner_id
            and c["purpose"] == PARTNER_SHARING
            and c["recipient_kind"] == RECIPIENT_PARTNER
            and c["active"]
            for c in self.consents.values()
        )

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


def _newer(table: dict[Any, dict[str, Any]], key: Any, values: dict[str, Any], by: str) -> bool:
    """Keep ``values`` unless the row has a newer ``by`` (an upsert's guard); whether kept."""
    known = table.get(key)
    if known is not None and known[by] >= values[by]:
        return False
    table[key] = {**(known or {}), **copy.deepcopy(values)}
    return True


class FakeProjections:
    def __init__(self, session: FakeSession) -> None:
        self.consents: dict[tuple[UUID, str, str], dict[str, Any]] = session.table("consents")
        self.organisations: dict[UUID, dict[str, Any]] = session.table("organisations")
        #: (organisation, person) -> role
        self.memberships: dict[tuple[UUID, UUID], str] = session.table("organisation_memberships")
        self.members: dict[UUID, dict[str, Any]] = session.table("alliance_members")
        #: member -> the accounts acting for it
        self.representing: dict[UUID, list[UUID]] = session.table("alliance_representatives")
        self.seats: dict[tuple[UUID, UUID], dict[str, Any]] = session.table("alliance_body_seats")
        self.calendar_events: dict[UUID, dict[str, Any]] = session.table("calendar_events")
        self.registrations: dict[tuple[UUID, UUID], dict[str, Any]] = session.table(
            "calendar_registrations"
        )

    async def record_consent(self, values: dict[str, Any]) -> None:
        key = (values["person_id"], values["purpose"], values["recipient_key"])
        known = self.consents.get(key)
        if known is None or known["decided_at"] <= values["decided_at"]:
            self.consents[key] = copy.deepcopy(values)

    async def upsert_organisation(self, organisation_id: UUID, kind: str, version: int) -> None:
        known = self.organisations.get(organisation_id)
        if known is None or known["version"] <= version:
            self.organisations[organisation_id] = {"kind": kind, "version": version}

    async def set_membership(
        self, organisation_id: UUID, person_id: UUID, role: str | None
    ) -> None:
        if role is None:
            self.memberships.pop((organisation_id, person_id), None)
        else:
            self.memberships[(organisation_id, person_id)] = role

    async def record_alliance_member(
        self, values: dict[str, Any], representative_ids: list[UUID]
    ) -> bool:
        known = self.members.get(values["member_id"])
        if known is not None and known["occurred_at"] > values["occurred_at"]:
            return False
        self.members[values["member_id"]] = copy.deepcopy(values)
        self.representing[values["member_id"]] = list(dict.fromkeys(representative_ids))
        return True

    async def record_body_seat(self, values: dict[str, Any]) -> None:
        key = (values["body_id"], values["member_id"])
        known = self.seats.get(key)
        if known is None or known["occurred_at"] <= values["occurred_at"]:
            self.seats[key] = copy.deepcopy(values)

    async def upsert_calendar_event(self, values: dict[str, Any]) -> None:
        known = self.calendar_events.get(values["event_id"])
        if known is not None and known["version"] > values["version"]:
            return
        cancelled = bool(known and known["cancelled"]) or values["cancelled"]
        self.calendar_events[values["event_id"]] = {**copy.deepcopy(values), "cancelled": cancelled}

    async def cancel_calendar_event(
        self, event_id: UUID, title: str, starts_at: datetime, version: int
    ) -> None:
        known = self.calendar_events.get(event_id)
        if known is not None:
            known["cancelled"] = True
            return
        self.calendar_events[event_id] = {
            "event_id": event_id,
            "kind": "",
            "title": title[:500],
            "language": "",
            "organiser": "",
            "time_zone": "UTC",
            "starts_at": starts_at,
            "ends_at": starts_at,
            "cancelled": True,
            "version": version,
        }

    async def calendar(
        self, ids: list[UUID], *, include_cancelled: bool = False
    ) -> list[Mapping[Any, Any]]:
        found = [
            dict(e)
            for i, e in self.calendar_events.items()
            if i in ids and (include_cancelled or not e["cancelled"])
        ]
        return sorted(found, key=lambda e: e["starts_at"])

    async def calendar_event(self, event_id: UUID) -> Mapping[Any, Any] | None:
        found = self.calendar_events.get(event_id)
        return dict(found) if found else None

    async def record_registration(
        self, event_id: UUID, person_id: UUID, status: str, sequence: int
    ) -> None:
        values = {"status": status[:20], "sequence": sequence}
        known = self.registrations.get((event_id, person_id))
        if known is None or known["sequence"] <= sequence:
            self.registrations[(event_id, person_id)] = values

    async def registrants(self, event_id: UUID) -> list[UUID]:
        return sorted(
            p
            for (e, p), r in self.registrations.items()
            if e == event_id and r["status"] in ("confirmed", "waitlisted")
        )

    async def representatives(
        self,
        *,
        member_id: UUID | None = None,
        body_id: UUID | None = None,
        alliance_id: UUID | None = None,
    ) -> list[UUID]:
        found: set[UUID] = set()
        for m, member in self.members.items():
            if not member["active"] or member_id not in (None, m):
                continue
            if alliance_id not in (None, member["alliance_id"]):
                continue
            if body_id is not None and not any(
                b == body_id and s["active"] for (b, sm), s in self.seats.items() if sm == m
            ):
                continue
            found.update(self.representing.get(m, []))
        return sorted(found)


class FakeAudience:
    def __init__(self, session: FakeSession) -> None:
        self.members: dict[UUID, dict[str, Any]] = session.table("audience_members")
        self.resources: dict[UUID, dict[str, Any]] = session.table("published_resources")
        self.newsletters: dict[UUID, Newsletter] = session.table("newsletters")
        self.recipients: dict[UUID, Recipient] = session.table("recipients")
        self.preferences: dict[UUID, Preferences] = session.table("preferences")
        self.projections = FakeProjections(session)

    async def upsert_member(self, values: dict[str, Any]) -> None:
        _newer(self.members, values["person_id"], values, "version")

    async def member(self, person_id: UUID) -> Mapping[Any, Any] | None:
        found = self.members.get(person_id)
        return dict(found) if found else None

    async def upsert_resource(self, values: dict[str, Any]) -> None:
        _newer(self.resources, values["resource_id"], values, "version")

    async def published(self, ids: list[UUID]) -> list[Mapping[Any, Any]]:
        return [dict(r) for i, r in self.resources.items() if i in ids and r["published"]]

    def _wants_newsletters(self, person_id: UUID) -> bool:
        p = self.preferences.get(person_id)
        withdrawn = any(
            c["person_id"] == person_id and c["purpose"] == NEWSLETTERS and not c["active"]
            for c in self.projections.consents.values()
        )
        return not withdrawn and (
            p is None
            or (
                p.channels.get(Channel.EMAIL) is not False
                and p.categories.get(Category.NEWSLETTER) != Frequency.OFF
            )
        )

    def _in_segment(self, person_id: UUID, member: dict[str, Any], segment: Segment) -> bool:
        def some(wanted: list[Any], have: Any) -> bool:
            return not wanted or bool(set(wanted) & set(have))

        p = self.projections
        kinds = [
            p.organisations.get(o, {}).get("kind") for o, who in p.memberships if who == person_id
        ]
        acting_for = [m for m, people in p.representing.items() if person_id in people]
        active = [p.members[m] for m in acting_for if m in p.members and p.members[m]["active"]]
        seats = [s for (_, m), s in p.seats.items() if m in acting_for and s["active"]]
        alliance = segment.alliance_ids or segment.alliance_member_kinds
        body = segment.alliance_body_ids or segment.alliance_body_kinds
        return (
            some(segment.countries_of_origin, [member["country_of_origin"]])
            and some(segment.countries_of_residence, [member["country_of_residence"]])
            and some(segment.interests, member["interests"])
            and some(segment.languages, member["languages"])
            and some(segment.organisation_kinds, kinds)
            and (
                not alliance
                or any(
                    some(segment.alliance_ids, [m["alliance_id"]])
                    and some(segment.alliance_member_kinds, [m["kind"]])
                    for m in active
                )
            )
            and (
                not body
                or any(
                    some(segment.alliance_body_ids, [s["body_id"]])
                    and some(segment.alliance_body_kinds, [s["body_kind"]])
                    for s in seats
                )
            )
        )

    def _audience(self, segment: Segment) -> list[dict[str, Any]]:
        found = []
        for account_id in sorted(self.recipients):
            r, member = self.recipients[account_id], self.members.get(account_id)
            if not r.email or member is None or not self._wants_newsletters(account_id):
                continue
            if self._in_segment(account_id, member, segment):
                p = self.preferences.get(account_id)
                found.append(
                    {
                        "account_id": account_id,
                        "email": r.email,
                        "display_name": r.display_name,
                        "locale": (p.language if p else None) or r.locale,
                        "time_zone": p.time_zone if p else "UTC",
                    }
                )
        return found

    async def audience_size(self, segment: Segment) -> int:
        return len(self._audience(segment))

    async def audience_after(
        self, segment: Segment, after: UUID | None, limit: int
    ) -> list[Mapping[Any, Any]]:
        found = [m for m in self._audience(segment) if after is None or m["account_id"] > after]
        return list(found[:limit])

    async def add_newsletter(self, n: Newsletter) -> None:
        self.newsletters[n.id] = copy.deepcopy(n)

    async def save_newsletter(self, n: Newsletter) -> None:
        if n.id in self.newsletters:
            self.newsletters[n.id] = copy.deepcopy(n)

    async def newsletter(
        self, newsletter_id: UUID, *, for_update: bool = False
    ) -> Newsletter | None:
        return copy.deepcopy(self.newsletters.get(newsletter_id))

    async def newsletters_page(
        self, *, created_by: UUID | None, before: tuple[datetime, UUID] | None, limit: int
    ) -> list[Newsletter]:
        found = sorted(
            (
                n
                for n in self.newsletters.values()
                if created_by in (None, n.created_by)
                and (before is None or (n.created_at, n.id) < before)
            ),
            key=lambda n: (n.created_at, n.id),
            reverse=True,
        )
        return [copy.deepcopy(n) for n in found[:limit]]

    async def claim_due_newsletter(self, now: datetime) -> Newsletter | None:
        due = sorted(
            (
                n
                for n in self.newsletters.values()
                if n.status in (NewsletterStatus.SCHEDULED, NewsletterStatus.QUEUING)
                and n.send_at is not None
                and n.send_at <= now
            ),
            key=lambda n: n.send_at or now,
        )
        return copy.deepcopy(due[0]) if due else None


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
    """``NotificationsUnitOfWork`` in memory: every repository but the personal-data store,
    the real event mapper."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        super().__init__(to_integration_events, database)

    def init_repositories(self, session: Any) -> None:  # a FakeSession
        self.recipients = FakeRecipients(session)
        self.preferences = FakePreferences(session)
        self.deliveries = FakeDeliveries(session)
        self.feed = FakeFeed(session)
        self.digests = FakeDigests(session)
        self.webhooks = FakeWebhooks(session)
        self.audience = FakeAudience(session)
        self.projections = FakeProjections(session)
