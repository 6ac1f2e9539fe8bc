"""Alliance test fixtures: the real service on a freshly migrated schema (real Postgres)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from alliance_testkit import World

from alliance.bootstrap import AllianceService, bootstrap
from alliance.config import AllianceSettings
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client, fresh_service_database, migrate
from eventkit.clock import FixedClock


@pytest.fixture(scope="session")
async def alliance_service(infra: TestInfra) -> AsyncIterator[AllianceService]:
    url = await fresh_service_database(infra, "alliance")
    service = bootstrap(
        AllianceSettings(database_url=url, kafka_bootstrap_servers=infra.kafka_bootstrap)
    )
    await migrate(service)
    yield service
    await service.chassis.dispose()


@pytest.fixture(scope="session")
def issuer() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture
def clock() -> FixedClock:
    """Each test gets its own clock, starting now; only that test moves it."""
    return FixedClock(datetime.now(UTC))


@pytest.fixture
async def client(
    alliance_service: AllianceService, issuer: TokenIssuer, clock: FixedClock
) -> AsyncIterator[httpx.AsyncClient]:
    # the test's clock for the app and the jobs alike
    alliance_service.clock = alliance_service.chassis.clock = clock
    app = alliance_service.create_app()
    issuer.install(app)
    async with api_client(app) as c:
        yield c


@pytest.fixture
async def world(
    client: httpx.AsyncClient,
    issuer: TokenIssuer,
    alliance_service: AllianceService,
    clock: FixedClock,
) -> World:
    w = World(client, issuer, alliance_service)
    w.clock = clock
    await w.found()
    return w
