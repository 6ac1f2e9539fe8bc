"""The public open-data feed (no authentication, no personal data)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from resources.adapters import open_data
from resources.entrypoints.http.deps import UoW
from resources.entrypoints.http.schemas import JsonFeed

router = APIRouter(prefix="/v1/open-data", tags=["open data"])


async def _entries(uow: UoW, request: Request, limit: int) -> list[open_data.Entry]:
    async with uow:
        return await open_data.entries(
            uow.session, request.app.state.settings.public_base_url, limit
        )


class JsonFeedResponse(JSONResponse):
    media_type = "application/feed+json"


class AtomResponse(Response):
    media_type = "application/atom+xml"


# response_class: the OpenAPI document names the media types these really answer with
@router.get("/feed.json", response_class=JsonFeedResponse, response_model=JsonFeed)
async def json_feed(
    uow: UoW, request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> Response:
    base = request.app.state.settings.public_base_url
    body: dict[str, Any] = open_data.json_feed(await _entries(uow, request, limit), base)
    return JsonFeedResponse(body, headers={"Cache-Control": "public, max-age=300"})


@router.get("/feed.atom", response_class=AtomResponse)
async def atom_feed(
    uow: UoW, request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 100
) -> Response:
    base = request.app.state.settings.public_base_url
    return AtomResponse(
        open_data.atom_feed(await _entries(uow, request, limit), base),
        headers={"Cache-Control": "public, max-age=300"},
    )
