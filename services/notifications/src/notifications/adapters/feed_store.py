"""The in-app feed and the digest queue."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.orm import digest_entries, feed_items
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem


class FeedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, item: FeedItem) -> bool:
        values: dict[str, Any] = {
            "id": item.id,
            "person_id": item.person_id,
            "category": item.category,
            "template": item.template,
            "source_event_id": item.source_event_id,
            "locale": item.locale,
            "title": item.title[:300],
            "body": item.body,
            "link": item.link,
            "created_at": item.created_at,
            "read_at": item.read_at,
        }
        stmt = (
            insert(feed_items)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["person_id", "source_event_id", "template"])
            .returning(feed_items.c.position)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def page(
        self, person_id: UUID, *, before: int | None, limit: int, unread_only: bool = False
    ) -> list[FeedItem]:
        """Newest first; ``before`` is the keyset cursor (a position)."""
        q = select(feed_items).where(feed_items.c.person_id == person_id)
        if before is not None:
            q = q.where(feed_items.c.position < before)
        if unread_only:
            q = q.where(feed_items.c.read_at.is_(None))
        q = q.order_by(feed_items.c.position.desc()).limit(limit)
        return [_item(r) for r in (await self.session.execute(q)).mappings().all()]

    async def after(self, person_id: UUID, position: int, limit: int = 100) -> list[FeedItem]:
        """Items newer than ``position``, oldest first: what an SSE stream still owes."""
        q = (
            select(feed_items)
            .where(feed_items.c.person_id == person_id)
            .where(feed_items.c.position > position)
            .order_by(feed_items.c.position)
            .limit(limit)
        )
        return [_item(r) for r in (await self.session.execute(q)).mappings().all()]

    async def latest_position(self, person_id: UUID) -> int:
        q = select(func.coalesce(func.max(feed_items.c.position), 0)).where(
            feed_items.c.person_id == person_id
        )
        return int((await self.session.execute(q)).scalar_one())

    async def unread_count(self, person_id: UUID) -> int:
        q = (
            select(func.count())
            .select_from(feed_items)
            .where(feed_items.c.person_id == person_id)
            .where(feed_items.c.read_at.is_(None))
        )
        return int((await self.session.execute(q)).scalar_one())

    async def mark_read(self, person_id: UUID, item_id: UUID, now: datetime) -> bool:
        """False when the item does not exist *for this person* (object-level authorisation)."""
        exists = (
            await self.session.execute(
                select(feed_items.c.id)
                .where(feed_items.c.id == item_id)
                .where(feed_items.c.person_id == person_id)
            )
        ).first()
        if exists is None:
            return False
        await self.session.execute(
            update(feed_items)
            .where(feed_items.c.id == item_id)
            .where(feed_items.c.read_at.is_(None))
            .values(read_at=now)
        )
        return True

    async def mark_all_read(self, person_id: UUID, now: datetime) -> int:
        result = await self.session.execute(
            update(feed_items)
            .where(feed_items.c.person_id == person_id)
            .where(feed_items.c.read_at.is_(None))
            .values(read_at=now)
            .returning(feed_items.c.id)
        )
        return len(result.all())

    async def erase(self, person_id: UUID) -> None:
        await self.session.execute(delete(feed_items).where(feed_items.c.person_id == person_id))


def _item(r: RowMapping) -> FeedItem:
    return FeedItem(
        id=r["id"],
        person_id=r["person_id"],
        category=r["category"],
        template=r["template"],
        source_event_id=r["source_event_id"],
        locale=r["locale"],
        title=r["title"],
        body=r["body"],
        link=r["link"],
        created_at=r["created_at"],
        read_at=r["read_at"],
        position=r["position"],
    )


class DigestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, entry: DigestEntry) -> bool:
        stmt = (
            insert(digest_entries)
            .values(
                id=uuid.uuid4(),
                person_id=entry.person_id,
                frequency=entry.frequency,
                category=entry.category,
                template=entry.template,
                source_event_id=entry.source_event_id,
                title=entry.title[:300],
                summary=entry.summary,
                created_at=entry.created_at,
            )
            .on_conflict_do_nothing(index_elements=["person_id", "source_event_id", "template"])
            .returning(digest_entries.c.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def people_waiting(self, frequency: str) -> list[UUID]:
        q = (
            select(digest_entries.c.person_id)
            .where(digest_entries.c.digest_id.is_(None))
            .where(digest_entries.c.frequency == frequency)
            .distinct()
        )
        return [r[0] for r in (await self.session.execute(q)).all()]

    async def claim_pending(self, person_id: UUID, frequency: str) -> list[DigestEntry]:
        q = (
            select(digest_entries)
            .where(digest_entries.c.person_id == person_id)
            .where(digest_entries.c.frequency == frequency)
            .where(digest_entries.c.digest_id.is_(None))
            .order_by(digest_entries.c.created_at)
            .with_for_update(skip_locked=True)
        )
        return [
            DigestEntry(
                id=r["id"],
                person_id=r["person_id"],
                frequency=r["frequency"],
                category=r["category"],
                template=r["template"],
                source_event_id=r["source_event_id"],
                title=r["title"],
                summary=r["summary"],
                created_at=r["created_at"],
            )
            for r in (await self.session.execute(q)).mappings().all()
        ]

    async def mark_digested(self, entry_ids: list[UUID], digest_id: str) -> None:
        await self.session.execute(
            update(digest_entries)
            .where(digest_entries.c.id.in_(entry_ids))
            .values(digest_id=digest_id)
        )

    async def erase(self, person_id: UUID) -> None:
        await self.session.execute(
            delete(digest_entries).where(digest_entries.c.person_id == person_id)
        )
