"""System tests: the services as real processes (``python -m <svc> api|relay|worker``), the
real gateway (Caddy) configured from the route table, the web client behind it, real Kafka,
Postgres and SMTP (``devstack.system``, shared with the journey tests)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from devstack.harness import TestInfra
from devstack.system import Platform, start_platform

__all__ = ["Platform", "start_platform", "unique_email"]


@pytest.fixture(scope="module")
def platform(infra: TestInfra) -> Iterator[Platform]:
    with start_platform(infra, ("profiles", "notifications")) as p:
        yield p


def unique_email(tag: str = "person") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.org"
