"""Counts and record-key sums of respondents for a table and all its margins, straight from
Postgres, for the population asked for and every coarser one (``tables.family``: any filters
dropped, the time window dropped), which the publication rules compare each cell with.

Where the numbers come from: a table over at most two facts (the wave aside) with filters on
those facts reads ``mapping_fact_pairs``; otherwise one scan computes every population's cube
as ``FILTER (WHERE ...)`` columns of the trigger-kept counting tables (three or more single-
valued facts: ``mapping_response_counts``; one multi-valued fact among them:
``mapping_response_value_counts``) or of the responses (a filter on a multi-valued fact, two
multi-valued facts). Column names come from the ``Dimension`` enum only; every value is a
bound parameter. The reference for what this must compute is
``domain.mapping.tables.cube_from_records`` (an integration test compares the two).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.mapping.domain.dimensions import MULTI_VALUED, Dimension
from profiles.mapping.domain.populations import Window
from profiles.mapping.domain.tables import UNKNOWN, Cube, Key, Population, family

TABLE = "profiles.mapping_responses"
COUNTS = "profiles.mapping_response_counts"
VALUE_COUNTS = "profiles.mapping_response_value_counts"
PAIRS = "profiles.mapping_fact_pairs"
#: the most facts (dimensions and filters other than the wave) ``mapping_fact_pairs`` answers
PAIR_FACTS = 2

Cubes = dict[Population, Cube]


def _column(dim: Dimension) -> str:
    return "wave::text" if dim == Dimension.WAVE else dim.value


def _condition(dim: Dimension, param: str, value: str) -> str:
    if dim in MULTI_VALUED:
        if value == UNKNOWN:
            return f"cardinality({dim.value}) = 0"
        return f":{param} = ANY({dim.value})"
    if value == UNKNOWN:
        return f"{dim.value} IS NULL"
    return f"{_column(dim)} = :{param}"


def _window_condition(window: Window, params: dict[str, Any]) -> str:
    parts = []
    if window.start is not None:
        params["w_s"] = window.start.first_day()
        parts.append("month >= :w_s")
    if window.end is not None:
        params["w_e"] = window.end.first_day()
        parts.append("month <= :w_e")
    return " AND ".join(parts) or "TRUE"


async def query_cubes(
    session: AsyncSession,
    campaign_id: UUID,
    dimensions: Sequence[Dimension],
    filters: Mapping[Dimension, str],
    window: Window,
) -> Cubes:
    """The cube of ``dimensions`` over every population of ``tables.family(filters, window)``."""
    populations = family({d.value: v for d, v in filters.items()}, window)
    facts = {d for d in (*dimensions, *filters) if d != Dimension.WAVE}
    if len(facts) <= PAIR_FACTS:
        return await _query_pairs(session, campaign_id, dimensions, populations)
    return await _query_scan(session, campaign_id, dimensions, filters, window, populations)


def _new_cube(
    dimensions: Sequence[Dimension], counts: Mapping[Key, int], key_sums: Mapping[Key, int]
) -> Cube:
    c = {k: v for k, v in counts.items() if v}
    # categories of this population only (a value nobody here holds is not a row)
    cats = tuple(
        tuple(sorted({v for k in c if (v := k[i]) is not None})) for i in range(len(dimensions))
    )
    multi = frozenset(d.value for d in dimensions if d in MULTI_VALUED)
    sums = {k: int(key_sums.get(k, 0)) for k in c}
    return Cube(tuple(d.value for d in dimensions), cats, c, sums, multi)


async def _query_scan(
    session: AsyncSession,
    campaign_id: UUID,
    dimensions: Sequence[Dimension],
    filters: Mapping[Dimension, str],
    window: Window,
    populations: Sequence[Population],
) -> Cubes:
    params: dict[str, Any] = {"campaign": campaign_id}
    conds: dict[str, str] = {}
    for i, (dim, value) in enumerate(sorted(filters.items())):
        params[f"f{i}"] = value
        conds[dim.value] = _condition(dim, f"f{i}", value)
    window_cond = _window_condition(window, params)

    def condition(population: Population) -> str:
        kept = [conds[d] for d, _ in population.filters]
        if not population.window.is_open:
            kept.append(window_cond)
        return " AND ".join(kept) or "TRUE"

    columns = {f"p{j}": condition(p) for j, p in enumerate(populations)}
    n = len(dimensions)
    multi = [i for i, d in enumerate(dimensions) if d in MULTI_VALUED]
    counts: dict[str, dict[Key, int]] = {name: defaultdict(int) for name in columns}
    sums: dict[str, dict[Key, int]] = {name: defaultdict(int) for name in columns}
    # The counting tables hold the same numbers as the responses in far fewer rows: per
    # combination of single-valued facts and month (time windows are whole months), and the
    # same per value of one multi-valued fact. Filters on a multi-valued fact need the
    # responses.
    summarised = not (set(filters) & MULTI_VALUED)
    # One plain GROUP BY per subset of the multi-valued dimensions (unnested only when they are
    # columns of that grouping): with distinct values per respondent, count(*) is then a count
    # of respondents, and every margin over a single-valued dimension is an exact sum of finer
    # cells, added up here. Plain GROUP BY is parallel-capable; GROUPING SETS/CUBE are not.
    for mask in itertools.product((False, True), repeat=len(multi)):
        unnested = {i for i, keep in zip(multi, mask, strict=True) if keep}
        present = [i for i in range(n) if i not in multi or i in unnested]
        source, count_expr, sum_expr, where = TABLE, "count(*)", "sum(r.record_key)", ""
        if summarised and not unnested:
            source, count_expr, sum_expr = COUNTS, "sum(n)", "sum(key_sum)"
        elif summarised and len(unnested) == 1:
            (only,) = unnested
            source, count_expr, sum_expr = VALUE_COUNTS, "sum(n)", "sum(key_sum)"
            where = f" AND r.dimension = '{dimensions[only].value}'"
        selects, joins = [], []
        for i in present:
            dim = dimensions[i]
            if i in unnested and source == VALUE_COUNTS:
                selects.append("r.value")
            elif i in unnested:
                joins.append(
                    f"CROSS JOIN LATERAL unnest(CASE WHEN cardinality(r.{dim.value}) = 0 "
                    f"THEN ARRAY['{UNKNOWN}']::varchar[] ELSE r.{dim.value} END) AS u{i}(v)"
                )
                selects.append(f"u{i}.v")
            else:
                selects.append(f"coalesce(r.{_column(dim)}, '{UNKNOWN}')")
        aggregates = ", ".join(
            f"coalesce({count_expr} FILTER (WHERE {cond}), 0) AS {name}, "
            f"coalesce({sum_expr} FILTER (WHERE {cond}), 0) AS {name}_keys"
            for name, cond in columns.items()
        )
        group = f"GROUP BY {', '.join(str(k + 1) for k in range(len(present)))}" if present else ""
        sql = (
            f"SELECT {', '.join([*selects, aggregates])} FROM {source} r {' '.join(joins)} "
            f"WHERE r.campaign_id = :campaign{where} {group}"
        )
        singles = [i for i in present if i not in unnested]
        for row in (await session.execute(text(sql), params)).all():
            finest: list[str | None] = [None] * n
            for pos, i in enumerate(present):
                finest[i] = row[pos]
            for j, column in enumerate(columns):
                count = int(row[len(present) + 2 * j] or 0)
                if not count:
                    continue
                key_sum = int(row[len(present) + 2 * j + 1] or 0)
                for drop in itertools.product((False, True), repeat=len(singles)):
                    key = list(finest)
                    for i, dropped in zip(singles, drop, strict=True):
                        if dropped:
                            key[i] = None
                    counts[column][tuple(key)] += count
                    sums[column][tuple(key)] += key_sum
    return {
        p: _new_cube(dimensions, counts[f"p{j}"], sums[f"p{j}"]) for j, p in enumerate(populations)
    }


# ---- tables of at most two facts: the pair counts ------------------------------------------


async def _query_pairs(
    session: AsyncSession,
    campaign_id: UUID,
    dimensions: Sequence[Dimension],
    populations: Sequence[Population],
) -> Cubes:
    """The same cubes from ``mapping_fact_pairs``: every cell of every population is a sum of
    rows of the pair (or single fact, or total) its constrained facts name, so one query
    fetches the rows of every subset of the facts involved and the rest is addition."""
    requested = populations[0]
    filter_facts = {d for d, _ in requested.filters if d != Dimension.WAVE.value}
    facts = sorted({d.value for d in dimensions if d != Dimension.WAVE} | filter_facts)
    subsets = [
        (a, b)
        for size in range(len(facts) + 1)
        for combo in itertools.combinations(facts, size)
        for a, b in [(*combo, "", "")[:2]]
    ]
    params: dict[str, Any] = {"campaign": campaign_id}
    pairs = []
    for i, (a, b) in enumerate(subsets):
        params[f"a{i}"], params[f"b{i}"] = a, b
        pairs.append(f"(:a{i}, :b{i})")
    # Every population has the requested window or none (``tables.family``): the months fold
    # into "in the window or not" here, not in Python (a row per month was ten times the rows).
    windowed = not requested.window.is_open
    in_window = f"({_window_condition(requested.window, params)})" if windowed else "TRUE"
    sql = (
        f"SELECT a_dim, b_dim, a_value, b_value, {in_window} AS in_window, wave, sum(n), "
        f"sum(key_sum) FROM {PAIRS} WHERE campaign_id = :campaign "
        f"AND (a_dim, b_dim) IN ({', '.join(pairs)}) AND n > 0 "
        "GROUP BY a_dim, b_dim, a_value, b_value, 5, wave"
    )
    # rows[(a_dim, b_dim)] = [({dim: value}, in the window?, wave, n, key_sum)]
    rows: dict[tuple[str, str], list[tuple[dict[str, str], bool, str, int, int]]] = defaultdict(
        list
    )
    for a_dim, b_dim, a_value, b_value, inside, wave, n, key_sum in await session.execute(
        text(sql), params
    ):
        values = {a_dim: a_value, b_dim: b_value} if b_dim else ({a_dim: a_value} if a_dim else {})
        rows[(a_dim, b_dim)].append((values, bool(inside), str(wave), int(n), int(key_sum)))

    def cube_of(population: Population) -> Cube:
        counts: dict[Key, int] = defaultdict(int)
        sums: dict[Key, int] = defaultdict(int)
        fixed = {d: v for d, v in population.filters if d != Dimension.WAVE.value}
        wave_filter = dict(population.filters).get(Dimension.WAVE.value)
        whole_campaign = population.window.is_open
        for mask in itertools.product((False, True), repeat=len(dimensions)):
            present = [d for d, dropped in zip(dimensions, mask, strict=True) if not dropped]
            constrained = sorted({d.value for d in present if d != Dimension.WAVE} | set(fixed))
            subset = (*constrained, "", "")[:2]
            for values, inside, wave, n, key_sum in rows.get((subset[0], subset[1]), []):
                if wave_filter is not None and wave != wave_filter:
                    continue
                if any(values[d] != v for d, v in fixed.items()):
                    continue
                if not (whole_campaign or inside):
                    continue
                key = tuple(
                    None if dropped else (wave if d == Dimension.WAVE else values[d.value])
                    for d, dropped in zip(dimensions, mask, strict=True)
                )
                counts[key] += n
                sums[key] += key_sum
        return _new_cube(dimensions, counts, sums)

    return {p: cube_of(p) for p in populations}
