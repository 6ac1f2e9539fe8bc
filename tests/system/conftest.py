"""System tests: the services as real processes (``python -m <svc> api|relay|worker``), the
real gateway (Caddy) configured from the route table, the web client behind it, real Kafka,
Postgres and SMTP (``devstack.system``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from devstack.harness import TestInfra
from devstack.system import Platform, start_platform

__all__ = ["ADMIN", "Platform", "start_platform", "unique_email"]

#: the administrator of the developer platform (seeded by profiles)
ADMIN = ("admin@developers.example.org", "the developer platform's admin passphrase")


@pytest.fixture(scope="module")
def developer_platform(infra: TestInfra) -> Iterator[Platform]:
    """All four services, the demo alliance seeded (its partner-visible events), an
    administrator, loopback webhook receivers allowed and the developer portal: what a
    client-app developer or a partner has after ``make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1``.

    Per module, never for the session: its workers consume the shared broker's topics, so
    alive beside another test's services they answer that test's privacy requests and
    read events whose subject keys they cannot fetch (main's CI went red that way)."""
    # notifications' consumer group starts before alliance seeds, so it records those events
    services = ("profiles", "notifications", "resources", "alliance")
    env = {
        "profiles": {"ADMIN_EMAIL": ADMIN[0], "ADMIN_PASSWORD": ADMIN[1]},
        "notifications": {"WEBHOOK_ALLOWED_PRIVATE": "127.0.0.1"},
    }
    with start_platform(infra, services, env, seeded=("profiles", "alliance"), portal=True) as p:
        yield p


@pytest.fixture(scope="module")
def platform(infra: TestInfra) -> Iterator[Platform]:
    with start_platform(infra, ("profiles", "notifications")) as p:
        yield p


def unique_email(tag: str = "person") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.org"
