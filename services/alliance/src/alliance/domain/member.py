"""The Member aggregate: a state, organisation or person taking part in the alliance.

A member acts through its representatives (account ids): a member state may have several
focal points, yet it is one member and casts one ballot.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.errors import InvalidInput, InvalidTransition
from alliance.domain.values import Term, country_code, non_empty
from eventkit.aggregate import AggregateRoot


class MemberKind(StrEnum):
    MEMBER_STATE = "member_state"
    ORGANISATION = "organisation"
    EXPERT = "expert"
    OBSERVER = "observer"
    GUEST = "guest"
    YOUTH_LEADER = "youth_leader"


class MemberStatus(StrEnum):
    APPLIED = "applied"
    ADMITTED = "admitted"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


#: members who are people, not institutions: their name is personal data
INDIVIDUALS = frozenset({MemberKind.EXPERT, MemberKind.YOUTH_LEADER, MemberKind.GUEST})
ERASED_NAME = "Erased member"

#: statuses in which a member still holds its place (a state cannot apply twice meanwhile)
STANDING = frozenset({MemberStatus.APPLIED, MemberStatus.ADMITTED, MemberStatus.SUSPENDED})


@dataclass(kw_only=True)
class StatusChange:
    status: MemberStatus
    by: UUID
    at: datetime
    reason: str | None = None


@dataclass(kw_only=True, eq=False)
class Member(AggregateRoot):
    id: UUID
    alliance_id: UUID
    kind: MemberKind
    name: str
    country: str | None
    representatives: set[UUID] = field(default_factory=set)
    status: MemberStatus = MemberStatus.APPLIED
    term: Term | None = None
    motivation: str = ""
    history: list[StatusChange] = field(default_factory=list)

    @classmethod
    def apply(
        cls,
        *,
        alliance_id: UUID,
        kind: MemberKind,
        name: str,
        country: str | None,
        applicant: UUID,
        motivation: str,
        at: datetime,
        member_id: UUID | None = None,
    ) -> Member:
        code = country_code(country) if country else None
        if kind is MemberKind.MEMBER_STATE and code is None:
            raise InvalidInput("A member state is identified by its ISO country code.")
        member = cls(
            id=member_id or uuid.uuid4(),
            alliance_id=alliance_id,
            kind=kind,
            name=non_empty(name, "name"),
            country=code,
            representatives={applicant},
            motivation=motivation.strip(),
        )
        member._change(MemberStatus.APPLIED, "applied", by=applicant, at=at)
        return member

    # ---- lifecycle -------------------------------------------------------------------
    def admit(self, *, term: Term, by: UUID, at: datetime) -> None:
        self._require(MemberStatus.APPLIED, "admitted")
        self.term = term
        self._change(MemberStatus.ADMITTED, "admitted", by=by, at=at)

    def reject(self, *, reason: str, by: UUID, at: datetime) -> None:
        self._require(MemberStatus.APPLIED, "rejected")
        self._change(
            MemberStatus.REJECTED, "rejected", by=by, at=at, reason=non_empty(reason, "reason")
        )

    def suspend(self, *, reason: str, by: UUID, at: datetime) -> None:
        self._require(MemberStatus.ADMITTED, "suspended")
        self._change(
            MemberStatus.SUSPENDED, "suspended", by=by, at=at, reason=non_empty(reason, "reason")
        )

    def reinstate(self, *, by: UUID, at: datetime) -> None:
        self._require(MemberStatus.SUSPENDED, "reinstated")
        self._change(MemberStatus.ADMITTED, "reinstated", by=by, at=at)

    def withdraw(self, *, reason: str, by: UUID, at: datetime) -> None:
        if self.status not in STANDING:
            raise InvalidTransition(f"A {self.status} member cannot withdraw.")
        if self.term is not None and (self.term.ends_on is None or self.term.ends_on > at.date()):
            self.term = Term(
                starts_on=self.term.starts_on, ends_on=max(self.term.starts_on, at.date())
            )
        self._change(
            MemberStatus.WITHDRAWN, "withdrawn", by=by, at=at, reason=reason.strip() or None
        )

    # ---- representation --------------------------------------------------------------
    def add_representative(self, account_id: UUID, *, at: datetime) -> None:
        if account_id in self.representatives:
            return
        self.representatives.add(account_id)
        self._representatives_changed(at)

    def remove_representative(self, account_id: UUID, *, at: datetime) -> None:
        if self.representatives == {account_id}:
            raise InvalidTransition("A member keeps at least one representative.")
        if account_id not in self.representatives:
            return
        self.representatives.discard(account_id)
        self._representatives_changed(at)

    def forget_representative(self, account_id: UUID, *, at: datetime) -> None:
        """The account was erased. An institution just loses that representative; a person
        who was the member leaves it, de-identified (the seat's history stays, nameless)."""
        if account_id not in self.representatives:
            return
        self.representatives.discard(account_id)
        self._representatives_changed(at)
        if self.kind not in INDIVIDUALS or self.representatives:
            return
        self.name = ERASED_NAME
        self.motivation = ""
        self.country = None
        for change in self.history:
            change.reason = None
        if self.status in STANDING:
            self._change(MemberStatus.WITHDRAWN, "withdrawn", by=account_id, at=at)

    def is_represented_by(self, account_id: UUID) -> bool:
        return account_id in self.representatives

    def is_active_on(self, day: date) -> bool:
        return (
            self.status is MemberStatus.ADMITTED and self.term is not None and self.term.covers(day)
        )

    # ---- internals -------------------------------------------------------------------
    def _representatives_changed(self, at: datetime) -> None:
        self.record(
            events.MemberRepresentativesChanged(
                member_id=self.id,
                alliance_id=self.alliance_id,
                kind=self.kind.value,
                country=self.country,
                status=self.status.value,
                term_starts_on=self.term.starts_on if self.term else None,
                term_ends_on=self.term.ends_on if self.term else None,
                representatives=sorted(self.representatives),
                at=at,
            )
        )

    def _require(self, status: MemberStatus, step: str) -> None:
        if self.status is not status:
            raise InvalidTransition(
                f"Only a {status} member can be {step}; this one is {self.status}."
            )

    def _change(
        self,
        status: MemberStatus,
        transition: str,
        *,
        by: UUID,
        at: datetime,
        reason: str | None = None,
    ) -> None:
        self.status = status
        self.history.append(StatusChange(status=status, by=by, at=at, reason=reason))
        self.record(
            events.MemberStatusChanged(
                member_id=self.id,
                alliance_id=self.alliance_id,
                kind=self.kind.value,
                country=self.country,
                status=status.value,
                transition=transition,
                term_starts_on=self.term.starts_on if self.term else None,
                term_ends_on=self.term.ends_on if self.term else None,
                representatives=sorted(self.representatives),
                at=at,
            )
        )
