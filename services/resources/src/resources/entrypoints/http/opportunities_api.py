"""Contribute: opportunities, expressions of interest, explainable matching."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status

from contracts.vocabulary import explain
from contracts.vocabulary.types import ContributionMode, CountryCode, SectorCode
from eventkit.clock import Clock
from eventkit.cursors import decode_time_key, encode_time_key
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from resources.domain.matching import Match
from resources.domain.opportunity import ExpressionOfInterest, Opportunity, OpportunityKind
from resources.entrypoints.http.deps import CurrentActor, Poster, ReaderLocale, UoW
from resources.entrypoints.http.schemas import (
    Created,
    InterestIn,
    InterestOut,
    InterestStatusIn,
    MyInterestOut,
    MyInterests,
    OpportunityIn,
    OpportunityMatch,
    OpportunityOut,
    OpportunityPage,
    OpportunityPatch,
    PersonMatch,
    PostedOpportunities,
    ReasonLabel,
    ReasonOut,
)
from resources.service_layer import opportunity_handlers as handlers

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/opportunities",
    tags=["opportunities"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


def _out(o: Opportunity, now: Clock) -> OpportunityOut:
    return OpportunityOut(
        id=o.id,
        kind=o.kind.value,
        title=o.title,
        description=o.description,
        organisation=o.organisation,
        organisation_id=o.organisation_id,
        deadline=o.deadline,
        work_mode=o.work_mode.value,
        required_occupations=o.required_occupations,
        required_skills=o.required_skills,
        sectors=o.sectors,
        countries=o.countries,
        contribution_modes=o.contribution_modes,
        languages=o.languages,
        open=o.is_open(now.now()),
        version=o.version,
    )


def _reasons(m: Match, locale: str) -> list[ReasonOut]:
    """Each reason with its codes' labels and a sentence in the reader's language."""
    out = []
    for r in m.reasons:
        said = explain(r.kind, r.values, locale)
        out.append(
            ReasonOut(
                kind=r.kind,
                values=list(r.values),
                labels=[
                    ReasonLabel(code=code, label=label.text, lang=label.locale)
                    for code, label in zip(r.values, said.labels, strict=True)
                ],
                text=said.text,
                lang=said.locale,
            )
        )
    return out


def _interest(i: ExpressionOfInterest) -> InterestOut:
    return InterestOut(
        id=i.id,
        opportunity_id=i.opportunity_id,
        person_id=i.person_id,
        message=i.message,
        status=i.status.value,
        created_at=i.created_at,
        updated_at=i.updated_at,
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=Created, responses=CREATED)
async def post_opportunity(
    body: OpportunityIn,
    principal: Poster,
    uow: UoW,
    request: Request,
    once: Once,
    now: Now,
) -> Response:
    """Organisations, government focal points and moderators post calls; good matches among
    people who consented are announced (events) right away. ``Idempotency-Key`` supported."""
    if body.deadline.tzinfo is None:
        raise Problem(422, "Unprocessable Content", "the deadline needs a time zone offset")
    if body.deadline <= now.now():
        raise Problem(422, "Unprocessable Content", "the deadline must be in the future")
    fields = body.model_dump()
    fields["posted_by"] = principal.subject
    for key in (
        "required_occupations",
        "required_skills",
        "sectors",
        "countries",
        "contribution_modes",
        "languages",
    ):
        fields[key] = list(dict.fromkeys(fields[key]))

    async def work() -> Created:
        opportunity_id = await handlers.post(
            uow, fields, request.app.state.settings.match_announcements
        )
        return Created(id=opportunity_id, status="open", version=1)

    return await once(work, headers=lambda c: {"Location": f"/v1/opportunities/{c.id}"})


@router.get("", response_model=OpportunityPage)
async def list_open(
    uow: UoW,
    now: Now,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    kind: OpportunityKind | None = None,
    sector: Annotated[SectorCode | None, Query(description="ISIC section")] = None,
    country: Annotated[CountryCode | None, Query()] = None,
    mode: Annotated[ContributionMode | None, Query(description="contribution mode")] = None,
) -> dict[str, object]:
    """Open opportunities, soonest deadline first (keyset pagination); the filters narrow
    them to a kind, or to those asking for a sector, a country or a contribution mode."""
    after = decode_time_key(cursor) if cursor else None
    page = await handlers.list_open(
        uow,
        now.now(),
        kind=kind,
        sector=sector,
        country=country,
        mode=mode,
        after=after,
        limit=limit + 1,
    )
    next_cursor = None
    if len(page) > limit:
        last = page[limit - 1]
        next_cursor = encode_time_key(last.deadline, last.id)
    return {
        "items": [_out(o, now).model_dump(mode="json") for o in page[:limit]],
        "next_cursor": next_cursor,
    }


@router.get("/for-me", response_model=list[OpportunityMatch])
async def opportunities_for_me(
    actor: CurrentActor,
    uow: UoW,
    locale: ReaderLocale,
    now: Now,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[OpportunityMatch]:
    """Open opportunities ranked for the caller's (projected) profile, with the reasons."""
    ranked = await handlers.opportunities_for(uow, actor.id, limit, now.now())
    return [
        OpportunityMatch(
            opportunity=_out(x.opportunity, now),
            score=x.match.score,
            reasons=_reasons(x.match, locale),
        )
        for x in ranked
    ]


