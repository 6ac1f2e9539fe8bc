"""The administrator's console without a platform (the browser test drives the real one):
every page in every language, for administrators only, the email searched for never in a
link, and the API's refusal of a role shown beside the field."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fake_api import ME, OTHER, handler
from starlette.testclient import TestClient
from test_web_pages import SECRET, sign_in

from web.app import create_app
from web.settings import WebSettings

ADMIN = ("member", "platform_admin")
MAY = ("profiles.administer_accounts", "profiles.verify_organisations")
ACCOUNT = {
    "account_id": OTHER,
    "email": "helper@example.org",
    "display_name": "Helper",
    "locale": "fr",
    "status": "active",
    "roles": ["member"],
}
PAGES = [
    "/admin",
    f"/admin/accounts/{OTHER}",
    "/admin/organisations",
    f"/admin/organisations/{ME}/refuse",
    "/admin/dead-letters",
    "/admin/signing-keys",
]
DLQ = "resources.resource.v1.dlq"


def api(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/v1/auth/accounts":
        found = request.url.params["email"] == ACCOUNT["email"]
        return httpx.Response(200, json={"items": [ACCOUNT] if found else []})
    if path == f"/v1/auth/accounts/{OTHER}":
        return httpx.Response(200, json=ACCOUNT)
    if path.startswith(f"/v1/auth/accounts/{OTHER}/roles/"):
        problem = {"type": "about:blank", "title": "Forbidden", "status": 403}
        return httpx.Response(
            403, json=problem, headers={"content-type": "application/problem+json"}
        )
    if path == "/v1/directory/organisations":
        assert request.url.params["verified"] == "false"
        org = {"organisation_id": ME, "name": "Asso", "kind": "ngo", "country": "SN"}
        return httpx.Response(
            200, json={"items": [{**org, "verified": False}], "next_cursor": None}
        )
    if path == f"/v1/organisations/{ME}":
        org = {"organisation_id": ME, "name": "Asso", "kind": "ngo", "country": "SN"}
        return httpx.Response(200, json={**org, "verified": False, "member_count": 1})
    if path == f"/v1/organisations/{ME}/verification/refusal":
        assert request.method == "POST"
        return httpx.Response(200, json={"organisation_id": ME})
    if path == "/v1/admin/dead-letters":
        item = {"topic": DLQ, "original_topic": DLQ[:-4], "held": 3, "waiting": 2}
        return httpx.Response(200, json={"items": [item]})
    if path == f"/v1/admin/dead-letters/{DLQ}/replay":
        return httpx.Response(200, json={"topic": DLQ, "replayed": 100, "remaining": 150})
    if path.startswith("/v1/admin/dead-letters/"):
        problem = {"type": "about:blank", "title": "Not Found", "status": 404}
        return httpx.Response(
            404, json=problem, headers={"content-type": "application/problem+json"}
        )
    return handler(request)


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = WebSettings(api_base_url="http://api", session_secret=SECRET)
    with TestClient(
        create_app(settings, httpx.MockTransport(api)), base_url="https://testserver"
    ) as test_client:
        yield test_client


def csrf(client: TestClient) -> str:
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/admin").text)
    assert token
    return token[1]


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_every_admin_page_renders_in_every_language(client: TestClient, locale: str) -> None:
    sign_in(client, ADMIN, MAY)
    client.cookies.set("dep_lang", locale)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.text[:2000]}"
        assert 'id="audit-note"' in response.text


def test_the_console_is_for_administrators_only(client: TestClient) -> None:
    sign_in(client)
    assert 'href="/admin"' not in client.get("/").text
    for path in PAGES:
        assert client.get(path).status_code == 403, path


def test_an_account_is_found_by_a_posted_email_and_an_unknown_one_is_refused_beside_the_field(
    client: TestClient,
) -> None:
    sign_in(client, ADMIN, MAY)
    token = csrf(client)
    found = client.post(
        "/admin/find",
        data={"csrf": token, "email": ACCOUNT["email"]},
        follow_redirects=False,
    )
    assert found.headers["location"] == f"/admin/accounts/{OTHER}?done=admin-account-found"
    unknown = client.post("/admin/find", data={"csrf": token, "email": "nobody@example.org"})
    assert unknown.status_code == 422
    assert 'aria-invalid="true"' in unknown.text and 'id="e-email"' in unknown.text
    assert 'value="nobody@example.org"' in unknown.text


def test_the_apis_refusal_of_a_role_is_shown_beside_the_field(client: TestClient) -> None:
    sign_in(client, ADMIN, MAY)
    refused = client.post(
        f"/admin/accounts/{OTHER}/roles/grant", data={"csrf": csrf(client), "role": "moderator"}
    )
    assert refused.status_code == 422
    assert 'id="e-role"' in refused.text
    assert "Your roles may not grant or take away this role." in refused.text
    assert (
        client.post(f"/admin/accounts/{OTHER}/roles/steal", data={"csrf": csrf(client)}).status_code
        == 404
    )


def test_a_replay_shows_its_progress_and_offers_the_rest(client: TestClient) -> None:
    sign_in(client, ADMIN, MAY)
    page = client.get("/admin/dead-letters")
    assert f'aria-label="Replay {DLQ}"' in page.text
    replayed = client.post("/admin/dead-letters/replay", data={"csrf": csrf(client), "topic": DLQ})
    assert replayed.status_code == 200
    assert f"100 of 250 messages of {DLQ} replayed." in replayed.text
    assert 'max="250" value="100"' in replayed.text
    assert "150 messages still wait." in replayed.text and "Replay the next ones" in replayed.text
    unknown = client.post(
        "/admin/dead-letters/replay", data={"csrf": csrf(client), "topic": "no.such.dlq"}
    )
    assert unknown.status_code == 422
    assert "There is no such dead-letter topic." in unknown.text


def test_refusing_verification_needs_a_reason_kept_beside_the_field(client: TestClient) -> None:
    sign_in(client, ADMIN, MAY)
    assert f'href="/admin/organisations/{ME}/refuse"' in client.get("/admin/organisations").text
    empty = client.post(f"/admin/organisations/{ME}/refuse", data={"csrf": csrf(client)})
    assert empty.status_code == 422
    assert 'id="e-reason"' in empty.text and 'aria-invalid="true"' in empty.text
    refused = client.post(
        f"/admin/organisations/{ME}/refuse",
        data={"csrf": csrf(client), "reason": "No proof it exists."},
        follow_redirects=False,
    )
    assert refused.headers["location"] == "/admin/organisations?done=admin-organisation-refused"
