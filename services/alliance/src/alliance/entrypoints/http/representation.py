"""The signed-in representative's own view of the alliance: ``GET /v1/alliance/me``."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from alliance.domain.body import BodyKind, Role
from alliance.domain.meeting import MeetingKind
from alliance.domain.member import MemberKind, MemberStatus
from alliance.entrypoints.http.deps import Caller, UoW
from alliance.service_layer.representation import representation_of
from eventkit.http.clock import Now

router = APIRouter(prefix="/v1/alliance", tags=["members"])


class RepresentedMember(BaseModel):
    id: UUID
    alliance_id: UUID
    kind: MemberKind
    name: str
    country: str | None
    status: MemberStatus


class SeatOut(BaseModel):
    body_id: UUID
    body_name: str
    body_kind: BodyKind
    member_id: UUID
    role: Role


class MyMeeting(BaseModel):
    id: UUID
    alliance_id: UUID
    body_id: UUID
    kind: MeetingKind
    title: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str
    location: str
    cancelled: bool
    invited: list[UUID] = Field(description="my members invited to it")
    registered: list[UUID] = Field(description="my members registered for it")
    present: list[UUID] = Field(description="my members marked present")


class MyRepresentation(BaseModel):
    as_of: date
    members: list[RepresentedMember] = Field(description="the members I represent")
    seats: list[SeatOut] = Field(description="their seats on bodies today")
    meetings: list[MyMeeting] = Field(description="meetings they are invited to, by start")


@router.get("/me", response_model=MyRepresentation)
async def my_representation(uow: UoW, clock: Now, actor: Caller) -> MyRepresentation:
    """What the caller represents: their members, those members' seats and meetings. Empty
    lists for an account that represents no member (anyone may ask about themselves)."""
    today = clock.today()
    mine = await representation_of(uow, actor, today)
    ids = {m.id for m in mine.members}

    def mine_among(among: set[UUID]) -> list[UUID]:
        return sorted(among & ids)

    return MyRepresentation(
        as_of=today,
        members=[RepresentedMember.model_validate(m, from_attributes=True) for m in mine.members],
        seats=[
            SeatOut(
                body_id=s.body.id,
                body_name=s.body.name,
                body_kind=s.body.kind,
                member_id=s.member.id,
                role=s.role,
            )
            for s in mine.seats
        ],
        meetings=[
            MyMeeting(
                id=m.id,
                alliance_id=m.alliance_id,
                body_id=m.body_id,
                kind=m.kind,
                title=m.title,
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                timezone=m.timezone,
                location=m.location,
                cancelled=m.cancelled,
                invited=mine_among(m.invitations),
                registered=mine_among(m.registrations),
                present=mine_among(m.attendance),
            )
            for m in mine.meetings
        ],
    )
