"""Social login against a REAL OpenID Provider process started here (profiles_pkce_provider.py:
authlib's authorization server, which enforces PKCE S256): authorization code flow with PKCE,
account creation, linking, and the error paths — a wrong code_verifier is refused by the
provider and our callback answers a problem document."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from profiles_testkit import bearer, login, register
from sqlalchemy import update

from devstack.testing import eventually
from devstack.waiting import free_port
from profiles.adapters.orm import oidc_logins
from profiles.bootstrap import ProfilesService
from profiles.config import OidcProviderSettings

PROVIDER = Path(__file__).resolve().parent / "profiles_pkce_provider.py"
CLIENT_ID, CLIENT_SECRET = "diaspora-web", "s3cret"


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    """The provider as its own process (authlib and flask are locked dev dependencies)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(PROVIDER),
            "--port",
            str(port),
            "--client-id",
            CLIENT_ID,
            "--client-secret",
            CLIENT_SECRET,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
async def provider_ready(
    oidc_provider: str, profiles_service: ProfilesService
) -> AsyncIterator[str]:
    async def up() -> bool:
        try:
            async with httpx.AsyncClient() as http:
                r = await http.get(f"{oidc_provider}/.well-known/openid-configuration")
                return r.status_code == 200
        except httpx.HTTPError:
            return False

    await eventually(up, timeout_s=60, interval_s=0.3)
    settings = profiles_service.settings
    settings.oidc_providers = {
        "mock": OidcProviderSettings(
            issuer=oidc_provider, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, label="Mock"
        )
    }
    yield oidc_provider
    settings.oidc_providers = {}


async def provider_user(base: str, sub: str, email: str, verified: bool = True) -> None:
    async with httpx.AsyncClient() as http:
        r = await http.put(
            f"{base}/users/{quote(sub)}",
            json={"email": email, "email_verified": verified, "name": "Nadia Haddad"},
        )
        assert r.status_code == 204


async def sign_in_at_provider(authorization_url: str, sub: str) -> str:
    """What the person does in the browser: submit the provider's form; returns our callback."""
    async with httpx.AsyncClient() as http:
        r = await http.post(authorization_url, data={"sub": sub}, follow_redirects=False)
    assert r.status_code == 302, r.text
    location = urlsplit(r.headers["location"])
    assert location.path == "/v1/auth/oidc/mock/callback"
    return f"{location.path}?{location.query}"


