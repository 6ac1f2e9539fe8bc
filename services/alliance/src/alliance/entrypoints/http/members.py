"""Alliances and members."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import BaseModel, Field

from alliance.domain.alliance import Pillar, Theme
from alliance.domain.member import Member, MemberKind, MemberStatus
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import Caller, Cursor, Limit, UoW, created_at, dump, id_page
from alliance.service_layer import members as handlers
from alliance.service_layer.access import Actor, as_seen_by, load
from alliance.service_layer.privacy import record_official_read
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance", tags=["members"], dependencies=[Depends(writes_need_a_verified_email)]
)


class CodeTitle(BaseModel):
    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_-]+$")
    title: str = Field(min_length=1, max_length=300)


class AllianceIn(BaseModel):
    slug: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1, max_length=300)
    declaration: str = Field(default="", max_length=300)
    pillars: list[CodeTitle] = Field(default=[], max_length=50)
    themes: list[CodeTitle] = Field(default=[], max_length=50)


class AllianceOut(BaseModel):
    id: UUID
    slug: str
    name: str
    declaration: str
    pillars: list[CodeTitle]
    themes: list[CodeTitle]
    founded_at: datetime
    version: int = Field(description="incremented on every change")


@router.post(
    "/alliances",
    status_code=status.HTTP_201_CREATED,
    response_model=AllianceOut,
    responses=CREATED,
)
async def found_alliance(
    body: AllianceIn, uow: UoW, clock: Now, actor: Caller, once: Once
) -> Response:
    async def work() -> dict[str, Any]:
        alliance = await handlers.found_alliance(
            uow,
            clock,
            actor,
            slug=body.slug,
            name=body.name,
            declaration=body.declaration,
            pillars=[Pillar(code=p.code, title=p.title) for p in body.pillars],
            themes=[Theme(code=t.code, title=t.title) for t in body.themes],
        )
        return dump(alliance)

    return await once(work, headers=created_at("/v1/alliance/alliances/"))


class AlliancePage(BaseModel):
    items: list[AllianceOut]
    next_cursor: UUID | None = Field(description="pass as cursor for the next page")


@router.get("/alliances", response_model=AlliancePage)
async def list_alliances(
    uow: UoW,
    actor: Caller,
    q: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """Every alliance (``q``: part of its slug or name, any case), in id order."""
    async with uow:
        return await id_page(partial(uow.alliances.named_like, q), cursor, limit)


@router.get("/alliances/{alliance_id}", response_model=AllianceOut)
async def get_alliance(alliance_id: UUID, uow: UoW, actor: Caller) -> dict[str, Any]:
    async with uow:
        return dump(await load(uow.alliances, alliance_id, "alliance"))


class ApplicationIn(BaseModel):
    alliance_id: UUID
    kind: MemberKind
    name: str = Field(min_length=1, max_length=300)
    country: str | None = Field(default=None, min_length=2, max_length=2)
    motivation: str = Field(default="", max_length=5000)


def member_view(member: Member, actor: Actor) -> dict[str, Any]:
    """Everyone signed in sees who the members are; only the member itself and the
    secretariat see its representatives, motivation and history."""
    if actor.secretariat or member.is_represented_by(actor.account_id):
        return dump(member)
    return dump(member, exclude={"representatives", "motivation", "history"})


async def record_reads(uow: AllianceUnitOfWork, actor: Actor, members: list[Member]) -> None:
    """Individuals' files read by the secretariat go to their audit log (DESIGN §6)."""
    recorded = [await record_official_read(uow, actor, m) for m in members]
    if any(recorded):
        await uow.commit()


@router.post(
    "/members/applications",
    status_code=status.HTTP_201_CREATED,
    responses=CREATED,
    response_model=schemas.Member,
    response_model_exclude_unset=True,
)
async def apply(body: ApplicationIn, uow: UoW, clock: Now, actor: Caller, once: Once) -> Response:
    async def work() -> dict[str, Any]:
        member = await handlers.apply(
            uow,
            clock,
            actor,
            alliance_id=body.alliance_id,
            kind=body.kind,
            name=body.name,
            country=body.country,
            motivation=body.motivation,
        )
        return member_view(member, actor)

    return await once(work, headers=created_at("/v1/alliance/members/"))


@router.get("/members", response_model=schemas.MemberPage, response_model_exclude_unset=True)
async def list_alliance_members(
    uow: UoW,
    clock: Now,
    actor: Caller,
    alliance_id: UUID,
    member_status: MemberStatus | None = Query(default=None, alias="status"),
    kind: MemberKind | None = None,
    cursor: UUID | None = None,
    limit: int = Query(default=50, ge=1, le=200),
) -> dict[str, Any]:
    """Keyset pagination on the member id (``next_cursor`` until it is null)."""
    async with uow:
        actor = await as_seen_by(uow, actor, alliance_id, clock.today())
        page = await uow.members.page(
            alliance_id, status=member_status, kind=kind, after=cursor, limit=limit + 1
        )
        items = [member_view(m, actor) for m in page[:limit]]
        await record_reads(uow, actor, page[:limit])
    return {"items": items, "next_cursor": str(page[limit - 1].id) if len(page) > limit else None}


@router.get(
    "/members/{member_id}", response_model=schemas.Member, response_model_exclude_unset=True
)
async def get_member(member_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    async with uow:
        member = await load(uow.members, member_id, "member")
        actor = await as_seen_by(uow, actor, member.alliance_id, clock.today())
        await record_reads(uow, actor, [member])
    return member_view(member, actor)


class MembershipReviewIn(BaseModel):
    decision: Literal["admit", "reject", "suspend", "reinstate"]
    reason: str = Field(default="", max_length=2000)
    term_starts_on: date | None = None
    term_ends_on: date | None = None


@router.post(
    "/members/{member_id}/review",
    response_model=schemas.Member,
    response_model_exclude_unset=True,
)
async def review_application(
    member_id: UUID, body: MembershipReviewIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    """The secretariat admits (with a term), rejects, suspends or reinstates a member."""
    member = await handlers.review(
        uow,
        clock,
        actor,
        member_id,
        decision=body.decision,
        reason=body.reason,
        term_starts_on=body.term_starts_on,
        term_ends_on=body.term_ends_on,
    )
    return member_view(member, actor)


class WithdrawalIn(BaseModel):
    reason: str = Field(default="", max_length=2000)


@router.post(
    "/members/{member_id}/withdrawal",
    response_model=schemas.Member,
    response_model_exclude_unset=True,
)
async def withdraw_membership(
    member_id: UUID, body: WithdrawalIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    member = await handlers.withdraw(uow, clock, actor, member_id, reason=body.reason)
    return member_view(member, actor)


class RepresentativeIn(BaseModel):
    account_id: UUID


@router.post(
    "/members/{member_id}/representatives",
    response_model=schemas.Member,
    response_model_exclude_unset=True,
)
async def add_representative(
    member_id: UUID, body: RepresentativeIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    member = await handlers.set_representative(
        uow, clock, actor, member_id, body.account_id, add=True
    )
    return member_view(member, actor)


@router.delete(
    "/members/{member_id}/representatives/{account_id}",
    response_model=schemas.Member,
    response_model_exclude_unset=True,
)
async def remove_representative(
    member_id: UUID, account_id: UUID, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    member = await handlers.set_representative(uow, clock, actor, member_id, account_id, add=False)
    return member_view(member, actor)
