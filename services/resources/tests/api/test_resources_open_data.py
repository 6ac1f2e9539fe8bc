"""The open-data feed (JSON Feed and Atom): public items only, and nothing personal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import httpx
from resources_testkit import new_id, resource_body

from devstack.testing import TokenIssuer

ATOM = "{http://www.w3.org/2005/Atom}"


async def test_feed_lists_public_items_without_personal_data(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    author_id = new_id()
    author = tokens.headers(author_id)
    moderator = tokens.headers(new_id(), roles=("moderator",))
    authors = [
        {"name": "Amina Diallo", "kind": "person", "person_id": str(author_id)},
        {"name": "GRFDT"},
    ]
    public = (
        await client.post(
            "/v1/resources",
            json=resource_body(title="Open toolkit", authors=authors),
            headers=author,
        )
    ).json()["id"]
    await client.post(f"/v1/resources/{public}/submit", headers=author)
    await client.post(f"/v1/resources/{public}/publish", headers=moderator)
    draft = (
        await client.post("/v1/resources", json=resource_body(title="Secret draft"), headers=author)
    ).json()["id"]
    poster_id = new_id()
    poster = tokens.headers(poster_id, roles=("organisation_admin",))
    deadline = (datetime.now(UTC) + timedelta(days=9)).isoformat()
    opp = (
        await client.post(
            "/v1/opportunities",
            json={
                "kind": "volunteers",
                "title": "Volunteers",
                "organisation": "MYCP",
                "deadline": deadline,
            },
            headers=poster,
        )
    ).json()["id"]

    r = await client.get("/v1/open-data/feed.json", params={"limit": 500})
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = r.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    by_id = {item["id"]: item for item in feed["items"]}
    item = by_id[f"urn:uuid:{public}"]
    assert item["title"] == "Open toolkit"
    assert item["authors"] == [{"name": "GRFDT"}]  # the person author is not published
    assert f"urn:uuid:{opp}" in by_id
    assert f"urn:uuid:{draft}" not in by_id
    text = r.text
    for secret in (str(author_id), str(poster_id), "Amina Diallo", "Secret draft"):
        assert secret not in text

    atom = await client.get("/v1/open-data/feed.atom", params={"limit": 500})
    assert atom.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
    assert f"urn:uuid:{public}" in ids and f"urn:uuid:{draft}" not in ids
    assert str(author_id) not in atom.text and "Amina Diallo" not in atom.text
