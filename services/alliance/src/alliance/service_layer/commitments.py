"""Use cases: commitments, progress reports, status review."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from alliance.domain.commitment import Commitment, Indicator, ProgressReport
from alliance.domain.errors import InvalidInput, InvalidTransition, NotAllowed
from alliance.service_layer.access import Actor, is_secretariat, load
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    due_on: date


async def pledge(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    *,
    member_id: UUID,
    title: str,
    description: str,
    pillar: str,
    theme: str | None,
    recommendation_ids: list[UUID],
    indicators: list[IndicatorSpec],
) -> Commitment:
    now = clock.now()
    async with uow:
        member = await load(uow.members, member_id, "member")
        if not (
            member.is_represented_by(actor.account_id)
            or await is_secretariat(uow, actor, member.alliance_id, now.date())
        ):
            raise NotAllowed(
                "Only the member's representatives (or the secretariat) pledge for it."
            )
        if not member.is_active_on(now.date()):
            raise InvalidTransition("Only an admitted member in its term can pledge.")
        alliance = await load(uow.alliances, member.alliance_id, "alliance")
        alliance.require_pillar(pillar)
        if theme is not None:
            alliance.require_theme(theme)
        recs = await uow.recommendations.get_many(recommendation_ids)
        if len(recs) != len(set(recommendation_ids)) or any(
            r.alliance_id != alliance.id for r in recs.values()
        ):
            raise InvalidInput("Linked recommendations must exist in this alliance.")
        commitment = Commitment.pledge(
            alliance_id=alliance.id,
            member_id=member.id,
            title=title,
            description=description,
            pillar=pillar,
            theme=theme,
            recommendation_ids=recommendation_ids,
            indicators=[
                Indicator(
                    id=uuid.uuid4(),
                    name=s.name,
                    unit=s.unit,
                    baseline=s.baseline,
                    target=s.target,
                    due_on=s.due_on,
                )
                for s in indicators
            ],
            at=now,
        )
        await uow.commitments.add(commitment)
        await uow.commit()
    return commitment


async def report_progress(
    uow: AllianceUnitOfWork,
    clock: Clock,
    actor: Actor,
    commitment_id: UUID,
    *,
    indicator_id: UUID,
    value: Decimal,
    reported_on: date | None,
    note: str,
    evidence_links: list[str],
) -> tuple[Commitment, ProgressReport]:
    now = clock.now()
    async with uow:
        commitment = await load(uow.commitments, commitment_id, "commitment")
        member = await load(uow.members, commitment.member_id, "member")
        if not (
            member.is_represented_by(actor.account_id)
            or await is_secretariat(uow, actor, member.alliance_id, now.date())
        ):
            raise NotAllowed("Only the pledging member's representatives report its progress.")
        report = commitment.report_progress(
            indicator_id=indicator_id,
            value=value,
            reported_on=reported_on or now.date(),
            note=note,
            evidence_links=evidence_links,
            by=actor.account_id,
            at=now,
        )
        await uow.commit()
    return commitment, report


async def review_statuses(uow: AllianceUnitOfWork, clock: Clock, *, batch: int = 200) -> int:
    """Re-evaluate every open commitment against today's date; returns how many changed.

    Run periodically by the worker (and on demand by the secretariat): "late" happens by the
    mere passing of time, with no report to trigger it.
    """
    today = clock.today()
    changed = 0
    after: UUID | None = None
    while True:
        async with uow:
            ids = await uow.commitments.ids_not_achieved(after=after, limit=batch)
            if not ids:
                return changed
            for c in (await uow.commitments.get_many(ids)).values():
                changed += c.refresh_status(today)
            await uow.commit()
            after = ids[-1]
