"""The pages, one module per area; each exposes ``ROUTES``."""

from __future__ import annotations

from starlette.routing import BaseRoute

from web.pages import (
    account,
    connections,
    courses,
    directory,
    events,
    home,
    library,
    messages,
    moderation,
    notifications,
    opportunities,
    organisation,
    organisation_posts,
    partner,
    privacy,
    profile,
    surveys,
)

AREAS = (
    home,
    account,
    profile,
    directory,
    connections,
    messages,
    library,
    events,
    courses,
    opportunities,
    surveys,
    notifications,
    privacy,
    moderation,
    organisation,
    organisation_posts,
    partner,
)


def routes() -> list[BaseRoute]:
    return [route for area in AREAS for route in area.ROUTES]
