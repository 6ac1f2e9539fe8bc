"""Browser tests: one real platform for the folder (four services, gateway, web client),
Debian's Chromium through Playwright, and the data the journeys need."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from admin_console import AdminConsole, admin_console
from browser import launch
from playwright.sync_api import Browser, sync_playwright
from web_stack import (
    ENV,
    SERVICES,
    Api,
    Mailbox,
    World,
    build_world,
    oidc_env,
    oidc_provider,
)

from devstack.harness import TestInfra
from devstack.smtp import read_messages
from devstack.system import Platform, start_platform
from devstack.testing import deselect_marked

#: a platform kept running by dev_platform.py (for working on the tests), else none
KEPT = os.environ.get("WEB_TEST_PLATFORM")


@pytest.fixture(scope="session")
def provider() -> Iterator[str]:
    if KEPT:
        yield json.loads(Path(KEPT).read_text())["provider"]
        return
    with oidc_provider() as issuer:
        yield issuer


@pytest.fixture(scope="session")
def site(infra: TestInfra, provider: str) -> Iterator[Any]:
    if KEPT:
        state = json.loads(Path(KEPT).read_text())
        sink = SimpleNamespace(messages=lambda: read_messages(Path(state["maildir"])))
        yield SimpleNamespace(gateway_url=state["gateway_url"], smtp=sink)
        return
    env = {**ENV, "profiles": {**ENV["profiles"], **oidc_env(provider)}}
    with start_platform(infra, SERVICES, env) as platform:
        yield platform


@pytest.fixture(scope="session")
def staff_roles(site: Platform, chromium: Browser) -> Iterator[AdminConsole]:
    """Grants staff roles as the platform administrator does, on /admin in the browser:
    ``staff_roles.grant(email, "moderator", ...)``; every console test's roles come this way."""
    with admin_console(chromium, site.gateway_url) as console:
        yield console


@pytest.fixture(scope="session")
def world(site: Platform, staff_roles: AdminConsole) -> World:
    if KEPT:
        state = json.loads(Path(KEPT).read_text())
        api = Api(site.gateway_url)
        return World(api=api, mail=Mailbox(site), **state["world"])
    return build_world(site, staff_roles.grant)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Four services x (migrate, api, relay, worker) and a browser on a shared 2-core
    machine start slowly: the folder's tests may take longer than the default timeout. The
    longer set (``web_full``) runs with ``make test-web`` (WEB_TESTS=full) only: deselected,
    not skipped, in ``make test``."""
    for item in items:
        if "tests/web/" in str(item.fspath) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(1800))
    deselect_marked(config, items, "web_full", unless_env="WEB_TESTS")
    # Last in the session: the folder's session-wide platform (its workers consume the shared
    # broker) and Playwright's sync event loop live until the session ends, and would answer
    # or break the tests of every folder collected after this one.
    items.sort(key=lambda i: "tests/web/" in str(i.fspath))  # stable: order kept otherwise
