"""Youth cohorts over HTTP, and the demo seed (idempotent, whole pipeline)."""

from __future__ import annotations

import uuid

import httpx
from alliance_testkit import API, World

from alliance.bootstrap import AllianceService, bootstrap
from alliance.seed import SLUG, sid


async def test_cohort_nominations_and_participation(
    world: World, client: httpx.AsyncClient
) -> None:
    state, state_rep = await world.member("member_state", "Mexico", "MX")
    leader, _ = await world.member("youth_leader", "Lani", "MX")
    other, _ = await world.apply("youth_leader", "Mayada", "SD")
    expert, _ = await world.member("expert", "Dr Expert")
    r = await client.post(
        f"{API}/cohorts",
        headers=world.sec,
        json={"alliance_id": world.id, "name": "Leaders 2022", "year": 2022},
    )
    assert r.status_code == 201
    cohort = r.json()["id"]

    r = await client.post(
        f"{API}/cohorts/{cohort}/nominations",
        headers=world.as_(uuid.uuid4()),
        json={"member_id": leader},
    )
    assert r.status_code == 403  # strangers do not nominate
    r = await client.post(
        f"{API}/cohorts/{cohort}/nominations",
        headers=world.as_(state_rep),
        json={"member_id": expert},
    )
    assert r.status_code == 422  # only youth leaders
    r = await client.post(
        f"{API}/cohorts/{cohort}/nominations",
        headers=world.as_(state_rep),
        json={"member_id": leader},
    )
    assert r.status_code == 201, r.text
    nomination = r.json()["id"]
    r = await client.post(
        f"{API}/cohorts/{cohort}/nominations",
        headers=world.as_(state_rep),
        json={"member_id": leader},
    )
    assert r.status_code == 409
    r = await client.post(
        f"{API}/cohorts/{cohort}/nominations", headers=world.sec, json={"member_id": other}
    )
    declined = r.json()["id"]
    for nid, accept in ((nomination, True), (declined, False)):
        r = await client.post(
            f"{API}/cohorts/{cohort}/nominations/{nid}/decision",
            headers=world.sec,
            json={"accept": accept},
        )
        assert r.status_code == 200
    # youth leaders take part in working-group sessions without a seat
    wg = await world.body("working_group", "TWG Climate", "climate_action")
    await world.seat(wg, state, "chair")
    meeting = await world.meeting(wg, "Climate session", kind="working_session", invitees=[leader])
    await world.attend(meeting["id"], [state, leader])
    r = await client.get(f"{API}/cohorts/{cohort}/participation", headers=world.sec)
    assert r.status_code == 200
    leaders = r.json()["leaders"]
    assert [entry["member_id"] for entry in leaders] == [leader]
    assert [s["meeting_id"] for s in leaders[0]["sessions"]] == [meeting["id"]]
    assert leaders[0]["sessions"][0]["body_kind"] == "working_group"


async def test_seed_is_idempotent_and_complete(
    alliance_service: AllianceService, client: httpx.AsyncClient, world: World
) -> None:
    # what `python -m alliance seed` runs (a service of its own), twice
    for _ in range(2):
        await bootstrap(alliance_service.settings).seed()

    gdpa = str(sid("alliance"))
    async with alliance_service.uow() as uow:
        assert (await uow.alliances.by_slug(SLUG)) is not None
    r = await client.get(
        f"{API}/members",
        headers=world.sec,
        params={"alliance_id": gdpa, "kind": "member_state", "limit": "50"},
    )
    assert {m["country"] for m in r.json()["items"]} == {"SV", "FJ", "GE", "MU", "PE", "HT"}
    r = await client.get(f"{API}/bodies", headers=world.sec, params={"alliance_id": gdpa})
    themes = {b["theme"] for b in r.json()["items"] if b["kind"] == "working_group"}
    assert themes == {"gender_youth", "climate_action", "health_wellbeing"}
    r = await client.get(f"{API}/recommendations", headers=world.sec, params={"alliance_id": gdpa})
    (rec,) = r.json()["items"]
    assert rec["stage"] == "published"
    assert [s["action"] for s in rec["trail"]] == [
        "drafted",
        "adopted",
        "reviewed",
        "endorsed",
        "published",
    ]
    r = await client.get(f"{API}/commitments", headers=world.sec, params={"alliance_id": gdpa})
    commitments = r.json()["items"]
    assert len(commitments) == 3
    assert all(c["indicators"][0]["reports"] for c in commitments)
    assert (
        rec["id"]
        in commitments[0]["recommendation_ids"]
        + commitments[1]["recommendation_ids"]
        + commitments[2]["recommendation_ids"]
    )
    assert len(await world.events("alliance.recommendation.moved", rec["id"])) == 5
