"""The generated campaign the attack suite runs on: 473 respondents, most of them of Haitian
origin, and the small Fijian group of issue #26 planted in it (9 women aged 65+ born in Fiji
and living in Belgium; the men 65+ born in Fiji: 13 in Belgium and 12 in France).

Every respondent is described by the facts the attacker models exactly (origin, residence,
gender, age band, month of submission, wave); the other answers of the questionnaire are left
unanswered, so every table over them is a single ``unknown`` category that teaches nothing.
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: the facts the attacker's integer program has one variable per combination of
MODEL_DIMENSIONS = ("origin", "residence", "gender", "age_band", "wave")
ORIGINS = ("HT", "FJ", "CL")
RESIDENCES = ("US", "FR", "BE")
GENDERS = ("female", "male", "unknown")
AGE_BANDS = ("25-34", "45-54", "65+")
#: months of the campaign; the last one is "now" for web responses (the suite's clock)
MONTHS = ("2026-10", "2026-11", "2026-12")
WAVES = ("1", "2")
#: birth years that give each age band for a response submitted in 2026
BIRTH_YEAR = {"25-34": 1996, "45-54": 1976, "65+": 1955}
CATEGORIES: dict[str, tuple[str, ...]] = {
    "origin": ORIGINS,
    "residence": RESIDENCES,
    "gender": GENDERS,
    "age_band": AGE_BANDS,
    "wave": WAVES,
    "month": MONTHS,
}


@dataclass(frozen=True)
class Person:
    origin: str
    residence: str
    gender: str  # "unknown": the question was not answered
    age_band: str
    month: str
    wave: str = "1"
    #: free text that feeds no statistic (look-alike respondents are distinct people)
    city: str = ""

    def atom(self) -> tuple[str, ...]:
        return (self.origin, self.residence, self.gender, self.age_band, self.wave, self.month)

    def answers(self) -> dict[str, Any]:
        """The answer sheet of the platform's standard questionnaire."""
        out: dict[str, Any] = {
            "consent": "yes",
            "country_of_origin": self.origin,
            "country_of_residence": self.residence,
            "birth_year": BIRTH_YEAR[self.age_band],
        }
        if self.gender != "unknown":
            out["gender"] = self.gender
        if self.city:
            out["city_of_residence"] = self.city
        return out

    def kobo_record(self, rng: random.Random) -> dict[str, Any]:
        """The same person as a KoboToolbox submission (group paths, bookkeeping fields)."""
        uid = str(uuid.UUID(int=rng.getrandbits(128)))
        record: dict[str, Any] = {
            "_uuid": uid,
            "meta/instanceID": f"uuid:{uid}",
            "_submission_time": f"{self.month}-{rng.randint(1, 6):02d}T10:00:00",
            "formhub/uuid": "attack-suite",
        }
        for name, value in self.answers().items():
            record[name if name == "consent" else f"about_you/{name}"] = value
        return record


#: atom = (origin, residence, gender, age_band, wave, month)
ATOM_DIMENSIONS = (*MODEL_DIMENSIONS, "month")
ATOMS: tuple[tuple[str, ...], ...] = tuple(
    itertools.product(*(CATEGORIES[d] for d in ATOM_DIMENSIONS))
)

#: the planted group of issue #26 (origin FJ) by (residence, gender, age band): women aged
#: 65+ in Belgium are 9; every other Fijian group is planted too, spread over two months
PLANTED = {
    ("BE", "female", "65+"): 9,
    ("BE", "male", "65+"): 13,
    ("FR", "male", "65+"): 12,
    ("FR", "female", "65+"): 3,
    ("US", "male", "65+"): 4,
    ("BE", "female", "25-34"): 15,
    ("BE", "female", "45-54"): 14,
    ("BE", "male", "45-54"): 11,
    ("FR", "female", "25-34"): 12,
    ("US", "female", "45-54"): 6,
}
TOTAL = 473


def generate(seed: int = 26) -> list[Person]:
    rng = random.Random(seed)
    people: list[Person] = []

    def city() -> str:
        return f"City {len(people)}"

    for (residence, gender, age), n in PLANTED.items():
        for i in range(n):
            people.append(Person("FJ", residence, gender, age, MONTHS[i % 2], city=city()))
    while len(people) < TOTAL:
        people.append(
            Person(
                rng.choices(("HT", "CL"), weights=[90, 10])[0],
                rng.choices(RESIDENCES, weights=[55, 35, 10])[0],
                rng.choices(GENDERS, weights=[48, 49, 3])[0],
                rng.choices(AGE_BANDS, weights=[45, 45, 10])[0],
                rng.choices(MONTHS[:2], weights=[60, 40])[0],
                city=city(),
            )
        )
    rng.shuffle(people)
    return people


def truth_vector(people: Iterable[Person]) -> list[int]:
    counts = atom_counts(people)
    return [counts.get(a, 0) for a in ATOMS]


def atom_counts(people: Iterable[Person]) -> Counter[tuple[str, ...]]:
    return Counter(p.atom() for p in people)


def matches(atom: tuple[str, ...], constraints: Mapping[str, Any]) -> bool:
    """Whether an atom lies in a cell: ``constraints`` maps a dimension to its value, and
    ``month`` to the set of months of the time window."""
    for dim, value in constraints.items():
        if dim == "month":
            if atom[ATOM_DIMENSIONS.index("month")] not in value:
                return False
        elif atom[ATOM_DIMENSIONS.index(dim)] != value:
            return False
    return True
