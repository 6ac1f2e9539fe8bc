"""What a representative holds: the members they act for, those members' seats on bodies,
and the meetings those members are invited to (the representative's console reads this)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliance.domain.body import Body, Role
from alliance.domain.meeting import Meeting
from alliance.domain.member import Member
from alliance.service_layer.access import Actor
from alliance.service_layer.unit_of_work import AllianceUnitOfWork


@dataclass(frozen=True)
class Seat:
    body: Body
    member: Member
    role: Role


@dataclass(frozen=True)
class Representation:
    members: list[Member]
    seats: list[Seat]
    meetings: list[Meeting]


async def representation_of(uow: AllianceUnitOfWork, actor: Actor, day: date) -> Representation:
    """Only the caller's own: members whose representatives include their account, the seats
    those members hold on ``day``, and every meeting any of them is invited to."""
    async with uow:
        members = await uow.members.represented_by(actor.account_id)
        bodies = [
            body
            for alliance_id in sorted({m.alliance_id for m in members})
            for body in await uow.bodies.of_alliance(alliance_id)
        ]
        seats = [
            Seat(body, member, role)
            for body in bodies
            for member in members
            if (role := body.role_of(member.id, day)) is not None
        ]
        meetings = await uow.meetings.inviting_any(m.id for m in members)
    return Representation(members, seats, meetings)
