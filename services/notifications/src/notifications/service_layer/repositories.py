"""What the use cases need from storage: protocols of the unit of work's repositories.

The service layer depends on these, not on SQL: ``adapters/repository.py`` and
``adapters/feed_store.py`` implement them over PostgreSQL, the tests' fakes in memory
(``tests/notifications_fakes.py``; ``make lint`` type-checks them against these). Recording
is idempotent: an event redelivered adds no second delivery, feed item or digest entry
(``add`` answers False); so is a partner event's fan-out (one delivery per endpoint and
event). The projections and newsletters' audience are still typed by their SQL repositories
(no fakes yet, issue #33).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from notifications.domain.delivery import Delivery
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
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
