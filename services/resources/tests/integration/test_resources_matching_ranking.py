"""The database ranking (score thresholds, candidates from GIN probes of the tag array)
returns exactly the top N the domain's scoring rule gives over every consenting person:
checked against brute force on a skewed population in the real Postgres, for a short and a
longer page (different thresholds and probes)."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from resources.adapters import matching_sql
from resources.adapters.orm import people
from resources.adapters.people import facts
from resources.bootstrap import ResourcesService
from resources.domain import matching

TAG = uuid.uuid4().hex[:6]
SKILLS = [f"s{i}-{TAG}" for i in range(60)]
SECTORS = [f"x{i}-{TAG}" for i in range(8)]
MODES = ["skills_transfer", "mentoring", "investment", "volunteering"]
LANGUAGES = ["en", "fr", "es", "ar", "pt"]
COUNTRIES = ["HT", "SN", "MA", "PH", "MX", "IE", "FR", "US"]


def skewed(rng: random.Random, values: list[str], k: int) -> list[str]:
    weights = [1 / (i + 1) ** 1.2 for i in range(len(values))]
    return sorted(set(rng.choices(values, weights=weights, k=k)))


@pytest.fixture(scope="module")
async def population(resources_service: ResourcesService) -> AsyncIterator[None]:
    rng = random.Random(7)
    rows = [
        {
            "person_id": uuid.uuid4(),
            "sequence": 1,
            "display_name": None,
            "country_of_origin": rng.choice(COUNTRIES),
            "country_of_residence": rng.choice(COUNTRIES),
            "languages": skewed(rng, LANGUAGES, rng.randint(1, 2)),
            "skills": skewed(rng, SKILLS, rng.randint(2, 6)),
            "sectors": skewed(rng, SECTORS, rng.randint(0, 2)),
            "contribution_modes": skewed(rng, MODES, rng.randint(1, 2)),
            "open_to_opportunities": rng.random() < 0.8,
            "locale": "en",
            "updated_at": datetime.now(UTC),
        }
        for _ in range(3000)
    ]
    async with resources_service.chassis.engine.begin() as conn:
        await conn.execute(people.insert(), rows)
        await conn.execute(text("ANALYZE resources.people"))
    matching_sql.FREQUENCIES._at = -1e9  # read the fresh statistics
    yield
    # the schema is shared by the session: other tests' matches must not meet these people
    async with resources_service.chassis.engine.begin() as conn:
        await conn.execute(
            people.delete().where(people.c.person_id.in_([r["person_id"] for r in rows]))
        )


def needs_cases() -> list[matching.Needs]:
    rng = random.Random(11)
    cases = [
        matching.Needs(skills=frozenset({SKILLS[0]})),  # the most common skill alone
        matching.Needs(
            skills=frozenset({SKILLS[0], SKILLS[1]}),
            contribution_modes=frozenset({"mentoring"}),
            languages=frozenset({"fr"}),
            countries=frozenset({"HT"}),
        ),
        matching.Needs(contribution_modes=frozenset({"investment"})),  # unindexed only
        matching.Needs(skills=frozenset({SKILLS[59]}), languages=frozenset({"ar"})),  # rare
    ]
    for _ in range(12):
        cases.append(
            matching.Needs(
                skills=frozenset(skewed(rng, SKILLS, rng.randint(1, 4))),
                sectors=frozenset(skewed(rng, SECTORS, rng.randint(0, 2))),
                contribution_modes=frozenset(skewed(rng, MODES, rng.randint(0, 2))),
                languages=frozenset(skewed(rng, LANGUAGES, rng.randint(0, 1))),
                countries=frozenset(rng.sample(COUNTRIES, rng.randint(0, 2))),
            )
        )
    return cases


@pytest.mark.parametrize("limit", [5, 20])
@pytest.mark.parametrize("needs", needs_cases())
async def test_database_top_n_equals_brute_force(
    resources_service: ResourcesService, population: None, needs: matching.Needs, limit: int
) -> None:
    async with resources_service.chassis.sessions() as session:
        ranked = await matching_sql.rank_people(session, needs, limit)
        everyone = [
            facts(r)
            for r in (
                await session.execute(people.select().where(people.c.open_to_opportunities))
            ).mappings()
        ]
    brute = sorted(
        ((matching.score(needs, p).score, str(p.person_id)) for p in everyone),
        key=lambda x: (-x[0], x[1]),
    )
    brute = [b for b in brute if b[0] > 0][:limit]
    got = [(matching.score(needs, p).score, str(p.person_id)) for p in ranked]
    got = [g for g in got if g[0] > 0]
    assert [s for s, _ in got] == [s for s, _ in brute]  # the same scores, best first
    # the same people, up to the order of equal scores
    cut = brute[-1][0] if brute else 0
    assert {pid for s, pid in got if s > cut} == {pid for s, pid in brute if s > cut}
