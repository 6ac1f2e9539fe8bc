"""Messaging use cases: write to a connection, read a conversation, unread counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventkit import domain_errors as kinds
from profiles.domain.conversation import Conversation, Message, NotConnected
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class ConversationNotFound(kinds.NotFound):
    """Unknown, not yours, or hidden by a block."""

    message = "No such conversation or person."


async def _guard(uow: ProfilesUnitOfWork, a: UUID, b: UUID) -> bool:
    """Blocked pairs do not exist for each other; returns whether they are connected."""
    if await uow.connections.is_blocked_between(a, b):
        raise ConversationNotFound()
    return await uow.connections.are_connected(a, b)


async def write_to(
    sender: UUID, recipient: UUID, body: str, uow: ProfilesUnitOfWork, now: datetime
) -> tuple[Conversation, Message]:
    """Send to a person: opens the pair's conversation on first use."""
    async with uow:
        if sender == recipient:
            raise NotConnected("You cannot write to yourself.")
        connected = await _guard(uow, sender, recipient)
        if not connected:
            raise NotConnected("You can only write to people you are connected with.")
        conversation = await uow.conversations.between(sender, recipient)
        if conversation is None:
            await uow.conversations.add(Conversation.between(sender, recipient, now))
            conversation = await uow.conversations.between(sender, recipient)
            assert conversation is not None
        message = conversation.send(sender, body, connected=connected, now=now)
        await uow.conversations.append(conversation, message)
        uow.track(conversation)
        await uow.commit()
    return conversation, message


async def reply(
    sender: UUID, conversation_id: UUID, body: str, uow: ProfilesUnitOfWork, now: datetime
) -> Message:
    async with uow:
        conversation = await uow.conversations.get(conversation_id, for_update=True)
        if conversation is None or not conversation.involves(sender):
            raise ConversationNotFound()
        connected = await _guard(uow, sender, conversation.other_than(sender))
        message = conversation.send(sender, body, connected=connected, now=now)
        await uow.conversations.append(conversation, message)
        uow.track(conversation)
        await uow.commit()
    return message


async def read(
    person: UUID,
    conversation_id: UUID,
    limit: int,
    before: tuple[datetime, UUID] | None,
    uow: ProfilesUnitOfWork,
) -> tuple[list[Message], bool]:
    async with uow:
        conversation = await uow.conversations.get(conversation_id)
        if conversation is None or not conversation.involves(person):
            raise ConversationNotFound()
        await _guard(uow, person, conversation.other_than(person))
        found = await uow.conversations.messages(conversation_id, limit, before)
    return found[:limit], len(found) > limit


async def mark_read(
    person: UUID, conversation_id: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> None:
    async with uow:
        conversation = await uow.conversations.get(conversation_id)
        if conversation is None or not conversation.involves(person):
            raise ConversationNotFound()
        await uow.conversations.mark_read(conversation_id, person, now)
        await uow.commit()


async def inbox(person: UUID, uow: ProfilesUnitOfWork) -> list[dict[str, Any]]:
    async with uow:
        rows = await uow.conversations.of(person)
        hidden = {
            row["id"]
            for row in rows
            if await uow.connections.is_blocked_between(
                person, row["person_b"] if row["person_a"] == person else row["person_a"]
            )
        }
    return [
        {
            "conversation_id": str(row["id"]),
            "person_id": str(row["person_b"] if row["person_a"] == person else row["person_a"]),
            "last_message_at": row["last_message_at"].isoformat(),
            "unread": int(row["unread"]),
        }
        for row in rows
        if row["id"] not in hidden
    ]


async def unread_total(person: UUID, uow: ProfilesUnitOfWork) -> int:
    """Across visible conversations only (a block hides its conversation and its count)."""
    return sum(c["unread"] for c in await inbox(person, uow))
