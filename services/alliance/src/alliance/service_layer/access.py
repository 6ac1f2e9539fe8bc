"""Who is acting, and object-level authorisation shared by the handlers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar
from uuid import UUID

from alliance.domain.body import Body, BodyKind, Role
from alliance.domain.errors import InvalidInput, NotAllowed, NotFound
from alliance.domain.member import Member
from alliance.service_layer.repositories import Documents
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.aggregate import AggregateRoot

A = TypeVar("A", bound=AggregateRoot)


@dataclass(frozen=True)
class Actor:
    """The caller: an account, possibly holding the secretariat role."""

    account_id: UUID
    secretariat: bool = False


async def load(repo: Documents[A], aggregate_id: UUID, what: str) -> A:
    found = await repo.get(aggregate_id)
    if found is None:
        raise NotFound(f"No such {what}.")
    return found


def require_platform_secretariat(actor: Actor) -> None:
    """Acts above any one alliance (founding one, reviewing every commitment)."""
    if not actor.secretariat:
        raise NotAllowed("Only the secretariat can do this.")


async def is_secretariat(
    uow: AllianceUnitOfWork, actor: Actor, alliance_id: UUID, day: date
) -> bool:
    """The platform's secretariat role, or a seat (not as observer) on this alliance's own
    secretariat body: each alliance is run by its own technical secretariat."""
    if actor.secretariat:
        return True
    mine = {m.id for m in await represented(uow, actor, alliance_id) if m.is_active_on(day)}
    if not mine:
        return False
    secretariats = await uow.bodies.of_alliance(alliance_id, BodyKind.SECRETARIAT)
    return any(
        b.role_of(member_id, day) not in (None, Role.OBSERVER)
        for b in secretariats
        for member_id in mine
    )


async def as_seen_by(uow: AllianceUnitOfWork, actor: Actor, alliance_id: UUID, day: date) -> Actor:
    """The caller as this alliance's records show themselves to it: a seat on the alliance's
    own secretariat counts as the secretariat, so it sees who acted in the recommendation
    trail, members' files and who cast each ballot, as far as that role needs (and its reads
    of individuals' files go to their audit log)."""
    if actor.secretariat or not await is_secretariat(uow, actor, alliance_id, day):
        return actor
    return replace(actor, secretariat=True)


async def require_secretariat(
    uow: AllianceUnitOfWork, actor: Actor, alliance_id: UUID, day: date
) -> None:
    if not await is_secretariat(uow, actor, alliance_id, day):
        raise NotAllowed("Only the secretariat can do this.")


async def represented(uow: AllianceUnitOfWork, actor: Actor, alliance_id: UUID) -> list[Member]:
    return [
        m
        for m in await uow.members.represented_by(actor.account_id)
        if m.alliance_id == alliance_id
    ]


async def acting_member(
    uow: AllianceUnitOfWork,
    actor: Actor,
    alliance_id: UUID,
    *,
    on_behalf_of: UUID | None,
    among: set[UUID] | None = None,
) -> Member:
    """The member the actor acts for (they may represent several: then they must say which)."""
    candidates = [
        m for m in await represented(uow, actor, alliance_id) if among is None or m.id in among
    ]
    if on_behalf_of is not None:
        candidates = [m for m in candidates if m.id == on_behalf_of]
    if not candidates:
        raise NotAllowed("You do not represent an eligible member for this.")
    if len(candidates) > 1:
        raise InvalidInput("You represent several eligible members: say on whose behalf.")
    return candidates[0]


async def require_officer(uow: AllianceUnitOfWork, actor: Actor, body: Body, day: date) -> None:
    """The secretariat, or a representative of a chair/co-chair of the body."""
    if await is_secretariat(uow, actor, body.alliance_id, day):
        return
    officers = body.officers(day)
    if not any(m.id in officers for m in await represented(uow, actor, body.alliance_id)):
        raise NotAllowed("Only the body's chair or the secretariat can do this.")
