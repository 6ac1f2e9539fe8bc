"""Keyboard only, one journey per staff role, no mouse click anywhere: Tab and Shift+Tab to
move, typing, arrow keys in lists, Space on buttons and boxes, Enter on links and forms.
Every control reached shows a visible focus indicator (``tab_to`` checks each one), and each
journey ends with its result on the page.

- platform administrator: finds an account by email and grants it a role;
- moderator: opens a contribution from the queue and publishes it;
- organisation administrator: registers the organisation;
- partner: adds a webhook endpoint with an event type and sees its secret once;
- government focal point: declares a sector need for a campaign (the page opened by its
  address), with sector, skill and priority chosen by the arrow keys;
- representative of a member state: opens the meeting from "My alliance seats" and votes
  on the open motion.

Each person signs in by keyboard too. The focal point's journey runs with ``make test-web``
(``web_full``), to keep this file's CI share under 90 s."""

from __future__ import annotations

import re

import pytest
from admin_console import AdminConsole
from alliance_people import seat_a_representative
from browser import browsing
from playwright.sync_api import Browser, Page, expect
from test_web_keyboard import tab_to
from test_web_moderation import contribution
from test_web_partner import receiver
from web_stack import ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, World, unique, verified_member

from devstack.system import Platform


def keyboard_sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/signin")
    tab_to(page, "#f-email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/profile**")


def open_menu_link(page: Page, href: str) -> None:
    """Follow the site's link to ``href`` with Tab and Enter."""
    tab_to(page, f"a[href='{href}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + r"(\?|$)"))


def choose(page: Page, select: str, value: str, limit: int = 300) -> None:
    """Pick ``value`` in the focused list ``select`` with the arrow keys."""
    assert page.evaluate("s => document.activeElement.matches(s)", select)
    page.keyboard.press("Home")
    for _ in range(limit):
        if page.eval_on_selector(select, "el => el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} never chosen in {select}")


def test_platform_admin_grants_a_role_by_keyboard(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, email, _ = verified_member(world.api, world.mail, "Keyboard Helper")
    with browsing(chromium, site.gateway_url) as (page, audit):
        keyboard_sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        open_menu_link(page, "/admin")
        tab_to(page, "#f-email")
        page.keyboard.type(email)
        page.keyboard.press("Enter")
        page.wait_for_url("**/admin/accounts/**")
        tab_to(page, "#f-role")
        choose(page, "#f-role", "moderator")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        expect(page.get_by_role("status")).to_contain_text("The role is granted")
        expect(page.locator("#account-roles")).to_contain_text("Moderator")
        audit.assert_clean()


def test_moderator_publishes_a_contribution_by_keyboard(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, _, contributor = verified_member(world.api, world.mail, "Keyboard Contributor")
    title = f"Guide au clavier {unique('Clavier')}"
    rid = contribution(world, contributor, title)
    with browsing(chromium, site.gateway_url) as (page, audit):
        keyboard_sign_in(page, world.staff_email)
        open_menu_link(page, "/moderation")
        tab_to(page, f"a[href*='{rid}']", limit=200)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/moderation/{rid}**")
        tab_to(page, "form[action$='/publish'] button")
        # one Tab too far and back: Shift+Tab returns to the button
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        expect(page.locator(":focus")).to_have_text("Publish")
        page.keyboard.press("Space")
        expect(page.get_by_role("status")).to_contain_text("Published")
        audit.assert_clean()
    assert world.api.call("GET", f"/v1/resources/{rid}").json()["status"] == "published"


def test_organisation_admin_registers_the_organisation_by_keyboard(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    _, email, _ = verified_member(world.api, world.mail, "Keyboard Organiser")
    staff_roles.grant(email, "organisation_admin")
    name = f"Association {unique('Clavier')}"
    with browsing(chromium, site.gateway_url) as (page, audit):
        keyboard_sign_in(page, email)
        open_menu_link(page, "/organisation")
        tab_to(page, "#f-name")
        page.keyboard.type(name)
        page.keyboard.press("Tab")
        choose(page, "#f-kind", "diaspora_association")
        page.keyboard.press("Tab")
        choose(page, "#f-country", "SN")
        page.keyboard.press("Tab")
        page.keyboard.type("Dakar")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("Your organisation is registered")
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        audit.assert_clean()


def test_partner_adds_a_webhook_endpoint_by_keyboard(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    _, email, _ = verified_member(world.api, world.mail, "Keyboard Partner")
    staff_roles.grant(email, "partner")
    with (
        receiver() as (hook_url, _received),
        browsing(chromium, site.gateway_url) as (page, audit),
    ):
        keyboard_sign_in(page, email)
        open_menu_link(page, "/partner")
        tab_to(page, "#f-url")
        page.keyboard.type(hook_url)
        page.keyboard.press("Tab")
        page.keyboard.type("By keyboard")
        tab_to(page, "input[name=event_types]")
        page.keyboard.press("Space")
        expect(page.locator("input[name=event_types]").first).to_be_checked()
        tab_to(page, "form[action='/partner/endpoints'] button[type=submit]", limit=200)
        page.keyboard.press("Enter")
        expect(page.get_by_label(re.compile("Signing secret for"))).to_have_value(
            re.compile(r"^whsec_")
        )
        audit.assert_clean()


@pytest.mark.web_full  # the CI set stays under 90 s; make test-web runs it
def test_focal_point_declares_a_sector_need_by_keyboard(
    site: Platform, world: World, chromium: Browser
) -> None:
    campaign = world.campaign["id"]
    with browsing(chromium, site.gateway_url) as (page, audit):
        keyboard_sign_in(page, world.staff_email)
        page.goto(f"/mapping/{campaign}/needs")
        tab_to(page, "#f-sector", limit=200)
        choose(page, "#f-sector", "Q")
        page.keyboard.press("Tab")
        choose(page, "#f-skill", "S3")
        page.keyboard.press("Tab")  # the region stays empty
        page.keyboard.press("Tab")
        page.keyboard.type("7")
        page.keyboard.press("Tab")
        choose(page, "#f-priority", "5")
        tab_to(page, f"form[action='/mapping/{campaign}/needs'] button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.get_by_role("status")).to_contain_text("The need is declared")
        audit.assert_clean()


def test_representative_votes_by_keyboard(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    seat = seat_a_representative(world, staff_roles.grant, "Keyboard")
    people, meeting = seat.people, seat.meeting
    people.post(
        f"/meetings/{meeting['id']}/attendance",
        people.secretariat,
        {"present": [seat.state["id"]]},
        status=200,
    )
    people.post(
        f"/meetings/{meeting['id']}/motions", people.secretariat, {"title": "Adopt the charter"}
    )
    with browsing(chromium, site.gateway_url) as (page, audit):
        keyboard_sign_in(page, people.representative_email)
        open_menu_link(page, "/alliance")
        open_menu_link(page, f"/alliance/meetings/{meeting['id']}")
        # Tab enters the choices on the first one (Yes); Space chooses it
        tab_to(page, "input[name=choice][value=yes]", limit=120)
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.type") == "submit"
        page.keyboard.press("Space")
        expect(page.get_by_role("status")).to_contain_text("The vote is cast.")
        page.reload()
        expect(page.get_by_text("You voted Yes, for Fiji.")).to_be_visible()
        audit.assert_clean()
