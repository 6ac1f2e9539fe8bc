"""Organisation endpoints: profile, members and roles, invitations and join requests,
verification by a platform admin, and the organisation directory."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.vocabulary import Permission
from eventkit.http.auth import (
    CurrentPrincipal,
    MaybePrincipal,
    Principal,
    require_permission,
    writes_need_a_verified_email,
)
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from profiles.domain.directory import MAX_LIMIT, decode_cursor
from profiles.domain.organisation import (
    MemberRole,
    MembershipRequest,
    Organisation,
    OrganisationKind,
)
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import organisations as handlers

# what reaches other people waits for a verified email address
router = APIRouter(tags=["organisations"], dependencies=[Depends(writes_need_a_verified_email)])
T = TypeVar("T")


class OrganisationInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=200)
    kind: OrganisationKind
    country: str = Field(description="ISO 3166-1 alpha-2")
    city: str | None = Field(default=None, max_length=120)
    website: str | None = Field(default=None, max_length=300)
    description: dict[str, str] = Field(default={}, description="language code -> text")


class InvitationInput(BaseModel):
    person_id: UUID
    role: MemberRole = MemberRole.MEMBER
    message: str | None = Field(default=None, max_length=300)


class JoinInput(BaseModel):
    message: str | None = Field(default=None, max_length=300)


class RoleInput(BaseModel):
    role: MemberRole


class RequestView(BaseModel):
    request_id: UUID
    person_id: UUID
    kind: str
    role: str
    status: str
    message: str | None
    created_at: datetime


class MyOrganisation(BaseModel):
    organisation_id: UUID
    name: str
    kind: str
    country: str
    verified: bool
    role: str = Field(description="the caller's role in it: admin or member")


class MyOrganisations(BaseModel):
    items: list[MyOrganisation]


def _request_view(r: MembershipRequest) -> RequestView:
    return RequestView(
        request_id=r.id,
        person_id=r.person_id,
        kind=r.kind.value,
        role=r.role.value,
        status=r.status.value,
        message=r.message,
        created_at=r.created_at,
    )


def _created_request(org_id: UUID, r: MembershipRequest, response: Response) -> RequestView:
    """A new invitation or join request, at the address it is answered under."""
    response.headers["Location"] = f"/v1/organisations/{org_id}/requests/{r.id}"
    return _request_view(r)


def _refusal_seen_by(org: Organisation, viewer: Principal | None) -> dict[str, str] | None:
    """Why verification was refused, for the organisation's administrators and those who
    verify organisations only: a public "refused" mark could harm an organisation unfairly."""
    if org.refused_at is None or viewer is None:
        return None
    if not (org.is_admin(viewer.subject) or viewer.may(Permission.PROFILES_VERIFY_ORGANISATIONS)):
        return None
    return {"reason": org.refusal_reason or "", "refused_at": org.refused_at.isoformat()}


def _org_response(
    org: Organisation, status_code: int = 200, viewer: Principal | None = None
) -> JSONResponse:
    body = {
        "organisation_id": str(org.id),
        **org.details.as_document(),
        "verified": org.verified_at is not None,
        "verified_at": org.verified_at.isoformat() if org.verified_at else None,
        "verification_refusal": _refusal_seen_by(org, viewer),
        "member_count": len(org.members),
        "version": org.version,
    }
    headers = {"ETag": org.etag}
    if status_code == 201:
        headers["Location"] = f"/v1/organisations/{org.id}"
    return JSONResponse(body, status_code=status_code, headers=headers)


@router.post(
    "/v1/organisations",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.Organisation,
    responses={**CREATED, 422: {}},
)
async def create_organisation(
    body: OrganisationInput, principal: CurrentPrincipal, uow: UoW, now: Now
) -> JSONResponse:
    """Anyone signed in can register an organisation; they become its first administrator.
    It shows as unverified until a platform admin verifies it."""
    org = await handlers.found(body.model_dump(mode="json"), principal.subject, uow, now.now())
    return _org_response(org, 201)


@router.get("/v1/me/organisations", response_model=MyOrganisations)
async def my_organisations(principal: CurrentPrincipal, uow: UoW) -> MyOrganisations:
    """The organisations the caller belongs to and their role in each (what an
    organisation's console starts from)."""
    rows = await handlers.of_member(principal.subject, uow)
    return MyOrganisations(
        items=[
            MyOrganisation(
                organisation_id=r["id"],
                name=r["name"],
                kind=r["kind"],
                country=r["country"],
                verified=r["verified_at"] is not None,
                role=r["role"],
            )
            for r in rows
        ]
    )


@router.get("/v1/organisations/{org_id}", response_model=schemas.Organisation, responses={404: {}})
async def get_organisation(org_id: UUID, uow: UoW, viewer: MaybePrincipal) -> JSONResponse:
    return _org_response(await handlers.get(org_id, uow), viewer=viewer)


@router.patch(
    "/v1/organisations/{org_id}",
    response_model=schemas.Organisation,
    responses={403: {}, 404: {}, 412: {}, 415: {}, 422: {}, 428: {}},
    openapi_extra={
        "requestBody": {"content": {"application/merge-patch+json": {"schema": {"type": "object"}}}}
    },
)
async def patch_organisation(
    org_id: UUID,
    request: Request,
    principal: CurrentPrincipal,
    uow: UoW,
    expected: IfMatchHeader,
    now: Now,
) -> JSONResponse:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type not in ("application/merge-patch+json", "application/json"):
        raise Problem(415, "Unsupported Media Type", "Send application/merge-patch+json.")
    try:
        doc = json.loads(await request.body())
    except ValueError as exc:
        raise Problem(400, "Bad Request", "The body is not JSON.") from exc
    if not isinstance(doc, dict) or set(doc) - set(OrganisationInput.model_fields):
        raise Problem(422, "Unprocessable Content", "A merge patch of the organisation fields.")
    org = await handlers.patch(org_id, doc, expected, principal.subject, uow, now.now())
    return _org_response(org)


@router.get("/v1/organisations/{org_id}/members", responses={404: {}})
async def list_organisation_members(
    org_id: UUID, _: CurrentPrincipal, uow: UoW
) -> list[dict[str, str]]:
    org = await handlers.get(org_id, uow)
    return [{"person_id": str(p), "role": r.value} for p, r in sorted(org.members.items())]


@router.get("/v1/organisations/{org_id}/requests", responses={403: {}, 404: {}})
async def list_requests(org_id: UUID, principal: CurrentPrincipal, uow: UoW) -> list[RequestView]:
    """Administrators see every request; anyone else only their own."""
    org = await handlers.get(org_id, uow)
    mine = not org.is_admin(principal.subject)
    return [
        _request_view(r)
        for r in sorted(org.requests.values(), key=lambda r: r.created_at)
        if not mine or r.person_id == principal.subject
    ]


@router.get("/v1/organisations/{org_id}/requests/{request_id}", responses={404: {}})
async def read_request(
    org_id: UUID, request_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> RequestView:
    """One request, to an administrator or the person it concerns (404 to anyone else)."""
    org = await handlers.get(org_id, uow)
    found = org.requests.get(request_id)
    concerned = found is not None and principal.subject == found.person_id
    if found is None or not (concerned or org.is_admin(principal.subject)):
        raise Problem(404, "Not Found", "No such request.")
    return _request_view(found)


@router.post(
    "/v1/organisations/{org_id}/invitations",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestView,
    responses={**CREATED, 403: {}, 404: {}, 409: {}},
)
async def invite_to_organisation(
    org_id: UUID,
    body: InvitationInput,
    principal: CurrentPrincipal,
    uow: UoW,
    now: Now,
    response: Response,
) -> RequestView:
    request = await handlers.invite(
        org_id, body.person_id, body.role, body.message, principal.subject, uow, now.now()
    )
    return _created_request(org_id, request, response)


@router.post(
    "/v1/organisations/{org_id}/join-requests",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestView,
    responses={**CREATED, 404: {}, 409: {}},
)
async def ask_to_join(
    org_id: UUID,
    body: JoinInput,
    principal: CurrentPrincipal,
    uow: UoW,
    now: Now,
    response: Response,
) -> RequestView:
    request = await handlers.ask_to_join(org_id, principal.subject, body.message, uow, now.now())
    return _created_request(org_id, request, response)


@router.post(
    "/v1/organisations/{org_id}/requests/{request_id}/{decision}",
    response_model=RequestView,
    responses={403: {}, 404: {}, 409: {}},
)
async def answer_request(
    org_id: UUID,
    request_id: UUID,
    decision: Literal["accept", "decline"],
    principal: CurrentPrincipal,
    uow: UoW,
    now: Now,
) -> RequestView:
    """Invitations are answered by the invitee; join requests by an administrator."""
    request = await handlers.answer(
        org_id, request_id, decision == "accept", principal.subject, uow, now.now()
    )
    return _request_view(request)


@router.put(
    "/v1/organisations/{org_id}/members/{person_id}",
    response_model=schemas.Organisation,
    responses={403: {}, 404: {}, 409: {}},
)
async def change_member_role(
    org_id: UUID, person_id: UUID, body: RoleInput, principal: CurrentPrincipal, uow: UoW, now: Now
) -> JSONResponse:
    org = await handlers.change_role(
        org_id, person_id, body.role, principal.subject, uow, now.now()
    )
    return _org_response(org)


@router.delete(
    "/v1/organisations/{org_id}/members/{person_id}",
    response_model=schemas.Organisation,
    responses={403: {}, 404: {}, 409: {}},
)
async def remove_member(
    org_id: UUID, person_id: UUID, principal: CurrentPrincipal, uow: UoW, now: Now
) -> JSONResponse:
    """An administrator removes a member, or a member leaves (not the last administrator)."""
    org = await handlers.remove_member(org_id, person_id, principal.subject, uow, now.now())
    return _org_response(org)


PlatformAdmin = Annotated[
    Principal, Depends(require_permission(Permission.PROFILES_VERIFY_ORGANISATIONS))
]


@router.post(
    "/v1/organisations/{org_id}/verification",
    response_model=schemas.Organisation,
    responses={403: {}, 404: {}, 409: {}},
)
async def verify_organisation(
    org_id: UUID, admin: PlatformAdmin, uow: UoW, now: Now
) -> JSONResponse:
    org = await handlers.verify(org_id, admin.subject, uow, now.now())
    return _org_response(org)


class RefusalInput(BaseModel):
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)
    ] = Field(description="why, in words the organisation's administrators can act on")


@router.post(
    "/v1/organisations/{org_id}/verification/refusal",
    response_model=schemas.Organisation,
    responses={403: {}, 404: {}, 409: {}, 422: {}},
    summary="Refuse to verify an organisation, with the reason its administrators read "
    "(platform admins only; verifying it later clears the refusal)",
)
async def refuse_organisation_verification(
    org_id: UUID, body: RefusalInput, admin: PlatformAdmin, uow: UoW, now: Now
) -> JSONResponse:
    org = await handlers.refuse_verification(org_id, body.reason, admin.subject, uow, now.now())
    return _org_response(org, viewer=admin)


@router.get(
    "/v1/directory/organisations", response_model=schemas.OrganisationPage, responses={400: {}}
)
async def search_organisations(
    uow: UoW,
    q: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[list[OrganisationKind] | None, Query()] = None,
    country: Annotated[list[str] | None, Query()] = None,
    verified: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    cursor: Annotated[str | None, Query(max_length=600)] = None,
) -> dict[str, Any]:
    """Organisations are public: no sign-in needed."""
    after = decode_cursor(cursor) if cursor else None
    return await handlers.search(
        q,
        [k.value for k in kind or []],
        [c.upper() for c in country or []],
        verified,
        limit,
        after,
        uow,
    )
