"""Tables of respondents: the true counts a table is made of, and the table that is published
(pure; no I/O).

A table is asked for by dimensions, and comes with every margin (the same counts with one or
more dimensions summed out, down to the grand total). Its *cube* holds, for every cell and
margin, the true number of respondents and the sum of their record keys (the cell key's
source, :mod:`profiles.mapping.domain.cellkey`). Only a *published table* ever leaves the
mapping module (:mod:`profiles.mapping.domain.publication` decides its values).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from profiles.mapping.domain.populations import Window
from profiles.mapping.domain.publication import (
    WINDOW,
    Basis,
    Constraint,
    Definition,
    PublicationPolicy,
    Published,
    TrueCell,
)

#: a cell key: one category per dimension, ``None`` where the dimension is summed out
Key = tuple[str | None, ...]
#: the category of respondents who did not answer
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Cube:
    """True counts of a table and all its margins: ``counts[key]`` for every key in the cross
    product of each dimension's categories plus ``None`` (missing keys count zero), and the
    sum of the record keys of the same respondents."""

    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    counts: Mapping[Key, int]
    key_sums: Mapping[Key, int] = field(default_factory=dict)
    #: dimensions a respondent may hold several values of (lines are not additive)
    multi_valued: frozenset[str] = frozenset()

    def count(self, key: Key) -> int:
        return self.counts.get(key, 0)

    def key_sum(self, key: Key) -> int:
        return self.key_sums.get(key, 0)

    def every_key(self) -> Iterable[Key]:
        return itertools.product(*[(*cats, None) for cats in self.categories])


def cube_from_records(
    records: Iterable[Mapping[str, object]],
    dimensions: Sequence[str],
    *,
    multi_valued: Iterable[str] = (),
    record_key: str = "record_key",
) -> Cube:
    """Counts and key sums of respondents for every cell and margin (reference
    implementation; the database adapter computes the same from its counting tables). A
    missing answer (None or an empty list) is the category ``unknown``, so every respondent of
    the population is in every table and a coarser table is exactly a margin of a finer one."""
    multi = frozenset(multi_valued)
    counts: Counter[Key] = Counter()
    key_sums: Counter[Key] = Counter()
    seen: list[set[str]] = [set() for _ in dimensions]
    for record in records:
        values: list[list[str]] = []
        for i, dim in enumerate(dimensions):
            raw = record.get(dim)
            vals = (
                sorted({str(v) for v in raw})
                if isinstance(raw, (list, tuple, set, frozenset))
                else ([raw] if isinstance(raw, str) and raw else [])
            )
            if dim not in multi and len(vals) > 1:
                raise ValueError(f"dimension {dim!r} takes a single value")
            vals = vals or [UNKNOWN]
            values.append(vals)
            seen[i].update(vals)
        # each respondent counts once in every cell and margin they fall in
        keys: set[Key] = set()
        for combo in itertools.product(*values):
            for mask in itertools.product((False, True), repeat=len(dimensions)):
                keys.add(tuple(None if m else v for v, m in zip(combo, mask, strict=True)))
        counts.update(keys)
        own_key = int(record.get(record_key) or 0)  # type: ignore[call-overload]
        for key in keys:
            key_sums[key] += own_key
    cats = tuple(tuple(sorted(s)) for s in seen)
    return Cube(tuple(dimensions), cats, dict(counts), dict(key_sums), multi)


# ---- populations: the filters and the time window of a table ------------------------------


@dataclass(frozen=True)
class Population:
    """The respondents a table counts: those meeting every filter, in the time window."""

    filters: frozenset[tuple[str, str]] = frozenset()
    window: Window = field(default_factory=Window)

    def constraints(self) -> frozenset[Constraint]:
        window = set() if self.window.is_open else {(WINDOW, self.window.key())}
        return frozenset({*self.filters, *window})


def family(filters: Mapping[str, str], window: Window) -> list[Population]:
    """The population asked for and every coarser one (any filters dropped, the window
    dropped): every cell of the table has each of its coarser cells in one of them."""
    items = sorted(filters.items())
    windows = [Window()] if window.is_open else [window, Window()]
    return [
        Population(frozenset(subset), w)
        for size in range(len(items), -1, -1)
        for subset in itertools.combinations(items, size)
        for w in windows
    ]


def definition(cube: Cube, key: Key, population: Population) -> Definition:
    """The cell ``key`` of ``cube`` over ``population``, described by what its respondents
    meet (the same cell of another table, asked another way, has the same definition)."""
    own = {(d, v) for d, v in zip(cube.dimensions, key, strict=True) if v is not None}
    return frozenset({*own, *population.constraints()})


def true_cells(cubes: Mapping[Population, Cube]) -> dict[Definition, TrueCell]:
    out: dict[Definition, TrueCell] = {}
    for population, cube in cubes.items():
        for key in cube.every_key():
            out[definition(cube, key, population)] = TrueCell(cube.count(key), cube.key_sum(key))
    return out


# ---- the published table -------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedCell:
    key: Key
    #: the number shown; None for "fewer than k" and for a cell that cannot be told apart
    #: from a coarser one (``same_as``)
    count: int | None
    basis: Basis
    #: for a cell that cannot be told apart from a coarser one: what that coarser cell does
    #: not have (a dimension of the table, a filter's dimension, or "window")
    same_as: str | None
    #: for such a cell, the coarser cell's shown count (None below k)
    approximately: int | None
    #: share of the grand total (from shown values), when both are shown
    share: float | None
    #: share within the margin over the last dimension (e.g. gender split of each sector)
    share_within: float | None

    @property
    def below_k(self) -> bool:
        return self.count is None and self.same_as is None


@dataclass(frozen=True)
class PublishedTable:
    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    cells: tuple[PublishedCell, ...]
    policy: PublicationPolicy

    def count(self, key: Key) -> int | None:
        for cell in self.cells:
            if cell.key == key:
                return cell.count
        raise KeyError(key)

    def as_dict(self) -> dict[Key, int | None]:
        return {c.key: c.count for c in self.cells}

    def best_counts(self) -> dict[Key, int | None]:
        """Each cell's shown count or, for a cell that cannot be told apart from a coarser
        one, that one's (what a figure that needs a number everywhere uses)."""
        return {c.key: c.count if c.same_as is None else c.approximately for c in self.cells}

    @property
    def total(self) -> int | None:
        return self.count((None,) * len(self.dimensions))

    @property
    def too_small(self) -> bool:
        """The population asked for is below k (a population that cannot be told apart from
        a coarser one is not: its table shows that one's total)."""
        grand = (None,) * len(self.dimensions)
        return next(c for c in self.cells if c.key == grand).below_k


def published_table(
    cube: Cube,
    population: Population,
    published: Mapping[Definition, Published],
    policy: PublicationPolicy,
) -> PublishedTable:
    """The table of ``cube`` over ``population`` as shown: every cell and margin."""
    shown: dict[Key, tuple[int | None, Published]] = {}
    for key in cube.every_key():
        p = published[definition(cube, key, population)]
        shown[key] = (None if p.dropped else policy.shown(p.value), p)
    grand = shown[(None,) * len(cube.dimensions)][0]
    cells = []
    for key, (count, p) in shown.items():
        within = None
        if cube.dimensions and key[-1] is not None:
            within = ratio(count, shown[(*key[:-1], None)][0])
        cells.append(
            PublishedCell(
                key,
                count,
                p.basis,
                p.dropped[0] if p.dropped else None,
                policy.shown(p.value) if p.dropped else None,
                ratio(count, grand),
                within,
            )
        )
    return PublishedTable(cube.dimensions, cube.categories, tuple(cells), policy)


def ratio(a: int | None, b: int | None) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, 4)
