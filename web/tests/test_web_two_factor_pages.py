"""Two-step sign-in on the pages, against a stand-in API that behaves like profiles': the
password alone gets "second factor required" with a challenge, the sign-in then asks for the
code on a page of its own and sends it with the challenge (never the password again); the
account area turns the app on, shows its recovery codes once, turns it off
(no infrastructure; the browser test does it through the real gateway)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fake_api import handler
from starlette.testclient import TestClient

from web.app import create_app
from web.session import COOKIE, SessionSealer
from web.settings import WebSettings

SECRET = "test secret"
PASSWORD = "a long enough passphrase"
APP_CODE = "123456"
RECOVERY = "abcde-fghij"
PAIR = {"access_token": "t", "refresh_token": "r", "expires_in": 900, "refresh_expires_in": 3600}


def problem(status: int, title: str, type_: str = "about:blank", **more: Any) -> httpx.Response:
    body = {"type": type_, "title": title, "status": status, **more}
    return httpx.Response(
        status, content=json.dumps(body), headers={"content-type": "application/problem+json"}
    )


class TwoFactorApi:
    """profiles' sign-in and 2FA routes, in short; everything else as the fake API."""

    def __init__(self) -> None:
        self.enrolled = False
        self.logins: list[dict[str, Any]] = []
        self.second_steps: list[dict[str, Any]] = []
        #: challenge -> wrong codes so far (None: used)
        self.challenges: dict[str, int | None] = {}
        #: the API's clock ran past every challenge's expiry
        self.lapsed = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, body = request.url.path, json.loads(request.content or b"{}")
        if path == "/v1/auth/login":
            self.logins.append(body)
            if body.get("password") != PASSWORD:
                return problem(401, "Invalid credentials")
            if not self.enrolled:
                return httpx.Response(200, json=PAIR)
            challenge = f"challenge-{len(self.challenges)}"
            self.challenges[challenge] = 0
            return problem(
                401,
                "Second factor required",
                "https://x/second-factor-required",
                challenge=challenge,
                challenge_expires_in=300,
            )
        if path == "/v1/auth/login/second-factor":
            self.second_steps.append(body)
            return self.second_step(body)
        if path == "/v1/auth/2fa" and request.method == "GET":
            return httpx.Response(
                200,
                json={
                    "enrolled": self.enrolled,
                    "confirmed_at": "2026-05-01T10:00:00+00:00" if self.enrolled else None,
                    "recovery_codes_left": 10 if self.enrolled else 0,
                    "required": False,
                },
            )
        if path == "/v1/auth/2fa/totp":
            return httpx.Response(
                201, json={"secret": "JBSWY3DPEHPK3PXP", "otpauth_uri": "otpauth://totp/x"}
            )
        if path in ("/v1/auth/2fa/totp/confirm", "/v1/auth/2fa/recovery-codes"):
            if body.get("code") != APP_CODE:
                errors = [{"loc": ["body", "code"], "msg": "The code is wrong"}]
                return problem(422, "Wrong code", errors=errors)
            self.enrolled = True
            return httpx.Response(200, json={"recovery_codes": [RECOVERY, "klmno-pqrst"]})
        if path == "/v1/auth/2fa/totp/remove":
            if body.get("code") not in (APP_CODE, RECOVERY):
                errors = [{"loc": ["body", "code"], "msg": "The code is wrong"}]
                return problem(422, "Wrong code", errors=errors)
            self.enrolled = False
            return httpx.Response(204)
        return handler(request)

    def second_step(self, body: dict[str, Any]) -> httpx.Response:
        challenge = str(body["challenge"])
        wrong = self.challenges.get(challenge)
        if self.lapsed or wrong is None:
            reason = "expired" if self.lapsed else "used"
            return problem(401, "Sign-in step expired", INVALID, reason=reason)
        if body.get("otp") == APP_CODE or body.get("recovery_code") == RECOVERY:
            self.challenges[challenge] = None
            return httpx.Response(200, json=PAIR)
        self.challenges[challenge] = wrong + 1
        if wrong + 1 == 3:
            self.challenges[challenge] = None
            return problem(401, "Sign-in step expired", INVALID, reason="too_many_wrong_codes")
        return problem(401, "Unauthorized", attempts_left=2 - wrong)


INVALID = "https://x/sign-in-challenge-invalid"


@pytest.fixture
def api() -> TwoFactorApi:
    return TwoFactorApi()


@pytest.fixture
def client(api: TwoFactorApi) -> Iterator[TestClient]:
    settings = WebSettings(api_base_url="http://api", session_secret=SECRET)
    with TestClient(
        create_app(settings, httpx.MockTransport(api)), base_url="https://testserver"
    ) as test_client:
        yield test_client


def csrf(page: str) -> str:
    found = re.search(r'data-csrf="([^"]+)"', page)
    assert found, page[:500]
    return found[1]


def post(client: TestClient, path: str, data: dict[str, str], page: str = "/") -> httpx.Response:
    token = csrf(client.get(page).text)
    return client.post(path, data={"csrf": token, **data}, follow_redirects=False)


