"""Use cases: alliances, membership applications and the members' lifecycle."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from alliance.domain.alliance import Alliance, Pillar, Theme
from alliance.domain.errors import InvalidTransition, NotAllowed
from alliance.domain.member import Member, MemberKind
from alliance.domain.values import Term
from alliance.service_layer.access import (
    Actor,
    is_secretariat,
    load,
    require_platform_secretariat,
    require_secretariat,
)
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


async def found_alliance(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    slug: str,
    name: str,
    declaration: str,
    pillars: list[Pillar],
    themes: list[Theme],
) -> Alliance:
    require_platform_secretariat(actor)
    async with uow:
        alliance = Alliance.found(
            slug=slug,
            name=name,
            declaration=declaration,
            pillars=pillars,
            themes=themes,
            at=clock.now(),
        )
        if await uow.alliances.by_slug(alliance.slug) is not None:
            raise InvalidTransition("An alliance with this slug exists.")
        await uow.alliances.add(alliance)
        await uow.commit()
    return alliance


async def apply(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    alliance_id: UUID,
    kind: MemberKind,
    name: str,
    country: str | None,
    motivation: str,
) -> Member:
    async with uow:
        await load(uow.alliances, alliance_id, "alliance")
        member = Member.apply(
            alliance_id=alliance_id,
            kind=kind,
            name=name,
            country=country,
            applicant=actor.account_id,
            motivation=motivation,
            at=clock.now(),
        )
        await uow.members.add(member)  # SeatTaken if the state holds or requested one
        await uow.commit()
    return member


async def review(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    member_id: UUID,
    *,
    decision: str,
    reason: str = "",
    term_starts_on: date | None = None,
    term_ends_on: date | None = None,
) -> Member:
    """The secretariat's decision on an application or a member: admit, reject, suspend..."""
    now = clock.now()
    async with uow:
        member = await load(uow.members, member_id, "member")
        await require_secretariat(uow, actor, member.alliance_id, now.date())
        if decision == "admit":
            term = Term(starts_on=term_starts_on or now.date(), ends_on=term_ends_on)
            member.admit(term=term, by=actor.account_id, at=now)
        elif decision == "reject":
            member.reject(reason=reason, by=actor.account_id, at=now)
        elif decision == "suspend":
            member.suspend(reason=reason, by=actor.account_id, at=now)
        elif decision == "reinstate":
            member.reinstate(by=actor.account_id, at=now)
        else:  # pragma: no cover - the HTTP layer only passes known decisions
            raise ValueError(decision)
        await uow.commit()
    return member


async def withdraw(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, member_id: UUID, *, reason: str
) -> Member:
    async with uow:
        member = await load(uow.members, member_id, "member")
        if not (
            member.is_represented_by(actor.account_id)
            or await is_secretariat(uow, actor, member.alliance_id, clock.today())
        ):
            raise NotAllowed("Only the member itself or the secretariat can withdraw it.")
        member.withdraw(reason=reason, by=actor.account_id, at=clock.now())
        await uow.commit()
    return member


async def set_representative(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    member_id: UUID,
    account_id: UUID,
    *,
    add: bool,
) -> Member:
    async with uow:
        member = await load(uow.members, member_id, "member")
        if not (
            member.is_represented_by(actor.account_id)
            or await is_secretariat(uow, actor, member.alliance_id, clock.today())
        ):
            raise NotAllowed("Only the member's representatives or the secretariat can do this.")
        if add:
            member.add_representative(account_id, at=clock.now())
        else:
            member.remove_representative(account_id, at=clock.now())
        await uow.commit()
    return member
