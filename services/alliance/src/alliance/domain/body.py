"""The Body aggregate: a secretariat, committee, advisory group or working group.

A body's rules say who may vote (roles and member kinds), the quorum and the majority; its
memberships say who holds which role over which term.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.errors import InvalidInput, InvalidTransition, NotFound
from alliance.domain.governance import MajorityRule
from alliance.domain.member import Member, MemberKind
from alliance.domain.values import Term, non_empty
from eventkit.aggregate import AggregateRoot


class BodyKind(StrEnum):
    SECRETARIAT = "secretariat"
    STEERING_COMMITTEE = "steering_committee"
    ADVISORY_GROUP = "advisory_group"
    WORKING_GROUP = "working_group"
    PLENARY = "plenary"


class Role(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    MEMBER = "member"
    OBSERVER = "observer"
    RAPPORTEUR = "rapporteur"


#: roles that may steer a body's business (open votes, approve minutes, move recommendations)
OFFICERS = frozenset({Role.CHAIR, Role.CO_CHAIR})


@dataclass(kw_only=True)
class BodyRules:
    voting_roles: set[Role] = field(
        default_factory=lambda: {Role.CHAIR, Role.CO_CHAIR, Role.MEMBER}
    )
    voting_kinds: set[MemberKind] = field(
        default_factory=lambda: {
            MemberKind.MEMBER_STATE,
            MemberKind.ORGANISATION,
            MemberKind.EXPERT,
            MemberKind.YOUTH_LEADER,
        }
    )
    quorum_percent: int = 50
    majority: MajorityRule = MajorityRule.SIMPLE

    def __post_init__(self) -> None:
        if not 1 <= self.quorum_percent <= 100:
            raise InvalidInput("quorum_percent must be between 1 and 100.")
        if not self.voting_roles:
            raise InvalidInput("At least one role must vote.")


@dataclass(kw_only=True)
class Membership:
    id: UUID
    member_id: UUID
    role: Role
    term: Term


@dataclass(kw_only=True, eq=False)
class Body(AggregateRoot):
    id: UUID
    alliance_id: UUID
    kind: BodyKind
    name: str
    theme: str | None
    mandate: str = ""
    rules: BodyRules = field(default_factory=BodyRules)
    memberships: list[Membership] = field(default_factory=list)

    @classmethod
    def establish(
        cls,
        *,
        alliance_id: UUID,
        kind: BodyKind,
        name: str,
        theme: str | None,
        mandate: str = "",
        rules: BodyRules | None = None,
        body_id: UUID | None = None,
    ) -> Body:
        if kind is BodyKind.WORKING_GROUP and not theme:
            raise InvalidInput("A working group works on a theme.")
        return cls(
            id=body_id or uuid.uuid4(),
            alliance_id=alliance_id,
            kind=kind,
            name=non_empty(name, "name"),
            theme=theme,
            mandate=mandate.strip(),
            rules=rules or BodyRules(),
        )

    def appoint(self, member: Member, *, role: Role, term: Term, at: datetime) -> Membership:
        if member.alliance_id != self.alliance_id:
            raise InvalidInput("The member belongs to another alliance.")
        if not member.is_active_on(term.starts_on):
            raise InvalidTransition("Only an admitted member in its term can join a body.")
        for m in self.memberships:
            if m.member_id == member.id and m.term.overlaps(term):
                raise InvalidTransition("The member already sits on this body for that period.")
            if role is Role.CHAIR and m.role is Role.CHAIR and m.term.overlaps(term):
                raise InvalidTransition("The body already has a chair for that period.")
        membership = Membership(id=uuid.uuid4(), member_id=member.id, role=role, term=term)
        self.memberships.append(membership)
        self.record(
            events.BodyMembershipChanged(
                body_id=self.id,
                alliance_id=self.alliance_id,
                body_kind=self.kind.value,
                member_id=member.id,
                role=role.value,
                change="appointed",
                at=at,
            )
        )
        return membership

    def end_membership(self, membership_id: UUID, *, on: date, at: datetime) -> None:
        m = self._membership(membership_id)
        if m.term.ends_on is not None and m.term.ends_on < on:
            raise InvalidTransition("That membership has already ended.")
        # the last day of office is the day before ``on``, but never before the term began
        last = max(m.term.starts_on, on - timedelta(days=1))
        m.term = Term(starts_on=m.term.starts_on, ends_on=last)
        self.record(
            events.BodyMembershipChanged(
                body_id=self.id,
                alliance_id=self.alliance_id,
                body_kind=self.kind.value,
                member_id=m.member_id,
                role=m.role.value,
                change="ended",
                at=at,
            )
        )

    # ---- queries ---------------------------------------------------------------------
    def seats_on(self, day: date) -> list[Membership]:
        return [m for m in self.memberships if m.term.covers(day)]

    def role_of(self, member_id: UUID, day: date) -> Role | None:
        for m in self.seats_on(day):
            if m.member_id == member_id:
                return m.role
        return None

    def sitting_members(self, day: date) -> set[UUID]:
        return {m.member_id for m in self.seats_on(day)}

    def eligible_voters(self, members: Mapping[UUID, Member], day: date) -> set[UUID]:
        """Members who may vote today: voting role, voting kind, admitted and in term."""
        voters: set[UUID] = set()
        for m in self.seats_on(day):
            member = members.get(m.member_id)
            if (
                member is not None
                and m.role in self.rules.voting_roles
                and member.kind in self.rules.voting_kinds
                and member.is_active_on(day)
            ):
                voters.add(member.id)
        return voters

    def officers(self, day: date) -> set[UUID]:
        return {m.member_id for m in self.seats_on(day) if m.role in OFFICERS}

    def _membership(self, membership_id: UUID) -> Membership:
        for m in self.memberships:
            if m.id == membership_id:
                return m
        raise NotFound("No such membership in this body.")
