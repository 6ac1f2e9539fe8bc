"""Use cases: meetings (agenda, invitations, registration, attendance, minutes, decisions)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from alliance.domain.errors import InvalidInput
from alliance.domain.governance import Quorum, quorum
from alliance.domain.meeting import AgendaItem, Decision, ItemKind, Meeting, MeetingKind
from alliance.domain.motion import MotionStatus
from alliance.service_layer.access import (
    Actor,
    acting_member,
    load,
    require_officer,
    require_secretariat,
)
from alliance.service_layer.bodies import members_of
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


async def schedule(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    body_id: UUID,
    kind: MeetingKind,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    timezone: str,
    location: str,
    agenda: list[tuple[str, ItemKind]],
    extra_invitees: set[UUID],
) -> Meeting:
    async with uow:
        body = await load(uow.bodies, body_id, "body")
        await require_officer(uow, actor, body, clock.today())
        day = starts_at.date()
        extra = await uow.members.get_many(extra_invitees)
        if len(extra) != len(extra_invitees) or any(
            m.alliance_id != body.alliance_id for m in extra.values()
        ):
            raise InvalidInput("Some invitees are not members of this alliance.")
        # everyone sitting on the body on the day is invited; observers and guests on top
        meeting = Meeting.schedule(
            alliance_id=body.alliance_id,
            body_id=body.id,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=timezone,
            location=location,
            invitees=body.sitting_members(day) | set(extra),
        )
        for item_title, item_kind in agenda:
            meeting.add_agenda_item(title=item_title, kind=item_kind)
        await uow.meetings.add(meeting)
        await uow.commit()
    return meeting


async def _officer_meeting(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, meeting_id: UUID
) -> Meeting:
    meeting = await load(uow.meetings, meeting_id, "meeting")
    body = await load(uow.bodies, meeting.body_id, "body")
    await require_officer(uow, actor, body, clock.today())
    return meeting


async def add_agenda_item(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    meeting_id: UUID,
    *,
    title: str,
    kind: ItemKind,
    description: str,
) -> AgendaItem:
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        item = meeting.add_agenda_item(title=title, kind=kind, description=description)
        await uow.commit()
    return item


async def invite(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, meeting_id: UUID, member_ids: set[UUID]
) -> Meeting:
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        found = await uow.members.get_many(member_ids)
        if len(found) != len(member_ids) or any(
            m.alliance_id != meeting.alliance_id for m in found.values()
        ):
            raise InvalidInput("Some invitees are not members of this alliance.")
        meeting.invite(member_ids)
        await uow.commit()
    return meeting


async def register(
    uow: AllianceUnitOfWork, actor: Actor, meeting_id: UUID, *, on_behalf_of: UUID | None
) -> Meeting:
    """A representative registers their member for the meeting."""
    async with uow:
        meeting = await load(uow.meetings, meeting_id, "meeting")
        member = await acting_member(
            uow, actor, meeting.alliance_id, on_behalf_of=on_behalf_of, among=meeting.invitations
        )
        meeting.register(member.id)
        await uow.commit()
    return meeting


async def record_attendance(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    meeting_id: UUID,
    *,
    present: set[UUID],
    absent: set[UUID],
) -> Meeting:
    """The secretariat (or the chair) keeps the attendance list."""
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        meeting.require_in_session(clock.now(), "record attendance")
        meeting.mark_present(present)
        meeting.mark_absent(absent)
        await uow.commit()
    return meeting


async def cancel(uow: AllianceUnitOfWork, clock: Clock, actor: Actor, meeting_id: UUID) -> Meeting:
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        meeting.cancel(at=clock.now())
        await uow.commit()
    return meeting


async def quorum_of(uow: AllianceUnitOfWork, meeting: Meeting) -> Quorum:
    body = await load(uow.bodies, meeting.body_id, "body")
    day = meeting.starts_at.date()
    electorate = body.eligible_voters(await members_of(uow, body, day), day)
    return quorum(electorate, meeting.attendance, body.rules.quorum_percent)


async def draft_minutes(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, meeting_id: UUID, *, text: str
) -> Meeting:
    async with uow:
        meeting = await load(uow.meetings, meeting_id, "meeting")
        await require_secretariat(uow, actor, meeting.alliance_id, clock.today())
        meeting.draft_minutes(text=text, by=actor.account_id, at=clock.now())
        await uow.commit()
    return meeting


async def approve_minutes(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, meeting_id: UUID
) -> Meeting:
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        motions = await uow.motions.put_to(meeting.id)
        open_votes = sum(1 for m in motions if m.status is MotionStatus.OPEN)
        meeting.approve_minutes(by=actor.account_id, at=clock.now(), open_votes=open_votes)
        await uow.commit()
    return meeting


async def record_decision(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    meeting_id: UUID,
    *,
    text: str,
    agenda_item_id: UUID | None,
    motion_id: UUID | None,
) -> Decision:
    async with uow:
        meeting = await _officer_meeting(uow, clock, actor, meeting_id)
        if motion_id is not None:
            motion = await load(uow.motions, motion_id, "motion")
            if motion.meeting_id != meeting.id:
                raise InvalidInput("That motion was not put to this meeting.")
        decision = meeting.record_decision(
            text=text, agenda_item_id=agenda_item_id, motion_id=motion_id, at=clock.now()
        )
        await uow.commit()
    return decision
