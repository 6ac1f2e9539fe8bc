"""The Meeting aggregate: agenda, invitations, registration, attendance, minutes, decisions.

Quorum is not stored: it is computed from the body's rules and who is present (see
``governance.quorum``), so it is always consistent with the attendance list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from alliance.domain import events
from alliance.domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from alliance.domain.values import non_empty, time_zone
from eventkit.aggregate import AggregateRoot

#: attendance and ballots are taken while a meeting is in session: from this long before its
#: start (people log in early, the chair opens the room)...
SESSION_OPENS_BEFORE = timedelta(minutes=30)
#: ...until its end; a meeting scheduled without an end closes this long after its start
SESSION_WITHOUT_END = timedelta(hours=12)


class MeetingKind(StrEnum):
    BODY_MEETING = "body_meeting"
    PLENARY = "plenary"
    SUMMIT = "summit"
    REGIONAL_CONSULTATION = "regional_consultation"
    WORKING_SESSION = "working_session"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class ItemKind(StrEnum):
    INFORMATION = "information"
    DISCUSSION = "discussion"
    DECISION = "decision"


@dataclass(kw_only=True)
class AgendaItem:
    id: UUID
    position: int
    title: str
    kind: ItemKind = ItemKind.DISCUSSION
    description: str = ""


@dataclass(kw_only=True)
class Minutes:
    text: str
    status: MinutesStatus
    drafted_by: UUID
    drafted_at: datetime
    approved_by: UUID | None = None
    approved_at: datetime | None = None


@dataclass(kw_only=True)
class Decision:
    id: UUID
    text: str
    agenda_item_id: UUID | None
    motion_id: UUID | None
    recorded_at: datetime


@dataclass(kw_only=True, eq=False)
class Meeting(AggregateRoot):
    id: UUID
    alliance_id: UUID
    body_id: UUID
    kind: MeetingKind
    title: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str
    location: str = ""
    cancelled: bool = False
    agenda: list[AgendaItem] = field(default_factory=list)
    invitations: set[UUID] = field(default_factory=set)
    registrations: set[UUID] = field(default_factory=set)
    attendance: set[UUID] = field(default_factory=set)
    minutes: Minutes | None = None
    decisions: list[Decision] = field(default_factory=list)

    @classmethod
    def schedule(
        cls,
        *,
        alliance_id: UUID,
        body_id: UUID,
        kind: MeetingKind,
        title: str,
        starts_at: datetime,
        ends_at: datetime | None,
        timezone: str,
        location: str = "",
        invitees: set[UUID] | None = None,
        meeting_id: UUID | None = None,
    ) -> Meeting:
        if starts_at.tzinfo is None:
            raise InvalidInput("starts_at must carry a UTC offset.")
        if ends_at is not None and (ends_at.tzinfo is None or ends_at <= starts_at):
            raise InvalidInput("ends_at must be an aware time after starts_at.")
        meeting = cls(
            id=meeting_id or uuid.uuid4(),
            alliance_id=alliance_id,
            body_id=body_id,
            kind=kind,
            title=non_empty(title, "title"),
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=time_zone(timezone),
            location=location.strip(),
            invitations=set(invitees or ()),
        )
        meeting.record(
            events.MeetingScheduled(
                meeting_id=meeting.id,
                alliance_id=alliance_id,
                body_id=body_id,
                kind=kind.value,
                title=meeting.title,
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=timezone,
            )
        )
        return meeting

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.timezone))

    @property
    def minutes_approved(self) -> bool:
        return self.minutes is not None and self.minutes.status is MinutesStatus.APPROVED

    def add_agenda_item(
        self, *, title: str, kind: ItemKind = ItemKind.DISCUSSION, description: str = ""
    ) -> AgendaItem:
        self._require_open("change the agenda")
        item = AgendaItem(
            id=uuid.uuid4(),
            position=len(self.agenda) + 1,
            title=non_empty(title, "agenda item title"),
            kind=kind,
            description=description.strip(),
        )
        self.agenda.append(item)
        return item

    def invite(self, member_ids: set[UUID]) -> None:
        self._require_open("invite")
        self.invitations |= member_ids

    def register(self, member_id: UUID) -> None:
        self._require_open("register")
        if member_id not in self.invitations:
            raise NotAllowed("Only invited members can register for this meeting.")
        self.registrations.add(member_id)

    @property
    def session(self) -> tuple[datetime, datetime]:
        """When attendance and ballots are taken (README: governance rules)."""
        closes = self.ends_at or self.starts_at + SESSION_WITHOUT_END
        return self.starts_at - SESSION_OPENS_BEFORE, closes

    def require_in_session(self, at: datetime, what: str) -> None:
        opens, closes = self.session
        if not opens <= at <= closes:
            raise InvalidTransition(
                f"Cannot {what} outside the meeting's session: from {opens.isoformat()} "
                f"to {closes.isoformat()}."
            )

    def mark_present(self, member_ids: set[UUID]) -> None:
        self._require_open("record attendance")
        uninvited = member_ids - self.invitations
        if uninvited:
            raise NotAllowed(f"{len(uninvited)} of these members were not invited.")
        self.attendance |= member_ids

    def mark_absent(self, member_ids: set[UUID]) -> None:
        self._require_open("record attendance")
        self.attendance -= member_ids

    def draft_minutes(self, *, text: str, by: UUID, at: datetime) -> None:
        if self.minutes_approved:
            raise InvalidTransition("Approved minutes cannot be changed.")
        self.minutes = Minutes(
            text=non_empty(text, "minutes"),
            status=MinutesStatus.DRAFT,
            drafted_by=by,
            drafted_at=at,
        )

    def approve_minutes(self, *, by: UUID, at: datetime, open_votes: int = 0) -> None:
        """``open_votes``: motions of this meeting still taking ballots. Minutes record what
        was decided, so they wait until every vote is closed (then its result is final)."""
        if self.minutes is None:
            raise InvalidTransition("There are no draft minutes to approve.")
        if open_votes:
            raise InvalidTransition(
                f"{open_votes} vote(s) of this meeting are still open: close them before "
                "approving the minutes."
            )
        if self.minutes_approved:
            raise InvalidTransition("The minutes are already approved.")
        self.minutes.status = MinutesStatus.APPROVED
        self.minutes.approved_by = by
        self.minutes.approved_at = at
        self.record(
            events.MinutesApproved(
                meeting_id=self.id,
                alliance_id=self.alliance_id,
                body_id=self.body_id,
                decisions=len(self.decisions),
                present=len(self.attendance),
                at=at,
            )
        )

    def record_decision(
        self, *, text: str, agenda_item_id: UUID | None, motion_id: UUID | None, at: datetime
    ) -> Decision:
        self._require_open("record decisions")
        if agenda_item_id is not None and agenda_item_id not in {i.id for i in self.agenda}:
            raise NotFound("No such agenda item in this meeting.")
        decision = Decision(
            id=uuid.uuid4(),
            text=non_empty(text, "decision"),
            agenda_item_id=agenda_item_id,
            motion_id=motion_id,
            recorded_at=at,
        )
        self.decisions.append(decision)
        return decision

    def cancel(self, *, at: datetime) -> None:
        self._require_open("cancel")
        if self.attendance:
            raise InvalidTransition("The meeting has been held; it cannot be cancelled.")
        self.cancelled = True
        self.record(
            events.MeetingCancelled(
                meeting_id=self.id,
                alliance_id=self.alliance_id,
                body_id=self.body_id,
                title=self.title,
                starts_at=self.starts_at,
                at=at,
            )
        )

    def _require_open(self, what: str) -> None:
        """Once the minutes are approved the record of the meeting is final."""
        if self.cancelled:
            raise InvalidTransition(f"Cannot {what}: the meeting was cancelled.")
        if self.minutes_approved:
            raise InvalidTransition(f"Cannot {what}: the minutes are approved.")
