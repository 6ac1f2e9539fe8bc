"""The focal point's console against a stand-in mapping API (no infrastructure): every page
in every language, the table builder showing exactly the API's cells (withheld and merged
cells marked, no number the API did not give), and refused to those without the role."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fake_api import THING, handler
from starlette.testclient import TestClient
from test_web_pages import SECRET, sign_in

from web.app import create_app
from web.settings import WebSettings

FOCAL = ("member", "government_focal_point")
PERMITS = ("profiles.run_campaigns", "profiles.run_government_campaigns")
CAMPAIGN = {
    "id": THING,
    "survey_id": THING,
    "name": "Haiti skills 2026",
    "owner_kind": "government",
    "owner_organisation_id": None,
    "origin_country": "HT",
    "opens_on": "2026-01-01",
    "closes_on": "2026-12-31",
    "channels": ["web", "kobo"],
    "coordinating_organisations": [],
    "k": 10,
    "status": "open",
}
SURVEY = {
    "id": THING,
    "key": "standard",
    "version": 2,
    "default_language": "en",
    "questions": [
        {
            "name": "sectors",
            "type": "sector",
            "labels": {"en": "Sectors"},
            "dimension": "sector",
            "choices": [
                {"name": "Q", "labels": {"en": "Health", "fr": "Santé"}},
                {"name": "A", "labels": {"en": "Agriculture"}},
            ],
        },
        {"name": "hobby", "type": "text", "labels": {"en": "Hobby"}, "dimension": None},
    ],
    "statistics": {
        "feeds": {"sectors": "sector"},
        "feeds_no_statistic": ["hobby"],
        "dimensions_not_fed": ["gender"],
        "suggestions": {},
    },
}
DISCLOSURE = {"method": "cell_key", "k": 10, "max_noise": 3, "step": 3, "note": ""}


def cell(gender: str, sector: str, count: int | None, **more: Any) -> dict[str, Any]:
    return {
        "gender": gender,
        "sector": sector,
        "count": count,
        "below_k": count is None and not more.get("same_as"),
        "basis": "perturbed",
        "same_as": None,
        "approximately": None,
        "share": None,
        "share_within": None,
        **more,
    }


TABLE = {
    "dimensions": ["gender", "sector"],
    "categories": {"gender": ["female", "male"], "sector": ["Q", "A"]},
    "disclosure": DISCLOSURE,
    "cells": [
        cell("female", "Q", 23),
        cell("female", "A", None),
        cell("male", "Q", None, same_as="gender", approximately=41, basis="same_as_coarser"),
        cell("male", "A", None),
        cell("female", "total", 31),
        cell("male", "total", 37),
        cell("total", "Q", 41),
        cell("total", "A", None),
        cell("total", "total", 68),
    ],
}
NEED = {
    "id": THING,
    "origin_country": "HT",
    "sector": "Q",
    "skill": None,
    "region": None,
    "positions": 12,
    "priority": 5,
    "campaign_id": THING,
    "declared_at": "2026-05-01T10:00:00+00:00",
    "version": 1,
}
GAPS = {
    "disclosure": DISCLOSURE,
    "rows": [
        {"sector": "Q", "skill": "", "needed": 12, "supply": 41, "gap": 29, "priority": 5},
        {"sector": "A", "skill": "", "needed": 4, "supply": None, "gap": None, "priority": 2},
    ],
}
ANSWERS: list[tuple[str, str, Any]] = [
    ("GET", r"/v1/mapping/campaigns/mine", {"items": [CAMPAIGN]}),
    (
        "GET",
        r"/v1/mapping/campaigns/[0-9a-f-]+/questionnaire",
        {"protection": {"k": 10, "max_noise": 3, "promise": {"en": "Only statistics."}}},
    ),
    ("GET", r"/v1/mapping/campaigns/[0-9a-f-]+/tables", TABLE),
    ("GET", r"/v1/mapping/campaigns/[0-9a-f-]+/gaps", GAPS),
    ("GET", r"/v1/mapping/campaigns/[0-9a-f-]+", {**CAMPAIGN, "responses": 68}),
    ("GET", r"/v1/mapping/surveys/[0-9a-f-]+", SURVEY),
    ("GET", r"/v1/mapping/needs", {"items": [NEED], "next_cursor": None}),
]


def mapping_api(request: httpx.Request) -> httpx.Response:
    for method, pattern, body in ANSWERS:
        if request.method == method and re.fullmatch(pattern, request.url.path):
            return httpx.Response(
                200, content=json.dumps(body), headers={"content-type": "application/json"}
            )
    return handler(request)


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = WebSettings(api_base_url="http://api", session_secret=SECRET)
    app = create_app(settings, httpx.MockTransport(mapping_api))
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


PAGES = [
    "/mapping",
    "/mapping/new",
    f"/mapping/new?survey={THING}",
    f"/mapping/{THING}",
    f"/mapping/{THING}/tables",
    f"/mapping/{THING}/tables?rows=gender&columns=sector&f1=residence&v1=US&from=2026-01",
    f"/mapping/{THING}/needs",
    f"/mapping/{THING}/needs/{THING}",
    "/mapping/questionnaires/new",
    f"/mapping/questionnaires/{THING}",
]


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_the_focal_point_console_renders_in_every_language(client: TestClient, locale: str) -> None:
    sign_in(client, FOCAL, PERMITS)
    client.cookies.set("dep_lang", locale)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.text[:2000]}"
        assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in response.text
    assert 'href="/mapping"' in client.get("/").text  # the console is in the menu


def test_the_table_shows_only_the_apis_cells_with_the_protected_ones_marked(
    client: TestClient,
) -> None:
    sign_in(client, FOCAL, PERMITS)
    html = client.get(f"/mapping/{THING}/tables?rows=gender&columns=sector").text
    table = html[html.index('id="built-table"') : html.index("</table>")]
    numbers = sorted(int(n) for n in re.findall(r"<td>(\d+)</td>", table))
    assert numbers == [23, 31, 37, 41, 68]  # the API's shown counts, nothing added
    assert table.count('class="protected"') == 3  # the three withheld cells
    assert "≈ 41" in table and "the same as the count without Gender" in table
    assert "Health" in table and "Agriculture" in table  # sectors in words
    assert f"/mapping/{THING}/tables.csv?rows=gender&amp;columns=sector" in html


def test_the_console_is_for_focal_points_only(client: TestClient) -> None:
    sign_in(client)
    assert 'href="/mapping"' not in client.get("/").text
    for path in ("/mapping", f"/mapping/{THING}/tables?rows=gender", f"/mapping/{THING}/needs"):
        assert client.get(path).status_code == 403


def test_a_campaign_form_keeps_what_was_typed_and_says_what_is_wrong(
    client: TestClient,
) -> None:
    sign_in(client, FOCAL, PERMITS)
    page = client.get("/mapping/new").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    answer = client.post(
        "/mapping/new",
        data={
            "csrf": token[1],
            "name": "",
            "origin_country": "HT",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
            "k": "ten",
        },
    )
    assert answer.status_code == 422
    html = answer.text
    assert 'id="e-name"' in html and 'id="e-k"' in html and 'id="e-closes_on"' in html
    assert '<option value="HT" selected>' in html
    assert 'value="2026-04-01"' in html and 'value="ten"' in html
