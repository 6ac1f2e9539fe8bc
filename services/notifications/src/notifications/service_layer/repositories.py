"""What the use cases need from storage: protocols of the unit of work's repositories.

The service layer depends on these, not on SQL: ``adapters/repository.py`` and
``adapters/feed_store.py`` implement them over PostgreSQL, the tests' fakes in memory
(``tests/notifications_fakes.py``; ``make lint`` type-checks them against these). Recording
is idempotent: an event redelivered adds no second delivery, feed item or digest entry
(``add`` answers False); so is a partner event's fan-out (one delivery per endpoint and
event), and so are the projections (the newest version of a row wins, a replayed event
changes nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from notifications.domain.delivery import Delivery
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
from notifications.domain.newsletter import Newsletter, Segment
from notifications.domain.preferences import Preferences
from notifications.domain.recipient import Recipient
from notifications.domain.webhooks import Endpoint, WebhookDelivery


class Recipients(Protocol):
    async def upsert(self, recipient: Recipient) -> None:
        """Keep the newest version only (a stale or replayed event never overwrites)."""
        ...

    async def get(self, account_id: UUID) -> Recipient | None:
        """None for an unknown or erased account."""
        ...

    async def erase(self, account_id: UUID) -> None:
        """A tombstone at the highest version, and the person's preferences deleted."""
        ...


class PreferencesStore(Protocol):
    async def get(self, person_id: UUID) -> Preferences | None: ...

    async def get_or_default(self, person_id: UUID) -> Preferences: ...

    async def save(self, p: Preferences, *, expected_version: int | None = None) -> bool:
        """With ``expected_version``, False when somebody changed them meanwhile."""
        ...


class Deliveries(Protocol):
    async def add(self, d: Delivery) -> bool:
        """False when this event already produced this delivery."""
        ...

    async def add_many(self, found: list[Delivery]) -> int: ...

    async def campaign_progress(self, campaign_id: UUID) -> dict[str, int]: ...

    async def campaigns_progress(self, campaign_ids: list[UUID]) -> dict[UUID, dict[str, int]]:
        """``campaign_progress`` for a page of newsletters at once."""
        ...

    async def claim_due(self, now: datetime, limit: int) -> list[Delivery]: ...

    async def get(self, delivery_id: UUID) -> Delivery | None: ...

    async def for_recipient(self, recipient_id: UUID) -> list[Delivery]: ...

    async def save(self, d: Delivery) -> None: ...

    async def purge_settled_before(self, cutoff: datetime) -> int: ...


class Feed(Protocol):
    async def add(self, item: FeedItem) -> bool:
        """False when this event already put this item in the person's feed."""
        ...

    async def page(
        self, person_id: UUID, *, before: int | None, limit: int, unread_only: bool = False
    ) -> list[FeedItem]: ...

    async def after(self, person_id: UUID, position: int, limit: int = 100) -> list[FeedItem]: ...

    async def latest_position(self, person_id: UUID) -> int: ...

    async def unread_count(self, person_id: UUID) -> int: ...

    async def mark_read(self, person_id: UUID, item_id: UUID, now: datetime) -> bool:
        """False when the item is not this person's."""
        ...

    async def mark_all_read(self, person_id: UUID, now: datetime) -> int: ...

    async def erase(self, person_id: UUID) -> None: ...


class Digests(Protocol):
    async def add(self, entry: DigestEntry) -> bool: ...

    async def people_waiting(self, frequency: str) -> list[UUID]: ...

    async def claim_pending(self, person_id: UUID, frequency: str) -> list[DigestEntry]: ...

    async def mark_digested(self, entry_ids: list[UUID], digest_id: str) -> None: ...

    async def erase(self, person_id: UUID) -> None: ...


