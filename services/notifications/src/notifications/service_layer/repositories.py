"""What the use cases need from storage: protocols of the unit of work's repositories.

The service layer depends on these, not on SQL: ``adapters/repository.py`` and
``adapters/feed_store.py`` implement them over PostgreSQL, the tests' fakes in memory
(``tests/notifications_fakes.py``; ``make lint`` type-checks them against these). Recording
is idempotent: an event redelivered adds no second delivery, feed item or digest entry
(``add`` answers False). The projections, webhooks and newsletters' audience are still typed
by their SQL repositories (no fakes yet, issue #33).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from notifications.domain.delivery import Delivery
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
from notifications.domain.preferences import Preferences
from notifications.domain.recipient import Recipient


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
