"""Roles as profiles grants them (contracts.vocabulary): each role may do in resources exactly
what the vocabulary says it permits here, and nothing else.

Found from the outside: an organisation admin or a government focal point got 403 posting an
opportunity or an event, and a platform admin 403 on the moderation queue, because resources
checked role names of its own ("admin", "organisation", "government_focal_point")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from resources_testkit import new_id

from contracts.vocabulary import ROLES, Permission, Role, holding
from devstack.testing import TokenIssuer

IN_A_MONTH = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)

Attempt = Callable[[httpx.AsyncClient, dict[str, str]], Awaitable[httpx.Response]]


async def moderation_queue(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.get("/v1/resources/moderation-queue", headers=headers)


async def post_opportunity(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    body = {
        "kind": "experts",
        "title": "Nurses for the Jacmel hospital",
        "organisation": "Ministère de la Santé",
        "deadline": IN_A_MONTH.isoformat(),
        "required_occupations": ["2221"],
        "required_skills": ["S3"],
        "sectors": ["Q"],
        "countries": ["HT"],
        "languages": ["fr"],
    }
    return await client.post("/v1/opportunities", json=body, headers=headers)


async def schedule_event(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    body = {
        "kind": "consultation",
        "title": "Consultation on return programmes",
        "language": "fr",
        "organiser": "Ministère",
        "time_zone": "America/Port-au-Prince",
        "starts_at": IN_A_MONTH.replace(tzinfo=None, hour=10).isoformat(),
        "ends_at": IN_A_MONTH.replace(tzinfo=None, hour=12).isoformat(),
        "online_url": "https://meet.example.org/consultation",
    }
    return await client.post("/v1/events", json=body, headers=headers)


async def publish_course(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    body = {
        "title": "Mentoring at a distance",
        "language": "fr",
        "modules": [{"title": "Start", "lessons": [{"id": "one", "title": "One"}]}],
    }
    return await client.post("/v1/courses", json=body, headers=headers)


ATTEMPTS: dict[Permission, tuple[Attempt, int]] = {
    Permission.RESOURCES_MODERATE: (moderation_queue, 200),
    Permission.RESOURCES_POST_OPPORTUNITIES: (post_opportunity, 201),
    Permission.RESOURCES_SCHEDULE_EVENTS: (schedule_event, 201),
    Permission.RESOURCES_PUBLISH_COURSES: (publish_course, 201),
}


def test_every_permission_of_resources_is_tried() -> None:
    assert set(ATTEMPTS) == {p for p in Permission if p.service == "resources"}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("permission", list(ATTEMPTS), ids=[p.value for p in ATTEMPTS])
async def test_a_role_may_do_what_the_vocabulary_says(
    client: httpx.AsyncClient, tokens: TokenIssuer, role: Role, permission: Permission
) -> None:
    attempt, success = ATTEMPTS[permission]
    roles: Any = ("member", role.value) if role != Role.MEMBER else ("member",)
    answer = await attempt(client, tokens.headers(new_id(), roles=roles))
    allowed = role.value in holding(permission)
    assert allowed == (permission in ROLES[role].permits)
    assert answer.status_code == (success if allowed else 403), answer.text
