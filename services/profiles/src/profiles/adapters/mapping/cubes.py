"""Counts of respondents for a table and all its margins, straight from Postgres.

The same scan computes the requested population's cube *and* the cubes of the populations an
attacker could difference it with (each filter dropped in turn; other published time windows),
as ``count(*) FILTER (WHERE ...)`` columns. Column names come from the ``Dimension`` enum only;
every value is a bound parameter. The reference for what this must compute is
``domain.mapping.disclosure.cube_from_records`` (an integration test compares the two).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.domain.mapping.dimensions import MULTI_VALUED, Dimension
from profiles.domain.mapping.disclosure import UNKNOWN, Cube, Key
from profiles.domain.mapping.populations import Month, Window

TABLE = "profiles.mapping_responses"
COUNTS = "profiles.mapping_response_counts"
VALUE_COUNTS = "profiles.mapping_response_value_counts"
PAIRS = "profiles.mapping_fact_pairs"
#: the most facts (dimensions and filters other than the wave) ``mapping_fact_pairs`` answers
PAIR_FACTS = 2


@dataclass(frozen=True)
class CubeSet:
    main: Cube
    #: the same table for the population without one filter ("window" for the time window)
    coarser: dict[str, Cube]
    #: the same table for each already-published window (same filters)
    published: list[Cube]
    #: respondents per month of the population without a time window
    monthly: dict[Month, int]


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


def _window_condition(window: Window, prefix: str, params: dict[str, Any]) -> str:
    parts = []
    if window.start is not None:
        params[f"{prefix}_s"] = window.start.first_day()
        parts.append(f"month >= :{prefix}_s")
    if window.end is not None:
        params[f"{prefix}_e"] = window.end.first_day()
        parts.append(f"month <= :{prefix}_e")
    return " AND ".join(parts) or "TRUE"


async def query_cubes(
    session: AsyncSession,
    campaign_id: UUID,
    dimensions: Sequence[Dimension],
    filters: Mapping[Dimension, str],
    window: Window,
    published: Sequence[Window] = (),
) -> CubeSet:
    facts = {d for d in (*dimensions, *filters) if d != Dimension.WAVE}
    if len(facts) <= PAIR_FACTS:
        return await _query_pairs(session, campaign_id, dimensions, filters, window, published)
    params: dict[str, Any] = {"campaign": campaign_id}
    conds: dict[str, str] = {}
    for i, (dim, value) in enumerate(sorted(filters.items())):
        params[f"f{i}"] = value
        conds[dim.value] = _condition(dim, f"f{i}", value)
    if not window.is_open:
        conds["window"] = _window_condition(window, "w", params)

    def all_but(skip: str | None) -> str:
        kept = [c for name, c in conds.items() if name != skip]
        return " AND ".join(kept) or "TRUE"

    base_filters = all_but("window")
    columns = {"main": all_but(None)}
    for name in conds:
        columns[f"without_{name}"] = all_but(name)
    for j, other in enumerate(published):
        columns[f"published_{j}"] = (
            f"{base_filters} AND {_window_condition(other, f'p{j}', params)}"
        )

    n = len(dimensions)
    multi = [i for i, d in enumerate(dimensions) if d in MULTI_VALUED]
    counts: dict[str, dict[Key, int]] = {name: defaultdict(int) for name in columns}
    # Facts tables kept by triggers hold the same numbers as the responses in far fewer rows:
    # per combination of single-valued facts and month (time windows are whole months), and the
    # same per value of one multi-valued fact. Filters on a multi-valued fact need the responses.
    summarised = not (set(filters) & MULTI_VALUED)
    table, counter = (COUNTS, "sum(n)") if summarised else (TABLE, "count(*)")
    # One plain GROUP BY per subset of the multi-valued dimensions (unnested only when they are
    # columns of that grouping): with distinct values per respondent, count(*) is then a count
    # of respondents, and every margin over a single-valued dimension is an exact sum of finer
    # cells, added up here. Plain GROUP BY is parallel-capable; GROUPING SETS/CUBE are not.
    for mask in itertools.product((False, True), repeat=len(multi)):
        unnested = {i for i, keep in zip(multi, mask, strict=True) if keep}
        present = [i for i in range(n) if i not in multi or i in unnested]
        source, count_expr, where = TABLE, "count(*)", ""
        if summarised and not unnested:
            source, count_expr = COUNTS, "sum(n)"
        elif summarised and len(unnested) == 1:
            (only,) = unnested
            source, count_expr = VALUE_COUNTS, "sum(n)"
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
            f"coalesce({count_expr} FILTER (WHERE {cond}), 0) AS {name}"
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
                count = int(row[len(present) + j] or 0)
                if not count:
                    continue
                for drop in itertools.product((False, True), repeat=len(singles)):
                    key = list(finest)
                    for i, dropped in zip(singles, drop, strict=True):
                        if dropped:
                            key[i] = None
                    counts[column][tuple(key)] += count

    dims = tuple(d.value for d in dimensions)
    multi_names = frozenset(dimensions[i].value for i in multi)

    def cube(name: str) -> Cube:
        c = dict(counts[name])
        # categories of this population only (a value nobody here holds is not a row)
        cats = tuple(tuple(sorted({v for k in c if (v := k[i]) is not None})) for i in range(n))
        return Cube(dims, cats, c, multi_names)

    monthly: dict[Month, int] = {}
    if not window.is_open:
        month_rows = await session.execute(
            text(
                f"SELECT month, {counter} FROM {table} r WHERE r.campaign_id = :campaign "
                f"AND {base_filters} GROUP BY month"
            ),
            params,
        )
        monthly = {Month.of(m): int(c) for m, c in month_rows}
    return CubeSet(
        main=cube("main"),
        coarser={
            name.removeprefix("without_"): cube(name)
            for name in columns
            if name.startswith("without_")
        },
        published=[cube(f"published_{j}") for j in range(len(published))],
        monthly=monthly,
    )


# ---- tables of at most two facts: the pair counts ------------------------------------------


@dataclass(frozen=True)
class _Population:
    filters: Mapping[Dimension, str]
    window: Window


async def _query_pairs(
    session: AsyncSession,
    campaign_id: UUID,
    dimensions: Sequence[Dimension],
    filters: Mapping[Dimension, str],
    window: Window,
    published: Sequence[Window],
) -> CubeSet:
    """The same cubes from ``mapping_fact_pairs``: every cell of every population is a sum of
    rows of the pair (or single fact, or total) its constrained facts name, so one query
    fetches the rows of every subset of the facts involved and the rest is addition."""
    facts = sorted({d.value for d in (*dimensions, *filters) if d != Dimension.WAVE})
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
    by_month = not window.is_open or bool(published)
    month = "month" if by_month else "NULL::date"
    sql = (
        f"SELECT a_dim, b_dim, a_value, b_value, {month} AS month, wave, sum(n) FROM {PAIRS} "
        f"WHERE campaign_id = :campaign AND (a_dim, b_dim) IN ({', '.join(pairs)}) AND n > 0 "
        f"GROUP BY a_dim, b_dim, a_value, b_value, {month}, wave"
    )
    # rows[(a_dim, b_dim)] = [({dim: value}, month, wave, n)]
    rows: dict[tuple[str, str], list[tuple[dict[str, str], Month | None, str, int]]] = defaultdict(
        list
    )
    for a_dim, b_dim, a_value, b_value, m, wave, n in await session.execute(text(sql), params):
        values = {a_dim: a_value, b_dim: b_value} if b_dim else ({a_dim: a_value} if a_dim else {})
        rows[(a_dim, b_dim)].append(
            (values, Month.of(m) if m is not None else None, str(wave), int(n))
        )

    def cube_of(population: _Population) -> Cube:
        counts: dict[Key, int] = defaultdict(int)
        fixed = {d.value: v for d, v in population.filters.items() if d != Dimension.WAVE}
        wave_filter = population.filters.get(Dimension.WAVE)
        for mask in itertools.product((False, True), repeat=len(dimensions)):
            present = [d for d, dropped in zip(dimensions, mask, strict=True) if not dropped]
            constrained = sorted({d.value for d in present if d != Dimension.WAVE} | set(fixed))
            subset = (*constrained, "", "")[:2]
            for values, m, wave, n in rows.get((subset[0], subset[1]), []):
                if wave_filter is not None and wave != wave_filter:
                    continue
                if any(values[d] != v for d, v in fixed.items()):
                    continue
                if m is not None and not population.window.contains(m):
                    continue
                counts[
                    tuple(
                        None if dropped else (wave if d == Dimension.WAVE else values[d.value])
                        for d, dropped in zip(dimensions, mask, strict=True)
                    )
                ] += n
        c = {k: v for k, v in counts.items() if v}
        cats = tuple(
            tuple(sorted({v for k in c if (v := k[i]) is not None})) for i in range(len(dimensions))
        )
        multi = frozenset(d.value for d in dimensions if d in MULTI_VALUED)
        return Cube(tuple(d.value for d in dimensions), cats, c, multi)

    coarser = {
        d.value: cube_of(_Population({f: v for f, v in filters.items() if f != d}, window))
        for d in sorted(filters)
    }
    monthly: dict[Month, int] = {}
    if not window.is_open:
        coarser["window"] = cube_of(_Population(filters, Window()))
        fixed = {d.value: v for d, v in filters.items() if d != Dimension.WAVE}
        subset = (*sorted(fixed), "", "")[:2]
        per_month: dict[Month, int] = defaultdict(int)
        for values, m, wave, n in rows.get((subset[0], subset[1]), []):
            wave_filter = filters.get(Dimension.WAVE)
            if wave_filter is not None and wave != wave_filter:
                continue
            if m is not None and all(values[d] == v for d, v in fixed.items()):
                per_month[m] += n
        monthly = dict(per_month)
    return CubeSet(
        main=cube_of(_Population(filters, window)),
        coarser=coarser,
        published=[cube_of(_Population(filters, other)) for other in published],
        monthly=monthly,
    )
