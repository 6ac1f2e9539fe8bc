"""The pages, one module per area; each exposes ``ROUTES``."""

from __future__ import annotations

from starlette.routing import BaseRoute

from web.pages import (
    account,
    admin,
    alliance,
    connections,
    courses,
    directory,
    events,
    home,
    library,
    mapping,
    mapping_needs,
    mapping_questionnaires,
    mapping_tables,
    messages,
    moderation,
    notifications,
    opportunities,
    organisation,
    organisation_posts,
    partner,
    privacy,
    profile,
    secretariat,
    secretariat_cohorts,
    secretariat_commitments,
    secretariat_recommendations,
    surveys,
    two_factor,
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
    two_factor,
    moderation,
    mapping,
    mapping_tables,
    mapping_needs,
    mapping_questionnaires,
    organisation,
    organisation_posts,
    partner,
    alliance,
    admin,
    secretariat,
    secretariat_recommendations,
    secretariat_commitments,
    secretariat_cohorts,
)


def routes() -> list[BaseRoute]:
    return [route for area in AREAS for route in area.ROUTES]
