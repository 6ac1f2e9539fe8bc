"""Profiles test fixtures: the real service on a freshly migrated schema (real Postgres)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import profiles_testkit
import pytest
from profiles_testkit import ADMIN_EMAIL, ADMIN_PASSWORD, KEY_CLIENT_TOKEN, SUBJECT_KEY_KEK

from devstack.harness import TestInfra
from devstack.testing import api_client, fresh_service_database, migrate
from profiles.bootstrap import ProfilesService, bootstrap
from profiles.config import ProfilesSettings


@pytest.fixture(scope="session")
async def profiles_service(infra: TestInfra) -> AsyncIterator[ProfilesService]:
    url = await fresh_service_database(infra, "profiles")
    service = bootstrap(
        ProfilesSettings(
            database_url=url,
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            trust_forwarded_for=True,  # lets tests act from several client addresses
            relay_poll_interval_s=0.2,
            admin_email=ADMIN_EMAIL,
            admin_password=ADMIN_PASSWORD,
            # still argon2id, at a cost this shared 2-core test machine can afford per test
            argon2_time_cost=1,
            argon2_memory_cost_kib=8192,
            subject_key_kek=SUBJECT_KEY_KEK,
            subject_key_clients={"notifications": KEY_CLIENT_TOKEN},
        )
    )
    await migrate(service)
    profiles_testkit.SERVICE[:] = [service]
    yield service
    await service.chassis.dispose()


@pytest.fixture
async def client(profiles_service: ProfilesService) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(profiles_service.create_app()) as c:
        yield c
