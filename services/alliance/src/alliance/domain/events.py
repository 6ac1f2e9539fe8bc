"""Domain events of the alliance (internal; adapters map them to published contracts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from eventkit.aggregate import DomainEvent


@dataclass(kw_only=True)
class MemberStatusChanged(DomainEvent):
    member_id: UUID
    alliance_id: UUID
    kind: str
    country: str | None
    status: str
    #: applied | admitted | rejected | suspended | reinstated | withdrawn
    transition: str
    term_starts_on: date | None
    term_ends_on: date | None
    representatives: list[UUID] = field(default_factory=list)
    at: datetime


@dataclass(kw_only=True)
class MemberRepresentativesChanged(DomainEvent):
    member_id: UUID
    alliance_id: UUID
    kind: str
    country: str | None
    status: str
    term_starts_on: date | None
    term_ends_on: date | None
    representatives: list[UUID]
    at: datetime


@dataclass(kw_only=True)
class BodyMembershipChanged(DomainEvent):
    body_id: UUID
    alliance_id: UUID
    body_kind: str
    member_id: UUID
    role: str
    change: str  # appointed | ended
    at: datetime


@dataclass(kw_only=True)
class MeetingScheduled(DomainEvent):
    meeting_id: UUID
    alliance_id: UUID
    body_id: UUID
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str


@dataclass(kw_only=True)
class MeetingCancelled(DomainEvent):
    meeting_id: UUID
    alliance_id: UUID
    body_id: UUID
    title: str
    starts_at: datetime
    at: datetime


@dataclass(kw_only=True)
class MinutesApproved(DomainEvent):
    meeting_id: UUID
    alliance_id: UUID
    body_id: UUID
    decisions: int
    present: int
    at: datetime


@dataclass(kw_only=True)
class VoteOpened(DomainEvent):
    motion_id: UUID
    alliance_id: UUID
    meeting_id: UUID
    body_id: UUID
    title: str
    recommendation_id: UUID | None
    eligible: int
    at: datetime


@dataclass(kw_only=True)
class VoteClosed(DomainEvent):
    title: str
    motion_id: UUID
    alliance_id: UUID
    meeting_id: UUID
    body_id: UUID
    recommendation_id: UUID | None
    yes: int
    no: int
    abstain: int
    eligible: int
    present: int
    quorum_met: bool
    outcome: str
    at: datetime


@dataclass(kw_only=True)
class RecommendationMoved(DomainEvent):
    recommendation_id: UUID
    alliance_id: UUID
    working_group_id: UUID
    title: str
    theme: str
    sector: str | None
    action: str
    from_stage: str | None
    to_stage: str
    body_id: UUID | None
    motion_id: UUID | None
    reason: str | None
    at: datetime


@dataclass(kw_only=True)
class CommitmentPledged(DomainEvent):
    commitment_id: UUID
    alliance_id: UUID
    member_id: UUID
    title: str
    pillar: str
    theme: str | None
    recommendation_ids: list[UUID] = field(default_factory=list)
    indicators: int
    at: datetime


@dataclass(kw_only=True)
class ProgressReported(DomainEvent):
    commitment_id: UUID
    alliance_id: UUID
    member_id: UUID
    indicator_id: UUID
    value: Decimal
    reported_on: date
    evidence_links: int
    at: datetime


@dataclass(kw_only=True)
class CommitmentStatusChanged(DomainEvent):
    title: str
    commitment_id: UUID
    alliance_id: UUID
    member_id: UUID
    pillar: str
    from_status: str | None
    to_status: str
    as_of: date


@dataclass(kw_only=True)
class NominationChanged(DomainEvent):
    cohort_id: UUID
    member_id: UUID
    status: str
    at: datetime
