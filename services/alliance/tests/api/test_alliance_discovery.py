"""A client finds ids without the database: alliances, bodies and cohorts are listed and
paged (found from the outside: GET /v1/alliance/alliances answered 405, so the seeded
alliance's id could only be read in the database)."""

from __future__ import annotations

import httpx
from alliance_testkit import API, World


async def test_alliances_are_listed_searched_and_paged(
    world: World, client: httpx.AsyncClient
) -> None:
    other = World(client, world.issuer, world.service)
    await other.found()
    found = await client.get(f"{API}/alliances", headers=world.sec, params={"q": "TEST-"})
    assert found.status_code == 200, found.text
    ids = [a["id"] for a in found.json()["items"]]
    assert world.id in ids and other.id in ids

    seen: list[str] = []
    params: dict[str, str | int] = {"limit": 1}
    for _ in range(1000):
        page = (await client.get(f"{API}/alliances", headers=world.sec, params=params)).json()
        seen += [a["id"] for a in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert len(seen) == len(set(seen)) and {world.id, other.id} <= set(seen)

    bad = await client.get(f"{API}/alliances", headers=world.sec, params={"cursor": "x"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


async def test_bodies_and_cohorts_are_listed_by_alliance(
    world: World, client: httpx.AsyncClient
) -> None:
    secretariat = await world.body("secretariat", "Technical Secretariat")
    await world.body("working_group", "TWG Climate", "climate_action")
    await world.body("working_group", "TWG Gender and youth", "gender_youth")
    only = await client.get(
        f"{API}/bodies",
        headers=world.sec,
        params={"alliance_id": world.id, "kind": "secretariat"},
    )
    assert [b["id"] for b in only.json()["items"]] == [secretariat]
    first = (
        await client.get(
            f"{API}/bodies", headers=world.sec, params={"alliance_id": world.id, "limit": 2}
        )
    ).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = (
        await client.get(
            f"{API}/bodies",
            headers=world.sec,
            params={"alliance_id": world.id, "limit": 2, "cursor": first["next_cursor"]},
        )
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    cohorts = await client.get(
        f"{API}/cohorts", headers=world.sec, params={"alliance_id": world.id}
    )
    assert cohorts.status_code == 200 and cohorts.json() == {"items": [], "next_cursor": None}
