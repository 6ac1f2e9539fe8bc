"""Two-factor sign-in through HTTP against the real app and Postgres: enrolment, sign-in with
an authenticator app's code or a recovery code, the access token's ``amr``, and privileged
routes demanding a second factor (``SECOND_FACTOR_ROLES``)."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from cryptography.exceptions import InvalidTag
from profiles_testkit import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PASSWORD,
    bearer,
    login,
    member,
    outbox_events,
)
from sqlalchemy import select

from eventkit.clock import FixedClock
from eventkit.crypto import decrypt_value
from profiles.adapters.identity_store import SecondFactorRepository
from profiles.adapters.orm import second_factors, sign_in_challenges
from profiles.bootstrap import ProfilesService
from profiles.domain.second_factor import TotpFactor, step_at, totp_code
from profiles.service_layer import identity

OWNER_IP = "198.51.100.40"


@pytest.fixture
def clock(profiles_service: ProfilesService) -> Iterator[FixedClock]:
    before = profiles_service.chassis.clock
    # a few minutes back: each code moves it on 30 s, and tokens issued "in the future"
    # would be refused (iat)
    fixed = FixedClock(datetime.now(UTC) - timedelta(minutes=5))
    profiles_service.chassis.clock = fixed
    yield fixed
    profiles_service.chassis.clock = before


class App:
    """The person's authenticator app: the codes of the secret the API gave at enrolment."""

    def __init__(self, secret_b32: str, clock: FixedClock) -> None:
        self.secret = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
        self.clock = clock

    def code(self) -> str:
        """The current code; the clock moves on a step so the next call gives a fresh one."""
        code = totp_code(self.secret, step_at(self.clock.now()))
        self.clock.advance(timedelta(seconds=30))
        return code


async def sign_in(client: httpx.AsyncClient, email: str, **proof: str) -> httpx.Response:
    return await client.post(
        "/v1/auth/login",
        json={"email": email, "password": PASSWORD, **proof},
        headers={"X-Forwarded-For": OWNER_IP},
    )


def amr(response: httpx.Response) -> list[str]:
    claims = jwt.decode(response.json()["access_token"], options={"verify_signature": False})
    return list(claims["amr"])


async def enrol(client: httpx.AsyncClient, token: str, clock: FixedClock) -> tuple[App, list[str]]:
    started = await client.post("/v1/auth/2fa/totp", headers=bearer(token))
    assert started.status_code == 201, started.text
    assert started.headers["cache-control"] == "no-store"
    uri = urlsplit(started.json()["otpauth_uri"])
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert parse_qs(uri.query)["secret"] == [started.json()["secret"]]
    app = App(started.json()["secret"], clock)
    confirmed = await client.post(
        "/v1/auth/2fa/totp/confirm", json={"code": app.code()}, headers=bearer(token)
    )
    assert confirmed.status_code == 200, confirmed.text
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    return app, codes


async def email_of(client: httpx.AsyncClient, token: str) -> str:
    return str((await client.get("/v1/auth/me", headers=bearer(token))).json()["email"])


