"""Request-scoped dependencies shared by the profiles routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventkit.http.rate_limit import client_address
from profiles.config import ProfilesSettings
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


async def unit_of_work(request: Request) -> ProfilesUnitOfWork:
    uow: ProfilesUnitOfWork = request.app.state.uow_factory()
    return uow


def settings(request: Request) -> ProfilesSettings:
    s: ProfilesSettings = request.app.state.settings
    return s


def client_ip(request: Request) -> str:
    """The caller's address; behind our gateway, the hop the gateway appended."""
    return client_address(request.scope, settings(request).trust_forwarded_for)


UoW = Annotated[ProfilesUnitOfWork, Depends(unit_of_work)]
Settings = Annotated[ProfilesSettings, Depends(settings)]
ClientIp = Annotated[str, Depends(client_ip)]
