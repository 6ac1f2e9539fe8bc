"""The secretariat's recommendation board in a real browser, JavaScript off, against the real
platform: a recommendation drafted in a working group (set up through the API) is adopted,
advised (an empty advice refused beside the field), voted on in a steering committee meeting
(the motion opened on the meeting page names the recommendation; the state's representative
votes through the API), endorsed with that vote and published, each step moving its card
along the board's columns and adding a line to its trail; a second one is sent back with a
reason (refused without one) and sits in "Returned". Arabic on a phone; axe-core on every
state; screenshots to look at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from admin_console import AdminConsole
from alliance_people import ALLIANCE, alliance_people
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, Locator, Page, expect
from web_stack import World, unique

from devstack.system import Platform


def column(page: Page, key: str) -> Locator:
    return page.locator(f"#column-{key}")


def test_a_recommendation_moves_along_the_board(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    people = alliance_people(world, "Pipeline", staff_roles.grant)
    api, post = world.api, people.post
    sec, sec_email = people.secretariat, people.secretariat_email
    rep = people.representative
    name = unique("Pipeline")

    alliance = post(
        "/alliances",
        sec,
        {
            "slug": name.lower(),
            "name": name,
            "themes": [{"code": "remittances", "title": "Remittances"}],
        },
    )
    state = post(
        "/members/applications",
        rep,
        {"alliance_id": alliance["id"], "kind": "member_state", "name": "Samoa", "country": "WS"},
    )
    post(f"/members/{state['id']}/review", sec, {"decision": "admit"}, 200)
    bodies = {
        kind: post(
            "/bodies",
            sec,
            {"alliance_id": alliance["id"], "kind": kind, "name": title, "theme": "remittances"},
        )
        for kind, title in (
            ("working_group", "Remittances Working Group"),
            ("advisory_group", "Advisory Group"),
            ("steering_committee", "Steering Committee"),
        )
    }
    for kind in ("working_group", "steering_committee"):  # authors sit on the working group
        post(
            f"/bodies/{bodies[kind]['id']}/memberships",
            sec,
            {"member_id": state["id"], "role": "member"},
        )
    drafts = [
        post(
            "/recommendations",
            sec,
            {
                "working_group_id": bodies["working_group"]["id"],
                "title": title,
                "text": f"{title}: the working group's text.",
                "author_ids": [state["id"]],
            },
        )
        for title in ("Cheaper remittances", "Diaspora bonds")
    ]
    starts = datetime.now(UTC) + timedelta(minutes=10)
    meeting = post(
        "/meetings",
        sec,
        {
            "body_id": bodies["steering_committee"]["id"],
            "title": "Steering session",
            "starts_at": starts.isoformat(),
        },
    )
    post(f"/meetings/{meeting['id']}/attendance", sec, {"present": [state["id"]]}, 200)
    board = f"/secretariat/alliances/{alliance['id']}/recommendations"

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, sec_email)
        page.goto(board)
        expect(column(page, "draft")).to_contain_text("Cheaper remittances")
        audit.axe(page, "/secretariat/.../recommendations")

        # adopted by the working group, then advised (an empty advice refused)
        column(page, "draft").get_by_role("link", name="Cheaper remittances").click()
        page.get_by_role("button", name="Record the working group's adoption").click()
        expect(page.get_by_role("status")).to_contain_text("goes to advisory review")
        page.get_by_label("Advisory group").select_option(label="Advisory Group")
        page.get_by_label("Position").select_option("support")
        page.get_by_role("button", name="Record the advice").click()
        expect(page.locator("#e-advice")).to_contain_text("This field is required")
        expect(page.get_by_label("Position")).to_have_value("support")
        audit.axe(page, "/secretariat/recommendations/{id} (error)")
        page.locator("#f-advice").fill("Cap fees at 3 percent.")
        page.get_by_role("button", name="Record the advice").click()
        expect(page.get_by_role("status")).to_contain_text("The advice is recorded")
        page.goto(board)
        expect(column(page, "reviewed")).to_contain_text("Cheaper remittances")

        # the steering committee votes on it: the motion names the recommendation
        page.goto(f"/secretariat/meetings/{meeting['id']}")
        page.locator("#f-motion_title").fill("Endorse cheaper remittances")
        page.get_by_label("About the recommendation").select_option(label="Cheaper remittances")
        page.get_by_role("button", name="Open the vote").click()
        expect(page.get_by_role("status")).to_contain_text("The motion is open for votes")
        motion = api.call("GET", f"{ALLIANCE}/meetings/{meeting['id']}/motions", sec).json()
        motion_id = motion["items"][0]["id"]
        post(f"/motions/{motion_id}/ballots", rep, {"choice": "yes", "on_behalf_of": state["id"]})
        page.reload()
        page.get_by_role("button", name="Close the vote on Endorse cheaper remittances").click()
        expect(page.get_by_text("Carried", exact=True)).to_be_visible()

        # endorsed with that vote, then published; the trail tells the story
        page.goto(f"/secretariat/recommendations/{drafts[0]['id']}")
        page.get_by_label("The steering committee's vote").select_option(motion_id)
        page.get_by_role("button", name="Record the endorsement").click()
        expect(page.get_by_role("status")).to_contain_text("The recommendation is endorsed")
        page.get_by_role("button", name="Publish").click()
        expect(page.get_by_role("status")).to_contain_text("The recommendation is published")
        trail = page.get_by_role("table", name="Trail")
        for step in ("Drafted", "Adopted", "Advice given", "Endorsed", "Published"):
            expect(trail).to_contain_text(step)
        audit.axe(page, "/secretariat/recommendations/{id} (published)")

        # the other one is sent back, with a reason
        page.goto(f"/secretariat/recommendations/{drafts[1]['id']}")
        page.get_by_role("button", name="Record the working group's adoption").click()
        page.get_by_role("button", name="Return it").click()
        expect(page.locator("#e-reason")).to_contain_text("This field is required")
        page.get_by_label("Reason for returning").fill("Needs a costing first.")
        page.get_by_role("button", name="Return it").click()
        expect(page.get_by_role("status")).to_contain_text("The recommendation is returned")
        expect(page.get_by_role("table", name="Trail")).to_contain_text("Needs a costing first.")

        page.goto(board)
        expect(column(page, "published")).to_contain_text("Cheaper remittances")
        expect(column(page, "returned")).to_contain_text("Diaspora bonds")
        expect(column(page, "draft")).not_to_contain_text("Diaspora bonds")
        audit.axe(page, "/secretariat/.../recommendations (moved)")
        screenshot(page, "secretariat-board-desktop")
        audit.assert_clean()

    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, sec_email)
        page.goto(f"/language/ar?next={board}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page_fits_width(page)
        audit.axe(page, "/secretariat/.../recommendations (ar, phone)")
        screenshot(page, "secretariat-board-ar-phone")
        page.goto(f"/secretariat/recommendations/{drafts[0]['id']}")
        assert page_fits_width(page)
        audit.axe(page, "/secretariat/recommendations/{id} (ar, phone)")
        audit.assert_clean()
