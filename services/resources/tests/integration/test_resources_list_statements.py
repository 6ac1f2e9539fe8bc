"""Listing open opportunities (``GET /v1/opportunities``) is ONE statement on the wire,
whatever the page size (counted by devstack.pgwire): the page is read with its rows, not as ids
and then one query per opportunity (the N+1 this endpoint had), and without a transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from resources_testkit import new_id

from devstack.pgwire import PgWireRecorder, recording
from devstack.testing import TokenIssuer, recorded_api_client
from resources.bootstrap import ResourcesService
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

pytestmark = pytest.mark.infra


@pytest.fixture
async def wire(resources_service: ResourcesService) -> AsyncIterator[PgWireRecorder]:
    async with recording(resources_service.settings.database_url) as recorder:
        yield recorder


@pytest.fixture
async def recorded_client(
    resources_service: ResourcesService, tokens: TokenIssuer, wire: PgWireRecorder
) -> AsyncIterator[httpx.AsyncClient]:
    """The service's API whose units of work talk to Postgres through the recorder."""
    async with recorded_api_client(
        resources_service, tokens, wire.database_url, ResourcesUnitOfWork
    ) as client:
        yield client


async def test_a_page_of_open_opportunities_is_one_statement(
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
    recorded_client: httpx.AsyncClient,
    wire: PgWireRecorder,
) -> None:
    poster = tokens.headers(new_id(), roles=("organisation_admin",))
    for days in range(1, 7):
        posted = await client.post(
            "/v1/opportunities",
            json={
                "kind": "experts",
                "title": f"Statisticians, round {days}",
                "description": "Count carefully.",
                "organisation": "Statistics office",
                "deadline": (datetime.now(UTC) + timedelta(days=days)).isoformat(),
                "work_mode": "remote",
                "countries": ["HT"],
            },
            headers=poster,
        )
        assert posted.status_code == 201, posted.text

    statements: dict[int, list[str]] = {}
    for limit in (1, 6):
        params = {"limit": limit, "country": "HT"}
        await recorded_client.get("/v1/opportunities", params=params)  # asyncpg prepares
        wire.clear()
        page = await recorded_client.get("/v1/opportunities", params=params)
        assert page.status_code == 200, page.text
        assert len(page.json()["items"]) == limit
        statements[limit] = wire.commands()
    assert statements == {1: ["SELECT"], 6: ["SELECT"]}, wire.statements
    assert not wire.encrypted
