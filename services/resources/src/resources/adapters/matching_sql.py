"""Ranking in the database with the weights of ``domain.matching``.

People for an opportunity: the projection keeps every matchable value of a person in one
GIN-indexed tag array (``people.tags``). A score threshold is picked from the estimated score
distribution; the candidates are the people holding one of the minimal sets of requested
values worth that much (one GIN probe each: posting lists intersected in the index), so only
a few hundred rows are read and scored, not everyone sharing a common value. Only the top N
come back, a few columns each; the domain's ``score`` recomputes their reasons (the unit of
truth: tests check the two agree on ranking).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import GOVERNMENT_CONTACT
from resources.adapters.people import facts
from resources.domain.matching import LIST_CRITERIA, WEIGHTS, Needs, ProfileFacts


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


#: tag prefixes of ``people.tags`` per criterion (see the migration's ``resources.match_tags``)
TAG = {
    "occupations": "oc:",
    "skills": "sk:",
    "sectors": "se:",
    "contribution_modes": "mo:",
    "languages": "la:",
    "country_of_origin": "or:",
    "country_of_residence": "re:",
}
#: the country criteria: (weight key, projection column)
COUNTRY_CRITERIA = (
    ("country_of_origin", "country_of_origin"),
    ("country_of_residence", "country_of_residence"),
)


@dataclass(frozen=True)
class _Feature:
    """One thing the opportunity asks for: holding any of ``tags`` earns ``weight`` points
    (a country criterion is one feature: origin, or residence, in any requested country)."""

    tags: tuple[str, ...]
    weight: float


class _Frequencies:
    """Tag frequencies from ``pg_stats`` (ANALYZE), cached: enough to estimate how many
    people hold a set of tags."""

    ttl_s = 600.0

    def __init__(self) -> None:
        self._at = -1e9
        self._values: dict[str, float] = {}
        self.rare = 0.05  # unlisted tags: below the rarest listed one (no statistics: a guess)
        self.people = 0.0

    async def get(self, session: AsyncSession) -> _Frequencies:
        if time.monotonic() - self._at < self.ttl_s:
            return self
        row = (
            await session.execute(
                text(
                    """
                    SELECT CAST(CAST(s.most_common_elems AS text) AS text[]) AS vals,
                           s.most_common_elem_freqs AS freqs, c.reltuples AS people
                    FROM pg_class c
                    LEFT JOIN pg_stats s ON s.schemaname = 'resources'
                         AND s.tablename = 'people' AND s.attname = 'tags'
                    WHERE c.oid = CAST('resources.people' AS regclass)
                    """
                )
            )
        ).first()
        values: dict[str, float] = {}
        if row is not None:
            vals, freqs = row.vals or [], row.freqs or []
            # never analysed (-1): a guess, so thresholds are still tried
            self.people = row.people if row.people >= 0 else 1e5
            values = dict(zip(vals, freqs, strict=False))  # freqs ends with min, max, nulls
            if vals and freqs:
                self.rare = min(freqs[: len(vals)]) / 2
        self._values, self._at = values, time.monotonic()
        return self

    def of(self, tag: str) -> float:
        return self._values.get(tag, self.rare)


FREQUENCIES = _Frequencies()
#: opportunity columns named differently from the criterion
OPPORTUNITY_COLUMNS = {"skills": "required_skills", "occupations": "required_occupations"}
#: at most this many index probes (sets of tags) per query; beyond, a coarser pass
MAX_PROBES = 48
#: score thresholds tried per request, at most (then "shares anything requested")
MAX_TRIES = 3
EPSILON = 1e-9


def _features(needs: Needs) -> list[_Feature]:
    found: list[_Feature] = []
    for kind, need_field, _ in LIST_CRITERIA:
        wanted: frozenset[str] = getattr(needs, need_field)
        found.extend(
            _Feature((TAG[kind] + v,), WEIGHTS[kind] / len(wanted)) for v in sorted(wanted)
        )
    if needs.countries:
        for kind, _ in COUNTRY_CRITERIA:
            tags = tuple(TAG[kind] + c for c in sorted(needs.countries))
            found.append(_Feature(tags, WEIGHTS[kind]))
    return found


#: one index probe: the person holds all of the first tags and one of each further set
_Probe = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


def _probes(features: list[_Feature], threshold: float) -> list[_Probe] | None:
    """The sets of features of which a person must hold at least one to score ``threshold``
    points or more: the minimal sets reaching it (a person scoring that much holds all
    features of one of them). None when there are more than MAX_PROBES."""
    ordered = sorted(features, key=lambda f: -f.weight)
    rest = [0.0] * (len(ordered) + 1)
    for i in range(len(ordered) - 1, -1, -1):
        rest[i] = rest[i + 1] + ordered[i].weight
    found: list[_Probe] = []

    def extend(start: int, chosen: list[_Feature], points: float) -> bool:
        for i in range(start, len(ordered)):
            if points + rest[i] < threshold - EPSILON:
                return True  # even all the remaining features fall short
            feature, reached = ordered[i], points + ordered[i].weight
            if reached >= threshold - EPSILON:
                # minimal: features come heaviest first, so dropping any one of the set
                # loses at least this one's weight and falls below the threshold
                picked = (*chosen, feature)
                found.append(
                    (
                        tuple(sorted(f.tags[0] for f in picked if len(f.tags) == 1)),
                        tuple(f.tags for f in picked if len(f.tags) > 1),
                    )
                )
                if len(found) > MAX_PROBES:
                    return False
            elif not extend(i + 1, [*chosen, feature], reached):
                return False
        return True

    return found if extend(0, [], 0.0) else None


def _estimate(probes: list[_Probe], freq: _Frequencies) -> float:
    """People holding one of the probes' tag sets, were tags independent."""
    return freq.people * sum(
        math.prod(freq.of(t) for t in all_of)
        * math.prod(min(1.0, sum(freq.of(t) for t in group)) for group in any_of)
        for all_of, any_of in probes
    )


