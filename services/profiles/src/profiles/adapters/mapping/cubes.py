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