async def test_an_enrolled_account_signs_in_with_its_code_and_the_token_says_so(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    _, token = await member(client)
    email = await email_of(client, token)
    assert amr(await sign_in(client, email)) == ["pwd"]
    status = (await client.get("/v1/auth/2fa", headers=bearer(token))).json()
    assert status["enrolled"] is False and status["required"] is False

    # a wrong first code does not turn the app on
    started = await client.post("/v1/auth/2fa/totp", headers=bearer(token))
    wrong = await client.post(
        "/v1/auth/2fa/totp/confirm", json={"code": "000000"}, headers=bearer(token)
    )
    # 422 beside the field, not 401: the token is good (a 401 makes clients sign in again)
    assert wrong.status_code == 422 and wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["errors"][0]["loc"] == ["body", "code"]
    assert started.status_code == 201
    app, _ = await enrol(client, token, clock)  # a new enrolment replaces the pending one
    assert (await client.post("/v1/auth/2fa/totp", headers=bearer(token))).status_code == 409

    # the password alone is no longer enough: the client is told to ask for the code
    needs = await sign_in(client, email)
    assert needs.status_code == 401
    assert needs.json()["type"].endswith("/second-factor-required")
    assert (await sign_in(client, email, otp="123456")).status_code == 401

    code = app.code()
    signed_in = await sign_in(client, email, otp=code)
    assert signed_in.status_code == 200, signed_in.text
    assert amr(signed_in) == ["pwd", "otp", "mfa"]
    # the same code is spent: an overheard one cannot be replayed
    clock.advance(timedelta(seconds=-30))
    assert (await sign_in(client, email, otp=code)).status_code == 401
    clock.advance(timedelta(seconds=30))
    # a refreshed session keeps how it was authenticated
    refreshed = await client.post(
        "/v1/auth/refresh", json={"refresh_token": signed_in.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200 and amr(refreshed) == ["pwd", "otp", "mfa"]


async def test_a_recovery_code_works_once_and_removes_a_lost_app(
    client: httpx.AsyncClient, clock: FixedClock, profiles_service: ProfilesService
) -> None:
    account_id, token = await member(client)
    email = await email_of(client, token)
    app, codes = await enrol(client, token, clock)

    first = await sign_in(client, email, recovery_code=codes[0].upper())  # as typed
    assert first.status_code == 200 and amr(first) == ["pwd", "mfa"]
    assert (await sign_in(client, email, recovery_code=codes[0])).status_code == 401
    # the owner is emailed (notifications' "recovery_code_used"): a used code may be a thief
    [used] = await outbox_events(
        profiles_service, "profiles.account.recovery_code_used", account_id
    )
    assert used["email"] == email and used["codes_left"] == 9
    assert datetime.fromisoformat(used["used_at"]) == clock.now()  # the service's clock
    status = (await client.get("/v1/auth/2fa", headers=bearer(token))).json()
    assert status["enrolled"] is True and status["recovery_codes_left"] == 9

    # new codes need a current code of the app; the old ones stop working
    renewed = await client.post(
        "/v1/auth/2fa/recovery-codes", json={"code": app.code()}, headers=bearer(token)
    )
    assert renewed.status_code == 200
    assert (await sign_in(client, email, recovery_code=codes[1])).status_code == 401
    new_codes = renewed.json()["recovery_codes"]

    # the phone is lost: a recovery code removes the app, the password alone works again
    removed = await client.post(
        "/v1/auth/2fa/totp/remove", json={"code": new_codes[0]}, headers=bearer(token)
    )
    assert removed.status_code == 204
    [gone] = await outbox_events(
        profiles_service, "profiles.account.second_factor_removed", account_id
    )
    assert gone["email"] == email
    assert amr(await sign_in(client, email)) == ["pwd"]
    again = await client.post(
        "/v1/auth/2fa/totp/remove", json={"code": "123456"}, headers=bearer(token)
    )
    assert again.status_code == 409


async def test_guessing_codes_is_throttled_like_guessing_passwords(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    _, token = await member(client)
    email = await email_of(client, token)
    await enrol(client, token, clock)
    thief = "198.51.100.41"  # has the password, not the phone
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        r = await client.post(
            "/v1/auth/login",
            json={"email": email, "password": PASSWORD, "otp": guess},
            headers={"X-Forwarded-For": thief},
        )
        assert r.status_code == 401
    held = await client.post(
        "/v1/auth/login",
        json={"email": email, "password": PASSWORD, "otp": "666666"},
        headers={"X-Forwarded-For": thief},
    )
    assert held.status_code == 429 and "retry-after" in held.headers


async def test_privileged_routes_demand_a_second_factor_when_configured(
    client: httpx.AsyncClient, clock: FixedClock, profiles_service: ProfilesService
) -> None:
    account_id, token = await member(client)
    email = await email_of(client, token)
    await identity.seed_admin(
        profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
    )
    admin = (await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    granted = await client.put(
        f"/v1/auth/accounts/{account_id}/roles/platform_admin", headers=bearer(admin)
    )
    assert granted.status_code == 200
    # roles take effect with a new token
    password_only = (await sign_in(client, email)).json()["access_token"]
    read = f"/v1/auth/accounts/{account_id}"
    assert (await client.get(read, headers=bearer(password_only))).status_code == 200

    settings = profiles_service.chassis.settings
    before = settings.second_factor_roles
    settings.second_factor_roles = ["platform_admin", "moderator"]
    try:
        refused = await client.get(read, headers=bearer(password_only))
        assert refused.status_code == 403
        assert refused.json()["type"].endswith("/second-factor-needed")
        status = (await client.get("/v1/auth/2fa", headers=bearer(password_only))).json()
        assert status["required"] is True  # enrolment stays open to the password-only token
        app, _ = await enrol(client, password_only, clock)
        with_code = (await sign_in(client, email, otp=app.code())).json()["access_token"]
        assert (await client.get(read, headers=bearer(with_code))).status_code == 200
        # a member route does not ask for it
        assert (await client.get("/v1/auth/me", headers=bearer(password_only))).status_code == 200
    finally:
        settings.second_factor_roles = before


async def test_the_app_secret_is_sealed_under_the_person_key_and_erasure_shreds_it(
    client: httpx.AsyncClient, clock: FixedClock, profiles_service: ProfilesService
) -> None:
    """The stored secret is an envelope under the person's subject key, not the secret: a
    copy taken before erasure (a backup) no longer opens once the person is erased."""
    account_id, token = await member(client)
    email = await email_of(client, token)
    app, _ = await enrol(client, token, clock)
    async with profiles_service.chassis.sessions() as session:
        row = (
            (
                await session.execute(
                    select(second_factors).where(second_factors.c.account_id == account_id)
                )
            )
            .mappings()
            .one()
        )
    backup = dict(row["sealed_secret"])
    assert row["secret"] is None and backup["key"]
    stored = json.dumps(backup)
    b32 = base64.b32encode(app.secret).decode().rstrip("=")
    assert b32 not in stored and app.secret.hex() not in stored
    # the sealed secret still signs in (and the code is spent as before)
    assert amr(await sign_in(client, email, otp=app.code())) == ["pwd", "otp", "mfa"]
    keys = profiles_service.subject_keys
    assert keys is not None
    async with profiles_service.chassis.sessions() as session:
        key = await keys.key(session, backup["key"])
    assert key is not None
    assert decrypt_value(backup, key=key, subject=account_id, field="totp_secret") == b32
    with pytest.raises(InvalidTag):  # bound to its person: it opens for no one else
        decrypt_value(backup, key=key, subject=str(uuid.uuid4()), field="totp_secret")

    erased = await client.post("/v1/me/erasure", json={"password": PASSWORD}, headers=bearer(token))
    assert erased.status_code == 202, erased.text
    async with profiles_service.chassis.sessions() as session:
        assert await keys.key(session, backup["key"]) is None  # the backup opens no more
        gone = await session.execute(
            select(second_factors).where(second_factors.c.account_id == account_id)
        )
        assert gone.first() is None
    # a token still held after the erasure enrols nothing: a problem, never a 500
    again = await client.post("/v1/auth/2fa/totp", headers=bearer(token))
    assert again.headers["content-type"] == "application/problem+json", again.text
    assert again.status_code == 409, again.text


async def test_without_a_key_encryption_key_the_secret_is_stored_plain(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    """Development runs without SUBJECT_KEY_KEK: the secret is kept plain and the row holds
    no envelope (SQL NULL, not a JSON null, which the one-secret check refuses: the
    hostile suite's enrolment was a 500 that way)."""
    account_id, _ = await member(client)
    factor = TotpFactor(
        account_id=uuid.UUID(account_id), secret=b"s" * 20, created_at=datetime.now(UTC)
    )
    async with profiles_service.chassis.sessions() as session:
        await SecondFactorRepository(session, keys=None).save(factor)
        await session.commit()
    async with profiles_service.chassis.sessions() as session:
        row = (
            (
                await session.execute(
                    select(second_factors).where(second_factors.c.account_id == account_id)
                )
            )
            .mappings()
            .one()
        )
        found = await SecondFactorRepository(session, keys=None).get(uuid.UUID(account_id))
    assert row["sealed_secret"] is None and bytes(row["secret"]) == b"s" * 20
    assert found is not None and found.secret == b"s" * 20


async def test_the_personal_data_export_says_whether_two_factor_is_on_never_its_secret(
    client: httpx.AsyncClient, clock: FixedClock, profiles_service: ProfilesService
) -> None:
    account_id, token = await member(client)

    async def exported() -> dict[str, Any]:
        async with profiles_service.uow() as uow:
            data = await uow.personal_data.export_person(uuid.UUID(account_id))
        return dict(data["two_factor"])

    assert await exported() == {"authenticator_app": None, "enabled": False}
    app, codes = await enrol(client, token, clock)
    assert amr(await sign_in(client, await email_of(client, token), recovery_code=codes[0]))
    state = await exported()
    assert state["enabled"] is True
    assert state["authenticator_app"]["recovery_codes_left"] == 9
    assert state["authenticator_app"]["confirmed_at"] is not None
    flat = json.dumps(state, default=str)
    assert base64.b32encode(app.secret).decode().rstrip("=") not in flat
    assert "secret" not in flat and "digest" not in flat


# ---- the second step: a challenge instead of the password sent again -----------------------
async def challenge_of(client: httpx.AsyncClient, email: str, ip: str = OWNER_IP) -> str:
    needs = await client.post(
        "/v1/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"X-Forwarded-For": ip},
    )
    assert needs.status_code == 401, needs.text
    problem = needs.json()
    assert problem["type"].endswith("/second-factor-required")
    assert problem["challenge_expires_in"] == 300
    return str(problem["challenge"])


async def second_step(
    client: httpx.AsyncClient, challenge: str, ip: str = OWNER_IP, **proof: str
) -> httpx.Response:
    return await client.post(
        "/v1/auth/login/second-factor",
        json={"challenge": challenge, **proof},
        headers={"X-Forwarded-For": ip},
    )


def refused_challenge(response: httpx.Response) -> bool:
    return response.status_code == 401 and response.json()["type"].endswith(
        "/sign-in-challenge-invalid"
    )


async def test_the_password_earns_a_challenge_the_code_completes_once(
    client: httpx.AsyncClient, clock: FixedClock, profiles_service: ProfilesService
) -> None:
    _, token = await member(client)
    email = await email_of(client, token)
    app, codes = await enrol(client, token, clock)
    challenge = await challenge_of(client, email)
    async with profiles_service.chassis.sessions() as session:  # only its digest is kept
        stored = (await session.execute(select(sign_in_challenges.c.token_hash))).scalars()
        assert challenge not in list(stored)

    wrong = await second_step(client, challenge, otp="000000")
    assert wrong.status_code == 401 and wrong.json()["attempts_left"] == 2
    done = await second_step(client, challenge, otp=app.code())
    assert done.status_code == 200, done.text
    assert done.headers["cache-control"] == "no-store"
    assert amr(done) == ["pwd", "otp", "mfa"]
    # single use: the same challenge with another good code is refused
    again = await second_step(client, challenge, otp=app.code())
    assert refused_challenge(again) and again.json()["reason"] == "used"
    # a recovery code completes a new one; exactly one proof per request
    other = await challenge_of(client, email)
    both = await second_step(client, other, otp="123456", recovery_code=codes[0])
    assert both.status_code == 422
    assert amr(await second_step(client, other, recovery_code=codes[0])) == ["pwd", "mfa"]
    unknown = await second_step(client, "not-a-challenge", otp="123456")
    assert refused_challenge(unknown) and unknown.json()["reason"] == "unknown"


async def test_a_challenge_expires_on_the_service_clock(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    _, token = await member(client)
    email = await email_of(client, token)
    app, _ = await enrol(client, token, clock)
    challenge = await challenge_of(client, email)
    clock.advance(timedelta(seconds=301))  # the app's next code is fresh and still refused
    late = await second_step(client, challenge, otp=app.code())
    assert refused_challenge(late) and late.json()["reason"] == "expired"
    fresh = await challenge_of(client, email)
    assert (await second_step(client, fresh, otp=app.code())).status_code == 200


async def test_wrong_codes_spend_the_challenge_and_count_toward_the_throttle(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    _, token = await member(client)
    email = await email_of(client, token)
    app, _ = await enrol(client, token, clock)
    thief = "198.51.100.42"  # has the password, not the phone
    challenge = await challenge_of(client, email, thief)
    lefts = []
    for guess in ("111111", "222222"):
        r = await second_step(client, challenge, thief, otp=guess)
        assert r.status_code == 401
        lefts.append(r.json()["attempts_left"])
    assert lefts == [2, 1]
    spent = await second_step(client, challenge, thief, otp="333333")
    assert refused_challenge(spent) and spent.json()["reason"] == "too_many_wrong_codes"
    # even the right code no longer completes it: the password is needed again
    assert refused_challenge(await second_step(client, challenge, thief, otp=app.code()))
    # three failures so far from this address; two more, then it is held (like passwords)
    second = await challenge_of(client, email, thief)
    for guess in ("444444", "555555"):
        assert (await second_step(client, second, thief, otp=guess)).status_code == 401
    # even with the right code (the clock not moved on: the throttle's delay runs)
    right = totp_code(app.secret, step_at(clock.now()))
    held = await second_step(client, second, thief, otp=right)
    assert held.status_code == 429 and "retry-after" in held.headers
