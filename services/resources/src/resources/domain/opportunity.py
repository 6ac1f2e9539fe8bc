"""Contribute: opportunities posted by organisations and focal points, and the expressions of
interest people send them."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from eventkit.aggregate import AggregateRoot, DomainEvent
from resources.domain.matching import Needs


class OpportunityKind(enum.StrEnum):
    EXPERTS = "experts"
    MENTORS = "mentors"
    VOLUNTEERS = "volunteers"
    INVESTMENT = "investment"
    PROJECT = "project"


class WorkMode(enum.StrEnum):
    REMOTE = "remote"
    ON_SITE = "on_site"
    HYBRID = "hybrid"


class InterestStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


#: what the poster may move an expression of interest to, from each status
POSTER_TRANSITIONS: dict[InterestStatus, frozenset[InterestStatus]] = {
    InterestStatus.SUBMITTED: frozenset(
        {InterestStatus.SHORTLISTED, InterestStatus.ACCEPTED, InterestStatus.DECLINED}
    ),
    InterestStatus.SHORTLISTED: frozenset({InterestStatus.ACCEPTED, InterestStatus.DECLINED}),
    InterestStatus.ACCEPTED: frozenset(),
    InterestStatus.DECLINED: frozenset(),
    InterestStatus.WITHDRAWN: frozenset(),
}


class DeadlinePassed(Exception):
    pass


class InterestConflict(Exception):
    """Already expressed, or a status change the workflow does not allow."""


@dataclass(kw_only=True)
class OpportunityPosted(DomainEvent):
    pass


@dataclass(kw_only=True)
class OpportunityRevised(DomainEvent):
    """The poster changed the call's details (the version moves: If-Match)."""


@dataclass(kw_only=True)
class InterestExpressed(DomainEvent):
    interest_id: UUID
    person_id: UUID


@dataclass(kw_only=True)
class InterestStatusChanged(DomainEvent):
    interest_id: UUID
    person_id: UUID
    status: InterestStatus


@dataclass(kw_only=True)
class ExpressionOfInterest:
    id: UUID
    opportunity_id: UUID
    person_id: UUID
    message: str
    status: InterestStatus = InterestStatus.SUBMITTED
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(kw_only=True, eq=False)
class Opportunity(AggregateRoot):
    id: UUID
    kind: OpportunityKind
    title: str
    description: str
    organisation: str
    posted_by: UUID | None
    deadline: datetime
    organisation_id: UUID | None = None
    work_mode: WorkMode = WorkMode.REMOTE
    required_occupations: list[str] = field(default_factory=list)
    required_skills: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    contribution_modes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def post(cls, **fields: object) -> Opportunity:
        opportunity = cls(id=uuid.uuid4(), **fields)  # type: ignore[arg-type]
        opportunity.record(OpportunityPosted())
        return opportunity

    @property
    def needs(self) -> Needs:
        return Needs(
            occupations=frozenset(self.required_occupations),
            skills=frozenset(self.required_skills),
            sectors=frozenset(self.sectors),
            languages=frozenset(self.languages),
            contribution_modes=frozenset(self.contribution_modes),
            countries=frozenset(self.countries),
        )

    def is_open(self, now: datetime) -> bool:
        return now <= self.deadline

    def may_manage(self, actor_id: UUID, *, moderator: bool) -> bool:
        return moderator or (self.posted_by is not None and actor_id == self.posted_by)

    #: what the poster may change after posting (the kind and the organisation stay)
    REVISABLE = (
        "title",
        "description",
        "deadline",
        "work_mode",
        "required_occupations",
        "required_skills",
        "sectors",
        "countries",
        "contribution_modes",
        "languages",
    )

    def revise(self, changes: dict[str, object], now: datetime) -> bool:
        """Apply the poster's changes; a new deadline must be in the future. False when
        nothing differs (no event, the version stays)."""
        changed = {
            k: v for k, v in changes.items() if k in self.REVISABLE and getattr(self, k) != v
        }
        deadline = changed.get("deadline")
        if isinstance(deadline, datetime) and deadline <= now:
            raise DeadlinePassed("the deadline must be in the future")
        if not changed:
            return False
        for name, value in changed.items():
            setattr(self, name, value)
        self.record(OpportunityRevised())
        return True

    def express_interest(
        self, person_id: UUID, message: str, now: datetime, existing: ExpressionOfInterest | None
    ) -> ExpressionOfInterest:
        if not self.is_open(now):
            raise DeadlinePassed(f"the deadline was {self.deadline.isoformat()}")
        if existing is not None and existing.status is not InterestStatus.WITHDRAWN:
            raise InterestConflict("you already expressed interest in this opportunity")
        interest = ExpressionOfInterest(
            id=existing.id if existing else uuid.uuid4(),
            opportunity_id=self.id,
            person_id=person_id,
            message=message,
            created_at=now,
            updated_at=now,
        )
        self.record(InterestExpressed(interest_id=interest.id, person_id=person_id))
        return interest

    def change_interest(
        self, interest: ExpressionOfInterest, to: InterestStatus, now: datetime, *, by_person: bool
    ) -> None:
        if by_person:
            allowed = to is InterestStatus.WITHDRAWN and interest.status in (
                InterestStatus.SUBMITTED,
                InterestStatus.SHORTLISTED,
            )
        else:
            allowed = to in POSTER_TRANSITIONS[interest.status]
        if not allowed:
            raise InterestConflict(f"cannot go from {interest.status} to {to}")
        interest.status, interest.updated_at = to, now
        self.record(
            InterestStatusChanged(interest_id=interest.id, person_id=interest.person_id, status=to)
        )
