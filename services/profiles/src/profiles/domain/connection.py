"""The Connection aggregate: two people who asked and agreed to know each other."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot
from profiles.domain import events

NOTE_MAX = 300


class ConnectionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"


class ConnectionConflict(kinds.Conflict):
    """The request is not possible in the connection's current state."""


class InvalidNote(kinds.InvalidInput, ValueError):
    pass


class NotAllowed(kinds.Forbidden):
    """This party may not take that step (e.g. the requester accepting their own request)."""


def pair_key(a: UUID, b: UUID) -> str:
    low, high = sorted((str(a), str(b)))
    return f"{low}:{high}"


@dataclass(kw_only=True, eq=False)
class Connection(AggregateRoot):
    id: UUID
    requester_id: UUID
    addressee_id: UUID
    status: ConnectionStatus
    note: str | None
    requested_at: datetime
    responded_at: datetime | None = None

    @classmethod
    def request(
        cls, requester: UUID, addressee: UUID, note: str | None, now: datetime
    ) -> Connection:
        if requester == addressee:
            raise ConnectionConflict("You cannot connect with yourself.")
        connection = cls(
            id=uuid.uuid4(),
            requester_id=requester,
            addressee_id=addressee,
            status=ConnectionStatus.PENDING,
            note=_note(note),
            requested_at=now,
        )
        connection._requested()
        return connection

    def request_again(
        self, requester: UUID, addressee: UUID, note: str | None, now: datetime
    ) -> None:
        """A new request on a pair whose earlier one was declined, withdrawn or removed."""
        if self.status in (ConnectionStatus.PENDING, ConnectionStatus.ACCEPTED):
            raise ConnectionConflict(f"There is already a {self.status.value} connection.")
        self.requester_id, self.addressee_id = requester, addressee
        self.status = ConnectionStatus.PENDING
        self.note = _note(note)
        self.requested_at, self.responded_at = now, None
        self._requested()

    def _requested(self) -> None:
        self.record(
            events.ConnectionRequested(
                connection_id=self.id,
                requester_id=self.requester_id,
                addressee_id=self.addressee_id,
                note=self.note,
                requested_at=self.requested_at,
            )
        )

    def involves(self, person: UUID) -> bool:
        return person in (self.requester_id, self.addressee_id)

    def other_than(self, person: UUID) -> UUID:
        return self.addressee_id if person == self.requester_id else self.requester_id

    def accept(self, by: UUID, now: datetime) -> None:
        self._answer(by, now)
        self.status = ConnectionStatus.ACCEPTED
        self.record(
            events.ConnectionAccepted(
                connection_id=self.id,
                requester_id=self.requester_id,
                addressee_id=self.addressee_id,
                accepted_at=now,
            )
        )

    def decline(self, by: UUID, now: datetime) -> None:
        """Declining is silent: the requester is not notified (no integration event)."""
        self._answer(by, now)
        self.status = ConnectionStatus.DECLINED

    def _answer(self, by: UUID, now: datetime) -> None:
        if by != self.addressee_id:
            raise NotAllowed("Only the person asked can answer a request.")
        if self.status != ConnectionStatus.PENDING:
            raise ConnectionConflict(f"The request is already {self.status.value}.")
        self.responded_at = now

    def withdraw(self, by: UUID, now: datetime) -> None:
        if by != self.requester_id:
            raise NotAllowed("Only the person who asked can withdraw a request.")
        if self.status != ConnectionStatus.PENDING:
            raise ConnectionConflict(f"The request is already {self.status.value}.")
        self.status = ConnectionStatus.WITHDRAWN
        self.responded_at = now

    def remove(self, by: UUID, now: datetime) -> None:
        """End the connection (either person; also what blocking does)."""
        if not self.involves(by):
            raise NotAllowed("Not your connection.")
        if self.status == ConnectionStatus.PENDING:
            self.status = ConnectionStatus.WITHDRAWN
            self.responded_at = now
            return
        if self.status != ConnectionStatus.ACCEPTED:
            return
        self.status = ConnectionStatus.REMOVED
        self.responded_at = now
        self.record(
            events.ConnectionRemoved(
                connection_id=self.id,
                requester_id=self.requester_id,
                addressee_id=self.addressee_id,
                removed_at=now,
            )
        )


def _note(note: str | None) -> str | None:
    text = " ".join((note or "").split())
    if len(text) > NOTE_MAX:
        raise InvalidNote(f"The note is limited to {NOTE_MAX} characters.")
    return text or None
