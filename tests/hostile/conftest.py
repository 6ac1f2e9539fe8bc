"""Hostile-input suites (schemathesis, OWASP API Top 10): one platform for the whole folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_stack import HostileStack, start_hostile_stack

from devstack.harness import TestInfra


@pytest.fixture(scope="session")
def hostile(infra: TestInfra) -> Iterator[HostileStack]:
    yield from start_hostile_stack(infra)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The first test to ask for the platform starts it (four services, the workers, the
    gateway): minutes on a loaded 2-core machine, which the default 300 s would cut."""
    for item in items:
        if "hostile" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(900))
