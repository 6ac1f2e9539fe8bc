"""Contribute through HTTP: posting (roles), explainable matching both ways from the people
projection (fed through the real broker, consent respected), announcements of good matches
in the outbox, expressions of interest and their statuses, the deadline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest
from resources_testkit import (
    assert_problem,
    handled,
    new_id,
    outbox,
    produce,
    profile_event,
)
from sqlalchemy import text

from contracts.events.profiles import LanguageSkill, PersonProfileCreated
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, eventually
from resources.bootstrap import ResourcesService


class Cast:
    """People projected through the broker, with vocabulary codes (ESCO skill groups: S5
    working with computers, S2 information skills, S3 assisting and caring, S8 machinery);
    the tests look at this cast's places in the rankings only."""

    def __init__(self) -> None:
        self.python, self.data, self.nursing, self.cobol = "S5", "S2", "S3", "S8"
        self.amina, self.bakary, self.carla, self.dieu = new_id(), new_id(), new_id(), new_id()

    def events(self) -> list[Any]:
        def person(pid: UUID, **fields: Any) -> Any:
            return profile_event(PersonProfileCreated, pid, 1, **fields)

        return [
            # a perfect match
            person(
                self.amina,
                skills=[self.python, self.data],
                languages=[LanguageSkill(code="fr"), LanguageSkill(code="en")],
                contribution_modes=["skills_transfer"],
                country_of_origin="VU",
                country_of_residence="CA",
                open_to_opportunities=True,
            ),
            # a partial match
            person(
                self.bakary,
                skills=[self.python],
                languages=[LanguageSkill(code="en")],
                contribution_modes=["mentoring"],
                country_of_origin="SN",
                country_of_residence="FR",
                open_to_opportunities=True,
            ),
            # as good as Amina, but did not agree to be matched
            person(
                self.carla,
                skills=[self.python, self.data],
                languages=[LanguageSkill(code="fr")],
                contribution_modes=["skills_transfer"],
                country_of_origin="VU",
                open_to_opportunities=False,
            ),
            # only a country tie
            person(
                self.dieu,
                skills=[self.nursing],
                country_of_residence="VU",
                open_to_opportunities=True,
            ),
        ]


@pytest.fixture(scope="module")
async def cast(
    resources_service: ResourcesService, resources_worker: None, infra: TestInfra
) -> Cast:
    c = Cast()
    events = c.events()
    await produce(infra.kafka_bootstrap, *events)
    for e in events:
        await eventually(lambda e=e: handled(resources_service, e.id))
    return c


def opportunity(c: Cast, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "experts",
        "title": "Data experts for the diaspora mapping in Haiti",
        "description": "Analyse survey data with the ministry.",
        "organisation": "Ministère des Haïtiens vivant à l'étranger",
        "deadline": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
        "work_mode": "remote",
        "required_skills": [c.python, c.data],
        "countries": ["VU"],
        "contribution_modes": ["skills_transfer"],
        "languages": ["fr"],
    }
    body.update(overrides)
    return body


async def test_only_organisations_and_focal_points_post(
    client: httpx.AsyncClient, tokens: TokenIssuer, cast: Cast
) -> None:
    member = tokens.headers(new_id())
    assert_problem(
        await client.post("/v1/opportunities", json=opportunity(cast), headers=member), 403
    )
    focal = tokens.headers(new_id(), roles=("member", "government_focal_point"))
    past = opportunity(cast, deadline=(datetime.now(UTC) - timedelta(days=1)).isoformat())
    assert_problem(await client.post("/v1/opportunities", json=past, headers=focal), 422)
    naive = opportunity(cast, deadline="2099-01-01T00:00:00")
    assert_problem(await client.post("/v1/opportunities", json=naive, headers=focal), 422)
    bad = opportunity(cast, countries=["ZZ"])
    assert_problem(await client.post("/v1/opportunities", json=bad, headers=focal), 422)
    ok = await client.post("/v1/opportunities", json=opportunity(cast), headers=focal)
    assert ok.status_code == 201, ok.text


