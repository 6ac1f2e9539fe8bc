"""Ranking in the database with the weights of ``domain.matching``.

Candidates are narrowed by GIN-indexed array overlap; each is scored by inline expressions,
one containment test per requested value (``skills @> ARRAY[:v]``), so no per-row subquery
runs; only the top N come back, and the domain's ``score`` recomputes their score and
reasons (the unit of truth: tests check the two agree on ranking).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import GOVERNMENT_CONTACT
from resources.adapters.people import facts
from resources.domain.matching import WEIGHTS, Needs, ProfileFacts


class _Params:
    """Bind parameters for generated SQL (values never spliced into the text)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"


def _shared_count(column: str, values: Iterable[str], params: _Params) -> str:
    """How many of ``values`` the array ``column`` holds: a sum of containment tests."""
    terms = [
        f"(CASE WHEN {column} @> ARRAY[CAST({params.add(v)} AS varchar)] THEN 1 ELSE 0 END)"
        for v in sorted(values)
    ]
    return "(" + " + ".join(terms) + ")" if terms else "0"


@dataclass(frozen=True)
class _Feature:
    """A requested value that can generate candidates through an index."""

    condition: str  # SQL: the person has it
    weight: float  # its share of the score (before dividing by the total)
    frequency: float  # share of people who have it (from the planner's statistics)


class _Frequencies:
    """Element frequencies from ``pg_stats`` (ANALYZE), cached: enough to know which
    requested values are common."""

    ttl_s = 600.0

    def __init__(self) -> None:
        self._at = -1e9
        self._values: dict[str, dict[str, float]] = {}

    async def get(self, session: AsyncSession) -> dict[str, dict[str, float]]:
        if time.monotonic() - self._at < self.ttl_s:
            return self._values
        rows = await session.execute(
            text(
                """
                SELECT attname,
                       coalesce(CAST(CAST(most_common_elems AS text) AS text[]),
                                CAST(CAST(most_common_vals AS text) AS text[])) AS vals,
                       coalesce(most_common_elem_freqs, most_common_freqs) AS freqs
                FROM pg_stats WHERE schemaname = 'resources' AND tablename = 'people'
                """
            )
        )
        values: dict[str, dict[str, float]] = {}
        for column, vals, freqs in rows:
            values[column] = dict(zip(vals or [], freqs or [], strict=False))
        self._values, self._at = values, time.monotonic()
        return values


FREQUENCIES = _Frequencies()
#: share of the score the non-essential (common or unindexed) values may add up to
SKIP_BUDGET = 0.8


def _features(needs: Needs, params: _Params, freq: dict[str, dict[str, float]]) -> list[_Feature]:
    found: list[_Feature] = []
    for column, wanted, weight in (
        ("skills", needs.skills, WEIGHTS["skills"]),
        ("sectors", needs.sectors, WEIGHTS["sectors"]),
        ("contribution_modes", needs.contribution_modes, WEIGHTS["modes"]),
        ("languages", needs.languages, WEIGHTS["languages"]),
    ):
        for value in sorted(wanted):
            found.append(
                _Feature(
                    f"p.{column} @> ARRAY[CAST({params.add(value)} AS varchar)]",
                    weight / len(wanted),
                    freq.get(column, {}).get(value, 0.0),
                )
            )
    if needs.countries:
        countries = params.add(sorted(needs.countries))
        share = sum(
            freq.get(column, {}).get(c, 0.0)
            for column in ("country_of_origin", "country_of_residence")
            for c in needs.countries
        )
        found.append(
            _Feature(
                f"(p.country_of_origin = ANY(CAST({countries} AS varchar[])) "
                f"OR p.country_of_residence = ANY(CAST({countries} AS varchar[])))",
                WEIGHTS["countries"],
                share,
            )
        )
    return found


