"""Request-scoped dependencies of the notifications API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventkit.http.problems import Problem
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.adapters.ssrf import SsrfGuard
from notifications.config import NotificationsSettings
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from notifications.service_layer.webhooks import PartnerCatalogue


async def unit_of_work(request: Request) -> NotificationsUnitOfWork:
    uow: NotificationsUnitOfWork = request.app.state.uow_factory()
    return uow


def settings(request: Request) -> NotificationsSettings:
    s: NotificationsSettings = request.app.state.settings
    return s


def signer(request: Request) -> UnsubscribeSigner:
    s: UnsubscribeSigner = request.app.state.unsubscribe_signer
    return s


def ssrf_guard(request: Request) -> SsrfGuard:
    g: SsrfGuard = request.app.state.ssrf_guard
    return g


def catalogue(request: Request) -> PartnerCatalogue:
    c: PartnerCatalogue = request.app.state.partner_catalogue
    return c


UoW = Annotated[NotificationsUnitOfWork, Depends(unit_of_work)]
Settings = Annotated[NotificationsSettings, Depends(settings)]
Signer = Annotated[UnsubscribeSigner, Depends(signer)]
Guard = Annotated[SsrfGuard, Depends(ssrf_guard)]
Catalogue = Annotated[PartnerCatalogue, Depends(catalogue)]


def parse_cursor(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    if not cursor.isdigit() or len(cursor) > 18:
        raise Problem(400, "Bad Request", "The cursor is not valid.")
    return int(cursor)
