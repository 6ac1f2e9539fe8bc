"""Light on slow connections, and nothing from anywhere else: the first load of each member
page (an empty cache, as a new visitor's phone) transfers at most 150 KB compressed, measured
by the browser itself; no page requests another origin. And the watch is real: a page that
does load something from elsewhere is caught."""

from __future__ import annotations

from browser import PAGE_BUDGET_BYTES, browsing
from playwright.sync_api import Browser
from web_stack import PASSWORD, World, unique

from devstack.system import Platform

MEMBER_PAGES = [
    "/",
    "/me/profile",
    "/people",
    "/connections",
    "/messages",
    "/library",
    "/events",
    "/courses",
    "/opportunities",
    "/surveys",
    "/notifications",
    "/notifications/preferences",
    "/privacy",
]


def test_first_load_of_every_member_page_is_light(
    site: Platform, world: World, chromium: Browser
) -> None:
    email = f"{unique('weight')}@example.org"
    with browsing(chromium, site.gateway_url) as (page, _):
        world.api.register("Light Page", email)
        page.goto("/signin")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/me/profile**")
        signed_in = page.context.storage_state()
    weights: dict[str, int] = {}
    for path in [
        *MEMBER_PAGES,
        f"/library/{world.french_resource['id']}",
        f"/events/{world.full_event['id']}",
    ]:
        # a fresh context: an empty cache, only the session cookie
        with browsing(chromium, site.gateway_url, storage_state=signed_in) as (page, audit):
            page.goto(path)
            weights[path] = audit.weigh(page)
            audit.assert_clean()
    print("first-load bytes per page:", weights)
    heavy = {p: w for p, w in weights.items() if w > PAGE_BUDGET_BYTES}
    assert not heavy, f"pages over {PAGE_BUDGET_BYTES} bytes: {heavy}"
    assert all(w > 1000 for w in weights.values()), weights  # the measure measures something


def test_a_request_to_another_origin_is_caught(site: Platform, chromium: Browser) -> None:
    with browsing(chromium, site.gateway_url) as (page, audit):
        page.goto("/")
        # what a CDN font or tracker would do (our CSP forbids it: the watch sees the try)
        page.evaluate(
            "() => fetch('http://127.0.0.2:9/tracker.js', {mode: 'no-cors'}).catch(() => null)"
        )
        for _ in range(50):  # the console message comes a moment later (long on a loaded machine)
            if audit.foreign:
                break
            page.wait_for_timeout(200)
    assert any("127.0.0.2" in url for url in audit.foreign), audit.foreign