async def test_matching_ranks_people_explains_why_and_respects_consent(
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
    cast: Cast,
    resources_service: ResourcesService,
) -> None:
    poster_id = new_id()
    poster = tokens.headers(poster_id, roles=("organisation_admin",))
    oid = (await client.post("/v1/opportunities", json=opportunity(cast), headers=poster)).json()[
        "id"
    ]

    # the whole ranking (limit=200): other modules' people share the database and may outrank
    # this cast's weaker matches out of the default first 20
    matches = (
        await client.get(f"/v1/opportunities/{oid}/matches?limit=200", headers=poster)
    ).json()
    # the broker may redeliver profiles of earlier runs (other people): look at this cast
    cast_ids = {str(p) for p in (cast.amina, cast.bakary, cast.carla, cast.dieu)}
    ranked = [(m["person_id"], m["score"]) for m in matches if m["person_id"] in cast_ids]
    # skills 3, languages 2, origin 2, residence 1, contribution modes 1: 9 in all
    assert ranked == [
        (str(cast.amina), pytest.approx(8 / 9, abs=1e-4)),  # all but residence
        (str(cast.bakary), pytest.approx(1.5 / 9, abs=1e-4)),  # one of the two skills
        (str(cast.dieu), pytest.approx(1 / 9, abs=1e-4)),  # lives in the country
    ]
    assert str(cast.carla) not in [m["person_id"] for m in matches]  # no consent, no match
    amina = next(m for m in matches if m["person_id"] == str(cast.amina))
    reasons = {r["kind"]: r["values"] for r in amina["reasons"]}
    assert reasons == {
        "skills": sorted([cast.python, cast.data]),
        "contribution_modes": ["skills_transfer"],
        "languages": ["fr"],
        "country_of_origin": ["VU"],
    }
    dieu = next(m for m in matches if m["person_id"] == str(cast.dieu))
    assert [(r["kind"], r["values"], r["text"]) for r in dieu["reasons"]] == [
        ("country_of_residence", ["VU"], "Lives in Vanuatu")
    ]

    # only the poster (and moderators) see who matches
    assert_problem(
        await client.get(f"/v1/opportunities/{oid}/matches", headers=tokens.headers(new_id())), 403
    )
    moderator = tokens.headers(new_id(), roles=("moderator",))
    assert (
        await client.get(f"/v1/opportunities/{oid}/matches", headers=moderator)
    ).status_code == 200

    # posted, then the one good match announced (never Carla, never the weak matches)
    events = await outbox(resources_service, oid)
    assert events[0]["type"] == "resources.opportunity.posted"
    assert events[0]["data"]["posted_by"] == str(poster_id)
    found = [
        e["data"]
        for e in events
        if e["type"] == "resources.opportunity.match_found" and e["data"]["person_id"] in cast_ids
    ]
    assert [(f["person_id"], f["score"]) for f in found] == [
        (str(cast.amina), pytest.approx(8 / 9, abs=1e-4))
    ]
    assert {"kind": "skills", "values": sorted([cast.python, cast.data])} in found[0]["reasons"]


async def test_people_see_opportunities_ranked_for_them(
    client: httpx.AsyncClient, tokens: TokenIssuer, cast: Cast
) -> None:
    poster = tokens.headers(new_id(), roles=("organisation_admin",))
    strong = (
        await client.post("/v1/opportunities", json=opportunity(cast), headers=poster)
    ).json()["id"]
    weak_body = opportunity(
        cast,
        title="Python mentors",
        required_skills=[cast.python, cast.cobol],
        countries=[],
        languages=[],
    )
    weak = (await client.post("/v1/opportunities", json=weak_body, headers=poster)).json()["id"]
    mine = (
        await client.get(
            "/v1/opportunities/for-me", params={"limit": 100}, headers=tokens.headers(cast.amina)
        )
    ).json()
    ids = [m["opportunity"]["id"] for m in mine]
    assert ids.index(strong) < ids.index(weak)
    weak_match = next(m for m in mine if m["opportunity"]["id"] == weak)
    assert [(r["kind"], r["values"]) for r in weak_match["reasons"]] == [
        ("skills", [cast.python]),
        ("contribution_modes", ["skills_transfer"]),
    ]
    assert_problem(
        await client.get("/v1/opportunities/for-me", headers=tokens.headers(new_id())), 404
    )


async def test_expressions_of_interest_and_the_deadline(
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
    cast: Cast,
    resources_service: ResourcesService,
) -> None:
    poster = tokens.headers(new_id(), roles=("organisation_admin",))
    oid = (await client.post("/v1/opportunities", json=opportunity(cast), headers=poster)).json()[
        "id"
    ]
    amina = tokens.headers(cast.amina)

    sent = await client.post(
        f"/v1/opportunities/{oid}/interests", json={"message": "Happy to help"}, headers=amina
    )
    assert sent.status_code == 201, sent.text
    iid = sent.json()["id"]
    assert sent.headers["location"] == "/v1/opportunities/interests/mine"
    mine = (await client.get(sent.headers["location"], headers=amina)).json()
    assert [i["id"] for i in mine["items"]] == [iid]
    assert_problem(
        await client.post(f"/v1/opportunities/{oid}/interests", json={}, headers=amina), 409
    )
    # others cannot read or decide on them
    assert_problem(await client.get(f"/v1/opportunities/{oid}/interests", headers=amina), 403)
    stranger = tokens.headers(new_id())
    assert_problem(
        await client.post(
            f"/v1/opportunities/{oid}/interests/{iid}/status",
            json={"status": "accepted"},
            headers=stranger,
        ),
        404,
    )
    listed = (await client.get(f"/v1/opportunities/{oid}/interests", headers=poster)).json()
    assert [(i["id"], i["status"], i["message"]) for i in listed] == [
        (iid, "submitted", "Happy to help")
    ]

    async def move(status: str, headers: dict[str, str]) -> httpx.Response:
        return await client.post(
            f"/v1/opportunities/{oid}/interests/{iid}/status",
            json={"status": status},
            headers=headers,
        )

    assert (await move("shortlisted", poster)).json()["status"] == "shortlisted"
    assert_problem(await move("shortlisted", amina), 409)  # people may only withdraw
    assert (await move("accepted", poster)).json()["status"] == "accepted"
    assert_problem(await move("withdrawn", amina), 409)
    assert_problem(await move("declined", poster), 409)

    # the deadline passes: no more expressions of interest
    async with resources_service.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE resources.opportunities SET deadline = now() - interval '1 minute'"
                " WHERE id = :id"
            ),
            {"id": oid},
        )
    late = await client.post(
        f"/v1/opportunities/{oid}/interests", json={}, headers=tokens.headers(cast.bakary)
    )
    body = assert_problem(late, 409)
    assert body["title"] == "Deadline passed"
    assert (await client.get(f"/v1/opportunities/{oid}")).json()["open"] is False

    types = [e["type"].rsplit(".", 1)[1] for e in await outbox(resources_service, oid)]
    assert types[0] == "posted"
    assert types[-3:] == [
        "interest_expressed",
        "interest_status_changed",
        "interest_status_changed",
    ]
    sequences = [
        e["sequence"]
        for e in await outbox(resources_service, oid)
        if e["type"] != "resources.opportunity.match_found"
    ]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)


