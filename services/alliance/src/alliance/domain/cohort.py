"""Youth leader cohorts (e.g. "Young Diaspora Leaders 2022") and their nominations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.errors import InvalidInput, InvalidTransition, NotFound
from alliance.domain.member import Member, MemberKind, MemberStatus
from alliance.domain.values import non_empty
from eventkit.aggregate import AggregateRoot


class NominationStatus(StrEnum):
    NOMINATED = "nominated"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(kw_only=True)
class Nomination:
    id: UUID
    member_id: UUID
    nominated_by: UUID
    status: NominationStatus
    at: datetime
    decided_at: datetime | None = None


@dataclass(kw_only=True, eq=False)
class Cohort(AggregateRoot):
    id: UUID
    alliance_id: UUID
    name: str
    year: int
    nominations: list[Nomination] = field(default_factory=list)

    @classmethod
    def open(
        cls, *, alliance_id: UUID, name: str, year: int, cohort_id: UUID | None = None
    ) -> Cohort:
        if not 1900 <= year <= 2200:
            raise InvalidInput("year is out of range.")
        return cls(
            id=cohort_id or uuid.uuid4(),
            alliance_id=alliance_id,
            name=non_empty(name, "name"),
            year=year,
        )

    def nominate(self, member: Member, *, by: UUID, at: datetime) -> Nomination:
        if member.alliance_id != self.alliance_id or member.kind is not MemberKind.YOUTH_LEADER:
            raise InvalidInput("Only youth leaders of this alliance can be nominated.")
        if member.status not in (MemberStatus.APPLIED, MemberStatus.ADMITTED):
            raise InvalidTransition("This member cannot be nominated.")
        if any(
            n.member_id == member.id and n.status is not NominationStatus.DECLINED
            for n in self.nominations
        ):
            raise InvalidTransition("This youth leader is already nominated to the cohort.")
        n = Nomination(
            id=uuid.uuid4(),
            member_id=member.id,
            nominated_by=by,
            status=NominationStatus.NOMINATED,
            at=at,
        )
        self.nominations.append(n)
        self._recorded(n, at)
        return n

    def decide(self, nomination_id: UUID, *, accept: bool, at: datetime) -> Nomination:
        n = self._nomination(nomination_id)
        if n.status is not NominationStatus.NOMINATED:
            raise InvalidTransition("This nomination was already decided.")
        n.status = NominationStatus.ACCEPTED if accept else NominationStatus.DECLINED
        n.decided_at = at
        self._recorded(n, at)
        return n

    @property
    def leaders(self) -> list[UUID]:
        return [n.member_id for n in self.nominations if n.status is NominationStatus.ACCEPTED]

    def _recorded(self, n: Nomination, at: datetime) -> None:
        self.record(
            events.NominationChanged(
                cohort_id=self.id, member_id=n.member_id, status=n.status.value, at=at
            )
        )

    def _nomination(self, nomination_id: UUID) -> Nomination:
        for n in self.nominations:
            if n.id == nomination_id:
                return n
        raise NotFound("No such nomination in this cohort.")
