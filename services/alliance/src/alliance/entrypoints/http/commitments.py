"""Commitments, progress reports, M&E dashboards and export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import Response
from pydantic import BaseModel, Field

from alliance import views
from alliance.domain.commitment import Commitment
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import Caller, UoW, created_at, dump
from alliance.service_layer import commitments as handlers
from alliance.service_layer.access import load, require_platform_secretariat
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance",
    tags=["commitments"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


def view(c: Commitment, today: date) -> dict[str, Any]:
    data = dump(c)
    data["status"] = c.evaluate(today).value  # as of today, even before the next review
    for ind_data, ind in zip(data["indicators"], c.indicators, strict=True):
        ind_data["current"] = str(ind.current)
        ind_data["status"] = ind.status(today, c.pledged_on).value
    return data


class IndicatorIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    unit: str = Field(min_length=1, max_length=40)
    baseline: Decimal = Field(max_digits=18, decimal_places=4)
    target: Decimal = Field(max_digits=18, decimal_places=4)
    due_on: date


class PledgeIn(BaseModel):
    member_id: UUID
    title: str = Field(min_length=1, max_length=500)
    description: str = Field(default="", max_length=20_000)
    pillar: str = Field(min_length=1, max_length=60)
    theme: str | None = Field(default=None, max_length=60)
    recommendation_ids: list[UUID] = Field(default=[], max_length=50)
    indicators: list[IndicatorIn] = Field(min_length=1, max_length=50)


@router.post(
    "/commitments",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Commitment,
    responses=CREATED,
)
async def pledge(body: PledgeIn, uow: UoW, clock: Now, actor: Caller, once: Once) -> Response:
    async def work() -> dict[str, Any]:
        c = await handlers.pledge(
            uow,
            clock,
            actor,
            member_id=body.member_id,
            title=body.title,
            description=body.description,
            pillar=body.pillar,
            theme=body.theme,
            recommendation_ids=body.recommendation_ids,
            indicators=[handlers.IndicatorSpec(**i.model_dump()) for i in body.indicators],
        )
        return view(c, clock.today())

    return await once(work, headers=created_at("/v1/alliance/commitments/"))


@router.get("/commitments", response_model=schemas.Commitments)
async def list_commitments(
    alliance_id: UUID,
    uow: UoW,
    clock: Now,
    actor: Caller,
    member_id: UUID | None = None,
    pillar: str | None = Query(default=None, max_length=60),
) -> dict[str, Any]:
    async with uow:
        found = await uow.commitments.of_alliance(alliance_id, member_id=member_id, pillar=pillar)
    return {"items": [view(c, clock.today()) for c in found]}


@router.get("/commitments/export.csv", response_class=Response)
async def export(alliance_id: UUID, uow: UoW, clock: Now, actor: Caller) -> Response:
    async with uow:
        found = await uow.commitments.of_alliance(alliance_id)
        members = await uow.members.get_many(c.member_id for c in found)
    text = views.export_csv(found, {m.id: m.name for m in members.values()}, clock.today())
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="commitments.csv"'},
    )


@router.get("/commitments/{commitment_id}", response_model=schemas.Commitment)
async def get_commitment(
    commitment_id: UUID, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    async with uow:
        return view(await load(uow.commitments, commitment_id, "commitment"), clock.today())


class ProgressIn(BaseModel):
    indicator_id: UUID
    value: Decimal = Field(max_digits=18, decimal_places=4)
    reported_on: date | None = None
    note: str = Field(default="", max_length=10_000)
    evidence_links: list[str] = Field(default=[], max_length=20)


@router.post(
    "/commitments/{commitment_id}/progress",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.ProgressReported,
)
async def report_progress(
    commitment_id: UUID, body: ProgressIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    c, report = await handlers.report_progress(
        uow,
        clock,
        actor,
        commitment_id,
        indicator_id=body.indicator_id,
        value=body.value,
        reported_on=body.reported_on,
        note=body.note,
        evidence_links=body.evidence_links,
    )
    return {"report": dump(report), "commitment": view(c, clock.today())}


@router.post("/commitments/status-review", response_model=schemas.StatusReview)
async def review_statuses(uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    """Re-evaluate every open commitment now (the worker also does it periodically)."""
    require_platform_secretariat(actor)
    changed = await handlers.review_statuses(uow, clock)
    return {"as_of": clock.today().isoformat(), "changed": changed}


@router.get(
    "/dashboards/commitments",
    response_model=schemas.CommitmentDashboard,
    response_model_exclude_unset=True,
)
async def dashboard(
    alliance_id: UUID,
    uow: UoW,
    clock: Now,
    actor: Caller,
    by: Literal["pillar", "member", "theme"] = "pillar",
) -> dict[str, Any]:
    async with uow:
        found = await uow.commitments.of_alliance(alliance_id)
    today = clock.today()
    return {"as_of": today.isoformat(), "by": by, "rows": views.dashboard(found, by, today)}
