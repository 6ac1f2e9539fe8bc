"""Person profiles through HTTP: visibility per field, ETag/If-Match, snapshots in the outbox."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer
from profiles_testkit import bearer, member, outbox_events

from devstack.harness import TestInfra
from devstack.testing import running_relay
from profiles.bootstrap import ProfilesService

PROFILE: dict[str, Any] = {
    "display_name": "Amina Diallo",
    "given_name": "Amina",
    "family_name": "Diallo",
    "headline": {"en": "Civil engineer, water systems", "fr": "Ingénieure civile, réseaux d'eau"},
    "bio": {"fr": "Je travaille sur l'eau potable au Sahel."},
    "country_of_origin": "sn",
    "country_of_residence": "FR",
    "city": "Lyon",
    "languages": [{"code": "fr", "level": "native"}, {"code": "wol", "level": "fluent"}],
    "skills": ["S7", "T4"],
    "occupations": ["2142"],
    "tags": ["Hydraulics", "GIS", "hydraulics"],
    "sectors": ["E", "F"],
    "interests": ["mentoring youth"],
    "education_level": "7",
    "years_of_experience": 12,
    "contribution_modes": ["skills_transfer", "mentoring"],
    "availability": "occasional",
    "open_to_opportunities": True,
    "gender": "female",
    "birth_year": 1985,
    "visibility": {"display_name": "public", "country_of_origin": "private"},
}


async def create_profile(
    client: httpx.AsyncClient, token: str, body: dict[str, Any] | None = None
) -> httpx.Response:
    r = await client.put("/v1/me/profile", json=body or PROFILE, headers=bearer(token))
    assert r.status_code == 201, r.text
    return r


async def test_owner_creates_and_reads_the_whole_profile(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    person_id, token = await member(client)
    assert (await client.get("/v1/me/profile", headers=bearer(token))).status_code == 404
    created = await create_profile(client, token)
    assert created.headers["etag"] == 'W/"1"'
    mine = (await client.get("/v1/me/profile", headers=bearer(token))).json()
    assert mine["country_of_origin"] == "SN"  # normalised codes
    assert mine["tags"] == ["hydraulics", "gis"]  # lower-cased, deduplicated
    assert mine["gender"] == "female" and mine["birth_year"] == 1985  # the owner sees them
    assert mine["visibility"]["city"] == "connections"  # privacy by default

    [snapshot] = await outbox_events(profiles_service, "profiles.person.created", person_id)
    assert snapshot["display_name"] == "Amina Diallo"
    assert snapshot["occupations"] == ["2142"] and snapshot["tags"] == ["hydraulics", "gis"]
    assert snapshot["country_of_residence"] == "FR"
    assert snapshot["country_of_origin"] is None  # private: never leaves the service
    assert snapshot["city"] is None  # connections-only: not for other services
    assert "gender" not in snapshot and "birth_year" not in snapshot
    assert "1985" not in str(snapshot) and "female" not in str(snapshot)


async def test_others_see_only_what_the_visibility_allows(client: httpx.AsyncClient) -> None:
    person_id, token = await member(client)
    await create_profile(client, token)
    _, viewer = await member(client, name="Jean Pierre")

    seen = (await client.get(f"/v1/people/{person_id}", headers=bearer(viewer))).json()
    assert seen["display_name"] == "Amina Diallo" and seen["occupations"] == ["2142"]
    assert "country_of_origin" not in seen  # private
    assert "city" not in seen  # connections only
    assert "gender" not in seen and "birth_year" not in seen and "visibility" not in seen

    anonymous = (await client.get(f"/v1/people/{person_id}")).json()
    assert set(anonymous) == {"person_id", "display_name"}  # only the public field

    missing = await client.get(f"/v1/people/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert missing.status_code == 404
    assert (await client.get("/v1/people/not-a-uuid")).status_code == 422


async def test_nobody_can_edit_someone_elses_profile_by_id(client: httpx.AsyncClient) -> None:
    person_id, token = await member(client)
    await create_profile(client, token)
    _, intruder = await member(client, name="Mallory")
    for method in ("PUT", "PATCH", "DELETE"):
        r = await client.request(
            method, f"/v1/people/{person_id}", json={"city": "X"}, headers=bearer(intruder)
        )
        assert r.status_code == 405
        assert r.headers["content-type"] == "application/problem+json"
    # the intruder's own /me is theirs, not the victim's
    assert (await client.get("/v1/me/profile", headers=bearer(intruder))).status_code == 404
    assert (await client.put("/v1/me/profile", json=PROFILE)).status_code == 401


async def test_updates_need_the_current_etag(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    person_id, token = await member(client)
    await create_profile(client, token)
    changed = {**PROFILE, "city": "Paris"}

    blind = await client.put("/v1/me/profile", json=changed, headers=bearer(token))
    assert blind.status_code == 428
    stale = await client.put(
        "/v1/me/profile", json=changed, headers={**bearer(token), "If-Match": '"7"'}
    )
    assert stale.status_code == 412 and stale.json()["current_etag"] == 'W/"1"'
    ok = await client.put(
        "/v1/me/profile", json=changed, headers={**bearer(token), "If-Match": '"1"'}
    )
    assert ok.status_code == 200 and ok.headers["etag"] == 'W/"2"'
    # the second writer, who also read version 1, loses instead of overwriting
    lost = await client.put(
        "/v1/me/profile", json=PROFILE, headers={**bearer(token), "If-Match": '"1"'}
    )
    assert lost.status_code == 412

    [updated] = await outbox_events(profiles_service, "profiles.person.updated", person_id)
    assert updated["city"] is None  # still connections-only


async def test_merge_patch_changes_and_clears_fields(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    person_id, token = await member(client)
    await create_profile(client, token)
    headers = {**bearer(token), "Content-Type": "application/merge-patch+json"}

    missing = await client.patch("/v1/me/profile", content='{"city": null}', headers=headers)
    assert missing.status_code == 428
    r = await client.patch(
        "/v1/me/profile",
        content='{"city": null, "visibility": {"city": "members", "skills": "private"}, '
        '"occupations": ["2142", "2133"]}',
        headers={**headers, "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["city"] is None and body["occupations"] == ["2142", "2133"]
    assert body["visibility"]["skills"] == "private"
    assert body["headline"]["fr"].startswith("Ingénieure")  # untouched fields stay
    assert r.headers["etag"] == 'W/"2"'

    [updated] = await outbox_events(profiles_service, "profiles.person.updated", person_id)
    assert updated["skills"] == []  # now private: withdrawn from projections
    assert updated["occupations"] == ["2142", "2133"]

    stale = await client.patch(
        "/v1/me/profile", content='{"city": "Nice"}', headers={**headers, "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    text = await client.patch(
        "/v1/me/profile",
        content="city=Nice",
        headers={**bearer(token), "Content-Type": "text/plain", "If-Match": '"2"'},
    )
    assert text.status_code == 415
    unknown = await client.patch(
        "/v1/me/profile", content='{"salary": 1}', headers={**headers, "If-Match": '"2"'}
    )
    assert unknown.status_code == 422
    wrong_type = await client.patch(
        "/v1/me/profile",
        content='{"years_of_experience": "many"}',
        headers={**headers, "If-Match": '"2"'},
    )
    assert wrong_type.status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"country_of_residence": "XX"}, "country_of_residence"),
        ({"languages": [{"code": "zz"}]}, "languages"),
        ({"languages": [{"code": "fr", "level": "expert"}]}, "languages"),
        ({"occupations": ["9999"]}, "occupations"),
        ({"skills": ["S99"]}, "skills"),
        ({"sectors": ["Z"]}, "sectors"),
        ({"education_level": "9"}, "education_level"),
        ({"contribution_modes": ["lobbying"]}, "contribution_modes"),
        ({"birth_year": 1850}, "birth_year"),
        ({"gender": "robot"}, "gender"),
        ({"visibility": {"gender": "public"}}, "visibility"),
        ({"visibility": {"city": "friends"}}, "visibility"),
        ({"headline": {"xx": "hello"}}, "headline"),
        ({"display_name": "   "}, "display_name"),
    ],
)
async def test_invalid_profiles_are_422_naming_the_field(
    client: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    _, token = await member(client)
    r = await client.put("/v1/me/profile", json={**PROFILE, **change}, headers=bearer(token))
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"][-1] == field


async def test_taxonomy_is_served_in_three_languages(client: httpx.AsyncClient) -> None:
    fr = (await client.get("/v1/directory/taxonomy", params={"lang": "fr"})).json()
    assert len(fr["occupations"]) >= 60
    assert {"code": "2142", "label": "Ingénieurs civils"} in fr["occupations"]
    es = (await client.get("/v1/directory/taxonomy", params={"lang": "es"})).json()
    assert {"code": "P", "label": "Enseñanza"} in es["sectors"]


async def test_profile_snapshot_reaches_the_broker(
    client: httpx.AsyncClient, profiles_service: ProfilesService, infra: TestInfra
) -> None:
    person_id, token = await member(client)
    await create_profile(client, token)
    consumer = AIOKafkaConsumer(
        "profiles.person.v1",
        bootstrap_servers=infra.kafka_bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[dict[str, str]] = []
    try:
        async with running_relay(profiles_service):
            async with asyncio.timeout(30):
                while not found:
                    batch = await consumer.getmany(timeout_ms=500)
                    found += [
                        {k: v.decode() for k, v in r.headers}
                        for records in batch.values()
                        for r in records
                        if r.key == person_id.encode()
                    ]
    finally:
        await consumer.stop()
    assert found[0]["ce_type"] == "profiles.person.created"
    assert found[0]["ce_subject"] == person_id
