"""Use cases: motions and votes."""

from __future__ import annotations

from uuid import UUID

from alliance.domain.errors import InvalidInput, InvalidTransition
from alliance.domain.motion import Choice, Motion
from alliance.service_layer.access import Actor, acting_member, load, require_officer
from alliance.service_layer.bodies import members_of
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


async def open_vote(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    meeting_id: UUID,
    *,
    title: str,
    text: str,
    recommendation_id: UUID | None,
) -> Motion:
    """Put a motion to the vote: the electorate is the body's voters; quorum must be present."""
    now = clock.now()
    async with uow:
        meeting = await load(uow.meetings, meeting_id, "meeting")
        body = await load(uow.bodies, meeting.body_id, "body")
        await require_officer(uow, actor, body, now.date())
        if meeting.cancelled or meeting.minutes_approved:
            raise InvalidTransition("This meeting is closed for business.")
        if recommendation_id is not None:
            rec = await load(uow.recommendations, recommendation_id, "recommendation")
            if rec.alliance_id != body.alliance_id:
                raise InvalidInput("That recommendation belongs to another alliance.")
        day = meeting.starts_at.date()
        electorate = body.eligible_voters(await members_of(uow, body, day), day)
        motion = Motion.open(
            alliance_id=body.alliance_id,
            meeting_id=meeting.id,
            body_id=body.id,
            title=title,
            text=text,
            recommendation_id=recommendation_id,
            majority=body.rules.majority,
            quorum_percent=body.rules.quorum_percent,
            electorate=electorate,
            present=meeting.attendance,
            at=now,
        )
        await uow.motions.add(motion)
        await uow.commit()
    return motion


async def cast_ballot(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    motion_id: UUID,
    *,
    choice: Choice,
    on_behalf_of: UUID | None,
) -> Motion:
    async with uow:
        motion = await load(uow.motions, motion_id, "motion")
        member = await acting_member(
            uow, actor, motion.alliance_id, on_behalf_of=on_behalf_of, among=motion.electorate
        )
        meeting = await load(uow.meetings, motion.meeting_id, "meeting")
        meeting.require_in_session(clock.now(), "vote")
        motion.cast(
            member_id=member.id,
            choice=choice,
            cast_by=actor.account_id,
            present=meeting.attendance,
            at=clock.now(),
        )
        await uow.commit()
    return motion


async def close_vote(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, motion_id: UUID
) -> Motion:
    now = clock.now()
    async with uow:
        motion = await load(uow.motions, motion_id, "motion")
        body = await load(uow.bodies, motion.body_id, "body")
        await require_officer(uow, actor, body, now.date())
        meeting = await load(uow.meetings, motion.meeting_id, "meeting")
        motion.close(present=meeting.attendance, at=now)
        await uow.commit()
    return motion
