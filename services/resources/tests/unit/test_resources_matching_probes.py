"""The probes the matching query generates candidates with miss nobody: whoever scores the
threshold or more holds every tag of one probe (all of the first set, one of the second),
whatever split into rare and common features the estimate picks."""

from __future__ import annotations

import random
import uuid

import pytest

from resources.adapters import matching_sql
from resources.domain import matching

SKILLS = [f"s{i}" for i in range(12)]
OCCUPATIONS = ["2221", "2211", "3221"]
SECTORS = [f"x{i}" for i in range(4)]
MODES = ["mentoring", "investment", "trade"]
LANGUAGES = ["en", "fr", "ar"]
COUNTRIES = ["HT", "SN", "PH", "MX"]


def tags_of(p: matching.ProfileFacts) -> set[str]:
    t = matching_sql.TAG
    return {
        *(t["skills"] + v for v in p.skills),
        *(t["sectors"] + v for v in p.sectors),
        *(t["contribution_modes"] + v for v in p.contribution_modes),
        *(t["languages"] + v for v in p.languages),
        *(t["occupations"] + v for v in p.occupations),
        *([t["country_of_origin"] + p.country_of_origin] if p.country_of_origin else []),
        *([t["country_of_residence"] + p.country_of_residence] if p.country_of_residence else []),
    }


def some(rng: random.Random, values: list[str], most: int) -> frozenset[str]:
    return frozenset(rng.sample(values, rng.randint(0, most)))


@pytest.mark.parametrize("seed", range(40))
def test_everyone_reaching_the_threshold_holds_a_probe(seed: int) -> None:
    rng = random.Random(seed)
    needs = matching.Needs(
        occupations=some(rng, OCCUPATIONS, 1),
        skills=some(rng, SKILLS, 5) or frozenset({SKILLS[0]}),
        sectors=some(rng, SECTORS, 2),
        contribution_modes=some(rng, MODES, 2),
        languages=some(rng, LANGUAGES, 1),
        countries=some(rng, COUNTRIES, 3),
    )
    freq = matching_sql._Frequencies()
    freq.people = 100_000
    freq._values = {
        matching_sql.TAG["skills"] + v: rng.choice([0.5, 0.1, 0.01, 0.001]) for v in SKILLS
    }
    freq._values.update({matching_sql.TAG["contribution_modes"] + m: 0.4 for m in MODES})
    features = matching_sql._features(needs)
    total = sum(f.weight for f in features)
    people = [
        matching.ProfileFacts(
            person_id=uuid.uuid4(),
            occupations=some(rng, OCCUPATIONS, 2),
            skills=some(rng, SKILLS, 6),
            sectors=some(rng, SECTORS, 2),
            contribution_modes=some(rng, MODES, 2),
            languages=some(rng, LANGUAGES, 2),
            country_of_origin=rng.choice(COUNTRIES),
            country_of_residence=rng.choice(COUNTRIES),
        )
        for _ in range(400)
    ]
    for share in (0.3, 0.5, 0.7, 0.9, 1.0):
        probes = matching_sql._candidates(features, share * total, freq)
        if not probes:
            continue  # the query falls back to "shares anything requested"
        for person in people:
            held = tags_of(person)
            covered = any(
                set(all_of) <= held and all(held & set(group) for group in any_of)
                for all_of, any_of in probes
            )
            if matching.score(needs, person).score >= share - 1e-6:
                assert covered, (needs, person, share)
