"""Use cases: youth leader cohorts and nominations."""

from __future__ import annotations

from uuid import UUID

from alliance.domain.cohort import Cohort, Nomination
from alliance.domain.errors import NotAllowed
from alliance.service_layer.access import (
    Actor,
    is_secretariat,
    load,
    represented,
    require_secretariat,
)
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


async def open_cohort(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    alliance_id: UUID,
    name: str,
    year: int,
) -> Cohort:
    async with uow:
        await load(uow.alliances, alliance_id, "alliance")
        await require_secretariat(uow, actor, alliance_id, clock.today())
        cohort = Cohort.open(alliance_id=alliance_id, name=name, year=year)
        await uow.cohorts.add(cohort)
        await uow.commit()
    return cohort


async def nominate(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, cohort_id: UUID, *, member_id: UUID
) -> Nomination:
    """Any admitted member (a state, an organisation) or the secretariat nominates."""
    async with uow:
        cohort = await load(uow.cohorts, cohort_id, "cohort")
        if not await is_secretariat(uow, actor, cohort.alliance_id, clock.today()):
            mine = [
                m
                for m in await represented(uow, actor, cohort.alliance_id)
                if m.is_active_on(clock.today())
            ]
            if not mine:
                raise NotAllowed("Only admitted members or the secretariat nominate youth leaders.")
        member = await load(uow.members, member_id, "member")
        nomination = cohort.nominate(member, by=actor.account_id, at=clock.now())
        await uow.commit()
    return nomination


async def decide(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    cohort_id: UUID,
    nomination_id: UUID,
    *,
    accept: bool,
) -> Nomination:
    async with uow:
        cohort = await load(uow.cohorts, cohort_id, "cohort")
        await require_secretariat(uow, actor, cohort.alliance_id, clock.today())
        nomination = cohort.decide(nomination_id, accept=accept, at=clock.now())
        await uow.commit()
    return nomination
