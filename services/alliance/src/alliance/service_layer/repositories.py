"""What the use cases need from storage: one protocol per repository of the unit of work.

The service layer depends on these, not on SQL: ``adapters/repository.py`` implements them over
PostgreSQL (JSONB documents), the tests' fakes in memory (``tests/alliance_fakes.py``).
Aggregates a repository hands out are tracked by the unit of work, which saves the changed
ones (and writes their events to the outbox) on commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID

from alliance.domain.alliance import Alliance
from alliance.domain.body import Body, BodyKind
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment
from alliance.domain.meeting import Meeting
from alliance.domain.member import Member, MemberKind, MemberStatus
from alliance.domain.motion import Motion
from alliance.domain.recommendation import Recommendation, Stage
from eventkit.aggregate import AggregateRoot

A = TypeVar("A", bound=AggregateRoot)


class Documents(Protocol[A]):
    """Aggregates by id."""

    async def add(self, aggregate: A) -> None: ...

    async def get(self, aggregate_id: UUID) -> A | None: ...

    async def get_many(self, ids: Iterable[UUID]) -> dict[UUID, A]: ...

    async def save_changes(self) -> None:
        """Save the changed aggregates now (the unit of work does it on commit)."""
        ...


class Alliances(Documents[Alliance], Protocol):
    async def by_slug(self, slug: str) -> Alliance | None: ...

    async def named_like(
        self, text: str | None, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Alliance]:
        """Alliances whose slug or name contains ``text`` (any case; all if None), in id
        order, those after ``after``."""
        ...


class Members(Documents[Member], Protocol):
    async def add(self, aggregate: Member) -> None:
        """Raises ``SeatTaken`` if a state applies while it holds or requested a seat."""
        ...

    async def represented_by(self, account_id: UUID) -> list[Member]: ...

    async def page(
        self,
        alliance_id: UUID,
        *,
        status: MemberStatus | None = None,
        kind: MemberKind | None = None,
        after: UUID | None = None,
        limit: int,
    ) -> list[Member]:
        """An alliance's members in id order, those after ``after``."""
        ...


class Bodies(Documents[Body], Protocol):
    async def of_alliance(
        self,
        alliance_id: UUID,
        kind: BodyKind | None = None,
        *,
        after: UUID | None = None,
        limit: int | None = None,
    ) -> list[Body]:
        """An alliance's bodies in id order, those after ``after``."""
        ...


class Meetings(Documents[Meeting], Protocol):
    async def page_of_body(
        self, body_id: UUID, *, after: tuple[datetime, UUID] | None, limit: int
    ) -> list[Meeting]:
        """A body's meetings by start time, those after ``(starts_at, id)``."""
        ...

    async def attended_by_any(self, member_ids: Iterable[UUID]) -> list[Meeting]: ...

    async def inviting_any(self, member_ids: Iterable[UUID]) -> list[Meeting]:
        """Meetings any of these members is invited to, by start time."""
        ...


class Motions(Documents[Motion], Protocol):
    async def put_to(self, meeting_id: UUID) -> list[Motion]: ...


class Recommendations(Documents[Recommendation], Protocol):
    async def of_alliance(
        self, alliance_id: UUID, stage: Stage | None = None
    ) -> list[Recommendation]: ...


class Commitments(Documents[Commitment], Protocol):
    async def of_alliance(
        self, alliance_id: UUID, *, member_id: UUID | None = None, pillar: str | None = None
    ) -> list[Commitment]: ...

    async def ids_not_achieved(self, *, after: UUID | None, limit: int) -> list[UUID]:
        """Ids of the commitments not achieved yet, in id order, those after ``after``."""
        ...


class Cohorts(Documents[Cohort], Protocol):
    async def of_alliance(
        self, alliance_id: UUID, *, after: UUID | None = None, limit: int | None = None
    ) -> list[Cohort]:
        """An alliance's cohorts in id order, those after ``after``."""
        ...


class AccountTraces(Protocol):
    """Where an account id appears inside the alliance's records (ballots, minutes, reports)."""

    async def find(self, account_id: UUID) -> dict[str, list[str]]:
        """Record kind -> ids of the records that mention the account."""
        ...

    async def replace(self, account_id: UUID, replacement: UUID) -> dict[str, int]:
        """Rewrite every mention; returns record kind -> records changed."""
        ...
