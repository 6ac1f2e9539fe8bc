"""Request dependencies shared by the resources routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventkit.http.auth import CurrentPrincipal, MaybePrincipal, Principal
from resources.service_layer.resource_handlers import Actor
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

MODERATOR_ROLES = ("moderator", "admin")
#: who may post opportunities: organisations, government focal points, moderators
POSTER_ROLES = ("organisation", "focal_point", "moderator", "admin")


async def unit_of_work(request: Request) -> ResourcesUnitOfWork:
    # async on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread
    # hop on every request for what is only a constructor call
    uow: ResourcesUnitOfWork = request.app.state.uow_factory()
    return uow


UoW = Annotated[ResourcesUnitOfWork, Depends(unit_of_work)]


#: most privileged first: the role recorded when an actor reads someone's personal data
_AUDIT_ROLES = ("admin", "moderator", "focal_point", "organisation")


def actor_of(principal: Principal) -> Actor:
    role = next((r for r in _AUDIT_ROLES if r in principal.roles), "member")
    return Actor(principal.subject, moderator=principal.has_role(*MODERATOR_ROLES), role=role)


async def current_actor(principal: CurrentPrincipal) -> Actor:
    return actor_of(principal)


async def maybe_actor(principal: MaybePrincipal) -> Actor | None:
    return None if principal is None else actor_of(principal)


CurrentActor = Annotated[Actor, Depends(current_actor)]
MaybeActor = Annotated[Actor | None, Depends(maybe_actor)]


def preferred_languages(lang: str | None, accept_language: str | None) -> list[str]:
    """?lang= first, then Accept-Language by quality (RFC 9110), base languages only."""
    chosen: list[str] = [lang] if lang else []
    weighted: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        if not tag or tag == "*":
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if q > 0:
            weighted.append((-q, i, tag.split("-")[0].lower()))
    chosen += [tag for _, _, tag in sorted(weighted)]
    return list(dict.fromkeys(chosen))
