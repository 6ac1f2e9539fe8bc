"""Keyboard only, no mouse: a person registers and searches the directory with Tab, typing
and Enter; focus is visible on every control reached, and the skip link comes first."""

from __future__ import annotations

import re

from browser import browsing
from playwright.sync_api import Browser, Page, expect
from web_stack import PASSWORD, World, unique

from devstack.system import Platform


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (failing after ``limit`` presses), checking
    that every focused control shows a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => { const el = document.activeElement;
                       if (!el || el === document.body) return 'none';
                       const s = getComputedStyle(el);
                       return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'ok'
                              : 'missing:' + el.outerHTML.slice(0, 80); }"""
        )
        assert outline in ("ok", "none"), f"no visible focus on {outline}"
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_register_and_search_with_the_keyboard_only(
    site: Platform, world: World, chromium: Browser
) -> None:
    email = f"{unique('keys')}@example.org"
    with browsing(chromium, site.gateway_url) as (page, audit):
        page.goto("/")
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_text("Skip to content")
        tab_to(page, "a[href='/register']")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile("/register"))
        tab_to(page, "#f-display_name")
        page.keyboard.type("Keyboard Person")
        page.keyboard.press("Tab")
        page.keyboard.type(email)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile("/me/profile"))
        # the directory is for people whose address is confirmed: the emailed link, by keyboard
        page.goto(world.mail.wait_link(email, "/verify?token="))
        tab_to(page, "form[action='/verify'] button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("Your email address is confirmed")
        page.goto("/people")
        tab_to(page, "#f-q")
        page.keyboard.type(world.findable["query"])
        page.keyboard.press("Enter")
        result = page.get_by_role("link", name=re.compile(world.findable["name"]))
        expect(result).to_be_visible()
        tab_to(page, f"a[href='/people/{world.findable['id']}']")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"/people/{world.findable['id']}"))
        audit.axe(page, "/people/{id}")
        audit.assert_clean()
