"""The attack suite's platform: profiles' real mapping API on the real Postgres, in a database
of its own (``privacy_attacks``, recreated per run) so nothing else's data is in the tables."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from devstack.harness import TestInfra
from devstack.postgres import aprovision_service, recreate_database
from devstack.testing import TokenIssuer, api_client, deselect_marked
from profiles.bootstrap import ProfilesService
from profiles.config import ProfilesSettings
from profiles.mapping.adapters.orm import MAPPING_MIGRATIONS
from profiles.mapping.adapters.template import TEMPLATE
from profiles.mapping.entrypoints import http as mapping

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
async def mapping_api(infra: TestInfra) -> AsyncIterator[tuple[httpx.AsyncClient, TokenIssuer]]:
    admin = await recreate_database(infra.admin_database_url, "privacy_attacks")
    url = await aprovision_service(admin, "profiles")
    service = ProfilesService(
        ProfilesSettings(
            database_url=url, kafka_bootstrap_servers=infra.kafka_bootstrap, log_json=False
        )
    )
    for folder in (service.migrations_dir, MAPPING_MIGRATIONS):
        await asyncio.to_thread(service.chassis.migrate, folder)
    app = service.chassis.create_app([mapping.router], title="attack suite")
    app.state.mapping_uow_factory = service.mapping_uow  # what create_app wires
    issuer = TokenIssuer()
    issuer.install(app)
    try:
        async with api_client(app) as client:
            yield client, issuer
    finally:
        await service.chassis.dispose()


@pytest.fixture(scope="module")
async def survey_id(mapping_api: tuple[httpx.AsyncClient, TokenIssuer]) -> str:
    """The platform's standard questionnaire (its consent question promises k = 10)."""
    client, issuer = mapping_api
    r = await client.post(
        "/v1/mapping/surveys/xlsform?key=attack-suite",
        content=TEMPLATE.read_bytes(),
        headers={**issuer.headers(uuid.uuid4(), ("government_focal_point",)), "Content-Type": XLSX},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The controls (``privacy_attacks_full``) run with ``make privacy-attacks`` only."""
    deselect_marked(config, items, "privacy_attacks_full", unless_env="PRIVACY_ATTACK_MODE")
