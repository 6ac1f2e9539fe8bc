"""What the alliance's HTTP answers look like: one model per concept, in the domain's words.

The routes still build their answers as dicts (``deps.dump`` of an aggregate, plus what a view
adds); declaring these as ``response_model`` documents them and makes FastAPI check every
answer against them, so the OpenAPI document cannot drift from the server. Fields only some
callers see (the secretariat, a member's own representatives) are optional and the routes that
answer them leave them out (``response_model_exclude_unset``) rather than sending null.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from alliance.domain.body import BodyKind, Role
from alliance.domain.cohort import NominationStatus
from alliance.domain.commitment import Status
from alliance.domain.governance import MajorityRule
from alliance.domain.meeting import ItemKind, MeetingKind, MinutesStatus
from alliance.domain.member import MemberKind, MemberStatus
from alliance.domain.motion import Choice, MotionStatus, Outcome
from alliance.domain.recommendation import AdvicePosition, Stage

_SECRETARIAT_ONLY = "shown to the secretariat only"
_NEXT = "pass as cursor for the next page"


class Versioned(BaseModel):
    version: int = Field(description="incremented on every change")


class Term(BaseModel):
    starts_on: date
    ends_on: date | None = Field(description="null: open-ended")


# ---- members ---------------------------------------------------------------------------------
class StatusChange(BaseModel):
    status: MemberStatus
    by: UUID
    at: datetime
    reason: str | None


class Member(Versioned):
    """Everyone signed in sees who the members are; the representatives, motivation and
    history only the member's own representatives and the secretariat."""

    id: UUID
    alliance_id: UUID
    kind: MemberKind
    name: str
    country: str | None
    status: MemberStatus
    term: Term | None
    representatives: list[UUID] | None = Field(default=None, description="the member's own")
    motivation: str | None = Field(default=None, description="the member's own")
    history: list[StatusChange] | None = Field(default=None, description="the member's own")


class MemberPage(BaseModel):
    items: list[Member]
    next_cursor: UUID | None = Field(description=_NEXT)


# ---- bodies ----------------------------------------------------------------------------------
class BodyRules(BaseModel):
    voting_roles: list[Role]
    voting_kinds: list[MemberKind]
    quorum_percent: int
    majority: MajorityRule


class Membership(BaseModel):
    id: UUID
    member_id: UUID
    role: Role
    term: Term


class Body(Versioned):
    id: UUID
    alliance_id: UUID
    kind: BodyKind
    name: str
    theme: str | None
    mandate: str
    rules: BodyRules
    memberships: list[Membership]


class BodyPage(BaseModel):
    items: list[Body]
    next_cursor: UUID | None = Field(description=_NEXT)


class Voters(BaseModel):
    """Who may vote in a body today, by its rules."""

    body_id: UUID
    as_of: date
    voters: list[UUID]
    quorum_percent: int
    majority: MajorityRule


# ---- cohorts ---------------------------------------------------------------------------------
class Nomination(BaseModel):
    id: UUID
    member_id: UUID
    nominated_by: UUID
    status: NominationStatus
    at: datetime
    decided_at: datetime | None


class Cohort(Versioned):
    id: UUID
    alliance_id: UUID
    name: str
    year: int
    nominations: list[Nomination]


class Session(BaseModel):
    meeting_id: UUID
    title: str
    body_id: UUID
    body_kind: BodyKind | None
    starts_at: datetime


class LeaderParticipation(BaseModel):
    member_id: UUID
    sessions: list[Session]


class Participation(BaseModel):
    """For each accepted youth leader, the sessions they attended."""

    cohort_id: UUID
    leaders: list[LeaderParticipation]


# ---- commitments -----------------------------------------------------------------------------
class ProgressReport(BaseModel):
    id: UUID
    value: Decimal
    reported_on: date
    note: str
    evidence_links: list[str]
    reported_by: UUID
    recorded_at: datetime


class Indicator(BaseModel):
    id: UUID
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    due_on: date
    reports: list[ProgressReport]
    current: Decimal = Field(description="the latest reported value (the baseline before any)")
    status: Status = Field(description="as of today")


class Commitment(Versioned):
    id: UUID
    alliance_id: UUID
    member_id: UUID
    title: str
    description: str
    pillar: str
    theme: str | None
    recommendation_ids: list[UUID]
    indicators: list[Indicator]
    pledged_on: date
    status: Status = Field(description="as of today, even before the next review")


class Commitments(BaseModel):
    items: list[Commitment]


class ProgressReported(BaseModel):
    report: ProgressReport
    commitment: Commitment


