"""The people projection, fed by profiles' events through the real broker: newest sequence
wins, duplicates and out-of-order redeliveries change nothing, erasure is final and
de-identifies what the person contributed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import httpx
from resources_testkit import (
    handled,
    new_id,
    produce,
    profile_event,
    projected,
    resource_body,
)
from sqlalchemy import text

from contracts.envelope import CloudEvent
from contracts.events.profiles import (
    AccountErased,
    LanguageSkill,
    PersonProfileCreated,
    PersonProfileUpdated,
)
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, eventually
from resources.bootstrap import ResourcesService


async def test_projection_keeps_the_newest_snapshot_despite_duplicates_and_disorder(
    resources_service: ResourcesService, resources_worker: None, infra: TestInfra
) -> None:
    person = new_id()
    created = profile_v(PersonProfileCreated, person, 1, skills=["nursing"])
    newest = profile_v(PersonProfileUpdated, person, 3, skills=["nursing", "data"], origin="HT")
    stale = profile_v(PersonProfileUpdated, person, 2, skills=["stale"], origin="SN")
    # newest first, then the same event again (redelivery), then an older one (out of order)
    await produce(infra.kafka_bootstrap, newest, created, newest, stale)
    await eventually(lambda: handled(resources_service, stale.id))

    row = await projected(resources_service, person)
    assert row is not None
    assert row["sequence"] == 3
    assert row["skills"] == ["data", "nursing"]
    assert row["country_of_origin"] == "HT"
    assert row["languages"] == ["en", "fr"]
    assert row["open_to_opportunities"] is True

    # a real newer update still applies, and consent can be withdrawn
    withdrawn = profile_v(
        PersonProfileUpdated, person, 4, skills=["data"], origin="HT", open_=False
    )
    await produce(infra.kafka_bootstrap, withdrawn)
    row = await eventually(
        lambda: projected(resources_service, person), lambda r: r is not None and r["sequence"] == 4
    )
    assert row is not None and row["open_to_opportunities"] is False


async def test_erasure_removes_the_person_everywhere_and_for_good(
    resources_service: ResourcesService,
    resources_worker: None,
    infra: TestInfra,
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
) -> None:
    person = new_id()
    skill = "S3"  # and from Nauru, which no other test uses: this person ranks first
    await produce(
        infra.kafka_bootstrap,
        profile_v(PersonProfileCreated, person, 1, skills=[skill], origin="NR"),
    )
    await eventually(lambda: projected(resources_service, person))

    # things the person did: a contribution naming them, an expression of interest
    me = tokens.headers(person)
    authors = [{"name": "Amina", "kind": "person", "person_id": str(person)}, {"name": "IOM"}]
    rid = (
        await client.post("/v1/resources", json=resource_body(authors=authors), headers=me)
    ).json()["id"]
    poster = tokens.headers(new_id(), roles=("organisation_admin",))
    deadline = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    oid = (
        await client.post(
            "/v1/opportunities",
            json={
                "kind": "experts",
                "title": "Data experts",
                "organisation": "Ministry",
                "deadline": deadline,
                "required_skills": [skill],
                "countries": ["NR"],
            },
            headers=poster,
        )
    ).json()["id"]
    assert (
        await client.post(f"/v1/opportunities/{oid}/interests", json={}, headers=me)
    ).status_code == 201
    matches = (await client.get(f"/v1/opportunities/{oid}/matches", headers=poster)).json()
    assert matches[0]["person_id"] == str(person)

    erased = profile_event_erased(person)
    await produce(infra.kafka_bootstrap, erased)
    await eventually(lambda: handled(resources_service, erased.id))

    assert await projected(resources_service, person) is None
    after = (await client.get(f"/v1/opportunities/{oid}/matches", headers=poster)).json()
    assert str(person) not in [m["person_id"] for m in after]
    assert (await client.get(f"/v1/opportunities/{oid}/interests", headers=poster)).json() == []
    async with resources_service.chassis.engine.connect() as conn:
        contributor, names = (
            await conn.execute(
                text("SELECT contributor_id, authors FROM resources.resources WHERE id = :id"),
                {"id": rid},
            )
        ).one()
        actors = await conn.scalar(
            text("SELECT count(*) FROM resources.resource_history WHERE actor_id = :p"),
            {"p": person},
        )
    assert contributor is None
    assert names == [
        {"name": "Former member", "kind": "person", "person_id": None},
        {"name": "IOM", "kind": "organisation", "person_id": None},
    ]
    assert actors == 0

    # a late or replayed profile event never brings the person back
    late = profile_v(PersonProfileUpdated, person, 7, skills=[skill])
    await produce(infra.kafka_bootstrap, late, erased)
    await eventually(lambda: handled(resources_service, late.id))
    assert await projected(resources_service, person) is None


def profile_v(
    model: type[PersonProfileCreated] | type[PersonProfileUpdated],
    person: UUID,
    sequence: int,
    *,
    skills: list[str],
    origin: str = "HT",
    open_: bool = True,
) -> CloudEvent:
    return profile_event(
        model,
        person,
        sequence,
        display_name="Amina",
        skills=skills,
        country_of_origin=origin,
        country_of_residence="CA",
        languages=[LanguageSkill(code="fr"), LanguageSkill(code="en")],
        contribution_modes=["skills_transfer"],
        open_to_opportunities=open_,
    )


def profile_event_erased(person: UUID) -> CloudEvent:
    return profile_event(AccountErased, person, 9, erased_at=datetime.now(UTC))
