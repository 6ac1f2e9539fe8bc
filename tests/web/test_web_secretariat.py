"""The alliance secretariat's console in a real browser, against the real platform.

With JavaScript off, a secretariat officer (the ``alliance_secretariat`` role; the alliance
and two applications set up through the API as outside clients would) finds the console in
the menu; refuses an application (without a reason: refused beside the field, what was typed
kept) and approves the other with a term; adds the state's representative; establishes a
steering committee (a typed non-number for the quorum refused and kept); appoints the state;
schedules a meeting with an agenda; cannot open a vote before the quorum is present; records
attendance and sees the quorum reached; opens and closes a motion and reads the result;
drafts and approves the minutes. With JavaScript on, the quorum indicator follows the API by
itself (htmx polling) when attendance changes elsewhere; with the keyboard alone (Tab, Enter,
Space) the officer reviews a new application. Arabic, right to left, on a phone; axe-core on
every state; screenshots to look at."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from admin_console import AdminConsole
from alliance_people import ALLIANCE, alliance_people
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, Page, expect
from test_web_keyboard import tab_to
from web_stack import Api, World, unique

from devstack.system import Platform


def apply(api: Api, token: str, alliance_id: str, name: str, country: str) -> str:
    member: dict[str, str] = api.call(
        "POST",
        f"{ALLIANCE}/members/applications",
        token,
        json={
            "alliance_id": alliance_id,
            "kind": "member_state",
            "name": name,
            "country": country,
            "motivation": f"{name} wants to join.",
        },
        expect=201,
    ).json()
    return member["id"]


def open_console(page: Page, alliance: str) -> None:
    page.get_by_role("link", name="Alliance secretariat").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliance secretariat")
    page.get_by_role("link", name=alliance).click()


def test_the_secretariat_runs_members_bodies_and_a_meeting(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    api, people = world.api, alliance_people(world, "Console", staff_roles.grant)
    sec, sec_email = people.secretariat, people.secretariat_email
    rep_id, rep = people.representative_id, people.representative
    name = unique("Alliance")
    alliance = api.call(
        "POST",
        f"{ALLIANCE}/alliances",
        sec,
        json={"slug": name.lower(), "name": name, "declaration": "Diaspora for development"},
        expect=201,
    ).json()
    apply(api, rep, alliance["id"], "Fiji", "FJ")
    apply(api, rep, alliance["id"], "Atlantis", "GR")

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, sec_email)
        open_console(page, name)
        applications = page.get_by_role("table", name="Applications to review")
        expect(applications).to_contain_text("Fiji")
        audit.axe(page, "/secretariat/alliances/{id}")

        # refused: a reason is needed, and what was typed stays
        applications.get_by_role("link", name="Atlantis").click()
        page.get_by_label("Term ends on").fill("2030-12-31")
        page.get_by_role("radio", name="Refuse").check()
        page.get_by_role("button", name="Record the decision").click()
        expect(page.locator("#e-reason")).to_contain_text("Say why the application is refused")
        expect(page.get_by_label("Reason")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("radio", name="Refuse")).to_be_checked()
        expect(page.get_by_label("Term ends on")).to_have_value("2030-12-31")
        audit.axe(page, "/secretariat/members/{id} (error)")
        page.get_by_label("Reason").fill("Not a state recognised by the United Nations.")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("status")).to_contain_text("The application is refused")
        expect(page.locator("#member-status")).to_have_text("Refused")
        expect(page.get_by_role("table", name="History")).to_contain_text("Not a state")

        # approved with a term, and its representative added by member number
        page.get_by_role("link", name="Members").click()
        page.get_by_role("table", name="Applications to review").get_by_role(
            "link", name="Fiji"
        ).click()
        page.get_by_role("radio", name="Approve").check()
        page.get_by_label("Term starts on").fill(datetime.now(UTC).date().isoformat())
        page.get_by_role("button", name="Record the decision").click()
        expect(page.locator("#member-status")).to_have_text("Admitted")
        page.get_by_label("Person's member number").fill("nobody")
        page.get_by_role("button", name="Add the representative").click()
        expect(page.locator("#e-account_id")).to_contain_text("Paste the person's member number")
        expect(page.get_by_label("Person's member number")).to_have_value("nobody")
        page.get_by_label("Person's member number").fill(f"/people/{rep_id}")
        page.get_by_role("button", name="Add the representative").click()
        expect(page.get_by_role("status")).to_contain_text("The representative is added")
        expect(
            page.get_by_role("button", name=re.compile("Remove the representative"))
        ).to_have_count(1)
        audit.axe(page, "/secretariat/members/{id}")
        screenshot(page, "secretariat-member-desktop")

        # a body: the quorum must be a number, then the state appointed with a term
        page.get_by_role("link", name="Bodies and meetings").click()
        page.get_by_label("Kind").select_option("steering_committee")
        page.locator("#f-name").fill("Steering Committee")
        page.get_by_label("Quorum (percent of voters)").fill("half")
        page.get_by_role("button", name="Establish the body").click()
        expect(page.locator("#e-quorum_percent")).to_contain_text("from 1 to 100")
        expect(page.locator("#f-name")).to_have_value("Steering Committee")
        audit.axe(page, "/secretariat/alliances/{id}/bodies (error)")
        page.get_by_label("Quorum (percent of voters)").fill("50")
        page.get_by_role("button", name="Establish the body").click()
        expect(page.get_by_role("status")).to_contain_text("The body is established")
        page.locator("#f-member_id").select_option(label="Fiji")
        page.get_by_label("Term ends on").fill("2029-06-30")
        page.get_by_role("button", name="Appoint").click()
        expect(page.get_by_role("table", name="Memberships")).to_contain_text("Fiji")

        # a meeting starting in ten minutes: its session (attendance, votes) is open
        starts = datetime.now(UTC) + timedelta(minutes=10)
        page.get_by_label("Title").fill("Spring session")
        page.get_by_label("Agenda").fill("Welcome\nEndorsements")
        page.get_by_role("button", name="Schedule the meeting").click()
        expect(page.locator("#e-starts_at")).to_contain_text("This field is required")
        expect(page.get_by_label("Agenda")).to_have_value("Welcome\nEndorsements")
        page.locator("#f-starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("Time zone").fill("UTC")
        page.get_by_role("button", name="Schedule the meeting").click()
        expect(page.get_by_role("status")).to_contain_text("The meeting is scheduled")
        expect(page.get_by_role("heading", level=1)).to_have_text("Spring session")
        expect(page.locator("#quorum-state")).to_contain_text("No quorum yet")
        audit.axe(page, "/secretariat/meetings/{id}")
        meeting_url = page.url.split("?")[0]

        # no vote before the quorum
        page.locator("#f-motion_title").fill("Endorse the youth charter")
        page.get_by_role("button", name="Open the vote").click()
        expect(page.get_by_role("alert")).to_contain_text("The quorum is not present")
        expect(page.locator("#f-motion_title")).to_have_value("Endorse the youth charter")
        audit.axe(page, "/secretariat/meetings/{id} (no quorum)")

        # attendance: the quorum is reached; a vote opens, closes, has a result
        page.get_by_role("checkbox", name="Fiji").check()
        page.get_by_role("button", name="Record attendance").click()
        expect(page.locator("#quorum-state")).to_contain_text("Quorum reached")
        expect(page.locator("#quorum-state")).to_contain_text("1 present of 1")
        page.locator("#f-motion_title").fill("Endorse the youth charter")
        page.get_by_role("button", name="Open the vote").click()
        expect(page.get_by_role("status")).to_contain_text("The motion is open for votes")
        page.get_by_role("button", name="Close the vote on Endorse the youth charter").click()
        expect(
            page.get_by_role("table", name="Result of Endorse the youth charter")
        ).to_be_visible()

        # minutes: an empty draft refused, then saved and approved
        page.get_by_role("button", name="Save the draft").click()
        expect(page.locator("#e-minutes")).to_contain_text("This field is required")
        page.get_by_label("Minutes draft").fill("Fiji attended. The charter vote was held.")
        page.get_by_role("button", name="Save the draft").click()
        expect(page.get_by_role("status")).to_contain_text("The minutes draft is saved")
        page.get_by_role("button", name="Approve the minutes").click()
        expect(page.locator("#minutes-text")).to_contain_text("Fiji attended")
        audit.axe(page, "/secretariat/meetings/{id} (minutes approved)")
        screenshot(page, "secretariat-meeting-desktop")
        audit.assert_clean()

    meeting_id = meeting_url.rsplit("/", 1)[1]
    state_id = api.call(
        "GET",
        f"{ALLIANCE}/members",
        sec,
        params={"alliance_id": alliance["id"], "status": "admitted"},
    ).json()["items"][0]["id"]

    # JavaScript on: the quorum indicator follows attendance recorded elsewhere (another
    # meeting of the body: the first one's minutes are approved, its attendance final)
    body_id = api.call("GET", f"{ALLIANCE}/meetings/{meeting_id}", sec).json()["body_id"]
    second = api.call(
        "POST",
        f"{ALLIANCE}/meetings",
        sec,
        json={"body_id": body_id, "title": "Autumn session", "starts_at": starts.isoformat()},
        expect=201,
    ).json()
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, sec_email)
        page.goto(f"/secretariat/meetings/{second['id']}")
        expect(page.locator("#quorum-state")).to_contain_text("No quorum yet")
        api.call(
            "POST",
            f"{ALLIANCE}/meetings/{second['id']}/attendance",
            sec,
            json={"present": [state_id]},
            expect=200,
        )
        expect(page.locator("#quorum-state")).to_contain_text("Quorum reached", timeout=20_000)
        audit.axe(page, "/secretariat/meetings/{id} (polled)")

        # the keyboard alone: a new application reviewed with Tab, Space and Enter
        tonga = apply(api, rep, alliance["id"], "Tonga", "TO")
        page.goto("/secretariat")
        tab_to(page, f"main a[href='/secretariat/alliances/{alliance['id']}']")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        tab_to(page, f"table a[href='/secretariat/members/{tonga}']")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tonga")
        tab_to(page, "input[name=decision][value=admit]")
        page.keyboard.press("Space")
        tab_to(page, "form[action$='/review'] button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("#member-status")).to_have_text("Admitted")
        audit.assert_clean()

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, sec_email)
        page.goto(f"/language/ar?next=/secretariat/meetings/{meeting_id}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page_fits_width(page)
        audit.axe(page, "/secretariat/meetings/{id} (ar, phone)")
        screenshot(page, "secretariat-meeting-ar-phone")
        page.goto(f"/secretariat/alliances/{alliance['id']}")
        assert page_fits_width(page)
        audit.axe(page, "/secretariat/alliances/{id} (ar, phone)")
        screenshot(page, "secretariat-members-ar-phone")
        audit.assert_clean()
