"""The public keys that verify access tokens (RFC 7517 JWK Set), for every service."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from eventkit.http.clock import Now
from profiles.entrypoints.http.deps import UoW
from profiles.service_layer import identity

router = APIRouter(tags=["identity"])


@router.get("/.well-known/jwks.json")
async def jwks(uow: UoW, now: Now, response: Response) -> dict[str, Any]:
    # short cache: verifiers also refetch on an unknown kid, so rotation needs no wait
    response.headers["Cache-Control"] = "public, max-age=60"
    return await identity.published_keys(uow, now.now())
