"""pytest fixtures for real infrastructure (registered by the repository's conftest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devstack.harness import SmtpSink, TestInfra, ensure_test_infra, start_smtp_sink


@pytest.fixture(scope="session")
def infra() -> TestInfra:
    """Real Kafka + Postgres for the session. Raises (fails the test) if unavailable."""
    return ensure_test_infra()


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server process capturing mail into a folder, for one test."""
    with start_smtp_sink() as sink:
        yield sink


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use real infrastructure are marked ``infra`` (``make test-unit`` skips them)."""
    for item in items:
        if "infra" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.infra)
