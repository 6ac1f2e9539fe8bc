"""Explainable matching of people and opportunities.

One scoring rule serves both directions (people for an opportunity, opportunities for a
person). The database ranks with the same weights (adapters/matching_sql.py); this module is
the reference and produces the reasons shown to people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

#: weight of each criterion when the opportunity asks for it
WEIGHTS = {
    "skills": 4.0,
    "sectors": 2.0,
    "modes": 2.0,
    "countries": 2.0,
    "languages": 1.0,
}
GOOD_MATCH = 0.5


@dataclass(frozen=True)
class ProfileFacts:
    """What the local projection knows of a person (only member-visible fields)."""

    person_id: UUID
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

    skills: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    contribution_modes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
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

    def criterion(name: str, wanted: frozenset[str], have: frozenset[str], kind: str) -> None:
        nonlocal total, earned
        if not wanted:
            return
        total += WEIGHTS[name]
        shared = wanted & have
        if shared:
            earned += WEIGHTS[name] * len(shared) / len(wanted)
            reasons.append(Reason(kind, tuple(sorted(shared))))

    criterion("skills", needs.skills, person.skills, "shared_skills")
    criterion("sectors", needs.sectors, person.sectors, "shared_sectors")
    criterion("modes", needs.contribution_modes, person.contribution_modes, "contribution_modes")
    criterion("languages", needs.languages, person.languages, "shared_languages")
    if needs.countries:
        total += WEIGHTS["countries"]
        ties = []
        if person.country_of_origin in needs.countries:
            ties.append(Reason("country_of_origin", (person.country_of_origin or "",)))
        if person.country_of_residence in needs.countries:
            ties.append(Reason("country_of_residence", (person.country_of_residence or "",)))
        if ties:
            earned += WEIGHTS["countries"]
            reasons.extend(ties)
    return Match(round(earned / total, 4) if total else 0.0, tuple(reasons))
