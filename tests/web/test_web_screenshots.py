"""Screenshots of the main pages, desktop and a narrow phone, one in Arabic: written to
docs/screenshots by `make web-screenshots` (shown in the README), to a scratch folder in CI.
Each page is checked like every other (axe-core, no other origin)."""

from __future__ import annotations

from browser import PHONE, browsing, screenshot
from playwright.sync_api import Browser
from web_stack import PASSWORD, World, unique

from devstack.system import Platform


def test_screenshots_of_the_main_pages(site: Platform, world: World, chromium: Browser) -> None:
    email = f"{unique('shots')}@example.org"
    world.api.register("Amina Diallo", email)
    with browsing(chromium, site.gateway_url) as (page, audit):
        page.goto("/")
        screenshot(page, "home-desktop")
        page.goto("/signin")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/me/profile**")
        screenshot(page, "profile-desktop")
        page.goto(f"/library?q={world.french_resource['word'].lower()}")
        screenshot(page, "library-desktop")
        page.goto(f"/events/{world.full_event['id']}")
        screenshot(page, "event-desktop")
        page.goto(f"/people?q={world.findable['query']}")
        screenshot(page, "people-desktop")
        signed_in = page.context.storage_state()
        for path in ("/", "/me/profile", "/library", "/people", "/events", "/privacy"):
            page.goto(path)
            audit.axe(page)
        audit.assert_clean()
    with browsing(chromium, site.gateway_url, viewport=PHONE, storage_state=signed_in) as (
        page,
        audit,
    ):
        for name, path in (
            ("library-phone", "/library"),
            ("people-phone", "/people"),
            ("event-phone", f"/events/{world.full_event['id']}"),
            ("privacy-phone", "/privacy"),
        ):
            page.goto(path)
            audit.axe(page, f"{path} (phone)")
            screenshot(page, name)
        audit.assert_clean()
    with browsing(chromium, site.gateway_url, locale="ar", storage_state=signed_in) as (
        page,
        audit,
    ):
        page.goto("/language/ar?next=/me/profile")
        audit.axe(page, "/me/profile (ar)")
        screenshot(page, "profile-ar")
        audit.assert_clean()
