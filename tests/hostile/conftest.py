"""Hostile-input suites (schemathesis, OWASP API Top 10): one platform for the whole folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_stack import HostileStack, start_hostile_stack

from devstack.harness import TestInfra


@pytest.fixture(scope="session")
def hostile(infra: TestInfra) -> Iterator[HostileStack]:
    yield from start_hostile_stack(infra)
