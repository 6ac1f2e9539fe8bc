"""Arabic, right to left: a new member registers in Arabic and browses; every page is
lang="ar" dir="rtl", the texts are the Arabic catalog's, axe-core finds nothing serious, and
a screenshot is kept (docs/screenshots with `make web-screenshots`) for a person to look at."""

from __future__ import annotations

import re

from browser import browsing, screenshot
from playwright.sync_api import Browser, expect
from web_stack import PASSWORD, World, unique

from devstack.system import Platform

ARABIC_PAGES = ["/", "/me/profile", "/people", "/library", "/events", "/notifications", "/privacy"]


def test_arabic_is_right_to_left_everywhere(
    site: Platform, world: World, chromium: Browser
) -> None:
    email = f"{unique('arabic')}@example.org"
    with browsing(chromium, site.gateway_url, locale="ar") as (page, audit):
        page.goto("/")  # Accept-Language: ar picks Arabic without any choice
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        page.get_by_role("link", name="انضم", exact=True).click()
        page.get_by_label("اسمك").fill("ليلى")
        page.get_by_label("البريد الإلكتروني").fill(email)
        page.get_by_label("كلمة المرور").fill(PASSWORD)
        page.get_by_role("button", name="إنشاء حسابي").click()
        expect(page).to_have_url(re.compile("/me/profile"))
        expect(page.get_by_role("status")).to_contain_text("أهلًا بك")
        for path in ARABIC_PAGES:
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            audit.axe(page, f"{path} (ar)")
        # the profile's vocabularies are named in Arabic too (an English list on an Arabic
        # page was the defect)
        page.goto("/me/profile")
        expect(page.locator("#list-occupations")).to_contain_text("أطباء الأسنان")
        expect(page.locator("#list-skills")).to_contain_text("التواصل والتعاون والإبداع")
        # the layout really flows right to left: the brand sits on the right of the bar
        page.goto("/library")
        # the themes facet names them in Arabic (the shared vocabulary), not by their codes
        expect(page.locator(".filters")).to_contain_text("التحويلات المالية")
        # a French summary keeps its own direction inside the Arabic page: its full stop at
        # its end, not thrown to the left by the page's right-to-left flow
        summary = page.locator("#results [lang=fr]").last
        assert summary.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert summary.evaluate("e => getComputedStyle(e).unicodeBidi") in ("isolate", "plaintext")
        brand = page.locator(".brand").bounding_box()
        assert brand and brand["x"] > page.viewport_size["width"] / 2  # type: ignore[index]
        screenshot(page, "library-ar")
        audit.assert_clean()
