"""Social login endpoints (OpenID Connect, authorization code + PKCE)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from eventkit.http.auth import CurrentPrincipal
from eventkit.http.clock import Now
from eventkit.http.problems import Problem
from profiles.entrypoints.http import schemas
from profiles.entrypoints.http.deps import Settings, UoW
from profiles.service_layer import oidc

router = APIRouter(prefix="/v1/auth/oidc", tags=["accounts"])


@router.get("/providers")
async def providers(settings: Settings) -> list[dict[str, str]]:
    return [
        {"provider": name, "label": p.label or name}
        for name, p in sorted(settings.oidc_providers.items())
    ]


async def _begin(
    name: str, link: UUID | None, uow: UoW, settings: Settings, now: Now
) -> dict[str, str]:
    url = await oidc.begin(name, link, uow, settings, now.now())
    return {"authorization_url": url}


@router.get("/{provider}/authorize", responses={404: {}, 502: {}})
async def authorize(provider: str, uow: UoW, settings: Settings, now: Now) -> dict[str, str]:
    """Where to send the person to sign in with ``provider``."""
    return await _begin(provider, None, uow, settings, now)


@router.post("/{provider}/link", responses={401: {}, 404: {}, 502: {}})
async def link(
    provider: str, principal: CurrentPrincipal, uow: UoW, settings: Settings, now: Now
) -> dict[str, str]:
    """Start linking a ``provider`` identity to the signed-in account."""
    return await _begin(provider, principal.subject, uow, settings, now)


@router.get(
    "/{provider}/callback",
    response_model=schemas.SocialSignIn,
    responses={400: {}, 404: {}, 409: {}},
)
async def callback(
    provider: str,
    uow: UoW,
    settings: Settings,
    now: Now,
    response: Response,
    state: Annotated[str, Query(max_length=200)] = "",
    code: Annotated[str | None, Query(max_length=2000)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Where the provider sends the person back: signs in and returns tokens."""
    if error or not code or not state:
        raise Problem(400, "Sign-in cancelled", "The provider did not authorise the sign-in.")
    outcome = await oidc.complete(provider, code, state, uow, settings, now.now())
    response.headers["Cache-Control"] = "no-store"
    t = outcome.tokens
    return {
        "account_id": str(outcome.account_id),
        "created": outcome.created,
        "linked": outcome.linked,
        "access_token": t.access_token,
        "token_type": t.token_type,
        "expires_in": t.expires_in,
        "refresh_token": t.refresh_token,
        "refresh_expires_in": t.refresh_expires_in,
    }


@router.get("/identities", response_model=list[schemas.LinkedIdentity])
async def my_identities(principal: CurrentPrincipal, uow: UoW) -> list[dict[str, Any]]:
    return [
        {"provider": i["provider"], "linked_at": i["linked_at"].isoformat()}
        for i in await oidc.identities(principal.subject, uow)
    ]
