"""Person profile endpoints: the owner's document (ETag/If-Match) and other people's views."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.vocabulary import scheme
from contracts.vocabulary.types import LanguageCode
from eventkit.domain_errors import InvalidInput
from eventkit.http.auth import CurrentPrincipal, MaybePrincipal
from eventkit.http.clock import Now
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.http.problems import Problem
from profiles.adapters import images
from profiles.adapters.images import ACCEPTED
from profiles.domain.profile import PersonProfile, Relation
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import people

router = APIRouter(tags=["people"])


class LanguageInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=3, description="ISO 639-1 or 639-3")
    level: str = Field(default="fluent", description="native, fluent, C2..A1 or basic")


class ProfileInput(BaseModel):
    """The whole editable profile (PUT replaces it; PATCH is a JSON Merge Patch of it)."""

    model_config = ConfigDict(extra="forbid")

    display_name: str = Field(max_length=200)
    given_name: str | None = Field(default=None, max_length=100)
    family_name: str | None = Field(default=None, max_length=100)
    headline: dict[str, str] = Field(default={}, description="language code -> text")
    bio: dict[str, str] = Field(default={}, description="language code -> text")
    country_of_origin: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    country_of_residence: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    city: str | None = Field(default=None, max_length=120)
    languages: list[LanguageInput] = []
    skills: list[str] = Field(default=[], description="ESCO skill group codes")
    occupations: list[str] = Field(default=[], description="ISCO-08 unit group codes")
    tags: list[str] = Field(default=[], description="free skill tags")
    sectors: list[str] = Field(default=[], description="ISIC Rev.4 section letters")
    interests: list[str] = []
    education_level: str | None = Field(default=None, description="ISCED 2011 level 0-8")
    years_of_experience: int | None = None
    contribution_modes: list[str] = []
    availability: str | None = None
    open_to_opportunities: bool = False
    gender: str | None = Field(default=None, description="statistics only; never shown")
    birth_year: int | None = Field(default=None, description="statistics only; never shown")
    visibility: dict[str, str] = Field(
        default={}, description="field -> public | members | connections | private"
    )


def _owner_response(profile: PersonProfile, status_code: int = 200) -> JSONResponse:
    return JSONResponse(
        profile.visible_to(Relation.OWNER),
        status_code=status_code,
        headers={
            "ETag": profile.etag,
            "Cache-Control": "private, no-cache",
            # the first PUT creates the profile at the address it was sent to
            **({"Location": "/v1/me/profile"} if status_code == 201 else {}),
        },
    )


@router.get(
    "/v1/me/profile",
    response_model=schemas.OwnProfile,
    responses={404: {"description": "No profile yet"}},
)
async def get_my_profile(principal: CurrentPrincipal, uow: UoW) -> JSONResponse:
    return _owner_response(await people.my_profile(principal.subject, uow))


@router.put(
    "/v1/me/profile",
    response_model=schemas.OwnProfile,
    responses={
        201: {
            "description": "Created",
            "model": schemas.OwnProfile,
            "headers": CREATED[201]["headers"],
        },
        412: {},
        428: {},
        422: {},
    },
)
async def put_my_profile(
    body: ProfileInput, principal: CurrentPrincipal, uow: UoW, expected: IfMatchHeader, now: Now
) -> JSONResponse:
    profile, created = await people.put_profile(
        principal.subject, body.model_dump(mode="json"), expected, uow, now.now()
    )
    return _owner_response(profile, 201 if created else 200)


@router.patch(
    "/v1/me/profile",
    response_model=schemas.OwnProfile,
    responses={404: {}, 412: {}, 415: {}, 422: {}, 428: {}},
    openapi_extra={
        "requestBody": {
            "content": {"application/merge-patch+json": {"schema": {"type": "object"}}},
            "required": True,
        }
    },
)
async def patch_my_profile(
    request: Request, principal: CurrentPrincipal, uow: UoW, expected: IfMatchHeader, now: Now
) -> JSONResponse:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type not in ("application/merge-patch+json", "application/json"):
        raise Problem(415, "Unsupported Media Type", "Send application/merge-patch+json.")
    try:
        patch = json.loads(await request.body())
    except ValueError as exc:
        raise Problem(400, "Bad Request", "The body is not JSON.") from exc
    if not isinstance(patch, dict):
        raise Problem(422, "Unprocessable Content", "A merge patch is a JSON object.")
    unknown = set(patch) - set(ProfileInput.model_fields)
    if unknown:
        raise Problem(422, "Unprocessable Content", f"Unknown fields: {sorted(unknown)}.")
    profile = await people.patch_profile(principal.subject, patch, expected, uow, now.now(), _typed)
    return _owner_response(profile)


def _typed(document: dict[str, Any]) -> dict[str, Any]:
    """The merged document must still be a valid ProfileInput (types, lengths)."""
    try:
        return ProfileInput.model_validate(document).model_dump(mode="json")
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        raise InvalidInput("The patched profile is not valid.", errors=errors) from exc


@router.get(
    "/v1/people/{person_id}",
    response_model=schemas.PersonView,
    response_model_exclude_unset=True,
    responses={404: {}},
)
async def get_person(person_id: UUID, viewer: MaybePrincipal, uow: UoW) -> dict[str, Any]:
    """What the viewer may see of this person (404 if hidden from them or absent)."""
    return await people.view_person(viewer, person_id, uow)


@router.get("/v1/directory/taxonomy")
async def get_taxonomy(
    lang: Annotated[LanguageCode, Query()] = "en",
) -> dict[str, list[dict[str, str]]]:
    """Codes accepted for occupations, skills, sectors and education levels, with labels
    (the vocabulary's; every scheme: ``GET /v1/vocabulary``)."""
    return {
        name: [{"code": t.code, "label": t.label.text} for t in scheme(name).terms(lang)]
        for name in ("occupations", "skills", "sectors", "education_levels")
    }


@router.put(
    "/v1/me/profile/photo",
    response_model=schemas.Photo,
    responses={404: {}, 413: {}, 415: {}, 422: {}},
    openapi_extra={
        "requestBody": {
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in ACCEPTED},
            "required": True,
        }
    },
)
async def put_my_photo(
    request: Request, principal: CurrentPrincipal, uow: UoW, now: Now
) -> dict[str, Any]:
    """Upload the raw image bytes (JPEG, PNG or WebP, at most 5 MB and 4096x4096)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED:
        raise Problem(415, "Unsupported Media Type", f"Send one of {sorted(ACCEPTED)}.")
    data = await request.body()
    photo = await asyncio.to_thread(images.process, data, content_type)
    await people.set_photo(principal.subject, photo, uow, now.now())
    base = f"/v1/people/{principal.subject}/photo"
    return {
        "width": photo.width,
        "height": photo.height,
        "photo_url": base,
        "thumbnail_url": f"{base}?size=thumbnail",
    }


@router.delete("/v1/me/profile/photo", status_code=204, responses={404: {}})
async def delete_my_photo(principal: CurrentPrincipal, uow: UoW) -> Response:
    if not await people.remove_photo(principal.subject, uow):
        raise Problem(404, "Not Found", "You have no photo.")
    return Response(status_code=204)


@router.get(
    "/v1/people/{person_id}/photo",
    responses={200: {"content": {"image/jpeg": {}}}, 404: {}},
    response_class=Response,
)
async def get_photo(
    person_id: UUID,
    viewer: MaybePrincipal,
    uow: UoW,
    request: Request,
    size: Annotated[str, Query(pattern="^(full|thumbnail)$")] = "full",
) -> Response:
    data, content_type, digest = await people.photo_of(
        viewer.subject if viewer else None, person_id, size == "thumbnail", uow
    )
    etag = f'"{digest[:32]}-{size}"'
    headers = {"ETag": etag, "Cache-Control": "private, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=content_type, headers=headers)