def _thresholds(features: list[_Feature], freq: _Frequencies, limit: int) -> list[float]:
    """Score levels (points) worth trying, highest first: the distribution of scores were
    tags independent gives how many people reach each level; the first level kept is
    expected to be reached by a few times ``limit`` people, each next one by four times as
    many as the one before."""
    dist: dict[float, float] = {0.0: 1.0}
    for f in features:
        held = min(1.0, sum(freq.of(t) for t in f.tags))
        after: dict[float, float] = defaultdict(float)
        for points, p in dist.items():
            after[points] += p * (1 - held)
            after[round(points + f.weight, 9)] += p * held
        dist = after
    levels: list[float] = []
    reach = wanted = 0.0
    for points, p in sorted(dist.items(), reverse=True):
        reach += p
        if points > 0 and freq.people * reach >= max(2 * limit, wanted):
            levels.append(points)
            wanted = 4 * freq.people * reach
    return levels


def _candidates(features: list[_Feature], threshold: float, freq: _Frequencies) -> list[_Probe]:
    """Probes finding everyone who scores ``threshold`` points or more, as few people
    besides as the estimate can tell. With R the rarest features and C the others, such a
    person holds a minimal set of R worth ``threshold - weight(C)``: the probes are those
    sets (MaxScore generalised: with R everything, exactly the people reaching the
    threshold; with fewer, fewer and cheaper probes). Empty when no split works."""
    by_rarity = sorted(features, key=lambda f: (sum(freq.of(t) for t in f.tags), -f.weight))
    best: tuple[float, list[_Probe]] | None = None
    for m in range(1, len(by_rarity) + 1):
        reduced = threshold - sum(f.weight for f in by_rarity[m:])
        if reduced <= EPSILON:
            continue
        probes = _probes(by_rarity[:m], reduced)
        if probes is None:
            continue
        expected = _estimate(probes, freq)
        if best is None or expected < best[0]:
            best = (expected, probes)
    return best[1] if best else []


