"""Use cases: bodies, their rules and their memberships."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from alliance.domain.body import Body, BodyKind, BodyRules, Membership, Role
from alliance.domain.member import Member
from alliance.domain.values import Term
from alliance.service_layer.access import Actor, load, require_secretariat
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


async def establish(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    alliance_id: UUID,
    kind: BodyKind,
    name: str,
    theme: str | None,
    mandate: str,
    rules: BodyRules,
) -> Body:
    async with uow:
        alliance = await load(uow.alliances, alliance_id, "alliance")
        await require_secretariat(uow, actor, alliance_id, clock.today())
        if theme is not None:
            alliance.require_theme(theme)
        body = Body.establish(
            alliance_id=alliance_id, kind=kind, name=name, theme=theme, mandate=mandate, rules=rules
        )
        await uow.bodies.add(body)
        await uow.commit()
    return body


async def appoint(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    body_id: UUID,
    *,
    member_id: UUID,
    role: Role,
    starts_on: date | None,
    ends_on: date | None,
) -> Membership:
    now = clock.now()
    async with uow:
        body = await load(uow.bodies, body_id, "body")
        await require_secretariat(uow, actor, body.alliance_id, now.date())
        member = await load(uow.members, member_id, "member")
        membership = body.appoint(
            member, role=role, term=Term(starts_on=starts_on or now.date(), ends_on=ends_on), at=now
        )
        await uow.commit()
    return membership


async def end_membership(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    body_id: UUID,
    membership_id: UUID,
    *,
    on: date | None,
) -> Body:
    now = clock.now()
    async with uow:
        body = await load(uow.bodies, body_id, "body")
        await require_secretariat(uow, actor, body.alliance_id, now.date())
        body.end_membership(membership_id, on=on or now.date(), at=now)
        await uow.commit()
    return body


async def voters(uow: AllianceUnitOfWork, clock: Clock, body_id: UUID) -> tuple[Body, set[UUID]]:
    async with uow:
        body = await load(uow.bodies, body_id, "body")
        members = await uow.members.get_many(body.sitting_members(clock.today()))
        return body, body.eligible_voters(members, clock.today())


async def members_of(uow: AllianceUnitOfWork, body: Body, day: date) -> dict[UUID, Member]:
    return await uow.members.get_many(body.sitting_members(day))
