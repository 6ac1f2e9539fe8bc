"""Youth leader cohorts, nominations and participation."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field

from alliance import views
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import Caller, Cursor, Limit, UoW, created_at, dump, id_page
from alliance.service_layer import cohorts as handlers
from alliance.service_layer.access import load
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance/cohorts",
    tags=["youth"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


class CohortIn(BaseModel):
    alliance_id: UUID
    name: str = Field(min_length=1, max_length=300)
    year: int = Field(ge=1900, le=2200)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=schemas.Cohort, responses=CREATED
)
async def open_cohort(body: CohortIn, uow: UoW, clock: Now, actor: Caller, once: Once) -> Response:
    async def work() -> dict[str, Any]:
        cohort = await handlers.open_cohort(
            uow, clock, actor, alliance_id=body.alliance_id, name=body.name, year=body.year
        )
        return dump(cohort)

    return await once(work, headers=created_at("/v1/alliance/cohorts/"))


class CohortSummary(BaseModel):
    id: UUID
    alliance_id: UUID
    name: str
    year: int


class CohortPage(BaseModel):
    items: list[CohortSummary]
    next_cursor: UUID | None = Field(description="pass as cursor for the next page")


@router.get("", response_model=CohortPage)
async def list_cohorts(
    alliance_id: UUID, uow: UoW, actor: Caller, cursor: Cursor = None, limit: Limit = 50
) -> dict[str, Any]:
    """An alliance's youth leader cohorts, in id order."""
    async with uow:
        return await id_page(partial(uow.cohorts.of_alliance, alliance_id), cursor, limit)


@router.get("/{cohort_id}", response_model=schemas.Cohort)
async def get_cohort(cohort_id: UUID, uow: UoW, actor: Caller) -> dict[str, Any]:
    async with uow:
        return dump(await load(uow.cohorts, cohort_id, "cohort"))


class NominationIn(BaseModel):
    member_id: UUID


@router.post(
    "/{cohort_id}/nominations",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Nomination,
)
async def nominate(
    cohort_id: UUID, body: NominationIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return dump(await handlers.nominate(uow, clock, actor, cohort_id, member_id=body.member_id))


class VerdictIn(BaseModel):
    accept: bool


@router.post("/{cohort_id}/nominations/{nomination_id}/decision", response_model=schemas.Nomination)
async def decide(
    cohort_id: UUID, nomination_id: UUID, body: VerdictIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return dump(
        await handlers.decide(uow, clock, actor, cohort_id, nomination_id, accept=body.accept)
    )


@router.get("/{cohort_id}/participation", response_model=schemas.Participation)
async def participation(cohort_id: UUID, uow: UoW, actor: Caller) -> dict[str, Any]:
    """For each accepted youth leader, the sessions they attended."""
    async with uow:
        cohort = await load(uow.cohorts, cohort_id, "cohort")
        attended = await views.participation(uow, cohort.leaders)
        bodies = await uow.bodies.get_many({m.body_id for ms in attended.values() for m in ms})
    return {
        "cohort_id": str(cohort.id),
        "leaders": [
            {
                "member_id": str(leader),
                "sessions": [
                    {
                        "meeting_id": str(m.id),
                        "title": m.title,
                        "body_id": str(m.body_id),
                        "body_kind": bodies[m.body_id].kind.value if m.body_id in bodies else None,
                        "starts_at": m.starts_at.isoformat(),
                    }
                    for m in meetings
                ],
            }
            for leader, meetings in attended.items()
        ],
    }
