"""A phone 390 px wide: no page scrolls sideways. Wide tables (the privacy centre's consents
and audit log, notification settings, my submissions, my interests) scroll inside a named,
focusable region instead, so a keyboard user can scroll them too; in Arabic as well."""

from __future__ import annotations

from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World, verified_member

from devstack.system import Platform

#: every member page with a table, then others (long facets, forms) that must fit too
PAGES_WITH_TABLES = [
    "/privacy",
    "/notifications/preferences",
    "/library/mine",
    "/opportunities/mine",
]
OTHER_PAGES = ["/", "/people", "/library", "/events", "/me/profile"]


def test_no_page_scrolls_sideways_on_a_phone(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, email, token = verified_member(world.api, world.mail, "Narrow Screen Person")
    # something of theirs in "my submissions", so that table is there
    world.api.call(
        "POST",
        "/v1/resources",
        token,
        json={"kind": "toolkit", "language": "en", "title": "A guide to sending money home"},
        expect=201,
    )
    # and an interest in an opportunity, so "my interests" has its table
    world.api.call(
        "POST",
        f"/v1/opportunities/{world.opportunity['id']}/interests",
        token,
        json={"message": "I can help."},
    ).raise_for_status()
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, email)
        for language in ("en", "ar"):
            page.goto(f"/language/{language}?next=/")
            for path in PAGES_WITH_TABLES + OTHER_PAGES:
                page.goto(path)
                assert page_fits_width(page), f"{path} ({language}) scrolls sideways at 390 px"
                regions = page.locator(".table-scroll")
                if path in PAGES_WITH_TABLES:
                    expect(regions.first).to_be_visible()
                for i in range(regions.count()):
                    region = regions.nth(i)
                    expect(region).to_have_attribute("role", "region")
                    expect(region).to_have_attribute("tabindex", "0")
                    assert region.get_attribute("aria-label"), f"{path}: an unnamed region"
                if path in PAGES_WITH_TABLES:  # the rest: audited elsewhere
                    audit.axe(page, f"{path} (390 px, {language})")
            # the consents table (in English) is wider than the phone: it scrolls in its
            # region, and a keyboard user reaches the region and scrolls it with the arrows
            page.goto("/privacy")
            consents = page.locator(".table-scroll").first
            if language == "en":
                assert consents.evaluate("e => e.scrollWidth > e.clientWidth"), "fits anyway?"
                consents.focus()
                for _ in range(5):
                    page.keyboard.press("ArrowRight")
                assert consents.evaluate("e => e.scrollLeft > 0"), "the arrows do not scroll it"
                assert page_fits_width(page)
            screenshot(page, f"privacy-phone-{language}")
        audit.assert_clean()
