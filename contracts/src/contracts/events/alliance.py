"""Events published by the alliance service.

Partner-visible topics (meetings, motions, recommendations, commitments) carry no personal
data: bodies, members and accounts appear only as opaque ids, never names or ballots of
individuals. Member lifecycle events stay internal.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent
from contracts.topics import Topic

MEMBER_TOPIC = "alliance.member.v1"
BODY_TOPIC = "alliance.body.v1"
MEETING_TOPIC = "alliance.meeting.v1"
MOTION_TOPIC = "alliance.motion.v1"
RECOMMENDATION_TOPIC = "alliance.recommendation.v1"
COMMITMENT_TOPIC = "alliance.commitment.v1"


# ---- members ---------------------------------------------------------------------------
class MemberEvent(IntegrationEvent):
    """A member's lifecycle step. No names: individuals (experts, youth leaders) are members."""

    topic: ClassVar[str] = MEMBER_TOPIC
    member_id: UUID
    alliance_id: UUID
    kind: str = Field(
        description="member_state | organisation | expert | observer | guest | youth_leader"
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 (member states)")
    status: str
    term_starts_on: date | None = None
    term_ends_on: date | None = None
    occurred_at: datetime
    #: accounts acting for the member (the person, for individuals): who notifications tells
    representative_ids: list[UUID] = []

    def subject(self) -> str:
        return str(self.member_id)


class MemberApplied(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.applied"


class MemberAdmitted(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.admitted"


class MemberRejected(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.rejected"


class MemberSuspended(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.suspended"


class MemberReinstated(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.reinstated"


class MemberWithdrawn(MemberEvent):
    type_name: ClassVar[str] = "alliance.member.withdrawn"


class MemberRepresentativesChanged(MemberEvent):
    """An account started or stopped acting for the member; ``representative_ids`` is the
    full new set."""

    type_name: ClassVar[str] = "alliance.member.representatives_changed"


# ---- bodies ----------------------------------------------------------------------------
class BodyMembershipChanged(IntegrationEvent):
    """A member took a seat on a body (secretariat, steering committee, working group...)
    or its seat ended (``role`` null)."""

    topic: ClassVar[str] = BODY_TOPIC
    type_name: ClassVar[str] = "alliance.body.membership_changed"

    body_id: UUID
    alliance_id: UUID
    body_kind: str
    member_id: UUID
    role: str | None = Field(default=None, description="chair, member, observer, rapporteur")
    occurred_at: datetime

    def subject(self) -> str:
        return str(self.body_id)


# ---- meetings --------------------------------------------------------------------------
class MeetingEvent(IntegrationEvent):
    topic: ClassVar[str] = MEETING_TOPIC
    meeting_id: UUID
    alliance_id: UUID
    body_id: UUID

    def subject(self) -> str:
        return str(self.meeting_id)


class MeetingScheduled(MeetingEvent):
    """A body will meet; the representatives of the members seated on it are told
    (an invitation in their language)."""

    type_name: ClassVar[str] = "alliance.meeting.scheduled"
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    timezone: str = Field(description="IANA time zone of the meeting venue")


class MeetingCancelled(MeetingEvent):
    """The meeting will not take place; the representatives of the members seated on the
    body are told."""

    type_name: ClassVar[str] = "alliance.meeting.cancelled"
    cancelled_at: datetime
    title: str | None = None
    starts_at: datetime | None = None


class MinutesApproved(MeetingEvent):
    type_name: ClassVar[str] = "alliance.meeting.minutes_approved"
    decisions: int
    present: int = Field(description="members present")
    approved_at: datetime


# ---- motions and votes -----------------------------------------------------------------
class MotionEvent(IntegrationEvent):
    topic: ClassVar[str] = MOTION_TOPIC
    motion_id: UUID
    alliance_id: UUID
    meeting_id: UUID
    body_id: UUID
    recommendation_id: UUID | None = None

    def subject(self) -> str:
        return str(self.motion_id)


class VoteOpened(MotionEvent):
    """Ballots are taken; the representatives of the members seated on the body are told."""

    type_name: ClassVar[str] = "alliance.motion.vote_opened"
    title: str
    eligible: int
    opened_at: datetime


class VoteClosed(MotionEvent):
    """The final, immutable result (counts only, never who voted what); the representatives
    of the members seated on the body are told the result."""

    type_name: ClassVar[str] = "alliance.motion.vote_closed"
    title: str | None = None
    yes: int
    no: int
    abstain: int
    eligible: int
    present: int
    quorum_met: bool
    outcome: str = Field(description="carried | rejected | invalid (no quorum at close)")
    closed_at: datetime


# ---- recommendations -------------------------------------------------------------------
class RecommendationMoved(IntegrationEvent):
    """A step of the pipeline: drafted, adopted, reviewed, endorsed, published, returned.
    When it is published, the representatives of the alliance's active members are told."""

    topic: ClassVar[str] = RECOMMENDATION_TOPIC
    type_name: ClassVar[str] = "alliance.recommendation.moved"
    recommendation_id: UUID
    alliance_id: UUID
    working_group_id: UUID
    title: str
    theme: str
    sector: str | None = None
    action: str
    from_stage: str | None = None
    to_stage: str
    body_id: UUID | None = None
    motion_id: UUID | None = None
    reason: str | None = Field(default=None, description="why it was returned")
    occurred_at: datetime

    def subject(self) -> str:
        return str(self.recommendation_id)


# ---- commitments -----------------------------------------------------------------------
class CommitmentEvent(IntegrationEvent):
    topic: ClassVar[str] = COMMITMENT_TOPIC
    commitment_id: UUID
    alliance_id: UUID
    member_id: UUID

    def subject(self) -> str:
        return str(self.commitment_id)


class CommitmentPledged(CommitmentEvent):
    type_name: ClassVar[str] = "alliance.commitment.pledged"
    title: str
    pillar: str
    theme: str | None = None
    recommendation_ids: list[UUID] = []
    indicators: int
    pledged_at: datetime


class ProgressReported(CommitmentEvent):
    type_name: ClassVar[str] = "alliance.commitment.progress_reported"
    indicator_id: UUID
    value: Decimal
    reported_on: date
    evidence_links: int = Field(description="number of evidence links attached")
    recorded_at: datetime


class CommitmentStatusChanged(CommitmentEvent):
    """The computed status moved; when it turns late or at risk, the pledging member's
    representatives are told."""

    type_name: ClassVar[str] = "alliance.commitment.status_changed"
    title: str | None = None
    pillar: str
    from_status: str | None = None
    to_status: str = Field(description="on_track | at_risk | late | achieved")
    as_of: date


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=MEMBER_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=False,
        description="Alliance members: applied, admitted, rejected, suspended, reinstated, "
        "withdrawn, representatives changed. Internal (members include individuals).",
        event_types=(
            MemberApplied,
            MemberAdmitted,
            MemberRejected,
            MemberSuspended,
            MemberReinstated,
            MemberWithdrawn,
            MemberRepresentativesChanged,
        ),
    ),
    Topic(
        name=BODY_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=False,
        description="Seats on alliance bodies: taken, ended. Internal (members include "
        "individuals).",
        event_types=(BodyMembershipChanged,),
    ),
    Topic(
        name=MEETING_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=True,
        description="Meetings of alliance bodies: scheduled, cancelled, minutes approved. "
        "No personal data.",
        event_types=(MeetingScheduled, MeetingCancelled, MinutesApproved),
    ),
    Topic(
        name=MOTION_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=True,
        description="Votes of alliance bodies: opened, closed with result (counts only).",
        event_types=(VoteOpened, VoteClosed),
    ),
    Topic(
        name=RECOMMENDATION_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=True,
        description="Recommendation pipeline steps (drafted ... published, returned).",
        event_types=(RecommendationMoved,),
    ),
    Topic(
        name=COMMITMENT_TOPIC,
        owner="alliance",
        partitions=3,
        partner_visible=True,
        description="Commitments: pledged, progress reported, status changed. No personal data.",
        event_types=(CommitmentPledged, ProgressReported, CommitmentStatusChanged),
    ),
)
