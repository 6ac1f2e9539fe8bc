"""Meetings, and the motions put to the vote in them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import AwareDatetime, BaseModel, Field

from alliance.domain.meeting import ItemKind, Meeting, MeetingKind
from alliance.domain.motion import Choice, Motion, MotionStatus
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import Caller, UoW, created_at, dump
from alliance.service_layer import meetings as handlers
from alliance.service_layer import votes
from alliance.service_layer.access import Actor, as_seen_by, load, represented
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED
from eventkit.http.problems import Problem

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance",
    tags=["meetings", "votes"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


class AgendaItemIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    kind: ItemKind = ItemKind.DISCUSSION
    description: str = Field(default="", max_length=5000)


class MeetingIn(BaseModel):
    body_id: UUID
    kind: MeetingKind = MeetingKind.BODY_MEETING
    title: str = Field(min_length=1, max_length=300)
    starts_at: AwareDatetime
    ends_at: AwareDatetime | None = None
    timezone: str = Field(default="UTC", max_length=64, examples=["Europe/Dublin"])
    location: str = Field(default="", max_length=300)
    agenda: list[AgendaItemIn] = Field(default=[], max_length=100)
    invitees: set[UUID] = Field(default=set(), max_length=1000)


async def meeting_view(uow: AllianceUnitOfWork, meeting: Meeting) -> dict[str, Any]:
    q = await handlers.quorum_of(uow, meeting)
    return {
        **dump(meeting),
        "local_starts_at": meeting.local_start.isoformat(),
        "quorum": {
            "eligible": q.eligible,
            "present": q.present,
            "required": q.required,
            "met": q.met,
        },
    }


@router.post(
    "/meetings",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Meeting,
    responses=CREATED,
)
async def schedule_meeting(
    body: MeetingIn, uow: UoW, clock: Now, actor: Caller, once: Once
) -> Response:
    async def work() -> dict[str, Any]:
        meeting = await handlers.schedule(
            uow,
            clock,
            actor,
            body_id=body.body_id,
            kind=body.kind,
            title=body.title,
            starts_at=body.starts_at,
            ends_at=body.ends_at,
            timezone=body.timezone,
            location=body.location,
            agenda=[(i.title, i.kind) for i in body.agenda],
            extra_invitees=body.invitees,
        )
        async with uow:
            return await meeting_view(uow, meeting)

    return await once(work, headers=created_at("/v1/alliance/meetings/"))


MEETING_SUMMARY = {
    "id",
    "body_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "timezone",
    "cancelled",
}


def _cursor(value: str) -> tuple[datetime, UUID]:
    try:
        at, _, ident = value.rpartition("_")
        return datetime.fromisoformat(at), UUID(ident)
    except ValueError as exc:
        raise Problem(422, "Invalid cursor", "Pass back the next_cursor you were given.") from exc


@router.get("/meetings", response_model=schemas.MeetingPage)
async def list_meetings(
    body_id: UUID,
    uow: UoW,
    actor: Caller,
    cursor: str | None = Query(default=None, max_length=100),
    limit: int = Query(default=50, ge=1, le=200),
) -> dict[str, Any]:
    """A body's meetings in date order (keyset on start time and id)."""
    after = _cursor(cursor) if cursor is not None else None
    async with uow:
        page = await uow.meetings.page_of_body(body_id, after=after, limit=limit + 1)
    items = [{k: v for k, v in dump(m).items() if k in MEETING_SUMMARY} for m in page[:limit]]
    last = page[limit - 1] if len(page) > limit else None
    return {
        "items": items,
        "next_cursor": f"{last.starts_at.isoformat()}_{last.id}" if last else None,
    }


