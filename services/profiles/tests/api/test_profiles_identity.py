"""Identity flows through HTTP against the real app and Postgres (events checked in the outbox)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
import uvicorn
from profiles_testkit import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PASSWORD,
    bearer,
    login,
    outbox_events,
    register,
    unique_email,
)
from sqlalchemy import func, select, update

from devstack.testing import eventually
from devstack.waiting import free_port
from eventkit.clock import FixedClock
from eventkit.http.auth import JwtVerifier, http_jwks_source
from eventkit.http.problems import Problem
from profiles.adapters.orm import accounts, idempotency_keys, signing_keys
from profiles.bootstrap import ProfilesService
from profiles.service_layer import identity


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def verifier_for(client: httpx.AsyncClient) -> JwtVerifier:
    async def source() -> dict[str, Any]:
        r = await client.get("/.well-known/jwks.json")
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    return JwtVerifier(source, issuer="diaspora-platform", audience="diaspora-platform")


# ---- registration ---------------------------------------------------------------------
async def test_register_publishes_account_registered_with_a_verification_link(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    account_id, email = await register(client)
    [event] = await outbox_events(profiles_service, "profiles.account.registered", account_id)
    assert event["email"] == email
    base = profiles_service.settings.web_url  # the link lands on the web client's page
    assert event["verification_url"].startswith(f"{base}/verify?token=")
    assert event["verification_expires_at"]


async def test_registering_a_taken_email_answers_like_a_new_one_and_tells_the_owner(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    """No account enumeration: the same status and body shape as a fresh registration, no
    second account, and the owner hears of it through the outbox (at most
    link_emails_max_per_hour such notices an hour)."""
    account_id, email = await register(client)
    fresh = await client.post(
        "/v1/auth/register",
        json={"email": unique_email(), "password": PASSWORD, "display_name": "X"},
    )
    dup = await client.post(
        "/v1/auth/register",
        json={"email": email.upper(), "password": PASSWORD, "display_name": "X"},
    )
    assert dup.status_code == fresh.status_code == 201
    assert dup.headers["content-type"] == fresh.headers["content-type"]
    assert dup.json().keys() == fresh.json().keys()
    assert dup.json()["status"] == fresh.json()["status"] == "unverified"
    assert dup.json()["account_id"] != account_id  # an id that is never used
    async with profiles_service.chassis.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(accounts).where(accounts.c.email == email)
        )
    assert count == 1
    [notice] = await outbox_events(
        profiles_service, "profiles.account.registration_attempted", account_id
    )
    assert notice["email"] == email and notice["attempted_at"]
    # the would-be second account was never registered
    assert (
        await outbox_events(
            profiles_service, "profiles.account.registered", dup.json()["account_id"]
        )
        == []
    )

    # throttled per address: the answers stay the same, the notices stop
    limit = profiles_service.settings.link_emails_max_per_hour
    for _ in range(limit + 1):
        again = await client.post(
            "/v1/auth/register",
            json={"email": email, "password": PASSWORD, "display_name": "X"},
        )
        assert again.status_code == 201 and again.json().keys() == fresh.json().keys()
    notices = await outbox_events(
        profiles_service, "profiles.account.registration_attempted", account_id
    )
    assert len(notices) == limit


async def test_a_registration_retried_with_its_idempotency_key_registers_once_and_tells_no_one(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    """A client that lost the answer sends the same request again, with the same key: it
    gets the first answer, and the new member is not told that someone tried to register
    with their address (the cluster chaos suite's retries did that)."""
    email = unique_email()
    body = {"email": email, "password": PASSWORD, "display_name": "Ana"}
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    first = await client.post("/v1/auth/register", json=body, headers=headers)
    again = await client.post("/v1/auth/register", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    account_id = first.json()["account_id"]
    assert (
        len(await outbox_events(profiles_service, "profiles.account.registered", account_id)) == 1
    )
    assert (
        await outbox_events(profiles_service, "profiles.account.registration_attempted", account_id)
        == []
    )
    # the password is not in the stored fingerprint: the same request with another password
    # under another key (a second, refused registration of the address) is fingerprinted alike
    other = {"Idempotency-Key": str(uuid.uuid4())}
    changed = {**body, "password": PASSWORD + "-changed"}
    assert (await client.post("/v1/auth/register", json=changed, headers=other)).status_code == 201
    # (and the owner is told of that one: the check above could see such a notice)
    attempts = await outbox_events(
        profiles_service, "profiles.account.registration_attempted", account_id
    )
    assert len(attempts) == 1
    async with profiles_service.chassis.sessions() as session:
        stored = (
            await session.execute(
                select(idempotency_keys.c.key, idempotency_keys.c.fingerprint).where(
                    idempotency_keys.c.key.in_(
                        [headers["Idempotency-Key"], other["Idempotency-Key"]]
                    )
                )
            )
        ).all()
    assert len(stored) == 2
    assert stored[0].fingerprint == stored[1].fingerprint


@pytest.mark.parametrize(
    ("email", "password", "title"),
    [
        ("not-an-email", PASSWORD, "Invalid email address"),
        ("weak@example.org", "short", "Weak password"),
        ("weak@example.org", "password123", "Weak password"),
    ],
)
async def test_register_rejects_bad_input(
    client: httpx.AsyncClient, email: str, password: str, title: str
) -> None:
    r = await client.post(
        "/v1/auth/register", json={"email": email, "password": password, "display_name": "Ana"}
    )
    assert r.status_code == 422
    assert r.json()["title"] == title


# ---- login and access tokens --------------------------------------------------------------
async def test_login_issues_es256_token_verifiable_with_the_published_jwks(
    client: httpx.AsyncClient,
) -> None:
    account_id, email = await register(client)
    r = await login(client, email)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert r.headers["cache-control"] == "no-store"
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "ES256" and header["kid"]

    principal = await verifier_for(client).verify(body["access_token"])
    assert str(principal.subject) == account_id
    assert principal.roles == {"member"}
    assert principal.claims["email_verified"] is False

    jwks = (await client.get("/.well-known/jwks.json")).json()
    assert all("d" not in k for k in jwks["keys"])  # never the private part
    me = await client.get("/v1/auth/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200 and me.json()["email"] == email


async def test_wrong_password_unknown_email_and_bad_tokens_are_401(
    client: httpx.AsyncClient,
) -> None:
    _, email = await register(client)
    assert (await login(client, email, "wrong password entirely")).status_code == 401
    r = await login(client, unique_email("nobody"))
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert (await client.get("/v1/auth/me")).status_code == 401
    assert (await client.get("/v1/auth/me", headers=bearer("not.a.jwt"))).status_code == 401
    # a well-formed token signed by a key we never published
    forged = jwt.encode(
        {"sub": "x"}, "secret-secret-secret-secret-secret", algorithm="HS256", headers={"kid": "k"}
    )
    assert (await client.get("/v1/auth/me", headers=bearer(forged))).status_code == 401


@pytest.fixture
def fixed_clock(profiles_service: ProfilesService) -> Iterator[FixedClock]:
    """The service's clock stands still for the test (routes read the chassis' clock)."""
    before = profiles_service.chassis.clock
    clock = FixedClock(datetime.now(UTC))
    profiles_service.chassis.clock = clock
    yield clock
    profiles_service.chassis.clock = before


async def test_failures_slow_the_guessing_address_not_the_owner(
    client: httpx.AsyncClient, profiles_service: ProfilesService, fixed_clock: FixedClock
) -> None:
    account_id, email = await register(client)
    owner = "198.51.100.8"
    assert (await login(client, email, ip=owner)).status_code == 200  # the owner's usual client
    attacker = "198.51.100.7"
    for _ in range(5):
        failed = await login(client, email, "guess guess guess", ip=attacker)
        assert failed.status_code == 401
    held = await login(client, email, ip=attacker)  # even the right password waits
    assert held.status_code == 429 and held.headers["content-type"] == "application/problem+json"
    assert held.headers["retry-after"] == "2" and held.json()["retry_after"] == 2
    # the next allowed guess fails again and the wait doubles
    fixed_clock.advance(timedelta(seconds=2))
    assert (await login(client, email, "guess again guess", ip=attacker)).status_code == 401
    assert (await login(client, email, ip=attacker)).headers["retry-after"] == "4"
    # another address is not held back by someone else's guesses
    assert (await login(client, email, ip=owner)).status_code == 200
    assert (await login(client, email, ip="198.51.100.9")).status_code == 200

    # a distributed attack: 25 addresses guess once each
    for n in range(25):
        await login(client, email, "distributed guess", ip=f"192.0.2.{n + 10}")
    stranger = await login(client, email, ip="203.0.113.77")  # never signed in here
    assert stranger.status_code == 429, stranger.text
    assert (await login(client, email, ip=owner)).status_code == 200  # the owner's client works

    # the owner resets the password by email: the account's count starts again
    assert (await client.post("/v1/auth/password-reset", json={"email": email})).status_code == 202
    [requested] = await outbox_events(
        profiles_service, "profiles.account.password_reset_requested", account_id
    )
    new_password = "a brand new passphrase 42"
    done = await client.post(
        "/v1/auth/password-reset/confirm",
        json={"token": token_of(requested["reset_url"]), "new_password": new_password},
    )
    assert done.status_code == 204
    assert (await login(client, email, new_password, ip="203.0.113.77")).status_code == 200
    # and the counts are visible to operators
    metrics = (await client.get("/metrics")).text
    assert 'profiles_sign_in_failures_total{reason="wrong_credentials"}' in metrics
    assert 'profiles_sign_in_throttled_total{scope="account"}' in metrics


# ---- refresh tokens -----------------------------------------------------------------------
async def test_refresh_rotates_and_reuse_revokes_the_whole_family(
    client: httpx.AsyncClient,
) -> None:
    _, email = await register(client)
    first = (await login(client, email)).json()
    r = await client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]

    # the first token is presented again (stolen copy): refused, and the family is revoked
    reuse = await client.post("/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert "already used" in reuse.json()["detail"]
    after = await client.post("/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401

    # another session of the same account is untouched
    other = (await login(client, email)).json()
    ok = await client.post("/v1/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert ok.status_code == 200
    bogus = await client.post("/v1/auth/refresh", json={"refresh_token": "nope"})
    assert bogus.status_code == 401


async def test_logout_ends_the_session(client: httpx.AsyncClient) -> None:
    _, email = await register(client)
    pair = (await login(client, email)).json()
    r = await client.post("/v1/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 204
    again = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert again.status_code == 401


# ---- email verification -------------------------------------------------------------------
async def test_email_verification_link_verifies_once(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    account_id, email = await register(client)
    [registered] = await outbox_events(profiles_service, "profiles.account.registered", account_id)
    link = urlsplit(registered["verification_url"])
    assert link.path == "/verify"  # the emailed link lands on the web client's page...
    # ...and a client confirms it through the API (the web's page does so with a POST)
    r = await client.get("/v1/auth/verify-email", params={"token": token_of(link.geturl())})
    assert r.status_code == 200, r.text
    assert r.json() == {"account_id": account_id, "status": "active"}
    [verified] = await outbox_events(profiles_service, "profiles.account.verified", account_id)
    assert verified["account_id"] == account_id

    reused = await client.post(
        "/v1/auth/verify-email", json={"token": token_of(registered["verification_url"])}
    )
    assert reused.status_code == 400
    bad = await client.post("/v1/auth/verify-email", json={"token": "made-up"})
    assert bad.status_code == 400

    token = (await login(client, email)).json()["access_token"]
    assert jwt.decode(token, options={"verify_signature": False})["email_verified"] is True
    resend = await client.post("/v1/auth/verify-email/resend", headers=bearer(token))
    assert resend.status_code == 409


async def test_resent_verification_link_and_expired_link(
    client: httpx.AsyncClient, profiles_service: ProfilesService, monkeypatch: pytest.MonkeyPatch
) -> None:
    account_id, email = await register(client)
    token = (await login(client, email)).json()["access_token"]
    assert (await client.post("/v1/auth/verify-email/resend")).status_code == 401
    r = await client.post("/v1/auth/verify-email/resend", headers=bearer(token))
    assert r.status_code == 202
    [requested] = await outbox_events(
        profiles_service, "profiles.account.verification_requested", account_id
    )
    assert requested["email"] == email and requested["locale"] == "en"

    # the link ages past its expiry on the service's clock (the database is not touched)
    ttl = timedelta(seconds=profiles_service.settings.verification_link_ttl_s)
    later = FixedClock(datetime.now(UTC) + ttl + timedelta(minutes=1))
    monkeypatch.setattr(profiles_service.chassis, "clock", later)
    expired = await client.post(
        "/v1/auth/verify-email", json={"token": token_of(requested["verification_url"])}
    )
    assert expired.status_code == 410
    assert expired.headers["content-type"] == "application/problem+json"


# ---- password reset -----------------------------------------------------------------------
async def test_password_reset_by_emailed_link(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    account_id, email = await register(client)
    session = (await login(client, email)).json()

    unknown = await client.post("/v1/auth/password-reset", json={"email": unique_email()})
    assert unknown.status_code == 202  # same answer: no account enumeration
    r = await client.post("/v1/auth/password-reset", json={"email": email})
    assert r.status_code == 202
    [requested] = await outbox_events(
        profiles_service, "profiles.account.password_reset_requested", account_id
    )
    token = token_of(requested["reset_url"])

    weak = await client.post(
        "/v1/auth/password-reset/confirm", json={"token": token, "new_password": "123"}
    )
    assert weak.status_code == 422
    new_password = "a brand new passphrase 42"
    done = await client.post(
        "/v1/auth/password-reset/confirm", json={"token": token, "new_password": new_password}
    )
    assert done.status_code == 204
    [changed] = await outbox_events(
        profiles_service, "profiles.account.password_changed", account_id
    )
    assert changed["email"] == email

    assert (await login(client, email)).status_code == 401
    assert (await login(client, email, new_password)).status_code == 200
    # sessions opened before the reset are ended
    old = await client.post("/v1/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert old.status_code == 401
    reused = await client.post(
        "/v1/auth/password-reset/confirm",
        json={"token": token, "new_password": "yet another one 77"},
    )
    assert reused.status_code == 400


# ---- roles --------------------------------------------------------------------------------
async def test_platform_admin_grants_and_revokes_roles(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    admin_id = await identity.seed_admin(
        profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
    )
    assert admin_id == await identity.seed_admin(
        profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
    )
    admin = (await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    assert "platform_admin" in jwt.decode(admin, options={"verify_signature": False})["roles"]

    account_id, email = await register(client)
    pair = (await login(client, email)).json()
    path = f"/v1/auth/accounts/{account_id}/roles/moderator"
    forbidden = await client.put(path, headers=bearer(pair["access_token"]))
    assert forbidden.status_code == 403  # a member cannot promote themself

    granted = await client.put(path, headers=bearer(admin))
    assert granted.status_code == 200
    assert granted.json()["roles"] == ["member", "moderator"]
    [changed] = await outbox_events(profiles_service, "profiles.account.roles_changed", account_id)
    assert changed["roles"] == ["member", "moderator"] and changed["changed_by"] == str(admin_id)

    refreshed = await client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    claims = jwt.decode(refreshed.json()["access_token"], options={"verify_signature": False})
    assert claims["roles"] == ["member", "moderator"]

    revoked = await client.delete(path, headers=bearer(admin))
    assert revoked.json()["roles"] == ["member"]
    member_path = f"/v1/auth/accounts/{account_id}/roles/member"
    assert (await client.delete(member_path, headers=bearer(admin))).status_code == 422
    bad_role = f"/v1/auth/accounts/{account_id}/roles/emperor"
    assert (await client.put(bad_role, headers=bearer(admin))).status_code == 422
    nobody = "/v1/auth/accounts/00000000-0000-0000-0000-000000000000/roles/moderator"
    assert (await client.put(nobody, headers=bearer(admin))).status_code == 404


async def test_platform_admin_finds_an_account_by_its_exact_email_and_the_person_sees_it(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    await identity.seed_admin(
        profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
    )
    admin = (await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    account_id, email = await register(client)
    member = (await login(client, email)).json()["access_token"]

    found = await client.get(
        "/v1/auth/accounts", params={"email": email.upper()}, headers=bearer(admin)
    )
    assert found.status_code == 200
    assert [a["account_id"] for a in found.json()["items"]] == [str(account_id)]
    # exact address only: a prefix lists nobody, so the route is no directory of emails
    prefix = email.split("@")[0][:4]
    for probe in (f"{prefix}@", prefix, "*@*"):
        r = await client.get("/v1/auth/accounts", params={"email": probe}, headers=bearer(admin))
        assert r.status_code == 422 or r.json()["items"] == [], (probe, r.text)
    unknown = {"email": "nobody-here@example.org"}
    assert (
        await client.get("/v1/auth/accounts", params=unknown, headers=bearer(admin))
    ).json() == {"items": []}
    # members may not look anyone up
    refused = await client.get("/v1/auth/accounts", params={"email": email}, headers=bearer(member))
    assert refused.status_code == 403
    # the person sees that an administrator read their account
    reads = (await client.get("/v1/me/audit-log", headers=bearer(member))).json()
    assert any(e.get("record_type") == "account" for e in reads["items"]), reads


async def _started(server: uvicorn.Server) -> bool:
    return bool(server.started)


# ---- key rotation, verified by another service over real HTTP -----------------------------
async def test_key_rotation_keeps_old_tokens_valid_until_their_key_expires(
    profiles_service: ProfilesService,
) -> None:
    """The profiles API on a real port; a verifier like the other services' fetches the JWKS."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(profiles_service.create_app(), port=port, log_config=None, lifespan="on")
    )
    task = asyncio.create_task(server.serve())
    try:
        base = f"http://127.0.0.1:{port}"
        await eventually(lambda: _started(server), timeout_s=10, interval_s=0.05)
        verifier = JwtVerifier(
            http_jwks_source(f"{base}/.well-known/jwks.json"),
            issuer="diaspora-platform",
            audience="diaspora-platform",
            min_refresh_s=0.0,
        )
        async with httpx.AsyncClient(base_url=base) as http:
            _, email = await register(http)
            old_token = (await login(http, email)).json()["access_token"]
            old_kid = jwt.get_unverified_header(old_token)["kid"]
            await identity.seed_admin(
                profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
            )
            admin = (await login(http, ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]

            rotated = await http.post("/v1/auth/signing-keys/rotate", headers=bearer(admin))
            assert rotated.status_code == 201
            new_kid = rotated.json()["kid"]
            new_token = (await login(http, email)).json()["access_token"]
            assert jwt.get_unverified_header(new_token)["kid"] == new_kid != old_kid

            kids = {k["kid"] for k in (await http.get("/.well-known/jwks.json")).json()["keys"]}
            assert {old_kid, new_kid} <= kids
            await verifier.verify(old_token)  # both verify during the overlap
            await verifier.verify(new_token)
            assert (await http.get("/v1/auth/me", headers=bearer(old_token))).status_code == 200

            async with profiles_service.chassis.engine.begin() as conn:  # overlap elapses
                await conn.execute(
                    update(signing_keys)
                    .where(signing_keys.c.kid == old_kid)
                    .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
                )
            kids = {k["kid"] for k in (await http.get("/.well-known/jwks.json")).json()["keys"]}
            assert old_kid not in kids and new_kid in kids
            fresh = JwtVerifier(
                http_jwks_source(f"{base}/.well-known/jwks.json"),
                issuer="diaspora-platform",
                audience="diaspora-platform",
            )
            with pytest.raises(Problem) as refused:
                await fresh.verify(old_token)
            assert refused.value.status == 401
            await fresh.verify(new_token)
    finally:
        server.should_exit = True
        await task
