"""resources in the privacy protocol, on the real broker and Postgres: consent withdrawn
(directory_listing, government_contact for one organisation) is honoured by matching at once;
reads of identified data by a poster are recorded; an export request is answered with the
person's slice sealed to the request's key; an erasure request is answered with counts and
leaves nothing identifying behind."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
from resources_testkit import (
    handled,
    new_id,
    outbox_of_type,
    produce,
    profile_event,
    projected,
    read_key,
    resource_body,
)
from sqlalchemy import text

from contracts.envelope import CloudEvent
from contracts.events import privacy
from contracts.events.profiles import AccountErased, LanguageSkill, PersonProfileCreated
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, eventually, running_relay
from eventkit.sealed import new_keypair, open_sealed
from resources.bootstrap import ResourcesService


def consent(model: type[privacy.ConsentEvent], person: UUID, purpose: str, **kw: Any) -> CloudEvent:
    now = datetime.now(UTC)
    moment = (
        {"given_at": now, "policy_version": "2026-1"}
        if model is privacy.ConsentGiven
        else {"withdrawn_at": now}
    )
    return profile_event(
        model,
        person,
        1,
        consent_id=new_id(),
        purpose=purpose,
        channel="web",
        **{"recipient_kind": privacy.RECIPIENT_PLATFORM, **kw, **moment},
    )


async def matched(
    client: httpx.AsyncClient, oid: str, headers: dict[str, str], person: UUID
) -> list[str]:
    """Whether ``person`` is among the matches (others of the session may share the skill;
    this person alone also comes from the opportunity's country, so ranks first)."""
    r = await client.get(f"/v1/opportunities/{oid}/matches", headers=headers)
    assert r.status_code == 200, r.text
    return [m["person_id"] for m in r.json() if m["person_id"] == str(person)]


async def test_consent_export_access_and_erasure(
    resources_service: ResourcesService,
    resources_worker: None,
    infra: TestInfra,
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
) -> None:
    person = new_id()
    skill = "S3"  # and from Tuvalu, which no other test uses
    created = profile_event(
        PersonProfileCreated,
        person,
        1,
        display_name="Amina",
        skills=[skill],
        country_of_origin="TV",
        languages=[LanguageSkill(code="fr")],
        contribution_modes=["mentoring"],
        open_to_opportunities=True,
    )
    await produce(infra.kafka_bootstrap, created)
    await eventually(lambda: projected(resources_service, person))

    # ---- what the person does here
    me = tokens.headers(person)
    # a name nobody else's resource carries, so that searching for it finds only theirs
    author_name = f"Amina Q{person.hex[:10]}"
    authors = [{"name": author_name, "kind": "person", "person_id": str(person)}]
    rid = (
        await client.post("/v1/resources", json=resource_body(authors=authors), headers=me)
    ).json()["id"]
    poster_id, ministry = new_id(), new_id()
    poster = tokens.headers(poster_id, roles=("government_focal_point",))
    deadline = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    opportunity = {"kind": "mentors", "title": "Mentors", "deadline": deadline,
                   "required_skills": [skill], "countries": ["TV"]}  # fmt: skip
    oid = (
        await client.post(
            "/v1/opportunities", json={**opportunity, "organisation": "NGO"}, headers=poster
        )
    ).json()["id"]
    gov_oid = (
        await client.post(
            "/v1/opportunities",
            json={**opportunity, "organisation": "Ministry", "organisation_id": str(ministry)},
            headers=poster,
        )
    ).json()["id"]
    assert (
        await client.post(
            f"/v1/opportunities/{oid}/interests", json={"message": "I mentor nurses"}, headers=me
        )
    ).status_code == 201
    event = {"kind": "webinar", "title": "Bonds webinar", "organiser": "IOM",
             "time_zone": "UTC", "starts_at": deadline, "ends_at": (datetime.now(UTC)
             + timedelta(days=30, hours=1)).isoformat()}  # fmt: skip
    eid = (await client.post("/v1/events", json=event, headers=poster)).json()["id"]
    assert (await client.post(f"/v1/events/{eid}/registrations", headers=me)).status_code == 201

    # ---- a poster reading matches and interests is recorded in the person's audit log
    assert await matched(client, oid, poster, person) == [str(person)]
    assert await matched(client, gov_oid, poster, person) == [str(person)]
    interests = await client.get(f"/v1/opportunities/{oid}/interests", headers=poster)
    assert [i["person_id"] for i in interests.json()] == [str(person)]
    accessed = [
        p for p in await outbox_of_type(resources_service, "resources.privacy.data_accessed")
        if p["person_id"] == str(person)
    ]  # fmt: skip
    assert sorted(a["record_type"] for a in accessed) == [
        "expression_of_interest", "match", "match"
    ]  # fmt: skip
    assert {a["accessor_id"] for a in accessed} == {str(poster_id)}
    assert {a["accessor_role"] for a in accessed} == {"government_focal_point"}

    # ---- consent: government_contact withdrawn for the ministry only
    gov = consent(
        privacy.ConsentWithdrawn,
        person,
        privacy.GOVERNMENT_CONTACT,
        recipient_kind=privacy.RECIPIENT_ORGANISATION,
        recipient_id=ministry,
    )
    await produce(infra.kafka_bootstrap, gov)
    await eventually(lambda: handled(resources_service, gov.id))
    assert await matched(client, gov_oid, poster, person) == []
    assert await matched(client, oid, poster, person) == [str(person)]

    # directory_listing withdrawn: matched nowhere; given again: back
    withdrawn = consent(privacy.ConsentWithdrawn, person, privacy.DIRECTORY_LISTING)
    await produce(infra.kafka_bootstrap, withdrawn)
    await eventually(lambda: handled(resources_service, withdrawn.id))
    assert await matched(client, oid, poster, person) == []
    given = consent(privacy.ConsentGiven, person, privacy.DIRECTORY_LISTING)
    await produce(infra.kafka_bootstrap, given, withdrawn)  # the old withdrawal redelivered
    await eventually(lambda: handled(resources_service, given.id))
    assert await matched(client, oid, poster, person) == [str(person)]

    # ---- export: the slice sealed to the request's one-time key
    private_key, public_key = new_keypair()
    export_id = new_id()
    request = profile_event(
        privacy.DataExportRequested,
        person,
        2,
        export_id=export_id,
        public_key=public_key,
        participants=list(privacy.PARTICIPANTS),
        requested_at=datetime.now(UTC),
    )
    await produce(infra.kafka_bootstrap, request)
    await eventually(lambda: handled(resources_service, request.id))

    # published, the resource is found by its author's name (before the erasure)
    moderator = tokens.headers(new_id(), roles=("moderator",))
    assert (await client.post(f"/v1/resources/{rid}/submit", headers=me)).status_code == 200
    assert (await client.post(f"/v1/resources/{rid}/publish", headers=moderator)).status_code == 200
    assert await found_by(client, author_name, rid)

    # ---- erasure with an erasure id: answered with counts
    erasure_id = new_id()
    erased = profile_event(
        AccountErased, person, 9, erased_at=datetime.now(UTC), erasure_id=erasure_id
    )
    await produce(infra.kafka_bootstrap, erased)
    await eventually(lambda: handled(resources_service, erased.id))

    async with running_relay(resources_service):
        answers = await read_key(infra.kafka_bootstrap, "resources.privacy.v1", str(person), 7)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for ce_type, payload in answers:
        by_type.setdefault(ce_type, []).append(payload)

    parts = sorted(
        (p for p in by_type["resources.privacy.data_exported"] if p["export_id"] == str(export_id)),
        key=lambda p: p["part"],
    )
    assert parts and parts[0]["parts"] == len(parts)
    raw = b"".join(open_sealed(private_key, p["sealed_slice"]) for p in parts)
    exported = json.loads(raw)
    assert exported["service"] == "resources"
    data = exported["data"]
    assert data["profile_projection"]["skills"] == [skill]
    assert [i["message"] for i in data["expressions_of_interest"]] == ["I mentor nurses"]
    assert [r["event_id"] for r in data["event_registrations"]] == [eid]
    assert [r["id"] for r in data["resources_contributed"]] == [rid]
    assert [r["id"] for r in data["resources_authored"]] == [rid]
    assert {c["purpose"] for c in data["consent_decisions"]} == {
        privacy.DIRECTORY_LISTING, privacy.GOVERNMENT_CONTACT
    }  # fmt: skip

    (answer,) = by_type["resources.privacy.data_erased"]
    assert answer["erasure_id"] == str(erasure_id) and answer["service"] == "resources"
    assert answer["deleted"]["profile_projection"] == 1
    assert answer["deleted"]["expressions_of_interest"] == 1
    assert answer["deleted"]["event_registrations"] == 1
    assert answer["deleted"]["consent_decisions"] == 2
    assert answer["de_identified"]["resources_contributed"] == 1
    assert answer["de_identified"]["resources_authored"] == 1
    assert answer["de_identified"]["resource_versions_naming_them"] >= 1

    # nothing identifying is left; the published content stays
    assert await projected(resources_service, person) is None
    assert await matched(client, oid, poster, person) == []
    async with resources_service.chassis.engine.connect() as conn:
        for table, column in (
            ("expressions_of_interest", "person_id"),
            ("event_registrations", "person_id"),
            ("consents", "person_id"),
            ("announced_matches", "person_id"),
            ("resources", "contributor_id"),
            ("resource_history", "actor_id"),
        ):
            n = await conn.scalar(
                text(f"SELECT count(*) FROM resources.{table} WHERE {column} = :p"),
                {"p": person},
            )
            assert n == 0, table
        authors_left = await conn.scalar(
            text("SELECT authors FROM resources.resources WHERE id = :id"), {"id": rid}
        )
        versions_naming = await conn.scalar(
            text("SELECT count(*) FROM resources.resource_history WHERE snapshot::text LIKE :p"),
            {"p": f"%{person}%"},
        )
    assert authors_left == [{"name": "Former member", "kind": "person", "person_id": None}]
    # derived data forgets them too: the search index no longer finds the work by their name
    # (its change log took the erasure's update; a search applies what committed before it)
    assert not await found_by(client, author_name, rid)
    assert versions_naming == 0  # older versions in the history no longer name them


async def found_by(client: httpx.AsyncClient, query: str, resource_id: str) -> bool:
    """Whether anyone's search for ``query`` lists the resource."""
    r = await client.get("/v1/resources", params={"q": query, "limit": 100})
    assert r.status_code == 200, r.text
    return resource_id in r.text