async def rank_people(
    session: AsyncSession, needs: Needs, limit: int, organisation_id: UUID | None = None
) -> list[ProfileFacts]:
    """People who consented to be matched, best first, for an opportunity's needs.

    Exact top N by threshold: with a threshold of t points, the candidates are the people
    holding one of the minimal sets of requested values worth t or more (``_probes``), each
    set one probe of the GIN index on ``people.tags`` (intersections of posting lists, so
    common values cost little when paired with rarer ones). Everyone scoring t or more is
    among them, so when at least N candidates come back the top N is exact. The threshold
    is the highest whose estimated number of candidates (tag frequencies from the planner's
    statistics) is comfortably above N; lower ones are tried when too few come back, and
    last "shares anything requested" (one overlap probe).

    Only people open to opportunities who did not withdraw ``directory_listing`` consent
    (``listed``) are ranked; with ``organisation_id``, nor those who withdrew
    ``government_contact`` for that organisation. Only the columns the reasons need are
    read, and only for the N returned.
    """
    features = _features(needs)
    total = sum(f.weight for f in features)
    if not total:
        return []
    params = _Params()
    earned: list[str] = []
    for kind, need_field, fact_field in LIST_CRITERIA:
        wanted: frozenset[str] = getattr(needs, need_field)
        if wanted:
            earned.append(
                f"{WEIGHTS[kind] / len(wanted)!r} * "
                f"{_shared_count('p.' + fact_field, wanted, params)}"
            )
    if needs.countries:
        countries = params.add(sorted(needs.countries))
        for kind, column in COUNTRY_CRITERIA:
            earned.append(
                f"(CASE WHEN p.{column} = ANY(CAST({countries} AS varchar[])) "
                f"THEN {WEIGHTS[kind]!r} ELSE 0 END)"
            )
    score = f"(({' + '.join(earned)}) / {total!r})"
    consent = ""
    if organisation_id is not None:
        consent = (
            " AND NOT EXISTS (SELECT 1 FROM resources.consents w WHERE w.withdrawn"
            f" AND w.purpose = '{GOVERNMENT_CONTACT}'"
            f" AND w.recipient = {params.add(str(organisation_id))}"
            " AND w.person_id = p.person_id)"
        )
    limit_param = params.add(limit)

    async def top(where: str, extra: dict[str, Any]) -> list[tuple[float, ProfileFacts]]:
        rows = await session.execute(
            text(
                f"""
                SELECT p.person_id, p.occupations, p.skills, p.sectors, p.languages,
                       p.contribution_modes, p.country_of_origin, p.country_of_residence,
                       p.open_to_opportunities, p.listed, {score} AS score
                FROM resources.people p
                WHERE p.open_to_opportunities AND p.listed AND ({where}){consent}
                ORDER BY score DESC, p.person_id
                LIMIT {limit_param}
                """
            ),
            {**params.values, **extra},
        )
        return [(float(row["score"]), facts(row)) for row in rows.mappings()]

    freq = await FREQUENCIES.get(session)
    # the probes' selectivity is the whole point: a cached generic plan (chosen after a few
    # runs of the same statement text) cannot see it and scans the table instead
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    for threshold in _thresholds(features, freq, limit)[:MAX_TRIES]:
        probes = _candidates(features, threshold, freq)
        if not probes:
            break
        branches: list[str] = []
        extra: dict[str, Any] = {}
        for i, (all_of, any_of) in enumerate(probes):
            # one GIN scan per branch, both conditions its scan keys
            branch = []
            if all_of:
                branch.append(f"p.tags @> CAST(:a{i} AS varchar[])")
                extra[f"a{i}"] = list(all_of)
            for j, group in enumerate(any_of):
                branch.append(f"p.tags && CAST(:o{i}_{j} AS varchar[])")
                extra[f"o{i}_{j}"] = list(group)
            branches.append("(" + " AND ".join(branch) + ")")
        found = await top(" OR ".join(branches), extra)
        # everyone reaching the threshold was a candidate: if the N-th best reaches it too,
        # nobody left out can be better
        if len(found) == limit and found[-1][0] >= threshold / total - 1e-6:
            return [person for _, person in found]
    # anyone sharing at least one requested value: exact
    every = sorted({t for f in features for t in f.tags})
    return [
        person for _, person in await top("p.tags && CAST(:every AS varchar[])", {"every": every})
    ]


async def rank_opportunities(
    session: AsyncSession, person: ProfileFacts, now: datetime, limit: int
) -> list[dict[str, Any]]:
    """Open opportunities, best first, for one person's profile."""
    params = _Params()
    earned: list[str] = []
    total: list[str] = []
    for kind, need_field, fact_field in LIST_CRITERIA:
        column = f"o.{OPPORTUNITY_COLUMNS.get(need_field, need_field)}"
        weight = WEIGHTS[kind]
        have: frozenset[str] = getattr(person, fact_field)
        total.append(f"(CASE WHEN cardinality({column}) > 0 THEN {weight!r} ELSE 0 END)")
        if have:
            earned.append(
                f"(CASE WHEN cardinality({column}) = 0 THEN 0 ELSE {weight!r} * "
                f"{_shared_count(column, have, params)} / cardinality({column}) END)"
            )
    for kind, column in COUNTRY_CRITERIA:
        weight = WEIGHTS[kind]
        total.append(f"(CASE WHEN cardinality(o.countries) > 0 THEN {weight!r} ELSE 0 END)")
        country = getattr(person, column)
        if country:
            earned.append(
                f"(CASE WHEN o.countries @> ARRAY[CAST({params.add(country)} AS varchar)] "
                f"THEN {weight!r} ELSE 0 END)"
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
