"""Social sign-in hands off to the web session: the provider sends the person back to the
web client's page, whose server hands code and state to the API; the tokens never reach the
browser (no token in any page, URL or script-readable cookie)."""

from __future__ import annotations

import re
import uuid

import httpx
from browser import browsing
from playwright.sync_api import Browser, expect

from devstack.system import Platform


def test_social_sign_in_lands_signed_in_on_the_web(
    site: Platform, provider: str, chromium: Browser
) -> None:
    sub = f"nadia-{uuid.uuid4().hex[:8]}"
    email = f"{sub}@example.org"
    claims = {"email": email, "email_verified": True, "name": "Nadia Haddad"}
    assert httpx.put(f"{provider}/users/{sub}", json=claims, timeout=10).status_code == 204
    with browsing(chromium, site.gateway_url) as (page, _audit):
        page.goto("/signin?next=/privacy")
        page.get_by_role("link", name="Mock ID").click()
        expect(page).to_have_url(re.compile(re.escape(provider)))  # the provider's own page
        page.locator("input[name=sub]").fill(sub)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(r"/privacy$"))  # back where the person was going
        expect(page.get_by_role("heading", name="Privacy centre")).to_be_visible()
        cookies = page.context.cookies()
        assert all("eyJ" not in c["value"] for c in cookies)  # no JWT in any cookie
        session = next(c for c in cookies if c["name"] == "dep_session")
        assert session["httpOnly"] and session["sameSite"] == "Lax"
        assert "eyJ" not in page.content()
        assert page.evaluate("() => document.cookie") == ""
