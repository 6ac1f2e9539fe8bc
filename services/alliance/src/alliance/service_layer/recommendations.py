"""Use cases: the recommendation pipeline."""

from __future__ import annotations

from uuid import UUID

from alliance.domain.errors import NotAllowed
from alliance.domain.recommendation import AdvicePosition, Recommendation, Stage
from alliance.service_layer.access import (
    Actor,
    is_secretariat,
    load,
    represented,
    require_officer,
    require_secretariat,
)
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock
from eventkit.preconditions import IfMatch


async def draft(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    working_group_id: UUID,
    title: str,
    text: str,
    theme: str | None,
    sector: str | None,
    author_ids: list[UUID],
) -> Recommendation:
    now = clock.now()
    async with uow:
        wg = await load(uow.bodies, working_group_id, "working group")
        authors = await uow.members.get_many(author_ids)
        if len(authors) != len(set(author_ids)):
            raise NotAllowed("Every author must be a member of the alliance.")
        if not await is_secretariat(uow, actor, wg.alliance_id, now.date()) and not any(
            a.is_represented_by(actor.account_id) for a in authors.values()
        ):
            raise NotAllowed("Only an author (or the secretariat) can file a draft.")
        if theme is not None:
            (await load(uow.alliances, wg.alliance_id, "alliance")).require_theme(theme)
        rec = Recommendation.draft(
            working_group=wg,
            title=title,
            text=text,
            theme=theme,
            sector=sector,
            authors=[authors[a] for a in dict.fromkeys(author_ids)],
            by=actor.account_id,
            at=now,
        )
        await uow.recommendations.add(rec)
        await uow.commit()
    return rec


async def revise(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    recommendation_id: UUID,
    *,
    title: str | None,
    text: str | None,
    expected: IfMatch = IfMatch(),
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        expected.check(rec.version, required=False, what="the recommendation")
        mine = {m.id for m in await represented(uow, actor, rec.alliance_id)}
        if not mine.intersection(rec.authors) and not await is_secretariat(
            uow, actor, rec.alliance_id, clock.today()
        ):
            wg = await load(uow.bodies, rec.working_group_id, "working group")
            await require_officer(uow, actor, wg, clock.today())
        rec.revise(title=title, text=text, by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec


async def adopt(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    recommendation_id: UUID,
    *,
    motion_id: UUID | None,
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        wg = await load(uow.bodies, rec.working_group_id, "working group")
        await require_officer(uow, actor, wg, clock.today())
        motion = await load(uow.motions, motion_id, "motion") if motion_id else None
        rec.adopt(body=wg, motion=motion, by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec


async def review(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    recommendation_id: UUID,
    *,
    advisory_group_id: UUID,
    position: AdvicePosition,
    text: str,
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        body = await load(uow.bodies, advisory_group_id, "advisory group")
        await require_officer(uow, actor, body, clock.today())
        rec.review(body=body, position=position, text=text, by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec


async def endorse(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, recommendation_id: UUID, *, motion_id: UUID
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        motion = await load(uow.motions, motion_id, "motion")
        body = await load(uow.bodies, motion.body_id, "body")
        await require_officer(uow, actor, body, clock.today())
        rec.endorse(body=body, motion=motion, by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec


async def publish(
    uow: AllianceUnitOfWork, clock: Clock, actor: Actor, recommendation_id: UUID
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        await require_secretariat(uow, actor, rec.alliance_id, clock.today())
        rec.publish(by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec


async def return_(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    recommendation_id: UUID,
    *,
    reason: str,
    to: Stage | None,
    body_id: UUID | None,
) -> Recommendation:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        body = await load(uow.bodies, body_id, "body") if body_id else None
        if body is not None:
            await require_officer(uow, actor, body, clock.today())
        else:
            await require_secretariat(uow, actor, rec.alliance_id, clock.today())
        rec.return_to(reason=reason, to=to, body=body, by=actor.account_id, at=clock.now())
        await uow.commit()
    return rec