async def rank_people(
    session: AsyncSession, needs: Needs, limit: int, organisation_id: UUID | None = None
) -> list[ProfileFacts]:
    """People who consented to be matched, best first, for an opportunity's needs.

    Exact top-N with MaxScore pruning: the most common requested values are "non-essential"
    as long as their summed weight stays below the N-th best score found among people
    holding at least one essential value; nobody outside the essential lists can then reach
    the top N. When the check fails, every requested value becomes essential. Every
    criterion has a partial index over matchable people (GIN for the arrays, b-tree for the
    countries), so no pass scans the table.

    Only people open to opportunities who did not withdraw ``directory_listing`` consent
    (``listed``) are ranked; with ``organisation_id``, nor those who withdrew
    ``government_contact`` for that organisation.
    """
    params = _Params()
    earned: list[str] = []
    total = 0.0
    for name, column, wanted in (
        ("skills", "p.skills", needs.skills),
        ("sectors", "p.sectors", needs.sectors),
        ("modes", "p.contribution_modes", needs.contribution_modes),
        ("languages", "p.languages", needs.languages),
    ):
        if wanted:
            total += WEIGHTS[name]
            earned.append(
                f"{WEIGHTS[name] / len(wanted)!r} * {_shared_count(column, wanted, params)}"
            )
    features = _features(needs, params, await FREQUENCIES.get(session))
    if needs.countries:
        total += WEIGHTS["countries"]
        earned.append(
            f"(CASE WHEN {features[-1].condition} THEN {WEIGHTS['countries']!r} ELSE 0 END)"
        )
    if not total:
        return []
    unindexed = 0.0  # every criterion generates candidates through an index
    score = f"(({' + '.join(earned)}) / {total!r})"
    consent = ""
    if organisation_id is not None:
        consent = (
            " AND NOT EXISTS (SELECT 1 FROM resources.consents w WHERE w.withdrawn"
            f" AND w.purpose = '{GOVERNMENT_CONTACT}'"
            f" AND w.recipient = {params.add(str(organisation_id))}"
            " AND w.person_id = p.person_id)"
        )

    async def top(conditions: list[str]) -> list[tuple[float, ProfileFacts]]:
        where = " OR ".join(conditions) if conditions else "TRUE"
        rows = await session.execute(
            text(
                f"""
                SELECT p.*, {score} AS score FROM resources.people p
                WHERE p.open_to_opportunities AND p.listed AND ({where}){consent}
                ORDER BY score DESC, p.person_id
                LIMIT {params.add(limit)}
                """
            ),
            params.values,
        )
        return [(float(row["score"]), facts(row)) for row in rows.mappings()]

    by_frequency = sorted(features, key=lambda f: -f.frequency)

    def split(budget: float) -> tuple[float, list[_Feature]]:
        """The most common values go into the non-essential set while their weight (with the
        unindexed modes and languages) stays strictly below ``budget``."""
        skipped, essential = unindexed, list(by_frequency)
        while (
            essential and essential[0].frequency > 0.02 and skipped + essential[0].weight < budget
        ):
            skipped += essential.pop(0).weight
        return skipped, essential

    # pass 1: optimistic (good matches usually score above SKIP_BUDGET)
    skipped, essential = split(SKIP_BUDGET * total)
    if essential and len(essential) < len(features):
        found = await top([f.condition for f in essential])
        if len(found) == limit:
            if found[-1][0] > skipped / total:
                return [person for _, person in found]
            # pass 2: the N-th score found is a lower bound of the true N-th score, so
            # values weighing less than it in total can be skipped safely
            floor = found[-1][0] * total
            skipped, essential = split(floor)
            if essential and len(essential) < len(features) and skipped < floor:
                found = await top([f.condition for f in essential])
                if len(found) == limit and found[-1][0] > skipped / total:
                    return [person for _, person in found]
    # anyone sharing at least one requested value: exact
    return [person for _, person in await top([f.condition for f in features])]


async def rank_opportunities(
    session: AsyncSession, person: ProfileFacts, now: datetime, limit: int
) -> list[dict[str, Any]]:
    """Open opportunities, best first, for one person's profile."""
    params = _Params()
    earned: list[str] = []
    total: list[str] = []
    for name, column, have in (
        ("skills", "o.required_skills", person.skills),
        ("sectors", "o.sectors", person.sectors),
        ("modes", "o.contribution_modes", person.contribution_modes),
        ("languages", "o.languages", person.languages),
    ):
        weight = WEIGHTS[name]
        total.append(f"(CASE WHEN cardinality({column}) > 0 THEN {weight!r} ELSE 0 END)")
        if have:
            earned.append(
                f"(CASE WHEN cardinality({column}) = 0 THEN 0 ELSE {weight!r} * "
                f"{_shared_count(column, have, params)} / cardinality({column}) END)"
            )
    total.append(
        f"(CASE WHEN cardinality(o.countries) > 0 THEN {WEIGHTS['countries']!r} ELSE 0 END)"
    )
    home = [c for c in (person.country_of_origin, person.country_of_residence) if c]
    if home:
        earned.append(
            f"(CASE WHEN o.countries && CAST({params.add(home)} AS varchar[]) "
            f"THEN {WEIGHTS['countries']!r} ELSE 0 END)"
        )
    if not earned:
        return []
    rows = await session.execute(
        text(
            f"""
            SELECT * FROM (
                SELECT o.id, ({" + ".join(earned)}) / NULLIF({" + ".join(total)}, 0) AS score
                FROM resources.opportunities o
                WHERE o.deadline >= {params.add(now)}
            ) ranked
            WHERE score > 0
            ORDER BY score DESC, id
            LIMIT {params.add(limit)}
            """
        ),
        params.values,
    )
    return [dict(m) for m in rows.mappings()]
