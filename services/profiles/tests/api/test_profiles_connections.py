"""Connections and blocking through HTTP (real app, real Postgres; events in the outbox)."""

from __future__ import annotations

import httpx
from profiles_testkit import bearer, member, outbox_events

from profiles.bootstrap import ProfilesService

PROFILE = {
    "display_name": "Kofi Mensah",
    "city": "Accra",  # connections-only by default
    "country_of_origin": "GH",
    "visibility": {"display_name": "public"},
}


async def connect(
    client: httpx.AsyncClient, requester: str, addressee_id: str, note: str | None = None
) -> httpx.Response:
    return await client.post(
        "/v1/connections", json={"person_id": addressee_id, "note": note}, headers=bearer(requester)
    )


async def test_request_accept_then_connections_see_connection_fields(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    kofi_id, kofi = await member(client, "Kofi Mensah")
    ana_id, ana = await member(client, "Ana Souza")
    r = await client.put("/v1/me/profile", json=PROFILE, headers=bearer(kofi))
    assert r.status_code == 201 and r.headers["location"] == "/v1/me/profile"
    again = await client.put(
        "/v1/me/profile", json=PROFILE, headers={**bearer(kofi), "If-Match": r.headers["etag"]}
    )
    assert again.status_code == 200 and "location" not in again.headers
    before = (await client.get(f"/v1/people/{kofi_id}", headers=bearer(ana))).json()
    assert "city" not in before

    r = await connect(client, ana, kofi_id, "We met at the Dakar diaspora forum.")
    assert r.status_code == 201, r.text
    request = r.json()
    assert request["status"] == "pending" and request["direction"] == "outgoing"
    assert r.headers["location"] == f"/v1/connections/{request['connection_id']}"
    [requested] = await outbox_events(
        profiles_service, "profiles.connection.requested", request["connection_id"]
    )
    assert requested["note"] == "We met at the Dakar diaspora forum."
    assert (await connect(client, ana, kofi_id)).status_code == 409  # already pending
    assert (await connect(client, kofi, ana_id)).status_code == 409  # the pair has one

    incoming = (await client.get("/v1/connections", headers=bearer(kofi))).json()
    assert [c["direction"] for c in incoming] == ["incoming"]
    cid = request["connection_id"]
    own = await client.post(f"/v1/connections/{cid}/accept", headers=bearer(ana))
    assert own.status_code == 403  # the requester cannot accept for the other person
    accepted = await client.post(f"/v1/connections/{cid}/accept", headers=bearer(kofi))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert await outbox_events(profiles_service, "profiles.connection.accepted", cid)

    after = (await client.get(f"/v1/people/{kofi_id}", headers=bearer(ana))).json()
    assert after["city"] == "Accra"
    again = await client.post(f"/v1/connections/{cid}/accept", headers=bearer(kofi))
    assert again.status_code == 409

    removed = await client.delete(f"/v1/connections/{cid}", headers=bearer(ana))
    assert removed.json()["status"] == "removed"
    assert await outbox_events(profiles_service, "profiles.connection.removed", cid)
    gone = (await client.get(f"/v1/people/{kofi_id}", headers=bearer(ana))).json()
    assert "city" not in gone


async def test_decline_and_withdraw(client: httpx.AsyncClient) -> None:
    a_id, a = await member(client)
    b_id, b = await member(client)
    cid = (await connect(client, a, b_id)).json()["connection_id"]
    assert (
        await client.post(f"/v1/connections/{cid}/withdraw", headers=bearer(b))
    ).status_code == 403
    declined = await client.post(f"/v1/connections/{cid}/decline", headers=bearer(b))
    assert declined.json()["status"] == "declined"
    # asking again later is possible; the new request can be withdrawn
    cid2 = (await connect(client, a, b_id, "Second try")).json()["connection_id"]
    assert cid2 == cid
    withdrawn = await client.post(f"/v1/connections/{cid}/withdraw", headers=bearer(a))
    assert withdrawn.json()["status"] == "withdrawn"

    _, outsider = await member(client)
    for action in ("accept", "decline", "withdraw"):
        r = await client.post(f"/v1/connections/{cid}/{action}", headers=bearer(outsider))
        assert r.status_code == 404  # not a party: it does not exist for them
    assert (await connect(client, a, a_id)).status_code == 409
    long_note = await connect(client, a, b_id, "x" * 301)
    assert long_note.status_code == 422
    nobody = await connect(client, a, "00000000-0000-0000-0000-000000000000")
    assert nobody.status_code == 404


async def test_block_hides_each_from_the_other(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    kofi_id, kofi = await member(client)
    ana_id, ana = await member(client)
    await client.put("/v1/me/profile", json=PROFILE, headers=bearer(kofi))
    await client.put("/v1/me/profile", json={**PROFILE, "display_name": "Ana"}, headers=bearer(ana))
    cid = (await connect(client, ana, kofi_id)).json()["connection_id"]
    await client.post(f"/v1/connections/{cid}/accept", headers=bearer(kofi))

    r = await client.post(
        "/v1/connections/blocks", json={"person_id": ana_id}, headers=bearer(kofi)
    )
    assert r.status_code == 204
    assert await outbox_events(profiles_service, "profiles.connection.removed", cid)
    # hidden both ways: the blocked person and the blocker
    assert (await client.get(f"/v1/people/{kofi_id}", headers=bearer(ana))).status_code == 404
    assert (await client.get(f"/v1/people/{ana_id}", headers=bearer(kofi))).status_code == 404
    assert (await connect(client, ana, kofi_id)).status_code == 404
    assert (await connect(client, kofi, ana_id)).status_code == 404
    hidden = await client.post(f"/v1/connections/{cid}/accept", headers=bearer(ana))
    assert hidden.status_code == 404
    blocks = (await client.get("/v1/connections/blocks", headers=bearer(kofi))).json()
    assert [b["person_id"] for b in blocks] == [ana_id]
    self_block = await client.post(
        "/v1/connections/blocks", json={"person_id": kofi_id}, headers=bearer(kofi)
    )
    assert self_block.status_code == 422

    assert (
        await client.delete(f"/v1/connections/blocks/{ana_id}", headers=bearer(kofi))
    ).status_code == 204
    assert (
        await client.delete(f"/v1/connections/blocks/{ana_id}", headers=bearer(kofi))
    ).status_code == 404
    seen = await client.get(f"/v1/people/{kofi_id}", headers=bearer(ana))
    assert seen.status_code == 200 and "city" not in seen.json()  # no longer connected
