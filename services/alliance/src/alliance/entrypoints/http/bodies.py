"""Bodies and their memberships."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field, field_serializer

from alliance.domain.body import BodyKind, BodyRules, Role
from alliance.domain.governance import MajorityRule
from alliance.domain.member import MemberKind
from alliance.entrypoints.http import schemas
from alliance.entrypoints.http.deps import Caller, Cursor, Limit, UoW, created_at, dump, id_page
from alliance.service_layer import bodies as handlers
from alliance.service_layer.access import load
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/alliance/bodies",
    tags=["bodies"],
    dependencies=[Depends(writes_need_a_verified_email)],
)


class RulesIn(BaseModel):
    # default factories: a set default would be listed in hash order, making the OpenAPI
    # document differ from run to run
    voting_roles: set[Role] = Field(
        default_factory=lambda: {Role.CHAIR, Role.CO_CHAIR, Role.MEMBER},
        description="default: chair, co_chair, member",
    )
    voting_kinds: set[MemberKind] = Field(
        default_factory=lambda: {
            MemberKind.MEMBER_STATE,
            MemberKind.ORGANISATION,
            MemberKind.EXPERT,
            MemberKind.YOUTH_LEADER,
        },
        description="default: member_state, organisation, expert, youth_leader",
    )
    quorum_percent: int = Field(default=50, ge=1, le=100)
    majority: MajorityRule = MajorityRule.SIMPLE

    @field_serializer("voting_roles", "voting_kinds")
    def _sorted(self, values: set[str]) -> list[str]:
        # sets would be written in hash order: documents and responses must be stable
        return sorted(values)


class BodyIn(BaseModel):
    alliance_id: UUID
    kind: BodyKind
    name: str = Field(min_length=1, max_length=300)
    theme: str | None = Field(default=None, max_length=60)
    mandate: str = Field(default="", max_length=5000)
    rules: RulesIn = RulesIn()


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=schemas.Body, responses=CREATED
)
async def establish(body: BodyIn, uow: UoW, clock: Now, actor: Caller, once: Once) -> Response:
    async def work() -> dict[str, Any]:
        created = await handlers.establish(
            uow,
            clock,
            actor,
            alliance_id=body.alliance_id,
            kind=body.kind,
            name=body.name,
            theme=body.theme,
            mandate=body.mandate,
            # the fields as validated (sets): model_dump would apply the sorted-list serializer
            rules=BodyRules(**dict(body.rules)),
        )
        return dump(created)

    return await once(work, headers=created_at("/v1/alliance/bodies/"))


@router.get("", response_model=schemas.BodyPage)
async def list_bodies(
    alliance_id: UUID,
    uow: UoW,
    actor: Caller,
    kind: BodyKind | None = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    """An alliance's bodies (``kind``: secretariat, steering_committee...), in id order."""
    async with uow:
        return await id_page(partial(uow.bodies.of_alliance, alliance_id, kind), cursor, limit)


@router.get("/{body_id}", response_model=schemas.Body)
async def get_body(body_id: UUID, uow: UoW, actor: Caller) -> dict[str, Any]:
    async with uow:
        return dump(await load(uow.bodies, body_id, "body"))


@router.get("/{body_id}/voters", response_model=schemas.Voters)
async def voters(body_id: UUID, uow: UoW, clock: Now, actor: Caller) -> dict[str, Any]:
    """Members who may vote in this body today, by its rules."""
    body, ids = await handlers.voters(uow, clock, body_id)
    return {
        "body_id": str(body.id),
        "as_of": clock.today().isoformat(),
        "voters": sorted(str(i) for i in ids),
        "quorum_percent": body.rules.quorum_percent,
        "majority": body.rules.majority.value,
    }


class MembershipIn(BaseModel):
    member_id: UUID
    role: Role
    starts_on: date | None = None
    ends_on: date | None = None


@router.post(
    "/{body_id}/memberships",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Membership,
)
async def appoint(
    body_id: UUID, body: MembershipIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    membership = await handlers.appoint(
        uow,
        clock,
        actor,
        body_id,
        member_id=body.member_id,
        role=body.role,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
    )
    return dump(membership)


class EndIn(BaseModel):
    on: date | None = None


@router.post("/{body_id}/memberships/{membership_id}/end", response_model=schemas.Membership)
async def end_membership(
    body_id: UUID, membership_id: UUID, body: EndIn, uow: UoW, clock: Now, actor: Caller
) -> dict[str, Any]:
    return dump(
        await handlers.end_membership(uow, clock, actor, body_id, membership_id, on=body.on)
    )
