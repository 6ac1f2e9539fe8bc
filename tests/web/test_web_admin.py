"""The platform administrator's console in a real browser, with JavaScript off (every action
is a plain form): finding an account by its exact email (an unknown one refused beside the
field), granting the moderator role through the console (the person then signs in and finds
the moderation console in the menu) and taking it away, the read recorded in the person's
audit log; verifying an organisation a member registered; rotating the signing key (refused
until confirmed; new tokens then carry the new key's id); members never see the console;
Arabic, right to left, on a phone, with screenshots to look at."""

from __future__ import annotations

import base64
import json
import re

from admin_console import AdminConsole
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import ADMIN_EMAIL, ADMIN_PASSWORD, World, unique, verified_member

from devstack.system import Platform


def test_the_platform_admin_grants_roles_verifies_organisations_and_rotates_keys(
    site: Platform, world: World, chromium: Browser
) -> None:
    api = world.api
    person_id, person_email, person = verified_member(api, world.mail, "Helper Person")
    org_name = f"Association {unique('Verif')}"
    org = api.call(
        "POST",
        "/v1/organisations",
        person,
        json={"name": org_name, "kind": "ngo", "country": "sn"},
        expect=201,
    ).json()

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        page.get_by_role("link", name="Administration", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
        expect(page.locator("#audit-note")).to_contain_text("recorded in that person's audit log")
        audit.axe(page, "/admin")

        # an address nobody uses: refused beside the field, what was typed kept
        email = page.get_by_label("Email address")
        email.fill("nobody-here@example.org")
        page.get_by_role("button", name="Find the account").click()
        expect(email).to_have_attribute("aria-invalid", "true")
        expect(email).to_have_value("nobody-here@example.org")
        expect(page.get_by_role("alert")).to_contain_text("No account uses this email address")
        audit.axe(page, "/admin/find (error)")

        # the person's account: status and roles; grant the moderator role
        email.fill(person_email)
        page.get_by_role("button", name="Find the account").click()
        expect(page).to_have_url(re.compile(rf"/admin/accounts/{person_id}"))
        expect(page.get_by_role("status")).to_contain_text("recorded in the person's audit log")
        expect(page.get_by_role("heading", level=1)).to_have_text("Helper Person")
        expect(page.locator("#account-status")).to_have_text("Active")
        page.get_by_label("Role to grant").select_option("moderator")
        page.get_by_role("button", name="Grant the role").click()
        expect(page.get_by_role("status")).to_contain_text("The role is granted")
        expect(page.locator("#account-roles")).to_contain_text("Moderator")
        # a role granted is no longer offered
        expect(page.get_by_label("Role to grant").locator("option[value=moderator]")).to_have_count(
            0
        )
        audit.axe(page, "/admin/accounts/{id}")
        screenshot(page, "admin-account-desktop")
        account_url = page.url.split("?")[0]  # without the notice of the grant

        # organisations awaiting verification: verify the member's
        page.get_by_role("link", name="Organisations to verify").click()
        row = page.get_by_role("row").filter(has_text=org_name)
        expect(row).to_have_count(1)
        audit.axe(page, "/admin/organisations")
        screenshot(page, "admin-organisations-desktop")
        row.get_by_role("button", name=f"Verify {org_name}").click()
        expect(page.get_by_role("status")).to_contain_text("The organisation is verified")
        expect(page.get_by_role("row").filter(has_text=org_name)).to_have_count(0)

        # signing keys: refused until confirmed, then the new key's id is shown
        page.get_by_role("link", name="Signing keys").click()
        page.get_by_role("button", name="Rotate the signing key").click()
        expect(page.get_by_role("alert")).to_contain_text("Tick the box to confirm")
        audit.axe(page, "/admin/signing-keys (error)")
        page.get_by_label("I want to start signing with a new key now").check()
        page.get_by_role("button", name="Rotate the signing key").click()
        kid = page.locator("#new-kid code").inner_text()
        assert kid
        audit.axe(page, "/admin/signing-keys (rotated)")
        audit.assert_clean()

    organisation = api.call("GET", f"/v1/organisations/{org['organisation_id']}", person)
    assert organisation.json()["verified"]
    # tokens issued from now on carry the new key's id, and the API accepts them
    fresh = api.login(person_email)
    header = json.loads(base64.urlsafe_b64decode(fresh.split(".")[0] + "=="))
    assert header["kid"] == kid
    # the administrator's reads are in the person's own audit log
    log = api.call("GET", "/v1/me/audit-log", fresh, expect=200).json()
    reads = [e for e in log["items"] if e.get("record_type") == "account"]
    assert reads and all(e["accessor_role"] == "platform_admin" for e in reads), log

    # the role granted through the console: the person finds the moderation console
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, person_email)
        page.get_by_role("link", name="Moderation", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
        # and a member never sees the administrator's console
        expect(page.get_by_role("link", name="Administration", exact=True)).to_have_count(0)
        response = page.goto("/admin")
        assert response is not None and response.status == 403

    # taking the role away again; Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE, javascript=False) as (page, audit):
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        page.goto(account_url)
        page.get_by_role("button", name="Take away the role: Moderator").click()
        expect(page.get_by_role("status")).to_contain_text("The role is taken away")
        expect(page.locator("#account-roles")).not_to_contain_text("Moderator")
        page.goto(f"/language/ar?next={account_url.split(site.gateway_url, 1)[-1]}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("heading", level=2, name="الأدوار")).to_be_visible()
        assert page_fits_width(page)
        audit.axe(page, "/admin/accounts/{id} (ar, phone)")
        screenshot(page, "admin-account-ar-phone")
        page.goto("/admin/organisations")
        assert page_fits_width(page)
        audit.axe(page, "/admin/organisations (ar, phone)")
        audit.assert_clean()
    helper = api.login(person_email)
    assert api.call("GET", "/v1/resources/moderation-queue", helper).status_code == 403


def test_a_refused_organisation_sees_why_on_its_console(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    api = world.api
    _, founder_email, founder = verified_member(api, world.mail, "Founder Person")
    staff_roles.grant(founder_email, "organisation_admin")  # the organisation console's role
    org_name = f"Association {unique('Refus')}"
    org = api.call(
        "POST",
        "/v1/organisations",
        founder,
        json={"name": org_name, "kind": "ngo", "country": "ht"},
        expect=201,
    ).json()
    reason = "We could not confirm the registration number: add it to the description."

    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        page.goto("/admin/organisations")
        page.get_by_role("link", name=f"Refuse {org_name}, with a reason").click()
        expect(page.get_by_role("heading", level=2)).to_have_text(f"Refuse to verify {org_name}")
        # a refusal needs its reason: refused beside the field
        page.get_by_role("button", name="Refuse verification").click()
        field = page.get_by_label("Why verification is refused")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        audit.axe(page, "/admin/organisations/{id}/refuse (error)")
        field.fill(reason)
        page.get_by_role("button", name="Refuse verification").click()
        expect(page.get_by_role("status")).to_contain_text("Verification is refused")
        audit.assert_clean()

    # the organisation's administrator reads the refusal and its reason, in Arabic on a phone too
    with browsing(chromium, site.gateway_url, viewport=PHONE, javascript=False) as (page, audit):
        sign_in(page, founder_email)
        page.goto(f"/organisation/{org['organisation_id']}")
        expect(page.locator("#verification")).to_have_text("Verification refused")
        expect(page.locator("#refusal blockquote")).to_have_text(reason)
        audit.axe(page, "/organisation/{id} (refused)")
        page.goto(f"/language/ar?next=/organisation/{org['organisation_id']}")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("#refusal blockquote")).to_have_text(reason)
        assert page_fits_width(page)
        audit.axe(page, "/organisation/{id} (refused, ar, phone)")
        screenshot(page, "organisation-refused-ar-phone")
        audit.assert_clean()
    # nobody else reads the reason; verifying later clears it
    public = api.call("GET", f"/v1/organisations/{org['organisation_id']}").json()
    assert public["verification_refusal"] is None and not public["verified"]
    api.call(
        "POST",
        f"/v1/organisations/{org['organisation_id']}/verification",
        api.login(ADMIN_EMAIL, ADMIN_PASSWORD),
        expect=200,
    )
    seen = api.call("GET", f"/v1/organisations/{org['organisation_id']}", founder).json()
    assert seen["verified"] and seen["verification_refusal"] is None
