"""The Conversation aggregate: private messages between two connected people."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot
from profiles.domain import events
from profiles.domain.connection import pair_key

BODY_MAX = 4000


class InvalidMessage(kinds.InvalidInput, ValueError):
    pass


class NotConnected(kinds.Forbidden):
    """Only connected people can write to each other."""


@dataclass(frozen=True, kw_only=True)
class Message:
    id: UUID
    conversation_id: UUID
    sender_id: UUID
    body: str
    sent_at: datetime


@dataclass(kw_only=True, eq=False)
class Conversation(AggregateRoot):
    id: UUID
    person_a: UUID
    person_b: UUID
    created_at: datetime
    last_message_at: datetime

    @classmethod
    def between(cls, a: UUID, b: UUID, now: datetime) -> Conversation:
        low, high = sorted((a, b), key=str)
        return cls(
            id=uuid.uuid4(), person_a=low, person_b=high, created_at=now, last_message_at=now
        )

    @property
    def pair_key(self) -> str:
        return pair_key(self.person_a, self.person_b)

    def involves(self, person: UUID) -> bool:
        return person in (self.person_a, self.person_b)

    def other_than(self, person: UUID) -> UUID:
        return self.person_b if person == self.person_a else self.person_a

    def send(self, sender: UUID, body: str, *, connected: bool, now: datetime) -> Message:
        if not self.involves(sender):
            raise NotConnected("Not your conversation.")
        if not connected:
            raise NotConnected("You can only write to people you are connected with.")
        text = body.strip()
        if not text or len(text) > BODY_MAX:
            raise InvalidMessage(f"A message has 1 to {BODY_MAX} characters.")
        message = Message(
            id=uuid.uuid4(), conversation_id=self.id, sender_id=sender, body=text, sent_at=now
        )
        self.last_message_at = now
        self.record(
            events.MessageSent(
                conversation_id=self.id,
                message_id=message.id,
                sender_id=sender,
                recipient_id=self.other_than(sender),
                sent_at=now,
            )
        )
        return message
