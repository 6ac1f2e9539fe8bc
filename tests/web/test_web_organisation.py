"""The organisation administrator's console in a real browser, with JavaScript off (every
form is a plain one): register an organisation (refused without a name, what was typed kept,
the error beside the field), its verification status, accept a join request, invite someone
by their page's address, edit the profile; post a call with the skills, sectors, countries
and languages it is for (a past deadline refused beside its field, the ticks kept), a member
whose skills match is shown it, see an expression of interest and shortlist it, edit the call
(its ticks pre-filled, one country changed); schedule an event (a
bad time zone refused beside its field) and see who registered. A member without the role
never sees the console; Arabic, right to left, on a phone, with screenshots to look at."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from admin_console import AdminConsole
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import ADMIN_EMAIL, ADMIN_PASSWORD, World, unique, verified_member

from devstack.system import Platform

UUID = r"[0-9a-f-]{36}"


def id_in(url: str) -> str:
    """The id a page's address ends with (before its query)."""
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


def test_an_organisation_administrator_runs_their_organisation(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    api = world.api
    platform_admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD)  # a fresh token: the run is long
    _, admin_email, _ = verified_member(api, world.mail, "Organisation Admin")
    staff_roles.grant(admin_email, "organisation_admin")
    _, _, joiner = verified_member(api, world.mail, "Joining Person")
    _, _, matcher = verified_member(api, world.mail, "Matching Person")
    api.call(
        "PUT",
        "/v1/me/profile",
        matcher,
        json={"display_name": "Matching Person", "skills": ["S5"], "open_to_opportunities": True},
        expect=201,
    )
    invitee_id, _, invitee = verified_member(api, world.mail, "Invited Person")
    for token, shown in ((joiner, "Joining Person"), (invitee, "Invited Person")):
        profile = {"display_name": shown, "visibility": {"display_name": "members"}}
        api.call("PUT", "/v1/me/profile", token, json=profile, expect=201)
    name = f"Association {unique('Diaspora')}"

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, admin_email)
        page.get_by_role("link", name="My organisation", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My organisation")
        audit.axe(page, "/organisation")

        # register: refused without a name, what was typed stays, the error beside the field
        page.get_by_label("City").fill("Lyon")
        page.get_by_label("Kind").select_option("diaspora_association")
        page.get_by_label("Country").select_option("FR")
        page.get_by_role("button", name="Register the organisation").click()
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("City")).to_have_value("Lyon")
        audit.axe(page, "/organisation (error)")
        page.get_by_label("Name").fill(name)
        page.get_by_role("button", name="Register the organisation").click()
        expect(page.get_by_role("status")).to_contain_text("Your organisation is registered")
        expect(page).to_have_url(re.compile(rf"/organisation/{UUID}\?"))
        org_id = id_in(page.url)
        expect(page.locator("#verification")).to_have_text("Not verified yet")

        # a join request, accepted
        api.call(
            "POST",
            f"/v1/organisations/{org_id}/join-requests",
            joiner,
            json={"message": "Je suis ingénieure à Lyon"},
            expect=201,
        )
        page.reload()
        expect(page.get_by_role("table", name="Waiting for an answer")).to_contain_text(
            "Je suis ingénieure à Lyon"
        )
        audit.axe(page, "/organisation/{id}")
        page.get_by_role("button", name="Accept Joining Person").click()
        expect(page.get_by_role("status")).to_contain_text("Accepted: they are a member now")
        members = page.locator("#members-h + div")
        expect(members).to_contain_text("Joining Person")

        # an invitation by the person's page address (anything else: the error beside it)
        page.get_by_label("Their page on the platform").fill("Invited Person")
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.get_by_role("alert")).to_contain_text("Paste the address")
        expect(page.get_by_label("Their page on the platform")).to_have_value("Invited Person")
        page.get_by_label("Their page on the platform").fill(
            f"{site.gateway_url}/people/{invitee_id}"
        )
        page.get_by_role("button", name="Send the invitation").click()
        expect(page.get_by_role("status")).to_contain_text("The invitation is sent")
        expect(page.get_by_role("table", name="Waiting for an answer")).to_contain_text(
            "Invited Person"
        )

        # the profile, edited (If-Match under the hood)
        page.get_by_label("City").fill("Marseille")
        page.get_by_role("button", name="Save the profile").click()
        expect(page.get_by_role("status")).to_contain_text("The organisation's profile is saved")
        assert api.call("GET", f"/v1/organisations/{org_id}").json()["city"] == "Marseille"
        screenshot(page, "organisation-desktop")

        # a call for contributors: a past deadline is refused beside the field
        page.get_by_role("link", name="Calls for contributors").click()
        audit.axe(page, "/organisation/opportunities")
        title = f"Mentors for {unique('Startups')}"
        page.get_by_label("Kind").select_option("mentors")
        page.get_by_label("Title").fill(title)
        page.get_by_label("On behalf of").select_option(org_id)
        page.get_by_label("Deadline").fill("2020-01-31")
        # who it is for, from the vocabulary in words: what matching compares with profiles
        ticked = ("working with computers", "Information and communication", "Senegal", "Arabic")
        for label in ticked:
            page.get_by_role("checkbox", name=label, exact=True).check()
        page.get_by_role("button", name="Post the call").click()
        expect(page.get_by_role("alert")).to_contain_text("Choose a day in the future")
        expect(page.get_by_label("Deadline")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("Title")).to_have_value(title)
        for label in ticked:
            expect(page.get_by_role("checkbox", name=label, exact=True)).to_be_checked()
        audit.axe(page, "/organisation/opportunities (error)")
        deadline = (datetime.now(UTC) + timedelta(days=40)).date().isoformat()
        page.get_by_label("Deadline").fill(deadline)
        page.get_by_role("button", name="Post the call").click()
        expect(page.get_by_role("status")).to_contain_text("Your call is posted")
        opportunity_id = id_in(page.url)
        posted = api.call("GET", f"/v1/opportunities/{opportunity_id}").json()
        assert posted["organisation"] == name and posted["organisation_id"] == org_id
        assert (
            posted["required_skills"],
            posted["sectors"],
            posted["countries"],
            posted["languages"],
        ) == (["S5"], ["J"], ["SN"], ["ar"])
        # a member with that skill, open to opportunities, is shown it among their matches
        matched = False
        for _ in range(30):
            found = api.call("GET", "/v1/opportunities/for-me", matcher, expect=200).json()
            matched = any(m["opportunity"]["id"] == opportunity_id for m in found)
            if matched:
                break
            page.wait_for_timeout(1000)
        assert matched, "the member whose skills match was not shown the call"

        # an expression of interest arrives; the administrator shortlists it
        api.call(
            "POST",
            f"/v1/opportunities/{opportunity_id}/interests",
            joiner,
            json={"message": "I mentored three start-ups"},
            expect=201,
        )
        page.reload()
        interests = page.get_by_role("table", name="Expressions of interest")
        expect(interests).to_contain_text("I mentored three start-ups")
        audit.axe(page, "/organisation/opportunities/{id}")
        page.get_by_label("New status for Joining Person").select_option("shortlisted")
        page.get_by_role("button", name="Change the status").click()
        expect(page.get_by_role("status")).to_contain_text("The status is changed")
        expect(interests).to_contain_text("Shortlisted")
        mine = api.call("GET", "/v1/opportunities/interests/mine", joiner).json()["items"]
        assert [i["status"] for i in mine if i["opportunity_id"] == opportunity_id] == [
            "shortlisted"
        ]
        # the edit form has the ticks as posted; another country instead of Senegal
        for label in ticked:
            expect(page.get_by_role("checkbox", name=label, exact=True)).to_be_checked()
        page.get_by_role("checkbox", name="Senegal", exact=True).uncheck()
        page.get_by_role("checkbox", name="Morocco", exact=True).check()
        page.get_by_label("Title").fill(f"{title} (second call)")
        page.get_by_role("button", name="Save the changes").click()
        expect(page.get_by_role("status")).to_contain_text("Your changes are saved")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{title} (second call)")
        edited = api.call("GET", f"/v1/opportunities/{opportunity_id}").json()
        assert (edited["countries"], edited["required_skills"]) == (["MA"], ["S5"])
        expect(page.get_by_role("checkbox", name="Morocco", exact=True)).to_be_checked()
        expect(page.get_by_role("checkbox", name="Senegal", exact=True)).not_to_be_checked()
        screenshot(page, "organisation-opportunity-desktop")

        # an event: a bad time zone is refused beside its field
        page.get_by_role("link", name="Back to my calls").click()
        page.get_by_role("link", name="Events", exact=True).last.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My events")
        audit.axe(page, "/organisation/events")
        starts = (datetime.now(UTC) + timedelta(days=30)).replace(hour=18, minute=0)
        event_title = f"Forum {unique('Investir')}"
        page.get_by_label("Kind").select_option("consultation")
        page.get_by_label("Title").fill(event_title)
        page.get_by_label("Time zone").fill("Mars/Olympus")
        page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("Ends").fill((starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("Seats").fill("2")
        page.get_by_role("button", name="Schedule the event").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter a time zone like")
        expect(page.get_by_label("Time zone")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("Title")).to_have_value(event_title)
        page.get_by_label("Time zone").fill("Europe/Paris")
        page.get_by_role("button", name="Schedule the event").click()
        expect(page.get_by_role("status")).to_contain_text("Your event is in the calendar")
        event_id = id_in(page.url)
        api.call("POST", f"/v1/events/{event_id}/registrations", joiner, expect=201)
        page.reload()
        expect(page.get_by_role("table", name="Registrations")).to_contain_text("Joining Person")
        expect(page.locator("#registrations-h + p")).to_have_text("1 of 2 seats left.")
        audit.axe(page, "/organisation/events/{id}")
        page.get_by_label("Seats").fill("5")
        page.get_by_role("button", name="Save the changes").click()
        expect(page.get_by_role("status")).to_contain_text("Your changes are saved")
        expect(page.locator("#registrations-h + p")).to_have_text("4 of 5 seats left.")

        # verified by a platform administrator: the console says so
        api.call("POST", f"/v1/organisations/{org_id}/verification", platform_admin, expect=200)
        page.goto(f"/organisation/{org_id}")
        expect(page.locator("#verification")).to_contain_text("Verified on")
        audit.assert_clean()

    # a member without the role: no menu item, and the console refuses
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, world.seat_holder[0])
        expect(page.get_by_role("link", name="My organisation", exact=True)).to_have_count(0)
        response = page.goto("/organisation")
        assert response is not None and response.status == 403

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, admin_email)
        page.goto(f"/language/ar?next=/organisation/{org_id}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("#verification")).to_contain_text("تم التحقق")
        assert page_fits_width(page)
        audit.axe(page, "/organisation/{id} (ar, phone)")
        screenshot(page, "organisation-ar-phone")
        page.goto(f"/organisation/opportunities/{opportunity_id}")
        assert page_fits_width(page)
        audit.axe(page, "/organisation/opportunities/{id} (ar, phone)")
        screenshot(page, "organisation-opportunity-ar-phone")
        audit.assert_clean()
