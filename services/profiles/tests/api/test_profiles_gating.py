"""No existence oracle on people, and nothing reaches other people before the email address
is verified (an unverified account may edit its own profile and verify, nothing else)."""

from __future__ import annotations

import uuid

import httpx
from profiles_testkit import bearer, login, member, register, verify


async def test_a_hidden_person_answers_like_no_one(client: httpx.AsyncClient) -> None:
    person, token = await member(client)
    hidden = {"display_name": "Hidden", "visibility": {"display_name": "members"}}
    for name in ("headline", "bio", "city", "languages", "skills", "occupations", "tags"):
        hidden["visibility"][name] = "private"
    created = await client.put("/v1/me/profile", json=hidden, headers=bearer(token))
    assert created.status_code == 201, created.text
    absent = await client.get(f"/v1/people/{uuid.uuid4()}")
    exists = await client.get(f"/v1/people/{person}")
    assert (exists.status_code, exists.json()["detail"]) == (404, absent.json()["detail"])
    assert set(exists.json()) == set(absent.json())  # no field tells them apart
    # what the owner made public is shown, as before
    public = {"display_name": "Seen", "visibility": {"display_name": "public"}}
    current = (await client.get("/v1/me/profile", headers=bearer(token))).headers["etag"]
    r = await client.put(
        "/v1/me/profile", json=public, headers={**bearer(token), "If-Match": current}
    )
    assert r.status_code == 200, r.text
    shown = await client.get(f"/v1/people/{person}")
    assert shown.status_code == 200 and shown.json()["display_name"] == "Seen"


async def test_an_unverified_account_reaches_no_one_until_verified(
    client: httpx.AsyncClient,
) -> None:
    other, _ = await member(client, "Other")
    me, email = await register(client)
    token = (await login(client, email)).json()["access_token"]
    # its own profile and verification are open to it
    mine = await client.put("/v1/me/profile", json={"display_name": "New"}, headers=bearer(token))
    assert mine.status_code == 201, mine.text
    assert (await client.get("/v1/auth/me", headers=bearer(token))).status_code == 200
    # nothing that reaches other people
    refused = [
        await client.post("/v1/connections", json={"person_id": other}, headers=bearer(token)),
        await client.get("/v1/directory/people", headers=bearer(token)),
        await client.post(
            "/v1/conversations", json={"person_id": other, "body": "hi"}, headers=bearer(token)
        ),
        await client.post(
            "/v1/organisations",
            json={"name": "Spam Inc", "kind": "diaspora_association", "country": "FR"},
            headers=bearer(token),
        ),
    ]
    for r in refused:
        assert r.status_code == 403, r.text
        assert r.json()["title"] == "Email not verified"
        assert r.json()["type"] == "https://diaspora.example/problems/email-not-verified"
        assert r.headers["content-type"].startswith("application/problem+json")
    # once verified (and a fresh token carries it), the same requests go through
    await verify(client, me)
    token = (await login(client, email)).json()["access_token"]
    asked = await client.post("/v1/connections", json={"person_id": other}, headers=bearer(token))
    assert asked.status_code == 201, asked.text
    assert (await client.get("/v1/directory/people", headers=bearer(token))).status_code == 200
