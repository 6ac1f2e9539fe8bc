"""Journey tests: each kind of user walks their whole path across the services, black-box.

Only what an outside client has: HTTP through the gateway, the mail the SMTP sink received,
partner-visible deliveries, the generated SDKs. No service code is imported here or in the
journeys; roles are granted through the admin API. One platform
(devstack.system.developer_platform) serves the whole package, so the journeys (and the SDK
and partner-receiver smoke journeys, here for that reason) share its start-up cost; it is
stopped when the package ends, before any other test's services start on the shared broker."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from devstack import system
from devstack.harness import TestInfra
from devstack.system import ADMIN, Platform
from journeys.kit import Person


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The first journey also waits for the platform to start (a dozen Python processes,
    migrations and seeds: minutes on a loaded 2-core machine), beyond the 300 s default.
    ``make test`` runs every journey: once the platform is up, each takes 10-20 s (the
    platform's start is the cost, paid once for the package)."""
    for item in items:
        if "tests/journeys/" in str(item.fspath) and "journey_platform" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.timeout(900))


@pytest.fixture(scope="package")
def journey_platform(infra: TestInfra) -> Iterator[Platform]:
    with system.developer_platform(infra) as p:
        yield p


@pytest.fixture(scope="package")
def admin(journey_platform: Platform) -> Person:
    """The platform administrator the operator configured (ADMIN_EMAIL)."""
    return Person(journey_platform, ADMIN[0], "Admin", "en").sign_in(ADMIN[1])


@pytest.fixture
def newcomer(journey_platform: Platform) -> Callable[..., Person]:
    """A freshly registered, verified, signed-in person."""

    def make(name: str, locale: str = "en") -> Person:
        email = f"{name.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.org"
        return Person(journey_platform, email, name, locale).register()

    return make