class StatusReview(BaseModel):
    as_of: date
    changed: int = Field(description="how many commitments changed status")


class DashboardRow(BaseModel):
    """Counts per status (as of today) for one pillar, member or theme: the row carries the
    one key the dashboard is grouped ``by``."""

    pillar: str | None = None
    member: UUID | None = None
    theme: str | None = Field(default=None, description="empty: commitments without a theme")
    commitments: int
    indicators: int
    on_track: int
    at_risk: int
    late: int
    achieved: int


class CommitmentDashboard(BaseModel):
    as_of: date
    by: Literal["pillar", "member", "theme"]
    rows: list[DashboardRow]


# ---- meetings --------------------------------------------------------------------------------
class AgendaItem(BaseModel):
    id: UUID
    position: int
    title: str
    kind: ItemKind
    description: str


class Minutes(BaseModel):
    text: str
    status: MinutesStatus
    drafted_by: UUID
    drafted_at: datetime
    approved_by: UUID | None
    approved_at: datetime | None


class Decision(BaseModel):
    id: UUID
    text: str
    agenda_item_id: UUID | None
    motion_id: UUID | None
    recorded_at: datetime


class Quorum(BaseModel):
    eligible: int
    present: int
    required: int
    met: bool


class MeetingSummary(BaseModel):
    id: UUID
    body_id: UUID
    kind: MeetingKind
    title: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str
    cancelled: bool


class Meeting(Versioned, MeetingSummary):
    alliance_id: UUID
    location: str
    agenda: list[AgendaItem]
    invitations: list[UUID]
    registrations: list[UUID]
    attendance: list[UUID]
    minutes: Minutes | None
    decisions: list[Decision]
    local_starts_at: datetime = Field(description="the start in the meeting's own time zone")
    quorum: Quorum


class MeetingPage(BaseModel):
    items: list[MeetingSummary]
    next_cursor: str | None = Field(description=_NEXT)


class Cancellation(BaseModel):
    id: UUID
    cancelled: bool


class Invitations(BaseModel):
    invitations: list[UUID]


class Registrations(BaseModel):
    registrations: list[UUID]


class Attendance(BaseModel):
    attendance: list[UUID]
    quorum: Quorum


# ---- motions ---------------------------------------------------------------------------------
class Ballot(BaseModel):
    choice: Choice
    cast_by: UUID | None = Field(default=None, description=_SECRETARIAT_ONLY)
    cast_at: datetime | None = Field(default=None, description=_SECRETARIAT_ONLY)


class Result(BaseModel):
    yes: int
    no: int
    abstain: int
    eligible: int
    present: int
    quorum_required: int
    quorum_met: bool
    outcome: Outcome


class Motion(Versioned):
    """While the vote is open only the turnout shows; once closed, each member's ballot."""

    id: UUID
    alliance_id: UUID
    meeting_id: UUID
    body_id: UUID
    title: str
    text: str
    recommendation_id: UUID | None
    majority: MajorityRule
    quorum_percent: int
    electorate: list[UUID]
    status: MotionStatus
    opened_at: datetime
    closed_at: datetime | None
    result: Result | None
    ballots_cast: int
    ballots: dict[UUID, Ballot] | None = Field(
        default=None, description="by member, once the vote is closed"
    )
    own_ballots: dict[UUID, Ballot] = Field(
        default_factory=dict,
        description="the ballots of the members you represent, while the vote is open too "
        "(on reads of a motion or a meeting's motions)",
    )


class Motions(BaseModel):
    items: list[Motion]


# ---- recommendations -------------------------------------------------------------------------
class Advice(BaseModel):
    position: AdvicePosition
    text: str
    body_id: UUID
    given_at: datetime
    given_by: UUID | None = Field(default=None, description=_SECRETARIAT_ONLY)


class Step(BaseModel):
    """One line of the audit trail: what was done, when, and why."""

    action: str
    from_stage: Stage | None
    to_stage: Stage
    at: datetime
    body_id: UUID | None
    motion_id: UUID | None
    note: str | None
    by: UUID | None = Field(default=None, description=_SECRETARIAT_ONLY)


class Recommendation(Versioned):
    id: UUID
    alliance_id: UUID
    working_group_id: UUID
    title: str
    text: str
    theme: str
    sector: str | None
    authors: list[UUID]
    stage: Stage
    stage_since: datetime
    advice: list[Advice]
    endorsed_by_motion: UUID | None
    trail: list[Step]
    awaiting: BodyKind | None = Field(description="the body whose turn it is")


class Recommendations(BaseModel):
    items: list[Recommendation]
