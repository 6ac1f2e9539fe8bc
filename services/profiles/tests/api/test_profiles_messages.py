"""Messages between connected people through HTTP: conversations, unread counts, blocking."""

from __future__ import annotations

import httpx
from profiles_testkit import bearer, member, outbox_events

from profiles.bootstrap import ProfilesService


async def connected_pair(client: httpx.AsyncClient) -> tuple[str, str, str, str]:
    a_id, a = await member(client, "Fatou")
    b_id, b = await member(client, "Jean")
    cid = (
        await client.post("/v1/connections", json={"person_id": b_id}, headers=bearer(a))
    ).json()["connection_id"]
    assert (
        await client.post(f"/v1/connections/{cid}/accept", headers=bearer(b))
    ).status_code == 200
    return a_id, a, b_id, b


async def unread(client: httpx.AsyncClient, token: str) -> int:
    count: int = (await client.get("/v1/conversations/unread", headers=bearer(token))).json()[
        "unread"
    ]
    return count


async def test_connected_people_exchange_messages_with_unread_counts(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    a_id, a, b_id, b = await connected_pair(client)
    first = await client.post(
        "/v1/conversations", json={"person_id": b_id, "body": "Bonjour Jean !"}, headers=bearer(a)
    )
    assert first.status_code == 201, first.text
    conv = first.json()["conversation_id"]
    assert first.headers["location"] == f"/v1/conversations/{conv}/messages"
    second = await client.post(
        "/v1/conversations",
        json={"person_id": b_id, "body": "Tu es libre jeudi ?"},
        headers=bearer(a),
    )
    assert second.json()["conversation_id"] == conv  # one conversation per pair
    assert await unread(client, b) == 2 and await unread(client, a) == 0

    listing = (await client.get("/v1/conversations", headers=bearer(b))).json()
    assert [(c["conversation_id"], c["person_id"], c["unread"]) for c in listing] == [
        (conv, a_id, 2)
    ]
    page = (
        await client.get(
            f"/v1/conversations/{conv}/messages", params={"limit": 1}, headers=bearer(b)
        )
    ).json()
    assert [m["body"] for m in page["items"]] == ["Tu es libre jeudi ?"]  # newest first
    older = (
        await client.get(
            f"/v1/conversations/{conv}/messages",
            params={"limit": 1, "cursor": page["next_cursor"]},
            headers=bearer(b),
        )
    ).json()
    assert [m["body"] for m in older["items"]] == ["Bonjour Jean !"] and older[
        "next_cursor"
    ] is None

    assert (
        await client.post(f"/v1/conversations/{conv}/read", headers=bearer(b))
    ).status_code == 204
    assert await unread(client, b) == 0
    answer = await client.post(
        f"/v1/conversations/{conv}/messages", json={"body": "Oui !"}, headers=bearer(b)
    )
    assert answer.status_code == 201
    assert answer.headers["location"] == f"/v1/conversations/{conv}/messages"
    assert await unread(client, a) == 1

    sent = await outbox_events(profiles_service, "profiles.conversation.message_sent", conv)
    assert len(sent) == 3
    assert sent[0]["sender_id"] == a_id and sent[0]["recipient_id"] == b_id
    assert all("body" not in e for e in sent)  # the text never leaves the service

    # a third person cannot read or write into it
    _, intruder = await member(client, "Eve")
    assert (
        await client.get(f"/v1/conversations/{conv}/messages", headers=bearer(intruder))
    ).status_code == 404
    assert (
        await client.post(
            f"/v1/conversations/{conv}/messages", json={"body": "hi"}, headers=bearer(intruder)
        )
    ).status_code == 404


async def test_strangers_and_blocked_people_cannot_write(client: httpx.AsyncClient) -> None:
    a_id, a, b_id, b = await connected_pair(client)
    stranger_id, stranger = await member(client, "Stranger")
    refused = await client.post(
        "/v1/conversations", json={"person_id": a_id, "body": "Hello"}, headers=bearer(stranger)
    )
    assert refused.status_code == 403
    empty = await client.post(
        "/v1/conversations", json={"person_id": b_id, "body": ""}, headers=bearer(a)
    )
    assert empty.status_code == 422

    conv = (
        await client.post(
            "/v1/conversations", json={"person_id": b_id, "body": "Salut"}, headers=bearer(a)
        )
    ).json()["conversation_id"]
    assert (
        await client.post("/v1/connections/blocks", json={"person_id": a_id}, headers=bearer(b))
    ).status_code == 204
    # hidden both ways, whoever blocked
    for token in (a, b):
        r = await client.get(f"/v1/conversations/{conv}/messages", headers=bearer(token))
        assert r.status_code == 404
        assert (await client.get("/v1/conversations", headers=bearer(token))).json() == []
    again = await client.post(
        f"/v1/conversations/{conv}/messages", json={"body": "?"}, headers=bearer(a)
    )
    assert again.status_code == 404
    assert stranger_id
