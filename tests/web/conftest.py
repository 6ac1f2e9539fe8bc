"""Browser tests: one real platform for the folder (four services, gateway, web client),
Debian's Chromium through Playwright, and the data the journeys need."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import launch
from playwright.sync_api import Browser, sync_playwright
from web_stack import ENV, SERVICES, World, build_world, oidc_env, oidc_provider

from devstack.harness import TestInfra
from devstack.system import Platform, start_platform


@pytest.fixture(scope="session")
def provider() -> Iterator[str]:
    with oidc_provider() as issuer:
        yield issuer


@pytest.fixture(scope="session")
def site(infra: TestInfra, provider: str) -> Iterator[Platform]:
    env = {**ENV, "profiles": {**ENV["profiles"], **oidc_env(provider)}}
    with start_platform(infra, SERVICES, env) as platform:
        yield platform


@pytest.fixture(scope="session")
def world(site: Platform) -> World:
    return build_world(site)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Four services x (migrate, api, relay, worker) and a browser on a shared 2-core
    machine start slowly: the folder's tests may take longer than the default timeout."""
    for item in items:
        if "tests/web/" in str(item.fspath) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(1800))
