"""The representative's console in a real browser, with JavaScript off: a member state's
representative (set up through the API as an outside client would: the secretariat founds an
alliance, admits the state, seats it on a steering committee and schedules a meeting) sees
the state's body, meeting and commitment; registers for the meeting; votes on the motion the
secretariat opens (refused beside the form without a choice); reads the result once the vote
is closed; reports progress on the commitment (a typed non-number refused and kept). Someone
who represents no member reads how one becomes a representative; Arabic, right to left, on a
phone, with screenshots to look at."""

from __future__ import annotations

from admin_console import AdminConsole
from alliance_people import ALLIANCE, seat_a_representative
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World

from devstack.system import Platform


def test_a_representative_registers_votes_and_reports_progress(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    seat = seat_a_representative(world, staff_roles.grant)
    api, sec, rep_email = world.api, seat.people.secretariat, seat.people.representative_email
    state, meeting, commitment = seat.state, seat.meeting, seat.commitment

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, rep_email)
        page.get_by_role("link", name="My alliance seats").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My alliance seats")
        expect(page.get_by_role("table", name="Bodies")).to_contain_text("Steering Committee")
        expect(page.get_by_role("table", name="Our commitments")).to_contain_text("On track")
        audit.axe(page, "/alliance")
        screenshot(page, "representative-desktop")

        # registers the state for the meeting
        page.get_by_role("link", name="Spring session").click()
        expect(page.get_by_text("Fiji: invited, not registered")).to_be_visible()
        page.get_by_role("button", name="Register Fiji").click()
        expect(page.get_by_role("status")).to_contain_text("registered for the meeting")
        expect(page.get_by_text("Fiji: registered")).to_be_visible()
        expect(page.get_by_text("No motion is put to the vote yet.")).to_be_visible()
        audit.axe(page, "/alliance/meetings/{id}")

        # the secretariat marks the state present and opens a vote
        api.call(
            "POST",
            f"{ALLIANCE}/meetings/{meeting['id']}/attendance",
            sec,
            json={"present": [state["id"]]},
            expect=200,
        )
        motion = api.call(
            "POST",
            f"{ALLIANCE}/meetings/{meeting['id']}/motions",
            sec,
            json={"title": "Endorse the youth charter"},
            expect=201,
        ).json()
        page.reload()
        # the same meeting left open in another tab: its vote form goes stale
        stale, later = page.context.new_page(), page.context.new_page()
        stale.goto(page.url)
        later.goto(page.url)
        cast = page.get_by_role("button", name="Cast the vote on Endorse the youth charter")
        cast.click()
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        audit.axe(page, "/alliance/meetings/{id} (error)")
        page.get_by_role("radio", name="Yes").check()
        cast.click()
        expect(page.get_by_role("status")).to_contain_text("The vote is cast.")
        expect(page.get_by_text("Ballots cast so far: 1")).to_be_visible()
        # the form gives way to what the API says the state voted, on every later visit too
        page.reload()
        expect(page.get_by_text("You voted Yes, for Fiji.")).to_be_visible()
        expect(cast).to_have_count(0)
        audit.axe(page, "/alliance/meetings/{id} (voted)")
        screenshot(page, "representative-meeting-desktop")

        # a second ballot through the stale form: told beside the motion, not a server error
        stale.get_by_role("radio", name="No").check()
        with stale.expect_response(lambda r: r.request.method == "POST") as answer:
            stale.get_by_role("button", name="Cast the vote on Endorse the youth charter").click()
        assert answer.value.status == 422
        expect(stale.get_by_role("alert")).to_contain_text(
            "The member you represent has already voted on this."
        )
        expect(stale.get_by_text("You voted Yes, for Fiji.")).to_be_visible()

        # closed: the result, and what the state voted
        api.call("POST", f"{ALLIANCE}/motions/{motion['id']}/close", sec, expect=200)
        page.reload()
        result = page.get_by_role("table", name="Result of Endorse the youth charter")
        expect(result).to_contain_text("1")
        expect(page.get_by_text("Carried")).to_be_visible()
        expect(page.get_by_text("You voted Yes, for Fiji.")).to_be_visible()
        audit.axe(page, "/alliance/meetings/{id} (result)")
        # a vote sent from a tab opened before the close: the result, and why
        later.get_by_role("radio", name="No").check()
        later.get_by_role("button", name="Cast the vote on Endorse the youth charter").click()
        expect(later.get_by_role("alert")).to_contain_text("The vote on this motion is closed")
        expect(later.get_by_text("Carried")).to_be_visible()
        stale.close()
        later.close()

        # progress on the commitment: a word refused and kept, then a number
        page.goto(f"/alliance/commitments/{commitment['id']}")
        page.get_by_role("combobox", name="Indicator").select_option(label="Consulates with a desk")
        page.get_by_label("Value reached").fill("three")
        page.get_by_role("button", name="Report progress").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter a number.")
        expect(page.get_by_label("Value reached")).to_have_value("three")
        expect(page.get_by_label("Value reached")).to_have_attribute("aria-invalid", "true")
        page.get_by_label("Value reached").fill("3")
        page.get_by_label("Note").fill("Dublin, Sydney and Auckland")
        page.get_by_role("button", name="Report progress").click()
        expect(page.get_by_role("status")).to_contain_text("The progress is reported.")
        expect(page.get_by_role("table", name="Indicators")).to_contain_text("3")
        audit.axe(page, "/alliance/commitments/{id}")
        screenshot(page, "representative-commitment-desktop")
        audit.assert_clean()

    # someone who represents no member
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, world.seat_holder[0])
        page.goto("/alliance")
        expect(page.get_by_text("You do not represent a member of an alliance.")).to_be_visible()

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, rep_email)
        page.goto("/language/ar?next=/alliance")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("heading", level=1)).to_have_text("مقاعدي في التحالف")
        assert page_fits_width(page)
        audit.axe(page, "/alliance (ar, phone)")
        screenshot(page, "representative-ar-phone")
        page.goto(f"/alliance/meetings/{meeting['id']}")
        assert page_fits_width(page)
        audit.axe(page, "/alliance/meetings/{id} (ar, phone)")
        screenshot(page, "representative-meeting-ar-phone")
        audit.assert_clean()
