"""Members over HTTP: application, review by the secretariat, lifecycle, events."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from alliance_testkit import API, World


async def test_application_admission_and_lifecycle(world: World, client: httpx.AsyncClient) -> None:
    member_id, account = await world.apply("member_state", "El Salvador", "sv")

    # an applicant cannot admit itself
    r = await client.post(
        f"{API}/members/{member_id}/review", headers=world.as_(account), json={"decision": "admit"}
    )
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"

    r = await client.post(
        f"{API}/members/{member_id}/review",
        headers=world.sec,
        json={"decision": "admit", "term_starts_on": "2026-01-01", "term_ends_on": "2028-12-31"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "admitted"
    assert r.json()["country"] == "SV"

    admitted = await world.events("alliance.member.admitted", member_id)
    assert len(admitted) == 1
    assert admitted[0]["country"] == "SV"
    assert admitted[0]["term_ends_on"] == "2028-12-31"
    assert "name" not in admitted[0]  # member topics carry no names

    # a second application for the same state is refused while it holds its seat
    r = await client.post(
        f"{API}/members/applications",
        headers=world.as_(uuid.uuid4()),
        json={
            "alliance_id": world.id,
            "kind": "member_state",
            "name": "El Salvador",
            "country": "SV",
        },
    )
    assert r.status_code == 409

    # others see the member, not who represents it
    r = await client.get(f"{API}/members/{member_id}", headers=world.as_(uuid.uuid4()))
    assert r.status_code == 200
    assert "representatives" not in r.json()
    r = await client.get(f"{API}/members/{member_id}", headers=world.as_(account))
    assert r.json()["representatives"] == [str(account)]

    for decision, status in (("suspend", "suspended"), ("reinstate", "admitted")):
        r = await client.post(
            f"{API}/members/{member_id}/review",
            headers=world.sec,
            json={"decision": decision, "reason": "arrears"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["status"] == status
    assert len(await world.events("alliance.member.reinstated", member_id)) == 1

    r = await client.post(
        f"{API}/members/{member_id}/withdrawal", headers=world.as_(account), json={"reason": ""}
    )
    assert r.status_code == 200
    assert r.json()["status"] == "withdrawn"
    r = await client.post(
        f"{API}/members/{member_id}/review",
        headers=world.sec,
        json={"decision": "suspend", "reason": "x"},
    )
    assert r.status_code == 409


async def test_bad_input_is_a_problem_not_a_500(world: World, client: httpx.AsyncClient) -> None:
    r = await client.post(
        f"{API}/members/applications",
        headers=world.as_(uuid.uuid4()),
        json={"alliance_id": world.id, "kind": "member_state", "name": "Atlantis", "country": "XX"},
    )
    assert r.status_code == 422
    assert r.json()["title"] == "Invalid input"
    r = await client.post(
        f"{API}/members/applications",
        headers=world.as_(uuid.uuid4()),
        json={"alliance_id": world.id, "kind": "member_state", "name": "Nowhere"},
    )
    assert r.status_code == 422
    r = await client.get(f"{API}/members/{uuid.uuid4()}", headers=world.sec)
    assert r.status_code == 404
    r = await client.get(f"{API}/members/{world.id}")
    assert r.status_code == 401


async def test_listing_pages_with_a_cursor(world: World, client: httpx.AsyncClient) -> None:
    for code, name in (("FJ", "Fiji"), ("GE", "Georgia"), ("MU", "Mauritius")):
        await world.member("member_state", name, code)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"alliance_id": world.id, "limit": "2", "status": "admitted"}
        if cursor:
            params["cursor"] = cursor
        r = await client.get(f"{API}/members", headers=world.sec, params=params)
        assert r.status_code == 200
        seen += [m["name"] for m in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == ["Fiji", "Georgia", "Mauritius"]


async def test_body_rules_and_memberships(world: World, client: httpx.AsyncClient) -> None:
    sc = await world.body(
        "steering_committee", "Steering Committee", voting_kinds=["member_state"], quorum_percent=60
    )
    state, _ = await world.member("member_state", "Peru", "PE")
    org, _ = await world.member("organisation", "Diaspora Confederation")
    pending, _ = await world.apply("expert", "Dr Expert")
    await world.seat(sc, state, "chair")
    await world.seat(sc, org, "member")
    r = await client.post(
        f"{API}/bodies/{sc}/memberships",
        headers=world.sec,
        json={"member_id": pending, "role": "member"},
    )
    assert r.status_code == 409  # not admitted yet
    r = await client.post(
        f"{API}/bodies/{sc}/memberships",
        headers=world.sec,
        json={"member_id": org, "role": "chair"},
    )
    assert r.status_code == 409  # already sits (and the body has a chair)

    r = await client.get(f"{API}/bodies/{sc}/voters", headers=world.sec)
    assert r.json()["voters"] == [state]  # organisations do not vote in this body
    assert r.json()["quorum_percent"] == 60

    r = await client.post(
        f"{API}/bodies",
        headers=world.sec,
        json={"alliance_id": world.id, "kind": "working_group", "name": "WG", "theme": "space"},
    )
    assert r.status_code == 422  # not a theme of this alliance


async def test_creating_posts_are_idempotent(world: World, client: httpx.AsyncClient) -> None:
    account = uuid.uuid4()
    body = {"alliance_id": world.id, "kind": "organisation", "name": "Retrying Org"}
    headers = {**world.as_(account), "Idempotency-Key": "apply-retrying-org-1"}
    first = await client.post(f"{API}/members/applications", headers=headers, json=body)
    again = await client.post(f"{API}/members/applications", headers=headers, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    # where the created member is, on the first answer and on the replay alike
    assert first.headers["location"] == f"{API}/members/{first.json()['id']}"
    assert again.headers["location"] == first.headers["location"]
    assert len(await world.events("alliance.member.applied", first.json()["id"])) == 1
    r = await client.post(
        f"{API}/members/applications", headers=headers, json={**body, "name": "Other Org"}
    )
    assert r.status_code == 422 and r.json()["title"] == "Idempotency-Key reused"

    # twins racing with one key create one member
    race = {**world.as_(account), "Idempotency-Key": "apply-racing-org-1"}
    twins = await asyncio.gather(
        *(
            client.post(f"{API}/members/applications", headers=race, json={**body, "name": "Twin"})
            for _ in range(3)
        )
    )
    # each twin gets the one member, or (arriving while the first still runs) 409 with
    # Retry-After, as eventkit.http.idempotency documents: never a second member
    created = [r for r in twins if r.status_code == 201]
    assert created and all(
        r.status_code == 409 and "retry-after" in r.headers for r in twins if r not in created
    ), [(r.status_code, r.text) for r in twins]
    assert len({r.json()["id"] for r in created}) == 1
    r = await client.get(
        f"{API}/members",
        headers=world.sec,
        params={"alliance_id": world.id, "kind": "organisation"},
    )
    assert [m["name"] for m in r.json()["items"]].count("Twin") == 1


async def test_each_alliance_is_run_by_its_own_secretariat(
    world: World, client: httpx.AsyncClient
) -> None:
    staff_org, staff = await world.member("organisation", "Technical Secretariat staff")
    watcher_org, watcher = await world.member("organisation", "Watching org")
    secretariat = await world.body("secretariat", "Technical Secretariat")
    await world.seat(secretariat, staff_org, "chair")
    await world.seat(secretariat, watcher_org, "observer")
    applicant, _ = await world.apply("expert", "Dr Applicant")

    r = await client.post(
        f"{API}/members/{applicant}/review", headers=world.as_(watcher), json={"decision": "admit"}
    )
    assert r.status_code == 403  # an observer seat is not the secretariat
    r = await client.post(
        f"{API}/members/{applicant}/review", headers=world.as_(staff), json={"decision": "admit"}
    )
    assert r.status_code == 200, r.text  # no platform role needed: it runs this alliance

    other = World(client, world.issuer, world.service)
    await other.found()
    stranger, _ = await other.apply("expert", "Dr Elsewhere")
    r = await client.post(
        f"{API}/members/{stranger}/review", headers=world.as_(staff), json={"decision": "admit"}
    )
    assert r.status_code == 403  # ...and only this one
