"""Two-step sign-in in a real browser, with JavaScript off, through the real gateway: a member
turns on an authenticator app from the account area (the key shown as text; the codes are
computed here as any RFC 6238 app computes them), saves the recovery codes, signs in with the
app's code (the code page in Arabic, right to left) and with a recovery code (the owner is
emailed), renews the codes and turns the app off with one. Every page: axe-core, no request to
another origin."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from dataclasses import dataclass

from browser import browsing, screenshot, sign_in
from playwright.sync_api import Browser, Page, expect
from web_stack import PASSWORD, World, verified_member

from devstack.system import Platform
from devstack.waiting import wait_until


@dataclass
class AuthenticatorApp:
    """What a phone's authenticator app does with the key: RFC 6238 (HMAC-SHA1, 30 s, 6
    digits). A code is accepted once: the next one asked for is of a later step."""

    key: str
    last_step: int = 0

    def code(self) -> str:
        while True:
            current = int(time.time()) // 30
            step = max(current, self.last_step + 1)
            if step <= current + 1:  # the server takes one step of drift, no more
                break
            time.sleep(30 - time.time() % 30 + 0.5)  # the next step's code
        self.last_step = step
        secret = base64.b32decode(self.key + "=" * (-len(self.key) % 8))
        mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
        offset = mac[-1] & 0x0F
        number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
        return str(number % 1_000_000).zfill(6)


def password_step(page: Page, email: str) -> None:
    page.goto("/signin")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/signin/code$"))


def recovery_codes(page: Page) -> list[str]:
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{5}-[a-z2-7]{5}", c) for c in codes)
    return codes


def test_a_member_turns_on_two_step_sign_in_and_signs_in_with_the_app_or_a_recovery_code(
    site: Platform, world: World, chromium: Browser
) -> None:
    _, email, _ = verified_member(world.api, world.mail, "Two Step")
    with browsing(chromium, site.gateway_url, javascript=False) as (page, audit):
        sign_in(page, email)
        page.get_by_role("link", name="Sign-in security").click()
        expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
        audit.axe(page, "/me/security (off)")
        page.get_by_role("button", name="Turn on two-step sign-in").click()
        key = page.locator("#totp-secret").get_attribute("data-secret") or ""
        assert re.fullmatch(r"[A-Z2-7]{32}", key), key
        uri = page.get_by_role("link", name="Add to my authenticator app").get_attribute("href")
        assert uri and uri.startswith("otpauth://totp/") and f"secret={key}" in uri
        audit.axe(page, "/me/security/app")
        screenshot(page, "two-factor-enrol")
        app = AuthenticatorApp(key)

        # a mistyped code keeps the key on the page and says so beside the field
        page.get_by_label("Code from your authenticator app").fill("000000")
        page.get_by_role("button", name="Turn on", exact=True).click()
        expect(page.locator("#e-code")).to_contain_text("This code is not right")
        expect(page.locator("#totp-secret")).to_have_attribute("data-secret", key)
        audit.axe(page, "/me/security/app/confirm (errors)")
        page.get_by_label("Code from your authenticator app").fill(app.code())
        page.get_by_role("button", name="Turn on", exact=True).click()
        expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
        codes = recovery_codes(page)
        audit.axe(page, "/me/security/app/confirm (codes)")
        page.get_by_role("link", name="I have saved them").click()
        expect(page.locator("main")).to_contain_text("Recovery codes left: 10")

        # the password alone now leads to the code page; in Arabic it reads right to left
        page.get_by_role("button", name="Sign out").click()
        password_step(page, email)
        page.goto("/language/ar?next=/signin/code")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("heading", level=1)).to_have_text("أدخل رمز تسجيل الدخول")
        audit.axe(page, "/signin/code (ar)")
        screenshot(page, "two-factor-code-ar")
        page.locator("#f-otp").fill("000000")
        page.locator("form:has(#f-otp) button").click()
        expect(page.locator("#e-otp")).to_contain_text("هذا الرمز غير صحيح")
        page.locator("#f-otp").fill(app.code())
        page.locator("form:has(#f-otp) button").click()
        expect(page).to_have_url(re.compile(r"/me/profile"))
        page.goto("/language/en?next=/me/profile")

        # a lost phone: a recovery code signs in once, and the owner is told by email
        page.get_by_role("button", name="Sign out").click()
        before = len(world.mail.to(email))
        password_step(page, email)
        page.get_by_label("Recovery code").fill(codes[0])
        page.get_by_role("button", name="Sign in with a recovery code").click()
        expect(page.get_by_role("status")).to_contain_text("You are signed in")
        wait_until(
            lambda: any(
                "recovery code" in str(m.get("Subject", "")).lower()
                for m in world.mail.to(email)[before:]
            ),
            60,
            what="the email saying a recovery code was used",
        )

        # new codes for an app code; a recovery code turns the app off
        page.goto("/me/security")
        expect(page.locator("main")).to_contain_text("Recovery codes left: 9")
        page.get_by_label("Code from your authenticator app").fill(app.code())
        page.get_by_role("button", name="Get new recovery codes").click()
        renewed = recovery_codes(page)
        assert not set(renewed) & set(codes)
        page.goto("/me/security")
        page.get_by_label("Code from your app, or a recovery code").fill(codes[1])  # old: spent
        page.get_by_role("button", name="Turn off two-step sign-in").click()
        expect(page.locator("#e-off_code")).to_contain_text("This code is not right")
        audit.axe(page, "/me/security (errors)")
        page.get_by_label("Code from your app, or a recovery code").fill(renewed[0])
        page.get_by_role("button", name="Turn off two-step sign-in").click()
        expect(page.get_by_role("status")).to_contain_text("Two-step sign-in is off")

        # the password alone signs in again
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, email)
        audit.assert_clean()
