"""Explainable matching of people and opportunities.

One scoring rule serves both directions (people for an opportunity, opportunities for a
person). The database ranks with the same weights (adapters/matching_sql.py); this module is
the reference and produces the reasons shown to people.

The score is the weighted share of what the opportunity asks for that the person has, in
[0, 1]. Each criterion the opportunity names counts with its weight (``WEIGHTS``); a list
criterion (occupations, skills, sectors, languages, contribution modes) earns its weight in
proportion to the requested values the person has; a country the opportunity names earns
the origin weight when it is the person's country of origin and the residence weight when
it is where they live (both can hold). Criteria the opportunity leaves empty do not count.
Equal scores are ordered by person (or opportunity) id, so the same people always come in
the same order. All codes are the vocabulary's canonical codes (contracts.vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

#: weight of each criterion when the opportunity asks for it (docs: services/resources/README)
WEIGHTS = {
    "occupations": 4.0,  # ISCO-08 unit groups: what the person does for a living
    "skills": 3.0,  # ESCO skill groups
    "sectors": 2.0,  # ISIC Rev.4 sections
    "languages": 2.0,  # ISO 639
    "country_of_origin": 2.0,  # the opportunity's countries: the person's origin...
    "country_of_residence": 1.0,  # ...or where they live now
    "contribution_modes": 1.0,  # how they want to contribute
}
#: a match this good is announced to the person (OpportunityMatchFound)
GOOD_MATCH = 0.5

#: the list criteria: (weight key, Needs field, ProfileFacts field)
LIST_CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("occupations", "occupations", "occupations"),
    ("skills", "skills", "skills"),
    ("sectors", "sectors", "sectors"),
    ("languages", "languages", "languages"),
    ("contribution_modes", "contribution_modes", "contribution_modes"),
)


@dataclass(frozen=True)
class ProfileFacts:
    """What the local projection knows of a person (only member-visible fields)."""

    person_id: UUID
    occupations: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    contribution_modes: frozenset[str] = frozenset()
    country_of_origin: str | None = None
    country_of_residence: str | None = None
    open_to_opportunities: bool = False


@dataclass(frozen=True)
class Needs:
    """What an opportunity asks for."""

    occupations: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    contribution_modes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    """Why a person fits: the criterion (a ``WEIGHTS`` key, which is also the vocabulary
    scheme of its values, countries aside) and the codes the person has of what was asked."""

    kind: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def good(self) -> bool:
        return self.score >= GOOD_MATCH


def score(needs: Needs, person: ProfileFacts) -> Match:
    """Weighted coverage of what the opportunity asks for, in [0, 1], with the why."""
    total = earned = 0.0
    reasons: list[Reason] = []
    for kind, need_field, fact_field in LIST_CRITERIA:
        wanted: frozenset[str] = getattr(needs, need_field)
        if not wanted:
            continue
        total += WEIGHTS[kind]
        shared = wanted & getattr(person, fact_field)
        if shared:
            earned += WEIGHTS[kind] * len(shared) / len(wanted)
            reasons.append(Reason(kind, tuple(sorted(shared))))
    if needs.countries:
        for kind, country in (
            ("country_of_origin", person.country_of_origin),
            ("country_of_residence", person.country_of_residence),
        ):
            total += WEIGHTS[kind]
            if country in needs.countries:
                earned += WEIGHTS[kind]
                reasons.append(Reason(kind, (country or "",)))
    return Match(round(earned / total, 4) if total else 0.0, tuple(reasons))