async def test_sign_in_with_provider_creates_then_reuses_an_account(
    client: httpx.AsyncClient, provider_ready: str
) -> None:
    sub, email = f"nadia-{uuid.uuid4().hex[:6]}", f"nadia.{uuid.uuid4().hex[:6]}@example.org"
    await provider_user(provider_ready, sub, email)
    providers = (await client.get("/v1/auth/oidc/providers")).json()
    assert providers == [{"provider": "mock", "label": "Mock"}]

    start = await client.get("/v1/auth/oidc/mock/authorize")
    assert start.status_code == 200
    url = start.json()["authorization_url"]
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"][0].endswith("/v1/auth/oidc/mock/callback")

    callback = await sign_in_at_provider(url, sub)
    r = await client.get(callback)
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["created"] is True and first["linked"] is True
    me = (await client.get("/v1/auth/me", headers=bearer(first["access_token"]))).json()
    assert me["email"] == email and me["status"] == "active"  # the provider verified it

    replay = await client.get(callback)
    assert replay.status_code == 400  # a callback (state) is good once

    again = await client.get(
        await sign_in_at_provider(
            (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"], sub
        )
    )
    assert again.json()["created"] is False
    assert again.json()["account_id"] == first["account_id"]


async def test_link_a_provider_identity_to_an_existing_account(
    client: httpx.AsyncClient, provider_ready: str
) -> None:
    account_id, email = await register(client)
    token = (await login(client, email)).json()["access_token"]
    sub = f"linked-{uuid.uuid4().hex[:6]}"
    await provider_user(provider_ready, sub, f"other.{uuid.uuid4().hex[:6]}@example.org")

    assert (await client.post("/v1/auth/oidc/mock/link")).status_code == 401
    url = (await client.post("/v1/auth/oidc/mock/link", headers=bearer(token))).json()[
        "authorization_url"
    ]
    linked = (await client.get(await sign_in_at_provider(url, sub))).json()
    assert linked["account_id"] == account_id and linked["linked"] is True
    identities = (await client.get("/v1/auth/oidc/identities", headers=bearer(token))).json()
    assert [i["provider"] for i in identities] == ["mock"]

    # from now on the provider signs in to that account
    url = (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"]
    signed_in = (await client.get(await sign_in_at_provider(url, sub))).json()
    assert signed_in["account_id"] == account_id and signed_in["created"] is False

    # the same identity cannot be linked to a second account
    _, other_email = await register(client)
    other = (await login(client, other_email)).json()["access_token"]
    url = (await client.post("/v1/auth/oidc/mock/link", headers=bearer(other))).json()[
        "authorization_url"
    ]
    clash = await client.get(await sign_in_at_provider(url, sub))
    assert clash.status_code == 409


async def test_provider_sign_in_error_paths(client: httpx.AsyncClient, provider_ready: str) -> None:
    # an email that belongs to a password account is not taken over by a provider identity
    _, email = await register(client)
    sub = f"squatter-{uuid.uuid4().hex[:6]}"
    await provider_user(provider_ready, sub, email)
    url = (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"]
    taken = await client.get(await sign_in_at_provider(url, sub))
    assert taken.status_code == 409
    assert taken.headers["content-type"] == "application/problem+json"

    assert (await client.get("/v1/auth/oidc/nope/authorize")).status_code == 404
    cancelled = await client.get(
        "/v1/auth/oidc/mock/callback", params={"error": "access_denied", "state": "x"}
    )
    assert cancelled.status_code == 400
    forged = await client.get(
        "/v1/auth/oidc/mock/callback", params={"code": "abc", "state": "forged"}
    )
    assert forged.status_code == 400
    # a genuine state with a code the provider never issued
    url = (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"]
    state = parse_qs(urlsplit(url).query)["state"][0]
    bad_code = await client.get(
        "/v1/auth/oidc/mock/callback", params={"code": "not-a-code", "state": state}
    )
    assert bad_code.status_code == 400


async def test_the_provider_refuses_a_wrong_code_verifier_and_we_say_so(
    client: httpx.AsyncClient, provider_ready: str, profiles_service: ProfilesService
) -> None:
    """A stolen code without its verifier is worthless: the PROVIDER checks PKCE."""
    sub, email = f"pkce-{uuid.uuid4().hex[:6]}", f"pkce.{uuid.uuid4().hex[:6]}@example.org"
    await provider_user(provider_ready, sub, email)
    url = (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"]
    state = parse_qs(urlsplit(url).query)["state"][0]
    callback = await sign_in_at_provider(url, sub)
    code = parse_qs(urlsplit(callback).query)["code"][0]

    # the provider itself: no verifier, or one that does not hash to the challenge -> refused
    async with httpx.AsyncClient() as http:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": parse_qs(urlsplit(url).query)["redirect_uri"][0],
        }
        auth = (CLIENT_ID, CLIENT_SECRET)
        missing = await http.post(f"{provider_ready}/token", data=form, auth=auth)
        assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
        wrong = await http.post(
            f"{provider_ready}/token", data=form | {"code_verifier": "w" * 64}, auth=auth
        )
        assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"

    # our login, holding a verifier that is not the one of this sign-in's challenge
    async with profiles_service.chassis.sessions() as session:
        changed = await session.execute(
            update(oidc_logins)
            .where(oidc_logins.c.state_hash == hashlib.sha256(state.encode()).hexdigest())
            .values(code_verifier="v" * 64)
        )
        assert changed.rowcount == 1  # type: ignore[attr-defined]
        await session.commit()
    r = await client.get(callback)
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["title"] == "Sign-in failed"
    assert "refused the code" in problem["detail"]
    # nobody was signed in or created
    assert "access_token" not in problem
    assert (await login(client, email)).status_code == 401


async def test_the_web_client_receives_the_callback_and_hands_the_code_to_the_api(
    client: httpx.AsyncClient, provider_ready: str, profiles_service: ProfilesService
) -> None:
    """With OIDC_CALLBACK_URL, providers send the person back to the web client's page; that
    page (its server, the backend-for-frontend) hands ``code`` and ``state`` to the API's
    callback and gets the tokens, which stay on its side."""
    settings = profiles_service.settings
    settings.oidc_callback_url = "https://web.example.org/auth/oidc/{provider}/callback"
    try:
        sub, email = f"web-{uuid.uuid4().hex[:6]}", f"web.{uuid.uuid4().hex[:6]}@example.org"
        await provider_user(provider_ready, sub, email)
        url = (await client.get("/v1/auth/oidc/mock/authorize")).json()["authorization_url"]
        redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
        assert redirect == "https://web.example.org/auth/oidc/mock/callback"

        async with httpx.AsyncClient() as browser:  # the person signs in at the provider
            answer = await browser.post(url, data={"sub": sub}, follow_redirects=False)
        landing = urlsplit(answer.headers["location"])
        assert (landing.scheme, landing.netloc, landing.path) == (
            "https",
            "web.example.org",
            "/auth/oidc/mock/callback",
        )
        handed = parse_qs(landing.query)

        # the web client's server calls the API with what its page received
        tokens = await client.get(
            "/v1/auth/oidc/mock/callback",
            params={"code": handed["code"][0], "state": handed["state"][0]},
        )
        assert tokens.status_code == 200, tokens.text
        assert tokens.headers["cache-control"] == "no-store"
        body = tokens.json()
        assert body["created"] is True
        me = (await client.get("/v1/auth/me", headers=bearer(body["access_token"]))).json()
        assert me["email"] == email
    finally:
        settings.oidc_callback_url = ""
