"""A service's own AsyncAPI document, live at ``/asyncapi.json`` (as ``/openapi.json``).

The rendered pages of every document are the developer portal's (``/developers`` through
the gateway, served from locked npm packages; ``portal/``): a service serves no HTML that
would load a renderer from a CDN."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse


def asyncapi_router(document: Callable[[], dict[str, Any]]) -> APIRouter:
    """``/asyncapi.json``, generated once."""
    router = APIRouter(include_in_schema=False)
    cache: dict[str, Any] = {}

    @router.get("/asyncapi.json")
    async def asyncapi_json() -> JSONResponse:
        if "spec" not in cache:
            cache["spec"] = document()
        return JSONResponse(cache["spec"])

    return router