class Webhooks(Protocol):
    """Partner endpoints, the partner events kept for replays, their deliveries and attempts."""

    async def add_endpoint(self, e: Endpoint) -> None: ...

    async def save_endpoint(self, e: Endpoint) -> None: ...

    async def endpoint(self, endpoint_id: UUID, *, for_update: bool = False) -> Endpoint | None: ...

    async def endpoints_of(self, owner_id: UUID) -> list[Endpoint]: ...

    async def partner_events_since(
        self, since: datetime, types: list[str]
    ) -> Sequence[Mapping[Any, Any]]:
        """Kept partner events (``event_id``, ``type``, ...) since ``since``, oldest first;
        of ``types`` only unless empty."""
        ...

    async def purge_log_before(self, cutoff: datetime) -> dict[str, int]: ...

    async def record_partner_event(
        self,
        event_id: str,
        type_: str,
        subject: str,
        time: datetime,
        envelope: dict[str, Any],
        now: datetime,
    ) -> int:
        """Keep the event (once) and queue one delivery per active endpoint wanting its type
        (none again for an endpoint that already has this event). Returns those queued now."""
        ...

    async def add_delivery(self, d: WebhookDelivery) -> bool:
        """False when the endpoint already has a delivery of this event."""
        ...

    async def delivery(
        self, delivery_id: UUID, *, for_update: bool = False
    ) -> WebhookDelivery | None: ...

    async def deliveries_by_id(
        self, ids: list[UUID], *, for_update: bool = False
    ) -> dict[UUID, WebhookDelivery]: ...

    async def delivery_for(self, endpoint_id: UUID, event_id: str) -> WebhookDelivery | None: ...

    async def lease_jobs(
        self,
        now: datetime,
        limit: int,
        until: datetime,
        *,
        per_endpoint: int,
        busy: frozenset[UUID] = frozenset(),
    ) -> list[tuple[WebhookDelivery, Endpoint | None, dict[str, Any] | None, bool]]:
        """Due deliveries hidden until ``until``, each with its endpoint, stored event and
        whether the subject consented to share with the endpoint's owner."""
        ...

    async def record_successes(
        self, outcomes: list[tuple[UUID, int, int]], now: datetime
    ) -> None: ...

    async def save_delivery(self, d: WebhookDelivery) -> None: ...

    async def save_deliveries(self, found: list[WebhookDelivery]) -> None: ...

    async def deliveries_of(
        self, endpoint_id: UUID, *, before: int | None, limit: int, status: str | None = None
    ) -> list[tuple[int, WebhookDelivery]]:
        """Newest first, each with its position (the page cursor)."""
        ...

    async def add_attempts(self, rows: list[dict[str, Any]]) -> None: ...

    async def attempts_of(self, delivery_id: UUID) -> Sequence[Mapping[Any, Any]]: ...


class Audience(Protocol):
    """The people and resources newsletters reach and link to, and the newsletters."""

    async def upsert_member(self, values: dict[str, Any]) -> None:
        """A person's segment fields; the newest ``version`` wins (a replay changes nothing)."""
        ...

    async def member(self, person_id: UUID) -> Mapping[Any, Any] | None: ...

    async def upsert_resource(self, values: dict[str, Any]) -> None:
        """A resource's title and whether it is published; the newest ``version`` wins."""
        ...

    async def published(self, ids: list[UUID]) -> Sequence[Mapping[Any, Any]]: ...

    async def audience_size(self, segment: Segment) -> int: ...

    async def audience_after(
        self, segment: Segment, after: UUID | None, limit: int
    ) -> Sequence[Mapping[Any, Any]]:
        """The next ``limit`` people of the segment still wanting newsletters by email, after
        account ``after`` in account order (``account_id``, ``email``, ``display_name``,
        ``locale``, ``time_zone``)."""
        ...

    async def add_newsletter(self, n: Newsletter) -> None: ...

    async def save_newsletter(self, n: Newsletter) -> None: ...

    async def newsletter(
        self, newsletter_id: UUID, *, for_update: bool = False
    ) -> Newsletter | None: ...

    async def newsletters_page(
        self, *, created_by: UUID | None, before: tuple[datetime, UUID] | None, limit: int
    ) -> list[Newsletter]: ...

    async def claim_due_newsletter(self, now: datetime) -> Newsletter | None: ...


class Projections(Protocol):
    """What notifications keeps of other services' state: consents, organisations, alliance
    members and body seats, the public calendar and who registered for what."""

    async def record_consent(self, values: dict[str, Any]) -> None:
        """The latest decision (``decided_at``) per person, purpose and recipient wins."""
        ...

    async def upsert_organisation(self, organisation_id: UUID, kind: str, version: int) -> None: ...

    async def set_membership(
        self, organisation_id: UUID, person_id: UUID, role: str | None
    ) -> None: ...

    async def record_alliance_member(
        self, values: dict[str, Any], representative_ids: list[UUID]
    ) -> bool:
        """False when an older (or the same) step had already been recorded."""
        ...

    async def record_body_seat(self, values: dict[str, Any]) -> None: ...

    async def upsert_calendar_event(self, values: dict[str, Any]) -> None:
        """Newest version wins; a cancelled entry stays cancelled."""
        ...

    async def cancel_calendar_event(
        self, event_id: UUID, title: str, starts_at: datetime, version: int
    ) -> None: ...

    async def calendar(
        self, ids: list[UUID], *, include_cancelled: bool = False
    ) -> Sequence[Mapping[Any, Any]]: ...

    async def calendar_event(self, event_id: UUID) -> Mapping[Any, Any] | None: ...

    async def record_registration(
        self, event_id: UUID, person_id: UUID, status: str, sequence: int
    ) -> None: ...

    async def registrants(self, event_id: UUID) -> list[UUID]: ...

    async def representatives(
        self,
        *,
        member_id: UUID | None = None,
        body_id: UUID | None = None,
        alliance_id: UUID | None = None,
    ) -> list[UUID]: ...
