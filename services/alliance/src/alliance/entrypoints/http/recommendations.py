"""The recommendation pipeline."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, Field

from alliance.domain.recommendation import AdvicePosition, Recommendation, Stage
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import (
    Caller,
    UoW,
    created_at,
    dump,
)
from alliance.service_layer import recommendations as handlers
from alliance.service_layer.access import Actor, as_seen_by, load
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.preconditions import etag

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance/recommendations",
    tags=["recommendations"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


#: the secretariat sees who acted; the others get the same answer without those fields
_ANSWERS_RECOMMENDATION: dict[str, Any] = {
    "response_model": schemas.Recommendation,
    "response_model_exclude_unset": True,
}


def view(rec: Recommendation, actor: Actor) -> dict[str, Any]:
    """The audit trail names bodies and votes for everyone; which *account* acted is for the
    secretariat's eyes (accounts are people)."""
    data = {**dump(rec), "awaiting": rec.awaiting.value if rec.awaiting else None}
    if not actor.secretariat:
        for step in data["trail"]:
            step.pop("by", None)
        for advice in data["advice"]:
            advice.pop("given_by", None)
    return data


class DraftIn(BaseModel):
    working_group_id: UUID
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=50_000)
    theme: str | None = Field(default=None, max_length=60)
    sector: str | None = Field(default=None, max_length=100)
    author_ids: list[UUID] = Field(min_length=1, max_length=50)


@router.post("", status_code=status.HTTP_201_CREATED, responses=CREATED, **_ANSWERS_RECOMMENDATION)
async def draft(body: DraftIn, uow: UoW, clock: Now, actor: Caller, once: Once) -> Response:
    async def work() -> dict[str, Any]:
        rec = await handlers.draft(
            uow,
            clock,
            actor,
            working_group_id=body.working_group_id,
            title=body.title,
            text=body.text,
            theme=body.theme,
            sector=body.sector,
            author_ids=body.author_ids,
        )
        return view(rec, actor)

    return await once(work, headers=created_at("/v1/alliance/recommendations/"))


@router.get("", response_model=schemas.Recommendations, response_model_exclude_unset=True)
async def list_recommendations(
    alliance_id: UUID,
    uow: UoW,
    clock: Now,
    actor: Caller,
    stage: Stage | None = None,
    theme: str | None = Query(default=None, max_length=60),
) -> dict[str, Any]:
    async with uow:
        actor = await as_seen_by(uow, actor, alliance_id, clock.today())
        found = await uow.recommendations.of_alliance(alliance_id, stage)
    return {"items": [view(r, actor) for r in found if theme is None or r.theme == theme]}


@router.get("/{recommendation_id}", **_ANSWERS_RECOMMENDATION)
async def get_recommendation(
    recommendation_id: UUID, uow: UoW, clock: Now, actor: Caller, response: Response
) -> dict[str, Any]:
    async with uow:
        rec = await load(uow.recommendations, recommendation_id, "recommendation")
        actor = await as_seen_by(uow, actor, rec.alliance_id, clock.today())
    response.headers["ETag"] = etag(rec.version)
    return view(rec, actor)


class RevisionIn(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=500)
    text: str | None = Field(default=None, min_length=1, max_length=50_000)


@router.patch(
    "/{recommendation_id}",
    responses={412: {"description": "If-Match mismatch"}},
    **_ANSWERS_RECOMMENDATION,
)
async def revise(
    recommendation_id: UUID,
    body: RevisionIn,
    uow: UoW,
    clock: Now,
    actor: Caller,
    response: Response,
    expected: IfMatchHeader,
) -> dict[str, Any]:
    """Edit a draft. Send the ETag you read as ``If-Match`` so no co-author's edit is lost."""
    rec = await handlers.revise(
        uow,
        clock,
        actor,
        recommendation_id,
        title=body.title,
        text=body.text,
        expected=expected,
    )
    response.headers["ETag"] = etag(rec.version)
    return view(rec, actor)


class AdoptionIn(BaseModel):
    motion_id: UUID | None = Field(
        default=None, description="the working group's vote, when it voted on adoption"
    )


@router.post("/{recommendation_id}/adoption", **_ANSWERS_RECOMMENDATION)
async def adopt(
    recommendation_id: UUID, body: AdoptionIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return view(
        await handlers.adopt(uow, clock, actor, recommendation_id, motion_id=body.motion_id),
        actor,
    )


class AdviceIn(BaseModel):
    advisory_group_id: UUID
    position: AdvicePosition
    text: str = Field(min_length=1, max_length=20_000)


@router.post("/{recommendation_id}/advice", **_ANSWERS_RECOMMENDATION)
async def review_recommendation(
    recommendation_id: UUID, body: AdviceIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return view(
        await handlers.review(
            uow,
            clock,
            actor,
            recommendation_id,
            advisory_group_id=body.advisory_group_id,
            position=body.position,
            text=body.text,
        ),
        actor,
    )


class EndorsementIn(BaseModel):
    motion_id: UUID = Field(description="the steering committee's closed, carried vote")


@router.post("/{recommendation_id}/endorsement", **_ANSWERS_RECOMMENDATION)
async def endorse(
    recommendation_id: UUID, body: EndorsementIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return view(
        await handlers.endorse(uow, clock, actor, recommendation_id, motion_id=body.motion_id),
        actor,
    )


@router.post("/{recommendation_id}/publication", **_ANSWERS_RECOMMENDATION)
async def publish(recommendation_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    return view(await handlers.publish(uow, clock, actor, recommendation_id), actor)


class ReturnIn(BaseModel):
    reason: str = Field(min_length=1, max_length=10_000)
    to_stage: Stage | None = Field(default=None, description="default: the previous stage")
    body_id: UUID | None = Field(default=None, description="the returning body (omit: secretariat)")


@router.post("/{recommendation_id}/return", **_ANSWERS_RECOMMENDATION)
async def return_(
    recommendation_id: UUID, body: ReturnIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return view(
        await handlers.return_(
            uow,
            clock,
            actor,
            recommendation_id,
            reason=body.reason,
            to=body.to_stage,
            body_id=body.body_id,
        ),
        actor,
    )
