from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import kit
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from sqlalchemy.ext.asyncio import create_async_engine

from devstack.harness import TestInfra
from eventkit.service import Chassis


@pytest.fixture
async def kit_db(infra: TestInfra) -> str:
    """The kit schema, emptied: a service role owning only its own schema."""
    url = await infra.aservice_database_url(kit.SCHEMA)
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(kit.metadata.drop_all)
        await conn.run_sync(kit.metadata.create_all)
    await engine.dispose()
    return url


@pytest.fixture
async def topic(infra: TestInfra) -> AsyncIterator[str]:
    """A fresh 3-partition topic (and its DLQ) per test: no history from other tests."""
    name = f"kit.{uuid.uuid4().hex[:10]}.v1"
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(name, 3, 1), NewTopic(name + ".dlq", 3, 1)], validate_only=False
        )
        yield name
        await admin.delete_topics([name, name + ".dlq"])
    finally:
        await admin.close()


@pytest.fixture
async def kit_chassis_with(kit_db: str, infra: TestInfra) -> AsyncIterator[kit.ChassisMaker]:
    """Builds kit services in a group of their own, ``settings`` overriding their
    ServiceSettings (``kit.chassis``); each is disposed of after the test."""
    made: list[Chassis] = []

    def make(prefix: str = "kit", **settings: Any) -> Chassis:
        group = f"{prefix}-{uuid.uuid4().hex[:8]}"
        made.append(kit.chassis(kit_db, infra.kafka_bootstrap, group=group, **settings))
        return made[-1]

    yield make
    for c in made:
        await c.dispose()


@pytest.fixture
def kit_chassis(kit_chassis_with: kit.ChassisMaker) -> Chassis:
    return kit_chassis_with()


@pytest.fixture
async def producer(infra: TestInfra) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    await p.start()
    yield p
    await p.stop()
