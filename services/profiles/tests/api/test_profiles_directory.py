"""Directory search through HTTP: accent-insensitive full text, filters, facets, keyset
pagination, and only what the viewer may see (member-visible fields, no blocked people)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from profiles_testkit import bearer, member

from profiles.adapters import directory_repository
from profiles.domain.directory import fold


async def person(client: httpx.AsyncClient, profile: dict[str, Any]) -> tuple[str, str]:
    person_id, token = await member(client, profile["display_name"])
    r = await client.put("/v1/me/profile", json=profile, headers=bearer(token))
    assert r.status_code == 201, r.text
    return person_id, token


async def search(client: httpx.AsyncClient, token: str, **params: Any) -> dict[str, Any]:
    r = await client.get("/v1/directory/people", params=params, headers=bearer(token))
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def names(result: dict[str, Any]) -> list[str]:
    """Names found, sorted (the order itself is tested on its own)."""
    return sorted(item["display_name"] for item in result["items"])


def in_order(result: dict[str, Any]) -> list[str]:
    return [item["display_name"] for item in result["items"]]


async def test_directory_search(client: httpx.AsyncClient) -> None:
    tag = f"zq{uuid.uuid4().hex[:8]}"  # isolates this test's people from others in the table
    jose, _ = await person(
        client,
        {
            "display_name": "José Núñez",
            "country_of_residence": "ES",
            "country_of_origin": "HT",
            "occupations": ["2512"],
            "languages": [{"code": "es", "level": "native"}],
            "contribution_modes": ["mentoring"],
            "tags": [tag],
        },
    )
    soren, _ = await person(
        client,
        {
            "display_name": "Søren Ødegaard",
            "country_of_residence": "FR",
            "country_of_origin": "HT",
            "occupations": ["2142"],
            "contribution_modes": ["investment"],
            "tags": [tag],
            "visibility": {"country_of_origin": "private"},
        },
    )
    amara, amara_token = await person(
        client,
        {
            "display_name": "Amara Diop",
            "country_of_residence": "FR",
            "country_of_origin": "SN",
            "city": "Marseille",  # connections-only by default
            "occupations": ["2142"],
            "headline": {"fr": "Ingénieure hydraulique à Dakar"},
            "tags": [tag],
        },
    )
    viewer_id, viewer = await member(client, "Viewer")

    assert names(await search(client, viewer, q=f"{tag} jose nunez")) == ["José Núñez"]
    assert names(await search(client, viewer, q=f"{tag} SØREN")) == ["Søren Ødegaard"]
    assert names(await search(client, viewer, q=f"{tag} odegaard")) == ["Søren Ødegaard"]
    assert names(await search(client, viewer, q=f"{tag} dak")) == ["Amara Diop"]  # prefix
    # taxonomy labels in French and Spanish find the ISCO code
    found = names(await search(client, viewer, q=f"{tag} ingenieurs civils"))
    assert found == ["Amara Diop", "Søren Ødegaard"]
    assert names(await search(client, viewer, q=f"{tag} desarrolladores")) == ["José Núñez"]

    # hidden fields never match: Søren's origin is private, Amara's city connections-only
    assert names(await search(client, viewer, q=tag, origin="HT")) == ["José Núñez"]
    assert names(await search(client, viewer, q=f"{tag} marseille")) == []

    filtered = await search(
        client, viewer, q=tag, residence="fr", occupation=["2142", "2512"], facets="true"
    )
    assert names(filtered) == ["Amara Diop", "Søren Ødegaard"]
    everyone = await search(client, viewer, q=tag, facets="true")
    assert everyone["facets_complete"] is True
    facets = everyone["facets"]
    assert {f["value"]: f["count"] for f in facets["residence"]} == {"FR": 2, "ES": 1}
    assert {f["value"]: f["count"] for f in facets["origin"]} == {"HT": 1, "SN": 1}
    assert {f["value"]: f["count"] for f in facets["occupations"]} == {"2142": 2, "2512": 1}
    assert {f["value"]: f["count"] for f in facets["modes"]} == {"mentoring": 1, "investment": 1}
    assert names(await search(client, viewer, q=tag, mode="mentoring", language="ES")) == [
        "José Núñez"
    ]

    # keyset pagination: every match exactly once
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"q": tag, "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = await search(client, viewer, **params)
        seen += [item["display_name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == ["Amara Diop", "José Núñez", "Søren Ødegaard"]
    # browsing pages in name order, with cursors of its own
    seen, cursor = [], None
    while True:
        params = {"origin": "HT", "limit": 1} | ({"cursor": cursor} if cursor else {})
        page = await search(client, viewer, **params)
        seen += [item["display_name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        # a browsing cursor is no position in a word search
        wrong = await client.get(
            "/v1/directory/people", params={"q": tag, "cursor": cursor}, headers=bearer(viewer)
        )
        assert wrong.status_code == 400, wrong.text
    assert "José Núñez" in seen and seen == sorted(seen, key=fold)

    # blocking hides both ways
    r = await client.post(
        "/v1/connections/blocks", json={"person_id": viewer_id}, headers=bearer(amara_token)
    )
    assert r.status_code == 204
    assert names(await search(client, viewer, q=tag)) == ["José Núñez", "Søren Ødegaard"]
    assert names(await search(client, amara_token, q=f"{tag} viewer")) == []
    assert {jose, soren, amara}  # ids are distinct people

    assert (await client.get("/v1/directory/people", params={"q": tag})).status_code == 401
    bad = await client.get(
        "/v1/directory/people", params={"cursor": "!!nope"}, headers=bearer(viewer)
    )
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    too_many = await client.get(
        "/v1/directory/people", params={"limit": 500}, headers=bearer(viewer)
    )
    assert too_many.status_code == 422


async def test_directory_filters_and_bounded_facet_counts(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag = f"zq{uuid.uuid4().hex[:8]}"
    common = {"country_of_residence": "CA", "tags": [tag]}
    for name, extra in (
        ("Ngozi Okafor", {"skills": ["S5"], "sectors": ["J"], "open_to_opportunities": True}),
        ("Ngozi Nwosu", {"skills": ["S5", "S1"], "sectors": ["Q"]}),
        ("Kwame Mensah", {"skills": ["S1"], "sectors": ["J"], "open_to_opportunities": True}),
    ):
        await person(client, {"display_name": name} | common | extra)
    _, viewer = await member(client, "Viewer")

    assert names(await search(client, viewer, q=f"{tag} ngozi", skill="S5")) == [
        "Ngozi Nwosu",
        "Ngozi Okafor",
    ]
    assert names(await search(client, viewer, q=tag, sector=["j"], skill="S1")) == ["Kwame Mensah"]
    assert names(await search(client, viewer, q=tag, open_to_opportunities="false")) == [
        "Ngozi Nwosu"
    ]
    assert names(await search(client, viewer, q=tag, open_to_opportunities="true")) == [
        "Kwame Mensah",
        "Ngozi Okafor",
    ]

    exact = await search(client, viewer, q=tag, facets="true")
    assert exact["facets_complete"] is True
    assert {f["value"]: f["count"] for f in exact["facets"]["skills"]} == {"S5": 2, "S1": 2}
    assert {f["value"]: f["count"] for f in exact["facets"]["sectors"]} == {"J": 2, "Q": 1}
    assert exact["facets"]["residence"] == [{"value": "CA", "count": 3}]

    # over a large result, the counts cover a bounded number of matches and say so
    monkeypatch.setattr(directory_repository, "FACET_SAMPLE", 2)
    partial = await search(client, viewer, q=tag, facets="true")
    assert partial["facets_complete"] is False
    assert partial["facets"]["residence"] == [{"value": "CA", "count": 2}]
    assert len(partial["items"]) == 3  # the page itself is not cut
    browsing = await search(client, viewer, residence="CA", skill=["S5", "S1"], facets="true")
    assert browsing["facets_complete"] is False


async def test_word_search_ranks_name_matches_first_on_every_page(
    client: httpx.AsyncClient,
) -> None:
    """People whose name holds the words come before those matched only by other text
    (headline, tags, ...), across keyset pages, and only people the viewer may see."""
    word = f"zr{uuid.uuid4().hex[:8]}"
    tag = f"zq{uuid.uuid4().hex[:8]}"
    # the people matched by other text are written FIRST: storage order alone would list them
    # before the name matches
    others = [
        ("Ama Boateng", {"tags": [word, tag]}),
        ("Kofi Owusu", {"headline": {"en": f"Engineer at {word.title()} Ltd"}, "tags": [tag]}),
        ("Lina Haddad", {"tags": [word, tag], "country_of_residence": "FR"}),
    ]
    for name, extra in others:
        await person(client, {"display_name": name} | extra)
    named = [f"Awa {word.title()}", f"Ibrahima {word.title()}-Sow", f"Nadia {word.title()}"]
    for name in named:
        await person(client, {"display_name": name, "tags": [tag], "country_of_residence": "FR"})
    # a name match the viewer has blocked, and one whose owner left the directory
    _, blocked_token = await person(client, {"display_name": f"Blocked {word.title()}"})
    _, unlisted_token = await person(client, {"display_name": f"Unlisted {word.title()}"})
    viewer_id, viewer = await member(client, "Viewer")
    r = await client.post(
        "/v1/connections/blocks", json={"person_id": viewer_id}, headers=bearer(blocked_token)
    )
    assert r.status_code == 204
    r = await client.post(
        "/v1/me/consents/withdrawals",
        json={"purpose": "directory_listing"},
        headers=bearer(unlisted_token),
    )
    assert r.status_code == 200 and r.json()["changed"] is True

    found = in_order(await search(client, viewer, q=word))
    assert sorted(found[:3]) == sorted(named)  # every name match first
    assert sorted(found[3:]) == sorted(n for n, _ in others)
    assert len(found) == 6  # not the blocked person, not the unlisted one

    # page by page (every page size), the same order: nobody repeated or skipped
    for size in (1, 2, 4):
        seen: list[str] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"q": word, "limit": size}
            if cursor:
                params["cursor"] = cursor
            page = await search(client, viewer, **params)
            seen += in_order(page)
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == found, size

    # two words, one in the names and one in the tags: no name holds every word, so all
    # matches are in the second tier (storage order); with a filter, only the filtered
    filtered = in_order(await search(client, viewer, q=f"{word} {tag}", residence="FR"))
    assert sorted(filtered) == sorted([*named, "Lina Haddad"])
    by_name = in_order(await search(client, viewer, q=word, residence="FR"))
    assert sorted(by_name[:3]) == sorted(named) and by_name[3:] == ["Lina Haddad"]
    hyphen = in_order(await search(client, viewer, q=f"sow {word[:5]}"))
    assert hyphen == [f"Ibrahima {word.title()}-Sow"]


async def test_the_vocabulary_forgets_a_name_nobody_holds_any_more(
    client: httpx.AsyncClient, profiles_service: Any
) -> None:
    """Prefix search learns every indexed word; a word only one person had must not outlive
    that person's rename (nor, by the same trigger, the row's deletion at erasure)."""
    from sqlalchemy import text

    unique = f"zvk{uuid.uuid4().hex[:10]}"
    shared = f"zvs{uuid.uuid4().hex[:10]}"
    _, first = await person(client, {"display_name": f"Ana {unique} {shared}"})
    await person(client, {"display_name": f"Bea {shared}"})

    async def vocabulary() -> set[str]:
        async with profiles_service.chassis.engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT word FROM profiles.directory_words WHERE word = ANY(:w)"),
                {"w": [unique, shared]},
            )
            return {r[0] for r in rows}

    assert await vocabulary() == {unique, shared}
    etag = (await client.get("/v1/me/profile", headers=bearer(first))).headers["etag"]
    r = await client.put(
        "/v1/me/profile",
        json={"display_name": f"Ana {shared}"},
        headers={**bearer(first), "If-Match": etag},
    )
    assert r.status_code in (200, 201), r.text
    assert await vocabulary() == {shared}  # Bea still holds the shared word
