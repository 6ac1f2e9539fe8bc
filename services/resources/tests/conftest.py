"""Resources test fixtures: the real service on a freshly migrated schema (real Postgres),
tokens from a test issuer, and helpers to read the outbox."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from resources_testkit import ATTACHMENT_LIMIT

from devstack.harness import TestInfra
from devstack.testing import (
    TokenIssuer,
    api_client,
    fresh_service_database,
    migrate,
    running_worker,
)
from resources.bootstrap import ResourcesService
from resources.config import ResourcesSettings


@pytest.fixture(scope="session")
async def resources_service(
    infra: TestInfra, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[ResourcesService]:
    url = await fresh_service_database(infra, "resources")
    attachments: Path = tmp_path_factory.mktemp("resources-attachments")
    service = ResourcesService(
        ResourcesSettings(
            database_url=url,
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            attachment_dir=attachments,
            attachment_max_bytes=ATTACHMENT_LIMIT,
            reports_to_hide=2,
            relay_poll_interval_s=0.2,
            log_json=False,
        )
    )
    await migrate(service)
    yield service
    await service.chassis.dispose()


@pytest.fixture(scope="session")
def tokens() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture
async def client(
    resources_service: ResourcesService, tokens: TokenIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    app = resources_service.create_app()
    tokens.install(app)
    async with api_client(app) as c:
        yield c


@pytest.fixture(scope="session")
def client_factory(resources_service: ResourcesService, tokens: TokenIssuer) -> Callable[[], Any]:
    """For module-scoped fixtures that set data up through the API."""

    @contextlib.asynccontextmanager
    async def make() -> AsyncIterator[tuple[httpx.AsyncClient, TokenIssuer]]:
        app = resources_service.create_app()
        tokens.install(app)
        async with api_client(app) as c:
            yield c, tokens

    return make


@pytest.fixture(scope="session")
async def resources_worker(resources_service: ResourcesService) -> AsyncIterator[None]:
    """The service's consumers on the real broker, for the whole session."""
    async with running_worker(resources_service):
        yield