@router.get("/interests/mine", response_model=MyInterests)
async def my_interests(
    actor: CurrentActor, uow: UoW, limit: Annotated[int, Query(ge=1, le=200)] = 100
) -> MyInterests:
    """The caller's expressions of interest, each with its opportunity and status."""
    rows = await handlers.interests_of(uow, actor, limit)
    return MyInterests(items=[MyInterestOut(**row) for row in rows])


@router.get("/posted", response_model=PostedOpportunities)
async def posted_opportunities(
    actor: CurrentActor, uow: UoW, now: Now, limit: Annotated[int, Query(ge=1, le=200)] = 100
) -> PostedOpportunities:
    """The caller's own calls, open and closed, latest deadline first (a poster's console:
    each leads to its expressions of interest)."""
    mine = await handlers.posted_by(uow, actor, limit)
    return PostedOpportunities(items=[_out(o, now) for o in mine])


@router.get("/{opportunity_id}", response_model=OpportunityOut)
async def get_opportunity(
    opportunity_id: UUID, uow: UoW, response: Response, now: Now
) -> OpportunityOut:
    """The call; its ETag (the version) goes in If-Match of a PATCH."""
    opportunity = await handlers.get(uow, opportunity_id)
    response.headers["ETag"] = f'W/"{opportunity.version}"'
    return _out(opportunity, now)


@router.patch(
    "/{opportunity_id}",
    response_model=OpportunityOut,
    responses={
        403: {"description": "Not the poster nor a moderator"},
        412: {"description": "If-Match is stale"},
        428: {"description": "If-Match missing"},
    },
)
async def revise_opportunity(
    opportunity_id: UUID,
    body: OpportunityPatch,
    actor: CurrentActor,
    uow: UoW,
    expected: IfMatchHeader,
    response: Response,
    now: Now,
) -> OpportunityOut:
    """The poster or a moderator changes the call (If-Match: the ETag last read). A field
    sent as null is left as it is; a new deadline must be in the future with an offset."""
    changes = {k: v for k, v in body.model_dump().items() if v is not None}
    deadline = changes.get("deadline")
    if isinstance(deadline, datetime) and deadline.tzinfo is None:
        raise Problem(422, "Unprocessable Content", "the deadline needs a time zone offset")
    for key in OpportunityPatch.model_fields:
        if isinstance(changes.get(key), list):
            changes[key] = list(dict.fromkeys(changes[key]))
    opportunity = await handlers.revise(uow, opportunity_id, actor, changes, expected, now.now())
    response.headers["ETag"] = f'W/"{opportunity.version}"'
    return _out(opportunity, now)


@router.get("/{opportunity_id}/matches", response_model=list[PersonMatch])
async def matches(
    opportunity_id: UUID,
    actor: CurrentActor,
    uow: UoW,
    locale: ReaderLocale,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[PersonMatch]:
    """People who agreed to be matched, best first, and why (the poster and moderators)."""
    _, ranked = await handlers.people_for(uow, opportunity_id, actor, limit)
    return [
        PersonMatch(
            person_id=x.person.person_id, score=x.match.score, reasons=_reasons(x.match, locale)
        )
        for x in ranked
    ]


@router.post(
    "/{opportunity_id}/interests",
    status_code=status.HTTP_201_CREATED,
    response_model=InterestOut,
    responses={**CREATED, 409: {"description": "Deadline passed or already expressed"}},
)
async def express_interest(
    opportunity_id: UUID,
    body: InterestIn,
    actor: CurrentActor,
    uow: UoW,
    now: Now,
    response: Response,
) -> InterestOut:
    """``Location`` is the person's own expressions of interest, where this one is read."""
    interest = await handlers.express_interest(uow, opportunity_id, actor, body.message, now.now())
    response.headers["Location"] = "/v1/opportunities/interests/mine"
    return _interest(interest)


@router.get("/{opportunity_id}/interests", response_model=list[InterestOut])
async def list_interests(opportunity_id: UUID, actor: CurrentActor, uow: UoW) -> list[InterestOut]:
    return [_interest(i) for i in await handlers.interests(uow, opportunity_id, actor)]


@router.post("/{opportunity_id}/interests/{interest_id}/status", response_model=InterestOut)
async def change_interest_status(
    opportunity_id: UUID,
    interest_id: UUID,
    body: InterestStatusIn,
    actor: CurrentActor,
    uow: UoW,
    now: Now,
) -> InterestOut:
    """The poster shortlists, accepts or declines; the person may withdraw."""
    return _interest(
        await handlers.change_interest(
            uow, opportunity_id, interest_id, actor, body.status, now.now()
        )
    )
