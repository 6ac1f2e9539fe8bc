"""The developer portal through the gateway (/developers), in Debian's Chromium driven by
Playwright, with every origin but the gateway's blocked: each page renders (the API
reference, the webhooks catalogue, the AsyncAPI events, the schemas, every guide) from files
the platform serves itself, and no page even tries to reach another origin.

The portal is static (devstack.portal): the real gateway (Caddy, configured from the route
table as ``make run`` configures it) serves it; no service process is needed for it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from devstack.gateway import Gateway
from devstack.paths import repo_root, routes_path
from devstack.portal import build
from devstack.waiting import free_port

# the portal's Node toolchain: seconds each (make test, not make test-unit)
pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
#: flags for a machine with no network but loopback (the machine doc's)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
GUIDES = sorted(p.stem for p in (repo_root() / "docs" / "developers").glob("*.md"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is installed by .ci/run (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("portal-gateway")
    gateway = Gateway(home, f"127.0.0.1:{free_port()}", portal=build(home / "portal"))
    gateway.start(routes_path())
    try:
        yield gateway.url
    finally:
        gateway.stop()


@pytest.fixture
def page(browser: Browser, gateway: str) -> Iterator[Page]:
    """A page that may load only from the gateway; what else it asked for is a failure."""
    own = urlsplit(gateway).netloc
    foreign: list[str] = []
    errors: list[str] = []

    def only_the_gateway(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == own or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context = browser.new_context()
    context.route("**/*", only_the_gateway)
    page = context.new_page()
    page.set_default_timeout(120_000)  # a loaded CI machine renders the big documents slowly
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    context.close()
    assert not foreign, f"requests to other origins: {foreign}"
    assert not errors, f"page errors: {errors}"


def _shot(page: Page, name: str) -> None:
    folder = Path(os.environ.get("PORTAL_SCREENSHOTS", repo_root() / ".local" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"portal-{name}.png"), full_page=False)


def test_the_portal_home_links_every_part(page: Page, gateway: str) -> None:
    response = page.goto(f"{gateway}/developers")
    assert response is not None and response.ok
    page.wait_for_url("**/developers/guides/index.html")
    assert page.locator("h1").inner_text() == "Developers"
    for text in ("HTTP API reference", "Webhooks catalogue", "Event streams (AsyncAPI)"):
        assert page.get_by_role("link", name=text).count() == 1
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp
    _shot(page, "home")


def test_the_api_reference_renders_every_operation(page: Page, gateway: str) -> None:
    document = json.loads((repo_root() / "docs/api/platform.openapi.json").read_text())
    tags = {t for item in document["paths"].values() for op in item.values() for t in op["tags"]}
    page.goto(f"{gateway}/developers/api/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".info .title").inner_text().startswith("Diaspora Engagement Platform API")
    _shot(page, "api")
    # Swagger UI read the whole document without an error: every tag's operations and
    # every webhook (it renders them section by section, slowly on a loaded machine)
    state = page.evaluate(
        """() => ({
            tags: window.ui.specSelectors.taggedOperations().keySeq().toJS().sort(),
            webhooks: window.ui.specSelectors.specJson().get("webhooks").size,
            errors: window.ui.errSelectors.allErrors().toJS(),
        })"""
    )
    assert state == {"tags": sorted(tags), "webhooks": len(document["webhooks"]), "errors": []}
    page.select_option("#document", "../openapi/alliance.openapi.json")
    page.locator(".info .title", has_text="Alliance").wait_for()


def test_the_webhooks_catalogue_lists_every_partner_event(page: Page, gateway: str) -> None:
    page.goto(f"{gateway}/developers/webhooks/")
    sections = page.locator("main section")
    # one section per webhook the API document declares (the partner events it delivers)
    declared = json.loads((repo_root() / "docs/api/platform.openapi.json").read_text())["webhooks"]
    assert len(declared) >= 13 and sections.count() == len(declared)
    page.locator("details summary").first.click()
    assert '"specversion": "1.0"' in page.locator("details pre").first.inner_text()
    _shot(page, "webhooks")


def test_the_events_page_renders_the_partner_asyncapi(page: Page, gateway: str) -> None:
    page.goto(f"{gateway}/developers/events/")
    page.get_by_text("alliance.meeting.v1").first.wait_for()
    assert page.get_by_text("Diaspora Engagement Platform: partner events").count() >= 1
    assert page.get_by_text("alliance.meeting.scheduled").count() >= 1
    _shot(page, "events")


def test_schemas_and_guides_are_served(page: Page, gateway: str) -> None:
    page.goto(f"{gateway}/developers/schemas/")
    link = page.get_by_role("link", name="alliance.meeting.scheduled.json")
    assert link.count() == 1
    schema = page.request.get(f"{gateway}/developers/schemas/alliance.meeting.scheduled.json")
    assert schema.ok and "properties" in schema.json()
    for guide in GUIDES:
        response = page.goto(f"{gateway}/developers/guides/{guide}.html")
        assert response is not None and response.ok, guide
        assert page.locator("main h1").count() == 1, guide
    _shot(page, "guide")
