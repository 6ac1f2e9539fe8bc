"""The alliance's listings cost the same number of statements whatever the page size, counted
on the wire (devstack.pgwire): a page is read in one query, never one query per item (N+1).
The members listing, read by the secretariat, also records each individual's file read in
their audit log: those outbox rows go out together, not one statement per member."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from functools import partial

import httpx
import pytest
from alliance_testkit import API, World

from alliance.adapters.integration_events import to_integration_events
from alliance.bootstrap import AllianceService
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from devstack.pgwire import PgWireRecorder, recording
from devstack.testing import TokenIssuer, recorded_api_client

pytestmark = pytest.mark.infra


@pytest.fixture
async def wire(alliance_service: AllianceService) -> AsyncIterator[PgWireRecorder]:
    async with recording(alliance_service.settings.database_url) as recorder:
        yield recorder


@pytest.fixture
async def recorded(
    alliance_service: AllianceService, issuer: TokenIssuer, wire: PgWireRecorder
) -> AsyncIterator[httpx.AsyncClient]:
    """The alliance API whose units of work talk to Postgres through the recorder."""
    unit_of_work = partial(AllianceUnitOfWork, to_integration_events=to_integration_events)
    async with recorded_api_client(
        alliance_service, issuer, wire.database_url, unit_of_work
    ) as client:
        yield client


async def test_a_listing_costs_the_same_statements_for_one_item_or_many(
    world: World, recorded: httpx.AsyncClient, wire: PgWireRecorder
) -> None:
    for n in range(2):  # other alliances
        founded = await world.client.post(
            f"{API}/alliances",
            headers=world.sec,
            json={"slug": f"other-{uuid.uuid4().hex[:8]}", "name": f"Other {n}"},
        )
        assert founded.status_code == 201, founded.text
    for n in range(3):
        await world.member("expert", f"Expert {n}")  # individuals: their reads are recorded
    bodies = [await world.body("advisory_group", f"Advice {n}") for n in range(3)]
    for n in range(3):
        cohort = await world.client.post(
            f"{API}/cohorts",
            headers=world.sec,
            json={"alliance_id": world.id, "name": f"Cohort {n}", "year": 2030},
        )
        assert cohort.status_code == 201, cohort.text
        await world.meeting(bodies[0], f"Meeting {n}")
    listings = {
        "alliances": ("/alliances", {}),
        "members": ("/members", {"alliance_id": world.id}),
        "bodies": ("/bodies", {"alliance_id": world.id}),
        "cohorts": ("/cohorts", {"alliance_id": world.id}),
        "meetings": ("/meetings", {"body_id": bodies[0]}),
    }

    costs: dict[str, dict[int, list[str]]] = {}
    for name, (path, params) in listings.items():
        for limit in (1, 3):
            query = {**params, "limit": limit}
            await recorded.get(f"{API}{path}", headers=world.sec, params=query)  # prepares
            wire.clear()
            page = await recorded.get(f"{API}{path}", headers=world.sec, params=query)
            assert page.status_code == 200, page.text
            assert len(page.json()["items"]) == limit, (name, page.json())
            costs.setdefault(name, {})[limit] = wire.commands()
    assert not wire.encrypted
    for name, by_limit in costs.items():
        assert by_limit[1] == by_limit[3], (name, by_limit)
    # a plain listing is one query; members adds who is asking and the audit log's rows
    assert costs["bodies"][3].count("SELECT") == 1, costs["bodies"]
    assert costs["cohorts"][3].count("SELECT") == 1, costs["cohorts"]
