"""The secretariat's commitments and youth leader cohorts in a real browser, JavaScript off,
against the real platform: two members' commitments (pledged through the API by their
representative) show on the dashboard by pillar and by member, filter by member and status,
open with their indicators and progress, and download as the API's CSV; a cohort is opened
(a year that is not a number refused and kept), a youth leader nominated and accepted, and
their participation shown. Arabic on a phone; axe-core on every state.

In the longer set (``make test-web``): the CI set keeps the secretariat's main journey and
the board within its time budget; these pages are rendered in every language by
web/tests/test_web_secretariat_pages.py in CI."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from admin_console import AdminConsole
from alliance_people import alliance_people
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World, unique

from devstack.system import Platform

pytestmark = pytest.mark.web_full


def test_commitments_dashboard_export_and_youth_cohorts(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    people = alliance_people(world, "Commitments", staff_roles.grant)
    post = people.post
    sec, sec_email = people.secretariat, people.secretariat_email
    rep = people.representative
    name = unique("Pledges")

    alliance = post(
        "/alliances",
        sec,
        {
            "slug": name.lower(),
            "name": name,
            "pillars": [
                {"code": "networks", "title": "Digitalise networks"},
                {"code": "skills", "title": "Skills transfer"},
            ],
        },
    )
    members = {}
    for member_name, kind, country in (
        ("Kenya", "member_state", "KE"),
        ("Ghana", "member_state", "GH"),
        ("Amina Youth", "youth_leader", None),
    ):
        members[member_name] = post(
            "/members/applications",
            rep,
            {"alliance_id": alliance["id"], "kind": kind, "name": member_name, "country": country},
        )
        post(f"/members/{members[member_name]['id']}/review", sec, {"decision": "admit"}, 200)
    due = (datetime.now(UTC) + timedelta(days=365)).date().isoformat()
    for member_name, title, pillar in (
        ("Kenya", "A diaspora desk in every consulate", "networks"),
        ("Ghana", "Mentoring for returnees", "skills"),
    ):
        post(
            "/commitments",
            rep,
            {
                "member_id": members[member_name]["id"],
                "title": title,
                "pillar": pillar,
                "indicators": [
                    {
                        "name": "Reached",
                        "unit": "places",
                        "baseline": "0",
                        "target": "10",
                        "due_on": due,
                    }
                ],
            },
        )
    page_url = f"/secretariat/alliances/{alliance['id']}/commitments"

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, sec_email)
        page.goto(page_url)
        dashboard = page.get_by_role("table", name="Dashboard")
        expect(dashboard).to_contain_text("Digitalise networks")
        expect(dashboard).to_contain_text("Skills transfer")
        audit.axe(page, "/secretariat/.../commitments")

        # the dashboard by member, the list filtered to Kenya, on track
        page.get_by_label("Dashboard by").select_option("member")
        page.get_by_label("Member", exact=True).select_option(label="Kenya")
        page.get_by_label("Status", exact=True).select_option("on_track")
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(re.compile("by=member"))
        expect(page.get_by_role("table", name="Dashboard")).to_contain_text("Ghana")
        listed = page.get_by_role("table", name="Commitments")
        expect(listed).to_contain_text("A diaspora desk in every consulate")
        expect(listed).not_to_contain_text("Mentoring for returnees")
        expect(page.get_by_label("Member", exact=True)).to_have_value(members["Kenya"]["id"])
        audit.axe(page, "/secretariat/.../commitments (filtered)")
        screenshot(page, "secretariat-commitments-desktop")

        # the API's CSV, through the page
        with page.expect_download() as download:
            page.get_by_role("link", name="Download every commitment as CSV").click()
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert "A diaspora desk in every consulate" in text and "Mentoring for returnees" in text

        listed.get_by_role("link", name="A diaspora desk in every consulate").click()
        expect(page.locator("#commitment-status")).to_have_text("On track")
        expect(page.get_by_text("No progress reported yet.")).to_be_visible()
        audit.axe(page, "/secretariat/commitments/{id}")

        # a cohort: a year in words refused and kept, then opened; a leader nominated, accepted
        page.get_by_role("link", name="Youth leaders").click()
        page.get_by_label("Name").fill("Class of next year")
        page.get_by_label("Year").fill("next year")
        page.get_by_role("button", name="Open the cohort").click()
        expect(page.locator("#e-year")).to_contain_text("Enter a year like 2027.")
        expect(page.get_by_label("Name")).to_have_value("Class of next year")
        audit.axe(page, "/secretariat/.../cohorts (error)")
        page.get_by_label("Year").fill(str(datetime.now(UTC).year + 1))
        page.get_by_role("button", name="Open the cohort").click()
        expect(page.get_by_role("status")).to_contain_text("The cohort is open for nominations")
        page.get_by_label("Youth leader to nominate").select_option(label="Amina Youth")
        page.get_by_role("button", name="Nominate").click()
        nominations = page.get_by_role("table", name="Nominations")
        expect(nominations).to_contain_text("Nominated")
        page.get_by_role("button", name="Accept: Amina Youth").click()
        expect(page.get_by_role("status")).to_contain_text("The nomination is accepted")
        expect(nominations).to_contain_text("Accepted")
        expect(page.get_by_text("Amina Youth: sessions attended: 0")).to_be_visible()
        audit.axe(page, "/secretariat/cohorts/{id}")
        screenshot(page, "secretariat-cohort-desktop")
        audit.assert_clean()

    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, sec_email)
        page.goto(f"/language/ar?next={page_url}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page_fits_width(page)
        audit.axe(page, "/secretariat/.../commitments (ar, phone)")
        screenshot(page, "secretariat-commitments-ar-phone")
        audit.assert_clean()
