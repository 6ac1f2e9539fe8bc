"""The alliance secretariat's console without a platform (the browser tests drive the real
one): every page in every language, for the secretariat only, the quorum indicator alone for
htmx, and the API's refusals in the secretariat's words beside the form."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fake_api import ME, NOW, OTHER, THING, handler
from starlette.testclient import TestClient
from test_web_pages import SECRET, sign_in

from web.app import create_app
from web.settings import WebSettings

SECRETARIAT = ("member", "alliance_secretariat")
MAY = ("alliance.act_as_secretariat",)
ALLIANCE = {"id": ME, "slug": "gdpa", "name": "Policy Alliance", "declaration": "", "version": 1}
MEMBER = {
    "id": OTHER,
    "alliance_id": ME,
    "kind": "member_state",
    "name": "Fiji",
    "country": "FJ",
    "status": "applied",
    "term": None,
    "representatives": [ME],
    "motivation": "To help.",
    "history": [{"status": "applied", "by": ME, "at": NOW, "reason": None}],
}
TERM = {"starts_on": "2026-01-01", "ends_on": None}
BODY = {
    "id": THING,
    "alliance_id": ME,
    "kind": "steering_committee",
    "name": "Steering Committee",
    "theme": None,
    "mandate": "",
    "rules": {"quorum_percent": 50},
    "memberships": [{"id": ME, "member_id": OTHER, "role": "member", "term": TERM}],
}
QUORUM = {"eligible": 2, "present": 1, "required": 1, "met": True}
MEETING = {
    "id": THING,
    "alliance_id": ME,
    "body_id": THING,
    "title": "Spring session",
    "starts_at": NOW,
    "timezone": "UTC",
    "cancelled": False,
    "location": "Online",
    "agenda": [{"id": ME, "position": 1, "title": "Welcome", "kind": "information"}],
    "invitations": [OTHER],
    "registrations": [OTHER],
    "attendance": [],
    "minutes": None,
    "quorum": QUORUM,
}
MOTION = {
    "id": ME,
    "title": "Endorse",
    "text": "",
    "status": "open",
    "electorate": [OTHER],
    "ballots_cast": 0,
}
STEP = {"action": "drafted", "to_stage": "draft", "at": NOW, "body_id": THING, "note": None}
REC = {
    "id": OTHER,
    "alliance_id": ME,
    "working_group_id": THING,
    "title": "Cheaper remittances",
    "text": "Text",
    "theme": "",
    "stage": "adopted",
    "stage_since": NOW,
    "advice": [],
    "trail": [STEP],
    "awaiting": "advisory_group",
}
INDICATOR = {
    "id": ME,
    "name": "Desks",
    "unit": "desks",
    "baseline": "0",
    "target": "10",
    "due_on": "2027-12-31",
    "current": "3",
    "status": "on_track",
    "reports": [{"reported_on": "2026-05-01", "value": "3", "note": "Dublin"}],
}
COMMITMENT = {
    "id": ME,
    "alliance_id": ME,
    "member_id": OTHER,
    "title": "A desk in every consulate",
    "description": "",
    "pillar": "networks",
    "status": "on_track",
    "pledged_on": "2026-01-01",
    "indicators": [INDICATOR],
}
DASHBOARD_ROW = {"pillar": "networks", "commitments": 1, "indicators": 1, "on_track": 1}
COHORT = {
    "id": ME,
    "alliance_id": ME,
    "name": "Class of 2027",
    "year": 2027,
    "nominations": [{"id": THING, "member_id": OTHER, "status": "nominated"}],
}
ANSWERS = {
    "/v1/alliance/alliances": {"items": [ALLIANCE], "next_cursor": None},
    f"/v1/alliance/alliances/{ME}": ALLIANCE,
    "/v1/alliance/members": {"items": [MEMBER], "next_cursor": None},
    f"/v1/alliance/members/{OTHER}": MEMBER,
    "/v1/alliance/bodies": {"items": [BODY], "next_cursor": None},
    f"/v1/alliance/bodies/{THING}": BODY,
    "/v1/alliance/meetings": {"items": [MEETING], "next_cursor": None},
    f"/v1/alliance/meetings/{THING}": MEETING,
    f"/v1/alliance/meetings/{THING}/motions": {"items": [MOTION]},
    "/v1/alliance/recommendations": {"items": [REC]},
    f"/v1/alliance/recommendations/{OTHER}": REC,
    "/v1/alliance/dashboards/commitments": {
        "as_of": "2026-05-01",
        "by": "pillar",
        "rows": [{**DASHBOARD_ROW, "at_risk": 0, "late": 0, "achieved": 0}],
    },
    "/v1/alliance/commitments": {"items": [COMMITMENT]},
    f"/v1/alliance/commitments/{ME}": COMMITMENT,
    "/v1/alliance/cohorts": {"items": [COHORT], "next_cursor": None},
    f"/v1/alliance/cohorts/{ME}": COHORT,
    f"/v1/alliance/cohorts/{ME}/participation": {
        "cohort_id": ME,
        "leaders": [{"member_id": OTHER, "sessions": []}],
    },
}
PAGES = [
    "/secretariat",
    f"/secretariat/alliances/{ME}",
    f"/secretariat/members/{OTHER}",
    f"/secretariat/alliances/{ME}/bodies",
    f"/secretariat/bodies/{THING}",
    f"/secretariat/meetings/{THING}",
    f"/secretariat/alliances/{ME}/recommendations",
    f"/secretariat/recommendations/{OTHER}",
    f"/secretariat/alliances/{ME}/commitments",
    f"/secretariat/alliances/{ME}/commitments?by=member&status=late",
    f"/secretariat/commitments/{ME}",
    f"/secretariat/alliances/{ME}/cohorts",
    f"/secretariat/cohorts/{ME}",
]


def api(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if request.method == "POST" and path.endswith("/motions"):
        problem = {"type": "about:blank", "title": "No quorum", "status": 409}
        return httpx.Response(
            409, json=problem, headers={"content-type": "application/problem+json"}
        )
    if request.method == "GET" and path in ANSWERS:
        return httpx.Response(200, json=ANSWERS[path])
    return handler(request)


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = WebSettings(api_base_url="http://api", session_secret=SECRET)
    with TestClient(
        create_app(settings, httpx.MockTransport(api)), base_url="https://testserver"
    ) as test_client:
        yield test_client


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_every_secretariat_page_renders_in_every_language(client: TestClient, locale: str) -> None:
    sign_in(client, SECRETARIAT, MAY)
    client.cookies.set("dep_lang", locale)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.text[:2000]}"
    assert 'href="/secretariat"' in client.get("/").text


def test_the_console_is_for_the_secretariat_only(client: TestClient) -> None:
    sign_in(client)
    assert 'href="/secretariat"' not in client.get("/").text
    for path in PAGES:
        assert client.get(path).status_code == 403, path
    assert client.get(f"/secretariat/alliances/{ME}/commitments.csv").status_code == 403


def test_the_quorum_indicator_is_polled_alone_and_linked_without_javascript(
    client: TestClient,
) -> None:
    sign_in(client, SECRETARIAT, MAY)
    page = client.get(f"/secretariat/meetings/{THING}").text
    assert f'hx-get="/secretariat/meetings/{THING}/quorum"' in page
    assert f'href="/secretariat/meetings/{THING}#quorum-h"' in page
    fragment = client.get(f"/secretariat/meetings/{THING}/quorum").text
    assert "Quorum reached" in fragment and "<html" not in fragment


def test_no_quorum_is_said_in_words_and_the_motion_typed_is_kept(client: TestClient) -> None:
    sign_in(client, SECRETARIAT, MAY)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/secretariat").text)
    assert token
    refused = client.post(
        f"/secretariat/meetings/{THING}/motions",
        data={"csrf": token[1], "motion_title": "Endorse the charter"},
    )
    assert refused.status_code == 422
    assert "The quorum is not present: mark who is present first." in refused.text
    assert 'value="Endorse the charter"' in refused.text