@router.post("/meetings/{meeting_id}/cancellation", response_model=schemas.Cancellation)
async def cancel(meeting_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    meeting = await handlers.cancel(uow, clock, actor, meeting_id)
    return {"id": str(meeting.id), "cancelled": meeting.cancelled}


@router.get(
    "/meetings/{meeting_id}/motions",
    response_model=schemas.Motions,
    response_model_exclude_unset=True,
)
async def list_motions(meeting_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    async with uow:
        meeting = await load(uow.meetings, meeting_id, "meeting")
        own = {m.id for m in await represented(uow, actor, meeting.alliance_id)}
        actor = await as_seen_by(uow, actor, meeting.alliance_id, clock.today())
        found = await uow.motions.put_to(meeting_id)
    return {"items": [motion_view(m, actor, own) for m in found]}


@router.get("/meetings/{meeting_id}", response_model=schemas.Meeting)
async def get_meeting(meeting_id: UUID, uow: UoW, actor: Caller) -> dict[str, Any]:
    async with uow:
        return await meeting_view(uow, await load(uow.meetings, meeting_id, "meeting"))


@router.post(
    "/meetings/{meeting_id}/agenda-items",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.AgendaItem,
)
async def add_agenda_item(
    meeting_id: UUID, body: AgendaItemIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    item = await handlers.add_agenda_item(
        uow,
        clock,
        actor,
        meeting_id,
        title=body.title,
        kind=body.kind,
        description=body.description,
    )
    return dump(item)


class InvitationsIn(BaseModel):
    member_ids: set[UUID] = Field(min_length=1, max_length=1000)


@router.post("/meetings/{meeting_id}/invitations", response_model=schemas.Invitations)
async def invite_to_meeting(
    meeting_id: UUID, body: InvitationsIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    meeting = await handlers.invite(uow, clock, actor, meeting_id, body.member_ids)
    return {"invitations": sorted(str(m) for m in meeting.invitations)}


class OnBehalfIn(BaseModel):
    on_behalf_of: UUID | None = None


@router.post("/meetings/{meeting_id}/registrations", response_model=schemas.Registrations)
async def register_for_meeting(
    meeting_id: UUID, body: OnBehalfIn, uow: UoW, actor: Caller
) -> dict[str, Any]:
    meeting = await handlers.register(uow, actor, meeting_id, on_behalf_of=body.on_behalf_of)
    return {"registrations": sorted(str(m) for m in meeting.registrations)}


class AttendanceIn(BaseModel):
    present: set[UUID] = Field(default=set(), max_length=1000)
    absent: set[UUID] = Field(default=set(), max_length=1000)


@router.post("/meetings/{meeting_id}/attendance", response_model=schemas.Attendance)
async def attendance(
    meeting_id: UUID, body: AttendanceIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    meeting = await handlers.record_attendance(
        uow, clock, actor, meeting_id, present=body.present, absent=body.absent
    )
    async with uow:
        view = await meeting_view(uow, meeting)
    return {"attendance": view["attendance"], "quorum": view["quorum"]}


class MinutesIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000)


@router.put("/meetings/{meeting_id}/minutes", response_model=schemas.Minutes)
async def draft_minutes(
    meeting_id: UUID, body: MinutesIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    meeting = await handlers.draft_minutes(uow, clock, actor, meeting_id, text=body.text)
    return dump(meeting)["minutes"]


@router.post("/meetings/{meeting_id}/minutes/approval", response_model=schemas.Minutes)
async def approve_minutes(meeting_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    meeting = await handlers.approve_minutes(uow, clock, actor, meeting_id)
    return dump(meeting)["minutes"]


class DecisionIn(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)
    agenda_item_id: UUID | None = None
    motion_id: UUID | None = None


@router.post(
    "/meetings/{meeting_id}/decisions",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Decision,
)
async def record_decision(
    meeting_id: UUID, body: DecisionIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    decision = await handlers.record_decision(
        uow,
        clock,
        actor,
        meeting_id,
        text=body.text,
        agenda_item_id=body.agenda_item_id,
        motion_id=body.motion_id,
    )
    return dump(decision)


# ---- motions and votes -------------------------------------------------------------------
class MotionIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(default="", max_length=20_000)
    recommendation_id: UUID | None = None


def motion_view(
    motion: Motion, actor: Actor, own: frozenset[UUID] | set[UUID] = frozenset()
) -> dict[str, Any]:
    """While the vote is open only the turnout shows; once closed, each member's ballot.
    Which account cast it is for the secretariat's audit only. ``own``: the members the
    caller represents, whose ballots they see at once (what "we" voted is no secret to us)."""
    data = dump(motion, exclude={"ballots"})
    data["ballots_cast"] = len(motion.ballots)
    data["own_ballots"] = {
        str(member): {"choice": b.choice.value}
        for member, b in motion.ballots.items()
        if member in own
    }
    if motion.status is MotionStatus.CLOSED:
        data["ballots"] = {
            str(member): (
                {
                    "choice": b.choice.value,
                    "cast_by": str(b.cast_by),
                    "cast_at": b.cast_at.isoformat(),
                }
                if actor.secretariat
                else {"choice": b.choice.value}
            )
            for member, b in motion.ballots.items()
        }
    return data


@router.post(
    "/meetings/{meeting_id}/motions",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Motion,
    responses=CREATED,
    response_model_exclude_unset=True,
)
async def open_vote(
    meeting_id: UUID,
    body: MotionIn,
    uow: UoW,
    clock: Now,
    actor: Caller,
    once: Once,
) -> Response:
    """Opens a vote; refused (409 No quorum) unless the body's quorum is present."""

    async def work() -> dict[str, Any]:
        motion = await votes.open_vote(
            uow,
            clock,
            actor,
            meeting_id,
            title=body.title,
            text=body.text,
            recommendation_id=body.recommendation_id,
        )
        return motion_view(motion, actor)

    return await once(work, headers=created_at("/v1/alliance/motions/"))


@router.get(
    "/motions/{motion_id}", response_model=schemas.Motion, response_model_exclude_unset=True
)
async def get_motion(motion_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    async with uow:
        motion = await load(uow.motions, motion_id, "motion")
        own = {m.id for m in await represented(uow, actor, motion.alliance_id)}
        actor = await as_seen_by(uow, actor, motion.alliance_id, clock.today())
        return motion_view(motion, actor, own)


class BallotIn(BaseModel):
    choice: Choice
    on_behalf_of: UUID | None = None


@router.post(
    "/motions/{motion_id}/ballots",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Motion,
    response_model_exclude_unset=True,
)
async def cast_ballot(
    motion_id: UUID, body: BallotIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    motion = await votes.cast_ballot(
        uow, clock, actor, motion_id, choice=body.choice, on_behalf_of=body.on_behalf_of
    )
    return motion_view(motion, actor)


@router.post(
    "/motions/{motion_id}/close", response_model=schemas.Motion, response_model_exclude_unset=True
)
async def close_vote(motion_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    return motion_view(await votes.close_vote(uow, clock, actor, motion_id), actor)
