"""Chromium (Debian's) driven by Playwright, with the checks every browser test applies to
every page it visits: no request to another origin, axe-core finds no serious or critical
WCAG 2.2 AA violation, and the first load's weight is measured in the browser."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route
from web_stack import CHROMIUM, CHROMIUM_ARGS, PASSWORD

from devstack.paths import repo_root

AXE = repo_root() / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: where screenshots go: docs/screenshots with `make web-screenshots`, else a scratch folder
SHOTS = Path(os.environ.get("WEB_SCREENSHOTS") or "/tmp/web-screenshots")
PAGE_BUDGET_BYTES = 150 * 1024
#: a narrow phone (CSS pixels)
PHONE = (390, 844)
#: how Chromium says the Content-Security-Policy refused to load an address: "Connecting to
#: 'http://…' violates the following Content Security Policy directive" (Chromium 130 and
#: later), "Refused to load/connect to 'http://…' because it violates…" (earlier). A refused
#: inline style or script names no address and is not a load from elsewhere.
REFUSED_LOAD = re.compile(
    r"'[a-z][a-z0-9+.-]*://[^']+' violates the following Content Security Policy"
    r"|Refused to (load|connect|frame|send|prefetch)[^']*'[a-z][a-z0-9+.-]*://"
)


def launch(playwright: Playwright) -> Browser:
    assert Path(CHROMIUM).exists(), "Debian's Chromium is missing: apt-get install chromium"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@dataclass
class Audit:
    """What the checks found over a whole test (asserted at its end)."""

    origin: str
    #: whether the pages run scripts (a context with JavaScript off is audited on a copy)
    javascript: bool = True
    foreign: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    audited: set[str] = field(default_factory=set)
    weights: dict[str, int] = field(default_factory=dict)

    def watch(self, context: BrowserContext) -> None:
        def on_request(request: Any) -> None:
            url = request.url
            if url.startswith(("data:", "blob:", "about:")):
                return
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                self.foreign.append(url)

        def on_console(message: Any) -> None:
            # a load the Content-Security-Policy refused never reaches the network: the
            # browser says so on the console, and that attempt counts as much as a request
            if REFUSED_LOAD.search(message.text):
                self.foreign.append(message.text)

        context.on("request", on_request)
        context.on("console", on_console)

    def axe(self, page: Page, label: str = "") -> list[dict[str, Any]]:
        """Run axe-core on the page as it is now; keep serious and critical violations."""
        page.wait_for_load_state("load")
        where = label or urlsplit(page.url).path
        if self.javascript:
            result = run_axe(page)
        else:
            with scripted_copy(page) as copy:
                result = run_axe(copy)
        bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        self.audited.add(where)
        for v in bad:
            targets = [n.get("target") for n in v.get("nodes", [])][:3]
            self.violations.append(f"{where}: {v['id']} ({v['impact']}) {v['help']} {targets}")
        return bad

    def weigh(self, page: Page) -> int:
        """Bytes this page's load transferred (compressed, headers included), from the
        browser's own resource timing."""
        page.wait_for_load_state("load")
        total = int(
            page.evaluate(
                """() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                return (nav ? nav.transferSize : 0) + res.reduce((s, r) => s + r.transferSize, 0);
            }"""
            )
        )
        self.weights[urlsplit(page.url).path] = total
        return total

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests to other origins: {self.foreign}"
        assert not self.violations, "accessibility violations:\n" + "\n".join(self.violations)


def run_axe(page: Page) -> dict[str, Any]:
    # evaluated over CDP, so the page's Content-Security-Policy does not apply to it
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text())
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result


@contextmanager
def scripted_copy(page: Page) -> Iterator[Page]:
    """The page as it is now, in a context that runs scripts, for axe-core: axe runs on
    timers, and a page with JavaScript off never fires one (the audit would wait forever).
    The copy has the same address, the same DOM, styles, viewport and cookies; the page's
    own scripts are blocked, so it stays the page a person without JavaScript sees."""
    html, address = page.content(), page.url.split("#")[0]
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(
        viewport=page.viewport_size, storage_state=page.context.storage_state()
    )

    def serve(route: Route) -> None:
        request = route.request
        if request.resource_type == "document" and request.url == address:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif request.resource_type == "script":
            route.abort()
        else:
            route.continue_()

    try:
        context.route("**/*", serve)
        copy = context.new_page()
        copy.goto(address)
        yield copy
    finally:
        context.close()


@contextmanager
def browsing(
    browser: Browser,
    base_url: str,
    *,
    javascript: bool = True,
    locale: str = "en-GB",
    viewport: tuple[int, int] = (1280, 900),
    storage_state: Any = None,
) -> Iterator[tuple[Page, Audit]]:
    context = browser.new_context(
        base_url=base_url,
        java_script_enabled=javascript,
        locale=locale,
        viewport={"width": viewport[0], "height": viewport[1]},
        storage_state=storage_state,
    )
    audit = Audit(origin=base_url.rstrip("/"), javascript=javascript)
    audit.watch(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page, audit
    finally:
        context.close()


def screenshot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the page, as a person does; lands on their profile."""
    page.goto("/signin")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/profile**")


def page_fits_width(page: Page) -> bool:
    """Whether the page fits its viewport: nothing makes the document scroll sideways."""
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
