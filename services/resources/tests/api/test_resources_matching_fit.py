"""Matching from the vocabulary: people of deliberately different fit come in the order a
person would rank them by hand, with the scores worked out from the documented weights,
the same order every time, reasons said in the reader's language, and the best fits told.

Found from the outside: a nurse (occupation 2221, skill S3, sector Q, French, origin Haiti)
scored the same as someone with no nursing skill for a "nurse, French, Haiti" opportunity
(occupations did not count, and the poster could not name the skill as profiles stores it),
their order flipped between runs, both stayed under the threshold and the nurse was never
told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest
from resources_testkit import handled, new_id, outbox, produce, profile_event

from contracts.events.profiles import LanguageSkill, PersonProfileCreated
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, eventually
from resources.bootstrap import ResourcesService
from resources.domain.matching import GOOD_MATCH, WEIGHTS

NURSES_FOR_HAITI: dict[str, Any] = {
    "kind": "experts",
    "title": "Nurses for the Jacmel hospital",
    "organisation": "Ministère de la Santé publique",
    "required_occupations": ["2221"],
    "required_skills": ["s3"],  # any case: the vocabulary keeps the canonical S3
    "sectors": ["Q"],
    "languages": ["fra"],  # ISO 639-2 is accepted and stored as fr
    "countries": ["HT"],
    "contribution_modes": ["short_assignment"],
}

#: name -> profile; the comment is the score by hand with WEIGHTS (occupations 4, skills 3,
#: sectors 2, languages 2, origin 2, residence 1, contribution modes 1: 15 in all)
CAST: dict[str, dict[str, Any]] = {
    # 4 + 3 + 2 + 2 + 2 (origin) + 0 + 1 = 14
    "Nadège, Haitian nurse in Paris": dict(
        occupations=["2221"],
        skills=["S3"],
        sectors=["Q"],
        languages=[LanguageSkill(code="fr"), LanguageSkill(code="ht", level="native")],
        country_of_origin="HT",
        country_of_residence="FR",
        contribution_modes=["short_assignment", "mentoring"],
    ),
    # 4 + 3 + 2 + 2 = 11: a nurse, but no tie to Haiti and no wish for short assignments
    "Jean, Senegalese nurse in Paris": dict(
        occupations=["2221"],
        skills=["S3"],
        sectors=["Q"],
        languages=[LanguageSkill(code="fr")],
        country_of_origin="SN",
        country_of_residence="FR",
    ),
    # 0 + 3 + 2 + 2 + 2 + 1 = 10: a Haitian doctor in Haiti, not a nurse
    "Marie, Haitian doctor in Port-au-Prince": dict(
        occupations=["2211"],
        skills=["S3"],
        sectors=["Q"],
        languages=[LanguageSkill(code="fr")],
        country_of_origin="HT",
        country_of_residence="HT",
    ),
    # 0 + 3 + 2 + 0 + 0 + 1 = 6: nursing associate living in Haiti, speaks only English
    "Paul, American nursing associate in Haiti": dict(
        occupations=["3221"],
        skills=["S3"],
        sectors=["Q"],
        languages=[LanguageSkill(code="en")],
        country_of_origin="US",
        country_of_residence="HT",
    ),
    # 0 + 0 + 0 + 2 + 2 = 4: a Haitian teacher who speaks French
    "Rose, Haitian teacher in Montréal": dict(
        occupations=["2341"],
        skills=["S1"],
        sectors=["P"],
        languages=[LanguageSkill(code="fr")],
        country_of_origin="HT",
        country_of_residence="CA",
    ),
    # shares nothing asked for: not ranked at all
    "Ali, software developer in Lyon": dict(
        occupations=["2512"],
        skills=["S5"],
        sectors=["J"],
        languages=[LanguageSkill(code="ar")],
        country_of_origin="FR",
        country_of_residence="FR",
        contribution_modes=["investment"],
    ),
}
#: as good a fit as Nadège, but did not agree to be matched
NOT_OPEN = "Lucie, Haitian nurse, not open to opportunities"

BY_HAND = [
    ("Nadège, Haitian nurse in Paris", 14 / 15),
    ("Jean, Senegalese nurse in Paris", 11 / 15),
    ("Marie, Haitian doctor in Port-au-Prince", 10 / 15),
    ("Paul, American nursing associate in Haiti", 6 / 15),
    ("Rose, Haitian teacher in Montréal", 4 / 15),
]


def test_the_hand_computed_scores_use_the_documented_weights() -> None:
    assert sum(WEIGHTS.values()) == 15
    assert [name for name, s in BY_HAND if s >= GOOD_MATCH] == [name for name, _ in BY_HAND[:3]]


@pytest.fixture(scope="module")
async def people(
    resources_service: ResourcesService, resources_worker: None, infra: TestInfra
) -> dict[str, UUID]:
    ids = {name: new_id() for name in [*CAST, NOT_OPEN]}
    events = [
        profile_event(
            PersonProfileCreated, ids[name], 1, open_to_opportunities=True, locale="fr", **fields
        )
        for name, fields in CAST.items()
    ]
    events.append(
        profile_event(
            PersonProfileCreated,
            ids[NOT_OPEN],
            1,
            open_to_opportunities=False,
            **CAST["Nadège, Haitian nurse in Paris"],
        )
    )
    await produce(infra.kafka_bootstrap, *events)
    for e in events:
        await eventually(lambda e=e: handled(resources_service, e.id))
    return ids


async def test_people_come_in_the_order_a_person_would_rank_them(
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
    people: dict[str, UUID],
    resources_service: ResourcesService,
) -> None:
    focal_point = tokens.headers(new_id(), roles=("member", "government_focal_point"))
    body = {**NURSES_FOR_HAITI, "deadline": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
    posted = await client.post("/v1/opportunities", json=body, headers=focal_point)
    assert posted.status_code == 201, posted.text
    oid = posted.json()["id"]
    stored = (await client.get(f"/v1/opportunities/{oid}")).json()
    assert (stored["required_skills"], stored["languages"]) == (["S3"], ["fr"])

    names = {person_id: name for name, person_id in people.items()}
    rankings = []
    for _ in range(2):  # the same order every time
        answer = await client.get(
            f"/v1/opportunities/{oid}/matches?limit=200",
            headers={**focal_point, "Accept-Language": "fr"},
        )
        assert answer.status_code == 200, answer.text
        ours = [m for m in answer.json() if UUID(m["person_id"]) in names]
        rankings.append([(names[UUID(m["person_id"])], m["score"]) for m in ours])
    assert rankings[0] == rankings[1]
    assert [name for name, _ in rankings[0]] == [name for name, _ in BY_HAND]
    for (_, score), (_, expected) in zip(rankings[0], BY_HAND, strict=True):
        assert score == pytest.approx(expected, abs=1e-4)

    best = next(m for m in ours if names[UUID(m["person_id"])].startswith("Nadège"))
    said = {r["kind"]: r for r in best["reasons"]}
    assert said["occupations"]["text"] == "Profession : Cadres infirmiers"
    assert said["languages"]["text"] == "Parle français"
    assert said["country_of_origin"]["text"] == "Pays d'origine : Haïti"
    assert [(x["code"], x["lang"]) for x in said["skills"]["labels"]] == [("S3", "fr")]
    in_arabic = await client.get(f"/v1/opportunities/{oid}/matches?lang=ar", headers=focal_point)
    nurse = next(m for m in in_arabic.json() if m["person_id"] == best["person_id"])
    occupation = next(r for r in nurse["reasons"] if r["kind"] == "occupations")
    assert occupation["labels"][0]["lang"] == "ar"  # the project's Arabic ISCO-08 labels (4f99eed)
    assert next(r for r in nurse["reasons"] if r["kind"] == "languages")["lang"] == "ar"

    # the good fits are told (announced once each), the others are not
    async def announced() -> set[str]:
        rows = await outbox(resources_service, oid)
        return {
            names[UUID(r["data"]["person_id"])]
            for r in rows
            if r["type"] == "resources.opportunity.match_found"
            and UUID(r["data"]["person_id"]) in names
        }

    await eventually(lambda: _has(announced, 3))
    assert await announced() == {name for name, _ in BY_HAND[:3]}


async def _has(found: Any, count: int) -> bool:
    return len(await found()) >= count
