"""Conversations, messages and read marks."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, func, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import conversation_reads, conversations, messages
from profiles.domain.connection import pair_key
from profiles.domain.conversation import Conversation, Message

c, m, r = conversations, messages, conversation_reads


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def delete_messages_sent_before(self, cutoff: datetime) -> int:
        """Retention: every private message sent before ``cutoff``; returns how many."""
        result = await self.session.execute(delete(messages).where(messages.c.sent_at < cutoff))
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def get(self, conversation_id: UUID, *, for_update: bool = False) -> Conversation | None:
        query = select(c).where(c.c.id == conversation_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _conversation(row) if row else None

    async def between(self, a: UUID, b: UUID) -> Conversation | None:
        query = select(c).where(c.c.pair_key == pair_key(a, b)).with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _conversation(row) if row else None

    async def add(self, conv: Conversation) -> None:
        await self.session.execute(
            insert(c)
            .values(
                id=conv.id,
                pair_key=conv.pair_key,
                person_a=conv.person_a,
                person_b=conv.person_b,
                message_count=conv.version,
                created_at=conv.created_at,
                last_message_at=conv.last_message_at,
            )
            .on_conflict_do_nothing(index_elements=[c.c.pair_key])
        )

    async def append(self, conv: Conversation, message: Message) -> None:
        await self.session.execute(
            m.insert().values(
                id=message.id,
                conversation_id=message.conversation_id,
                sender_id=message.sender_id,
                body=message.body,
                sent_at=message.sent_at,
            )
        )
        await self.session.execute(
            c.update()
            .where(c.c.id == conv.id)
            .values(message_count=conv.version, last_message_at=conv.last_message_at)
        )
        await self.mark_read(conv.id, message.sender_id, message.sent_at)

    async def mark_read(self, conversation_id: UUID, person: UUID, at: datetime) -> None:
        statement = insert(r).values(
            conversation_id=conversation_id, person_id=person, last_read_at=at
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[r.c.conversation_id, r.c.person_id],
                set_={
                    "last_read_at": func.greatest(r.c.last_read_at, statement.excluded.last_read_at)
                },
            )
        )

    def _unread(self, person: UUID) -> Any:
        """Per conversation: messages from the other person after my last read mark."""
        return (
            select(m.c.conversation_id, func.count().label("unread"))
            .select_from(
                m.outerjoin(
                    r, and_(r.c.conversation_id == m.c.conversation_id, r.c.person_id == person)
                )
            )
            .where(
                m.c.sender_id != person,
                or_(r.c.last_read_at.is_(None), m.c.sent_at > r.c.last_read_at),
            )
            .group_by(m.c.conversation_id)
        )

    async def of(self, person: UUID) -> list[dict[str, Any]]:
        unread = (
            self._unread(person)
            .where(
                m.c.conversation_id.in_(
                    select(c.c.id).where(or_(c.c.person_a == person, c.c.person_b == person))
                )
            )
            .subquery()
        )
        rows = await self.session.execute(
            select(c, func.coalesce(unread.c.unread, 0).label("unread"))
            .outerjoin(unread, unread.c.conversation_id == c.c.id)
            .where(or_(c.c.person_a == person, c.c.person_b == person))
            .order_by(c.c.last_message_at.desc(), c.c.id)
        )
        return [dict(row) for row in rows.mappings()]

    async def messages(
        self, conversation_id: UUID, limit: int, before: tuple[datetime, UUID] | None
    ) -> list[Message]:
        query = select(m).where(m.c.conversation_id == conversation_id)
        if before is not None:
            query = query.where(tuple_(m.c.sent_at, m.c.id) < tuple_(*before))
        rows = await self.session.execute(
            query.order_by(m.c.sent_at.desc(), m.c.id.desc()).limit(limit + 1)
        )
        return [Message(**dict(row)) for row in rows.mappings()]


def _conversation(row: Any) -> Conversation:
    return Conversation(
        id=row["id"],
        person_a=row["person_a"],
        person_b=row["person_b"],
        created_at=row["created_at"],
        last_message_at=row["last_message_at"],
        version=row["message_count"],
    )
