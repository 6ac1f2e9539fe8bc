"""The vocabulary over HTTP, and profiles validating codes through it: a client finds the
codes the services accept, with labels in its reader's language, and a profile keeps the
canonical form of whatever case or alias it was sent ("s3" is stored as "S3")."""

from __future__ import annotations

import httpx
from profiles_testkit import bearer, member


async def test_the_schemes_are_listed_with_their_sources(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/v1/vocabulary")).json()
    names = [s["scheme"] for s in listed["schemes"]]
    assert {"countries", "languages", "occupations", "skills", "sectors"} <= set(names)
    assert listed["locales"] == ["en", "fr", "es", "ar"]
    occupations = next(s for s in listed["schemes"] if s["scheme"] == "occupations")
    # where a label set comes from is said, including the project's own translations
    assert occupations["locales"]["ar"].startswith("translated by this project")


async def test_terms_and_search_in_the_readers_language(client: httpx.AsyncClient) -> None:
    found = (await client.get("/v1/vocabulary/countries", params={"lang": "fr", "q": "haï"})).json()
    assert found["terms"][0] == {
        "code": "HT",
        "label": {"text": "Haïti", "lang": "fr", "fallback": False},
    }
    sectors = (await client.get("/v1/vocabulary/sectors", params={"lang": "ar"})).json()
    assert len(sectors["terms"]) == 21 and sectors["lang"] == "ar"
    nurses = await client.get("/v1/vocabulary/occupations", params={"lang": "ar", "q": "nurs"})
    # found by the English word too; said in Arabic
    assert {t["label"]["lang"] for t in nurses.json()["terms"]} == {"ar"}
    german = await client.get("/v1/vocabulary/occupations", params={"lang": "de", "q": "nurs"})
    assert german.json()["terms"][0]["label"]["fallback"] is True  # no German: English, marked
    missing = await client.get("/v1/vocabulary/planets")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    bad = await client.get("/v1/vocabulary/countries", params={"lang": "xx"})
    assert bad.status_code == 422


async def test_roles_say_who_grants_them_and_what_they_permit(client: httpx.AsyncClient) -> None:
    roles = {r["role"]: r for r in (await client.get("/v1/vocabulary/roles?lang=es")).json()}
    focal = roles["government_focal_point"]
    assert focal["name"] == {"text": "Punto focal gubernamental", "lang": "es", "fallback": False}
    assert focal["granted_by"] == ["platform_admin"]
    assert "resources.post_opportunities" in focal["permits"]["resources"]
    assert roles["member"]["granted_by"] == []


async def test_a_profile_keeps_the_canonical_codes(client: httpx.AsyncClient) -> None:
    _, token = await member(client)
    body = {
        "display_name": "Nadège",
        "country_of_origin": "ht",
        "languages": [{"code": "FRA", "level": "native"}],
        "skills": ["s3"],
        "sectors": ["q"],
        "occupations": ["2221"],
        "contribution_modes": ["short_assignment"],
    }
    saved = await client.put("/v1/me/profile", json=body, headers=bearer(token))
    assert saved.status_code in (200, 201), saved.text
    mine = (await client.get("/v1/me/profile", headers=bearer(token))).json()
    assert (mine["country_of_origin"], mine["skills"], mine["sectors"]) == ("HT", ["S3"], ["Q"])
    assert mine["languages"][0]["code"] == "fr"
    wrong = await client.put(
        "/v1/me/profile", json={**body, "occupations": ["9999"]}, headers=bearer(token)
    )
    assert wrong.status_code == 422
    assert "occupations" in wrong.text