async def test_open_opportunities_page_by_deadline(
    client: httpx.AsyncClient, tokens: TokenIssuer, cast: Cast
) -> None:
    poster = tokens.headers(new_id(), roles=("organisation_admin",))
    for days in (3, 1, 2):
        deadline = (datetime.now(UTC) + timedelta(days=days, minutes=1)).isoformat()
        await client.post(
            "/v1/opportunities", json=opportunity(cast, deadline=deadline), headers=poster
        )
    seen: list[str] = []
    deadlines: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    for _ in range(50):
        page = (await client.get("/v1/opportunities", params=params)).json()
        seen += [o["id"] for o in page["items"]]
        deadlines += [o["deadline"] for o in page["items"]]
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    assert len(seen) == len(set(seen)) >= 3
    assert [datetime.fromisoformat(d) for d in deadlines] == sorted(
        datetime.fromisoformat(d) for d in deadlines
    )
    assert_problem(await client.get("/v1/opportunities", params={"cursor": "bogus"}), 400)


async def test_the_poster_lists_and_revises_their_calls(
    client: httpx.AsyncClient, tokens: TokenIssuer, cast: Cast
) -> None:
    """A poster's console: their own calls (closed ones too), edited with If-Match; nobody
    else may edit them, and a past deadline is refused beside its field."""
    poster_id = new_id()
    poster = tokens.headers(poster_id, roles=("organisation_admin",))
    oid = (await client.post("/v1/opportunities", json=opportunity(cast), headers=poster)).json()[
        "id"
    ]
    posted = (await client.get("/v1/opportunities/posted", headers=poster)).json()["items"]
    assert [p["id"] for p in posted] == [oid]
    assert (await client.get("/v1/opportunities/posted", headers=tokens.headers(new_id()))).json()[
        "items"
    ] == []

    read = await client.get(f"/v1/opportunities/{oid}")
    etag = read.headers["ETag"]
    url = f"/v1/opportunities/{oid}"
    other = tokens.headers(new_id(), roles=("organisation_admin",))
    assert_problem(
        await client.patch(url, json={"title": "x"}, headers={**other, "If-Match": etag}), 403
    )
    assert_problem(await client.patch(url, json={"title": "x"}, headers=poster), 428)
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    refused = await client.patch(url, json={"deadline": past}, headers={**poster, "If-Match": etag})
    assert_problem(refused, 422)
    assert refused.json()["errors"][0]["loc"] == ["body", "deadline"]
    later = (datetime.now(UTC) + timedelta(days=60)).replace(microsecond=0)
    revised = await client.patch(
        url,
        json={"title": "Data experts, second call", "deadline": later.isoformat(), "kind": None}
        | {"languages": ["fr", "en", "fr"]},
        headers={**poster, "If-Match": etag},
    )
    assert revised.status_code == 422  # the kind is not revisable (extra field refused)
    revised = await client.patch(
        url,
        json={"title": "Data experts, second call", "deadline": later.isoformat()}
        | {"languages": ["fr", "en", "fr"]},
        headers={**poster, "If-Match": etag},
    )
    assert revised.status_code == 200, revised.text
    body = revised.json()
    assert body["title"] == "Data experts, second call" and body["languages"] == ["fr", "en"]
    assert datetime.fromisoformat(body["deadline"]) == later
    assert revised.headers["ETag"] != etag and body["version"] > read.json()["version"]
    assert_problem(
        await client.patch(url, json={"title": "y"}, headers={**poster, "If-Match": etag}), 412
    )
    again = (await client.get(url)).json()
    assert again["title"] == "Data experts, second call" and again["kind"] == "experts"
