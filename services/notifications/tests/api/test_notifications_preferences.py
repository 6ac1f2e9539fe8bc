"""Preferences through the real HTTP app and Postgres; one-click unsubscribe without login."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from conftest import settings_for
from devstack.harness import SmtpSink, TestInfra
from devstack.testing import TokenIssuer, api_client
from notifications.bootstrap import NotificationsService
from notifications.domain.preferences import Category


@pytest.fixture
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(settings_for(notifications_db, infra, smtp.port))
    yield svc
    await svc.chassis.dispose()


@pytest.fixture
async def client(
    service: NotificationsService, tokens: TokenIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    app = service.create_app()
    tokens.install(app)
    async with api_client(app) as c:
        yield c


async def test_preferences_default_then_update_with_if_match(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    me = uuid.uuid4()
    auth = tokens.headers(me)
    r = await client.get("/v1/preferences", headers=auth)
    assert r.status_code == 200
    assert r.json()["channels"] == {"in_app": True, "email": True}
    assert r.headers["etag"] == 'W/"0"'

    body = {
        "channels": {"email": True, "in_app": True},
        "categories": {"opportunities": "weekly", "resources": "off"},
        "language": "ar",
        "time_zone": "Africa/Cairo",
        "quiet_hours": {"start": "22:00", "end": "07:00"},
    }
    r = await client.put("/v1/preferences", json=body, headers={**auth, "If-Match": '"0"'})
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == 'W/"1"'
    assert r.json()["categories"] == {"opportunities": "weekly", "resources": "off"}

    # a stale If-Match loses: no lost update
    stale = await client.put("/v1/preferences", json=body, headers={**auth, "If-Match": '"0"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"

    # someone else's preferences are their own
    other = await client.get("/v1/preferences", headers=tokens.headers(uuid.uuid4()))
    assert other.json()["version"] == 0


@pytest.mark.parametrize(
    "patch",
    [
        {"time_zone": "Mars/Olympus_Mons"},
        {"language": "tlh"},
        {"categories": {"resources": "hourly"}},
        {"channels": {"pigeon": True}},
        {"quiet_hours": {"start": "25:00", "end": "07:00"}},
    ],
)
async def test_bad_preferences_are_problem_documents(
    client: httpx.AsyncClient, tokens: TokenIssuer, patch: dict[str, object]
) -> None:
    r = await client.put("/v1/preferences", json=patch, headers=tokens.headers(uuid.uuid4()))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"


async def test_preferences_need_a_token(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/preferences")
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"


async def test_one_click_unsubscribe_works_without_login_and_forgeries_fail(
    client: httpx.AsyncClient, service: NotificationsService, tokens: TokenIssuer
) -> None:
    person = uuid.uuid4()
    url = service.notifier.unsubscribe_url(person, Category.RESOURCES)
    path = url.removeprefix("http://notifications.test")
    # the link in the text lands on the web client's page; the header on the API
    page_url, _ = service.notifier.unsubscribe(person, Category.RESOURCES)
    assert page_url.startswith("http://notifications.test/unsubscribe?token=")

    # GET (what a link scanner does) only shows a confirmation page
    page = await client.get(path)
    assert page.status_code == 200 and "<form method='post'" in page.text
    prefs = await client.get("/v1/preferences", headers=tokens.headers(person))
    assert prefs.json()["categories"] == {}

    # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no cookie, no token
    r = await client.post(
        path,
        content="List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 200, r.text
    prefs = await client.get("/v1/preferences", headers=tokens.headers(person))
    assert prefs.json()["categories"] == {"resources": "off"}

    # forging: someone else's id with this signature, or a tampered signature
    token = path.split("token=")[1]
    payload, mac = token.split(".")
    victim = service.unsubscribe_signer.token(uuid.uuid4(), None).split(".")[0]
    for forged in (f"{victim}.{mac}", f"{payload}.{mac[:-2]}AA"):
        bad = await client.post(f"/v1/notifications/unsubscribe?token={forged}")
        assert bad.status_code == 403, bad.text
        assert bad.headers["content-type"] == "application/problem+json"
    # a token signed with another key (another deployment, or a guess) fails too
    from notifications.adapters.signed_links import UnsubscribeSigner

    other = UnsubscribeSigner("some-other-key-0123456789").token(person, None)
    assert (await client.post(f"/v1/notifications/unsubscribe?token={other}")).status_code == 403
    # garbage is a 400 problem, never a 500
    for junk in ("not-a-token-at-all", "a.b.c.d.e.f.g.h", "%%%%%%%%%%%%"):
        bad = await client.post("/v1/notifications/unsubscribe", params={"token": junk})
        assert bad.status_code in (400, 403), (junk, bad.text)
        assert bad.headers["content-type"] == "application/problem+json"
