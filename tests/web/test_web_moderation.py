"""The moderator console in a real browser, with JavaScript off (every decision is a plain
form): the queue with its counts and filters, a preview in each language, returning a
contribution with a reason (refused without one, the error beside the field), publishing,
hiding and restoring; members without the role never see it; Arabic, right to left, on a
phone, with a screenshot to look at."""

from __future__ import annotations

import re

from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World, unique, verified_member

from devstack.system import Platform


def contribution(world: World, token: str, title: str, english: str = "") -> str:
    """A resource in French (with an English title when given), sent for review."""
    api = world.api
    body = {"kind": "toolkit", "language": "fr", "title": title, "summary": "Résumé en français"}
    rid = str(api.call("POST", "/v1/resources", token, json=body, expect=201).json()["id"])
    if english:
        api.call(
            "PUT",
            f"/v1/resources/{rid}/translations/en",
            token,
            json={"title": english, "summary": "An English summary"},
        ).raise_for_status()
    api.call("POST", f"/v1/resources/{rid}/submit", token, expect=200)
    return rid


def test_a_moderator_reviews_the_queue_and_decides(
    site: Platform, world: World, chromium: Browser
) -> None:
    api = world.api
    _, contributor_email, contributor = verified_member(api, world.mail, "Contributor Person")
    word = unique("Moderer")
    to_return = contribution(
        world, contributor, f"Guide à revoir {word}", f"Guide to revise {word}"
    )
    to_publish = contribution(world, contributor, f"Guide à publier {word}")

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, world.staff_email)
        page.get_by_role("link", name="Moderation", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
        waiting = page.get_by_role("link", name=re.compile(r"^Waiting for review \d+"))
        expect(waiting).to_be_visible()
        audit.axe(page, "/moderation")
        waiting.click()
        expect(waiting).to_have_attribute("aria-current", "page")
        page.get_by_label("Type").select_option("toolkit")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(re.compile(r"reason=submitted.*kind=toolkit"))
        screenshot(page, "moderation-desktop")
        # titles in the moderator's language where the contributor translated them
        page.get_by_role("link", name=f"Guide to revise {word}").click()

        # the preview in each language the contribution has
        expect(page.locator("article.preview")).to_have_attribute("lang", "en")
        expect(page.locator("article.preview")).to_contain_text("An English summary")
        page.get_by_role("link", name="French", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Guide à revoir {word}")
        expect(page.locator("article.preview")).to_have_attribute("lang", "fr")
        audit.axe(page, "/moderation/{id}")

        # returning it needs a reason: refused without one, the error beside the field
        page.get_by_role("button", name="Return to the contributor").click()
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        reason = page.get_by_label("Why it goes back to the contributor")
        expect(reason).to_have_attribute("aria-invalid", "true")
        audit.axe(page, "/moderation/{id} (error)")
        reason.fill("Please add your sources.")
        page.get_by_role("button", name="Return to the contributor").click()
        expect(page.get_by_role("status")).to_contain_text("Returned to the contributor")
        expect(page.locator("#moderation-status")).to_have_text("Returned by a moderator")
        expect(page.locator("#history-h + div")).to_contain_text("Please add your sources.")
        screenshot(page, "moderation-item-desktop")

        # publish the other, then hide and restore it
        page.goto(f"/moderation/{to_publish}")
        page.get_by_role("button", name="Publish").click()
        expect(page.get_by_role("status")).to_contain_text("Published")
        page.get_by_role("button", name="Hide it").click()
        expect(page.get_by_role("status")).to_contain_text("Hidden")
        assert api.call("GET", f"/v1/resources/{to_publish}").status_code == 404
        page.get_by_role("button", name="Show it again").click()
        expect(page.get_by_role("status")).to_contain_text("Shown again")
        assert api.call("GET", f"/v1/resources/{to_publish}").status_code == 200
        audit.assert_clean()

    # the contributor reads the moderator's reason
    mine = api.call("GET", "/v1/resources/mine", api.login(contributor_email), expect=200)
    returned = next(r for r in mine.json()["items"] if r["id"] == to_return)
    assert returned["status"] == "rejected"
    assert returned["moderation_note"] == "Please add your sources."

    # a member without the role: no menu item, and the console refuses
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, contributor_email)
        expect(page.get_by_role("link", name="Moderation", exact=True)).to_have_count(0)
        response = page.goto("/moderation")
        assert response is not None and response.status == 403
        expect(page.get_by_role("alert")).to_be_visible()

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, world.staff_email)
        page.goto("/language/ar?next=/moderation")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("heading", level=1)).to_have_text("الإشراف")
        assert page_fits_width(page)
        audit.axe(page, "/moderation (ar, phone)")
        screenshot(page, "moderation-ar-phone")
        page.goto(f"/moderation/{to_publish}")
        assert page_fits_width(page)
        audit.axe(page, "/moderation/{id} (ar, phone)")
        screenshot(page, "moderation-item-ar-phone")
        audit.assert_clean()