def test_a_password_right_for_a_2fa_account_asks_for_the_code_and_keeps_it_out_of_the_page(
    client: TestClient, api: TwoFactorApi
) -> None:
    api.enrolled = True
    asked = post(
        client, "/signin", {"email": "a@example.org", "password": PASSWORD, "next": "/privacy"}
    )
    assert asked.status_code == 303 and asked.headers["location"] == "/signin/code"
    page = client.get("/signin/code").text
    assert 'name="otp"' in page and 'name="recovery_code"' in page
    assert PASSWORD not in page

    wrong = post(client, "/signin/code", {"otp": "000000"}, "/signin/code")
    assert wrong.status_code == 401
    assert "This code is not right" in wrong.text and 'aria-invalid="true"' in wrong.text

    # the session holds the API's challenge, never the password
    sealed = SessionSealer(SECRET).open(client.cookies.get(COOKIE))
    assert sealed is not None and sealed.pending_challenge == "challenge-0"
    assert PASSWORD not in repr(sealed)

    signed = post(client, "/signin/code", {"otp": APP_CODE}, "/signin/code")
    assert signed.status_code == 303 and signed.headers["location"] == "/privacy"
    assert api.logins == [{"email": "a@example.org", "password": PASSWORD}]  # sent once
    assert api.second_steps[-1] == {"challenge": "challenge-0", "otp": APP_CODE}
    # signed in: the waiting sign-in (and its password) is gone from the session
    assert (
        client.get("/signin/code", follow_redirects=False)
        .headers["location"]
        .startswith("/signin?done=code-timed-out")
    )


def test_a_recovery_code_signs_in_too(client: TestClient, api: TwoFactorApi) -> None:
    api.enrolled = True
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    signed = post(client, "/signin/code", {"recovery_code": RECOVERY}, "/signin/code")
    assert signed.status_code == 303 and "/me/profile" in signed.headers["location"]
    assert api.second_steps[-1] == {"challenge": "challenge-0", "recovery_code": RECOVERY}


def test_too_many_wrong_codes_send_back_to_the_password(
    client: TestClient, api: TwoFactorApi
) -> None:
    api.enrolled = True
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    for _ in range(2):
        assert post(client, "/signin/code", {"otp": "000000"}, "/signin/code").status_code == 401
    spent = post(client, "/signin/code", {"otp": "000000"}, "/signin/code")
    assert spent.status_code == 303
    assert spent.headers["location"] == "/signin?done=code-spent"
    # the spent challenge is dropped: the code page sends back to the password
    again = client.get("/signin/code", follow_redirects=False)
    assert again.headers["location"].startswith("/signin?done=code-timed-out")


def test_a_challenge_the_api_let_expire_sends_back_to_the_password(
    client: TestClient, api: TwoFactorApi
) -> None:
    api.enrolled = True
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    api.lapsed = True  # the page's own timer still runs; the API's word counts
    late = post(client, "/signin/code", {"otp": APP_CODE}, "/signin/code")
    assert late.status_code == 303, late.text
    assert late.headers["location"] == "/signin?done=code-timed-out"
    assert api.second_steps == [{"challenge": "challenge-0", "otp": APP_CODE}]


def test_the_code_page_without_a_waiting_sign_in_sends_back_to_sign_in(client: TestClient) -> None:
    response = client.get("/signin/code", follow_redirects=False)
    assert response.headers["location"] == "/signin?done=code-timed-out"
    refused = post(client, "/signin/code", {"otp": APP_CODE})
    assert refused.headers["location"] == "/signin?done=code-timed-out"


@pytest.mark.parametrize("locale", ["fr", "es", "ar"])
def test_the_code_page_speaks_the_visitors_language(
    client: TestClient, api: TwoFactorApi, locale: str
) -> None:
    api.enrolled = True
    client.cookies.set("dep_lang", locale)
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    page = client.get("/signin/code").text
    assert f'dir="{"rtl" if locale == "ar" else "ltr"}"' in page
    assert "Enter your sign-in code" not in page  # translated


def test_turning_the_app_on_shows_the_key_then_the_recovery_codes_once(
    client: TestClient, api: TwoFactorApi
) -> None:
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    overview = client.get("/me/security").text
    assert 'action="/me/security/app"' in overview
    started = post(client, "/me/security/app", {}, "/me/security")
    assert "JBSW Y3DP EHPK 3PXP" in started.text and 'href="otpauth://totp/x"' in started.text

    wrong = post(
        client,
        "/me/security/app/confirm",
        {"code": "000000", "secret": "JBSWY3DPEHPK3PXP", "otpauth_uri": "otpauth://totp/x"},
        "/me/security",
    )
    assert wrong.status_code == 422 and "This code is not right" in wrong.text
    assert "JBSW Y3DP EHPK 3PXP" in wrong.text  # the key is still there to type
    assert not api.enrolled

    confirmed = post(client, "/me/security/app/confirm", {"code": APP_CODE}, "/me/security")
    assert confirmed.status_code == 200 and RECOVERY in confirmed.text
    assert confirmed.headers["cache-control"] == "no-store"
    assert "Recovery codes left: 10" in client.get("/me/security").text


def test_new_recovery_codes_and_turning_off_need_a_code(
    client: TestClient, api: TwoFactorApi
) -> None:
    post(client, "/signin", {"email": "a@example.org", "password": PASSWORD})
    api.enrolled = True
    refused = post(client, "/me/security/recovery-codes", {"code": "000000"}, "/me/security")
    assert refused.status_code == 422 and 'id="e-code"' in refused.text
    renewed = post(client, "/me/security/recovery-codes", {"code": APP_CODE}, "/me/security")
    assert "klmno-pqrst" in renewed.text

    kept = post(client, "/me/security/app/remove", {"off_code": "nope"}, "/me/security")
    assert kept.status_code == 422 and 'id="e-off_code"' in kept.text and api.enrolled
    off = post(client, "/me/security/app/remove", {"off_code": RECOVERY}, "/me/security")
    assert off.headers["location"] == "/me/security?done=two-factor-off" and not api.enrolled
