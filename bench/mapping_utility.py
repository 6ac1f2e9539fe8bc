"""How useful published mapping tables are: the cell-key method beside the method it replaced
(suppression + complementary suppression + rounding to base 5, with its query-set rule), on
the same true counts (``bench_mapping_analytics.py`` runs both in one run).

Per table: the share of cells not shown (below k for the cell-key method; withheld, or the
whole table refused, for the old one), the share shown with another value than the true count,
and the mean absolute and relative error of the shown cells. For the supply-vs-needs table:
how many declared needs show no supply, and how many of those had a supply of k or more (blank
only to protect a neighbouring cell).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from profiles.mapping.domain.gaps import GapRow
from profiles.mapping.domain.legacy_disclosure import DisclosurePolicy, refused, release
from profiles.mapping.domain.tables import Cube, Key, Population

LEGACY = DisclosurePolicy(k=10, rounding_base=5)


@dataclass(frozen=True)
class TableUtility:
    cells: int
    hidden: int
    perturbed: int
    mean_absolute_error: float
    mean_relative_error: float
    refused: bool = False

    def row(self) -> dict[str, Any]:
        return asdict(self)


def utility(true: Cube, shown: Mapping[Key, int | None] | None) -> TableUtility:
    """``shown``: the published value of every cell (None: not shown); None: table refused."""
    keys = list(true.every_key())
    if shown is None:
        return TableUtility(len(keys), len(keys), 0, 0.0, 0.0, refused=True)
    errors, relative, hidden, perturbed = [], [], 0, 0
    for key in keys:
        value, n = shown.get(key), true.count(key)
        if value is None:
            hidden += 1
            continue
        errors.append(abs(value - n))
        perturbed += value != n
        if n:
            relative.append(abs(value - n) / n)
    return TableUtility(
        len(keys),
        hidden,
        perturbed,
        round(statistics.fmean(errors), 3) if errors else 0.0,
        round(statistics.fmean(relative), 4) if relative else 0.0,
    )


class _Shown:
    """A table of shown values (what ``gaps.gap_table`` reads)."""

    def __init__(self, dimensions: tuple[str, ...], values: Mapping[Key, int | None]) -> None:
        self.dimensions = dimensions
        self._values = dict(values)

    def as_dict(self) -> dict[Key, int | None]:
        return self._values

    def best_counts(self) -> dict[Key, int | None]:
        return self._values


def legacy_release(cubes: Mapping[Population, Cube]) -> dict[Key, int | None] | None:
    """The old method on the same counts: None when it refused the table; otherwise each
    cell's released value (None: withheld). ``cubes``: the population asked for first, then
    every coarser one (``tables.family``), as ``adapters.mapping.cubes.query_cubes`` gives."""
    populations = list(cubes)
    asked, main = populations[0], cubes[populations[0]]
    grand = (None,) * len(main.dimensions)
    coarser = {
        name: cubes[p]
        for p in populations[1:]
        if len(asked.constraints() - p.constraints()) == 1
        for name in [next(iter(asked.constraints() - p.constraints()))[0]]
    }
    if refused(main.count(grand), {n: c.count(grand) for n, c in coarser.items()}, LEGACY.k):
        return None
    return release(main, LEGACY, list(coarser.values())).as_dict()


def shown_table(dimensions: tuple[str, ...], values: Mapping[Key, int | None]) -> _Shown:
    return _Shown(dimensions, values)


@dataclass(frozen=True)
class GapUsefulness:
    needs: int
    blank: int
    blank_because_of_a_neighbour: int
    priority_needs_blank: list[str]


def gap_usefulness(rows: Iterable[GapRow], true: Cube) -> GapUsefulness:
    """``true``: the sector x skill cube the supply was published from."""
    rows = list(rows)
    blank = [r for r in rows if r.supply is None]
    by_neighbour = [
        r for r in blank if true.count((r.sector, None if r.skill == "*" else r.skill)) >= LEGACY.k
    ]
    return GapUsefulness(
        len(rows),
        len(blank),
        len(by_neighbour),
        [f"{r.sector}/{r.skill} (priority {r.priority})" for r in blank if r.priority >= 4],
    )
