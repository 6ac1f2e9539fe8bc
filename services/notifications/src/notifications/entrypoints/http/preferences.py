"""A person's own notification preferences (ETag / If-Match against lost updates)."""

from __future__ import annotations

from datetime import time

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from contracts.vocabulary.types import LocaleTag
from eventkit.domain_errors import PreconditionFailed
from eventkit.http.auth import CurrentPrincipal
from eventkit.http.preconditions import IfMatchHeader
from eventkit.preconditions import etag
from notifications.domain.preferences import (
    Category,
    Channel,
    Frequency,
    Preferences,
    QuietHours,
)
from notifications.entrypoints.http.deps import UoW

router = APIRouter(prefix="/v1/preferences", tags=["preferences"])


class QuietHoursBody(BaseModel):
    start: time = Field(examples=["22:00"])
    end: time = Field(examples=["07:00"])


class PreferencesBody(BaseModel):
    channels: dict[Channel, bool] = Field(
        default_factory=lambda: {Channel.IN_APP: True, Channel.EMAIL: True}
    )
    categories: dict[Category, Frequency] = Field(default_factory=dict)
    language: LocaleTag | None = None
    time_zone: str = Field(default="UTC", max_length=64, examples=["Africa/Dakar"])
    quiet_hours: QuietHoursBody | None = None


class PreferencesView(PreferencesBody):
    version: int


def _view(p: Preferences) -> PreferencesView:
    return PreferencesView(
        channels=p.channels,
        categories=p.categories,
        language=p.language,
        time_zone=p.time_zone,
        quiet_hours=QuietHoursBody(start=p.quiet_hours.start, end=p.quiet_hours.end)
        if p.quiet_hours
        else None,
        version=p.version,
    )


@router.get("", response_model=PreferencesView)
async def get_preferences(
    principal: CurrentPrincipal, uow: UoW, response: Response
) -> PreferencesView:
    async with uow:
        prefs = await uow.preferences.get_or_default(principal.subject)
    response.headers["ETag"] = etag(prefs.version)
    return _view(prefs)


@router.put(
    "",
    response_model=PreferencesView,
    responses={412: {"description": "Changed meanwhile (If-Match)"}, 422: {}},
)
async def put_preferences(
    body: PreferencesBody,
    principal: CurrentPrincipal,
    uow: UoW,
    response: Response,
    expected: IfMatchHeader,
) -> PreferencesView:
    async with uow:
        current = await uow.preferences.get_or_default(principal.subject)
        expected.check(current.version, required=False, what="your preferences")
        updated = Preferences(
            person_id=principal.subject,
            channels={**current.channels, **body.channels},
            categories=dict(body.categories),
            language=body.language,
            time_zone=body.time_zone,
            quiet_hours=QuietHours(start=body.quiet_hours.start, end=body.quiet_hours.end)
            if body.quiet_hours
            else None,
            version=current.version + 1,
        )
        if not await uow.preferences.save(updated, expected_version=current.version):
            raise PreconditionFailed(
                "Your preferences changed meanwhile: read them again and reapply your change.",
                current_etag=etag(current.version + 1),
            )
        await uow.commit()
    response.headers["ETag"] = etag(updated.version)
    return _view(updated)
