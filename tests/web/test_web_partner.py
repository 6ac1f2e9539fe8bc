"""The partner console in a real browser, with JavaScript off: add a webhook endpoint with
event types from the catalogue (a private address refused beside the field, what was typed
kept), the signing secret shown once, a real delivery to a receiver on this machine in the
delivery log with its status and attempts, one sent again, a replay of everything since a
moment, turned off and on with another event type from the catalogue (none refused, a
stale form refused rather than overwriting), a new secret; links to the AsyncAPI and webhook
documents. A member without the role
never sees it; Arabic, right to left, on a phone, with screenshots to look at."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from admin_console import AdminConsole
from browser import PHONE, browsing, page_fits_width, screenshot, sign_in
from playwright.sync_api import Browser, expect
from web_stack import World, verified_member

from devstack.system import Platform

EVENT_TYPE = "profiles.sector_need.declared"


@contextmanager
def receiver() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A partner's endpoint on a loopback port: answers 204 and keeps the headers it got."""
    received: list[dict[str, str]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length") or 0))
            received.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", received
    finally:
        server.shutdown()


def test_a_partner_manages_webhooks_and_their_deliveries(
    site: Platform, world: World, chromium: Browser, staff_roles: AdminConsole
) -> None:
    api = world.api
    _, partner_email, _ = verified_member(api, world.mail, "Partner Person")
    staff_roles.grant(partner_email, "partner")
    focal = api.login(world.staff_email)
    partner = api.login(partner_email)  # a token that carries the role

    with (
        receiver() as (hook_url, received),
        browsing(chromium, site.gateway_url, javascript=False) as (page, audit),
    ):
        sign_in(page, partner_email)
        page.get_by_role("link", name="Webhooks", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks")
        expect(page.get_by_role("link", name="the events (AsyncAPI)")).to_have_attribute(
            "href", "/developers/events/"
        )
        audit.axe(page, "/partner")

        # a private address is refused beside the field; the description and choice stay
        page.get_by_label("Address").fill("http://10.1.2.3/hooks")
        page.get_by_label("Description").fill("Our CRM")
        page.get_by_label(EVENT_TYPE).check()
        page.get_by_role("button", name="Add the endpoint").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter a public https:// address")
        expect(page.get_by_label("Address")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("Description")).to_have_value("Our CRM")
        expect(page.get_by_label(EVENT_TYPE)).to_be_checked()
        audit.axe(page, "/partner (error)")

        # the secret, shown once
        page.get_by_label("Address").fill(hook_url)
        page.get_by_role("button", name="Add the endpoint").click()
        secret = page.get_by_label(re.compile("Signing secret for"))
        expect(secret).to_have_value(re.compile(r"^whsec_"))
        first_secret = secret.input_value()
        audit.axe(page, "/partner/endpoints (secret)")
        page.get_by_role("link", name="I have copied it: go to the endpoint").click()
        endpoint_id = page.url.split("?", 1)[0].rsplit("/", 1)[-1]
        assert first_secret not in page.content()
        expect(page.get_by_text("Nothing was sent to this endpoint yet.")).to_be_visible()

        # an event of the chosen type is delivered, and shows in the log
        need = {"origin_country": "HT", "sector": "Q", "positions": 3}
        api.call("POST", "/v1/mapping/needs", focal, json=need, expect=201)
        log = page.get_by_role("table", name="Deliveries")
        for _ in range(60):
            page.reload()
            if log.count() and "Delivered" in log.inner_text():
                break
            page.wait_for_timeout(1000)
        expect(log).to_contain_text(EVENT_TYPE)
        expect(log).to_contain_text("Delivered")
        assert received and received[0]["webhook-signature"].startswith("v1,")
        audit.axe(page, "/partner/endpoints/{id}")
        screenshot(page, "partner-endpoint-desktop")

        # its attempts
        page.get_by_role("link", name=EVENT_TYPE).first.click()
        expect(page.get_by_role("table", name="Attempts")).to_contain_text("204")
        audit.axe(page, "/partner/endpoints/{id}/deliveries/{id}")
        page.get_by_role("link", name="Back to the endpoint").click()

        # sent again: the receiver gets it a second time, with the same webhook-id
        page.get_by_role("button", name=re.compile(f"^Send {re.escape(EVENT_TYPE)}")).first.click()
        expect(page.get_by_role("status")).to_contain_text("Queued again")
        for _ in range(60):
            if len(received) >= 2:
                break
            page.wait_for_timeout(500)
        assert len(received) >= 2 and received[1]["webhook-id"] == received[0]["webhook-id"]

        # a replay: refused without a moment, then everything since an hour ago
        page.get_by_role("button", name="Replay").click()
        expect(page.get_by_role("alert")).to_contain_text("This field is required")
        expect(page.get_by_label("Send again every event since")).to_have_attribute(
            "aria-invalid", "true"
        )
        since = (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        page.get_by_label("Send again every event since").fill(since)
        page.get_by_role("button", name="Replay").click()
        expect(page.get_by_role("status")).to_contain_text(
            re.compile(r"[1-9]\d* messages? (is|are) queued")
        )

        # settings: none of the event types is refused, the choice of "off" kept
        catalogue = api.call("GET", "/v1/webhooks/event-types", partner, expect=200).json()
        other = next(t for t in catalogue if t != EVENT_TYPE)
        stale = page.context.new_page()  # the same page, left open in another tab
        stale.goto(f"/partner/endpoints/{endpoint_id}")
        switch_off = page.get_by_role("radio", name=re.compile("^Off"))
        page.get_by_role("checkbox", name=EVENT_TYPE, exact=True).uncheck()
        switch_off.check()
        page.get_by_role("button", name="Save the settings").click()
        expect(page.get_by_role("alert")).to_contain_text("Choose at least one event type.")
        expect(switch_off).to_be_checked()
        audit.axe(page, "/partner/endpoints/{id} (settings error)")
        # off, and a second event type from the catalogue
        page.get_by_role("checkbox", name=EVENT_TYPE, exact=True).check()
        page.get_by_role("checkbox", name=other, exact=True).check()
        page.get_by_role("button", name="Save the settings").click()
        expect(page.get_by_role("status")).to_contain_text("The endpoint's settings are saved.")
        seen = api.call("GET", f"/v1/webhooks/endpoints/{endpoint_id}", partner, expect=200)
        assert seen.json()["status"] == "disabled"
        assert sorted(seen.json()["event_types"]) == sorted([EVENT_TYPE, other])
        expect(page.locator("dl.facts")).to_contain_text("Off")
        expect(page.get_by_role("checkbox", name=other, exact=True)).to_be_checked()
        audit.axe(page, "/partner/endpoints/{id} (off)")
        # off: a replay is refused, saying why
        page.get_by_label("Send again every event since").fill(since)
        page.get_by_role("button", name="Replay").click()
        expect(page.get_by_role("alert")).to_contain_text("Turn the endpoint on before replaying")
        # the tab opened before: its form names an older version, so nothing is overwritten
        stale.get_by_role("button", name="Save the settings").click()
        expect(stale.get_by_role("alert")).to_contain_text("The endpoint changed since")
        stale.close()
        seen = api.call("GET", f"/v1/webhooks/endpoints/{endpoint_id}", partner, expect=200)
        assert seen.json()["status"] == "disabled"
        # on again
        page.goto(f"/partner/endpoints/{endpoint_id}")
        page.get_by_role("radio", name=re.compile("^On")).check()
        page.get_by_role("button", name="Save the settings").click()
        expect(page.get_by_role("status")).to_contain_text("The endpoint's settings are saved.")
        seen = api.call("GET", f"/v1/webhooks/endpoints/{endpoint_id}", partner, expect=200)
        assert seen.json()["status"] == "active"

        # a new secret; the old one keeps signing for a while
        page.get_by_role("button", name="Make a new signing secret").click()
        expect(page.get_by_role("status")).to_contain_text("A new secret is made")
        expect(secret).not_to_have_value(first_secret)
        expect(secret).to_have_value(re.compile(r"^whsec_"))
        page.goto(f"/partner/endpoints/{endpoint_id}")
        expect(page.locator("dl.facts")).to_contain_text("The old secret still signs until")
        audit.assert_clean()

    # a member without the role: no menu item, and the console refuses
    with browsing(chromium, site.gateway_url) as (page, audit):
        sign_in(page, world.seat_holder[0])
        expect(page.get_by_role("link", name="Webhooks", exact=True)).to_have_count(0)
        response = page.goto("/partner")
        assert response is not None and response.status == 403

    # Arabic, right to left, on a phone
    with browsing(chromium, site.gateway_url, viewport=PHONE) as (page, audit):
        sign_in(page, partner_email)
        page.goto("/language/ar?next=/partner")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("heading", level=1)).to_have_text("خطافات الويب")
        assert page_fits_width(page)
        audit.axe(page, "/partner (ar, phone)")
        screenshot(page, "partner-ar-phone")
        page.goto(f"/partner/endpoints/{endpoint_id}")
        assert page_fits_width(page)
        audit.axe(page, "/partner/endpoints/{id} (ar, phone)")
        screenshot(page, "partner-endpoint-ar-phone")
        audit.assert_clean()
