"""The disclosure control the platform used before issue #26 (pure; no I/O). Nothing is
published with it any more: it is kept as the baseline the attack suite
(``tests/privacy_attacks``) proves insufficient and the utility benchmark
(``bench/bench_mapping_analytics.py``) compares the cell-key method with, in the same run.

What an official gets is a *released table*: counts by a combination of dimensions together with
every margin (the same counts with one or more dimensions summed out, down to the grand total).
The protection, in the order it is applied:

1. **Primary suppression.** A count ``0 < n < k`` is withheld (``k`` defaults to 10).
2. **Complementary suppression.** A margin is the sum of its line of cells (for a dimension a
   respondent can hold several values of, e.g. skills, only ``max <= total <= sum``). A line with
   exactly one withheld member would give it away by subtraction, so more members are withheld
   until every line has none or at least two. Margins are true counts that obey the same rules,
   so a *coarser query* (the same table without a dimension) is just a margin we already
   protected: asking for it separately teaches nothing new.
3. **Audit.** An attacker's interval reasoning over all lines (bounds propagation on released
   values, using the true values, which is more than an attacker gets) must leave every primary
   cell either possibly zero or possibly ``>= k``; otherwise more cells are withheld and the audit
   runs again.
4. **Deterministic rounding.** Every released count (cells and margins) is rounded half-up to a
   multiple of ``rounding_base`` (default 5; optionally only counts below a threshold). No
   randomness: the same query always gives the same answer, so repeating it averages nothing
   away, and a difference of two released counts is only known to within ``±(base-1)``.

Differencing across *populations* (one more filter, another time window, a combination of
several windows) is refused when it would isolate fewer than ``k`` people, and a filtered or
windowed population must hold at least ``3k`` (:mod:`profiles.mapping.domain.populations`);
otherwise each count whose difference with the same count of the other population is
``1..k-1`` is withheld as a primary cell (``related`` below), and so is each count that is
``1..k-1`` in a period the new window makes isolatable (``parts``), so no sum or difference of
released counts describes a small group, and the rounding blurs what larger differences show.

Known limit: suppression is computed per table. Two *different* tables sharing cells (say
gender x age, and age filtered on one gender) may withhold different complementary cells; an
attacker combining them can narrow a withheld cell further than either table allows. The
``related`` rule withholds every cell whose value differs from the coarser population's by
``1..k-1``, and rounding to base 5 leaves each combined value uncertain by several units, but
no audit runs across all tables ever released. Likewise the same table released before and
after the data changed (new responses, a withdrawal) differs by the people who came or went;
only the rounding blurs that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from profiles.mapping.domain.tables import Cube, Key


@dataclass(frozen=True)
class DisclosurePolicy:
    """How much an aggregate hides. ``rounding_base`` <= 1 turns rounding off."""

    k: int = 10
    rounding_base: int = 5
    #: round only counts below this (None: round every count)
    round_below: int | None = None

    def __post_init__(self) -> None:
        if self.k < 2:
            raise ValueError("k must be at least 2")
        if self.rounding_base < 0:
            raise ValueError("rounding_base must be >= 0")

    def rounded(self, n: int) -> int:
        base = self.rounding_base
        if base <= 1 or (self.round_below is not None and n >= self.round_below):
            return n
        return ((2 * n + base) // (2 * base)) * base


@dataclass(frozen=True)
class Line:
    """A margin and the cells it sums (``additive``) or bounds (multi-valued dimension)."""

    total: Key
    children: tuple[Key, ...]
    additive: bool = True

    @property
    def members(self) -> tuple[Key, ...]:
        return (self.total, *self.children)


def lines(cube: Cube) -> list[Line]:
    out: list[Line] = []
    for key in cube.every_key():
        for i, value in enumerate(key):
            if value is None:
                children = tuple((*key[:i], c, *key[i + 1 :]) for c in cube.categories[i])
                if children:
                    additive = cube.dimensions[i] not in cube.multi_valued
                    out.append(Line(total=key, children=children, additive=additive))
    return out


# ---- the attacker's view: interval reasoning over lines ------------------------------------


def feasible_intervals(
    lines: Sequence[Line],
    known: Mapping[Key, tuple[float, float]],
    unknown: Iterable[Key],
    *,
    rounds: int = 60,
) -> dict[Key, tuple[float, float]]:
    """Tightest intervals bounds propagation gives each ``unknown`` cell from the ``known``
    intervals (exact values are ``(v, v)``; rounded ones ``(r - b/2, r + b/2)``)."""
    iv: dict[Key, list[float]] = {k: [lo, hi] for k, (lo, hi) in known.items()}
    for key in unknown:
        iv.setdefault(key, [0.0, math.inf])
    relevant = [ln for ln in lines if any(m in iv and iv[m][0] != iv[m][1] for m in ln.members)]
    for _ in range(rounds):
        changed = False
        for line in relevant:
            t = iv.get(line.total, [0.0, math.inf])
            kids = [iv.get(c, [0.0, math.inf]) for c in line.children]
            lo_sum = sum(k[0] for k in kids)
            hi_sum = sum(k[1] for k in kids)
            new_t = [max(t[0], max((k[0] for k in kids), default=0.0)), min(t[1], hi_sum)]
            if line.additive:
                new_t[0] = max(new_t[0], lo_sum)
            for kid in kids:
                others_hi = hi_sum - kid[1] if math.isfinite(kid[1]) else _sum_except(kids, kid, 1)
                lo = max(kid[0], t[0] - others_hi)
                hi = min(kid[1], t[1])
                if line.additive:
                    others_lo = lo_sum - kid[0]
                    hi = min(hi, t[1] - others_lo)
                if lo > kid[0] + 1e-9 or hi < kid[1] - 1e-9:
                    kid[0], kid[1] = max(kid[0], math.ceil(lo - 1e-9)), min(kid[1], hi)
                    if math.isfinite(kid[1]):
                        kid[1] = math.floor(kid[1] + 1e-9)
                    changed = True
            if new_t[0] > t[0] + 1e-9 or new_t[1] < t[1] - 1e-9:
                t[0], t[1] = max(t[0], new_t[0]), min(t[1], new_t[1])
                changed = True
        if not changed:
            break
    return {k: (v[0], v[1]) for k, v in iv.items()}


def _sum_except(kids: list[list[float]], kid: list[float], idx: int) -> float:
    return sum(k[idx] for k in kids if k is not kid)


def protected(lo: float, hi: float, k: int) -> bool:
    """A withheld count is safe if it may be zero or may be ``>= k`` (not pinned as small)."""
    return hi > lo and (lo <= 0 or hi >= k)


# ---- suppression -------------------------------------------------------------------------


@dataclass
class Suppression:
    primary: set[Key] = field(default_factory=set)
    complementary: set[Key] = field(default_factory=set)

    @property
    def withheld(self) -> set[Key]:
        return self.primary | self.complementary


def suppress(
    cube: Cube,
    policy: DisclosurePolicy,
    related: Sequence[Cube] = (),
    parts: Sequence[Cube] = (),
) -> Suppression:
    """``related``: tables over populations an attacker can also query that differ from this
    one by one filter or one time window (a superset or a subset). A count whose difference with
    the same count there is ``1..k-1`` is withheld like a small count: otherwise subtracting the
    two released counts would describe fewer than ``k`` people. ``parts``: tables over the
    populations that releasing this table makes isolatable by sums and differences of released
    tables (the new atoms of time windows): a count that is ``1..k-1`` in one of them is
    withheld here too."""
    keys = list(cube.every_key())
    result = Suppression(
        primary={
            key
            for key in keys
            if 0 < cube.count(key) < policy.k
            or any(0 < abs(other.count(key) - cube.count(key)) < policy.k for other in related)
            or any(0 < part.count(key) < policy.k for part in parts)
        }
    )
    if not result.primary:
        return result
    table_lines = lines(cube)
    by_member: dict[Key, list[Line]] = {}
    for line in table_lines:
        for m in line.members:
            by_member.setdefault(m, []).append(line)

    def withhold_partner(line: Line) -> bool:
        withheld = result.withheld
        options = [m for m in line.members if m not in withheld]
        if not options:
            return False
        # cheapest information loss first: small non-zero cells, then zeros, then the margin
        options.sort(key=lambda m: (m == line.total, cube.count(m) == 0, cube.count(m), m))
        result.complementary.add(options[0])
        return True

    for _ in range(len(keys) + 1):
        changed = True
        while changed:
            changed = False
            for line in table_lines:
                if sum(1 for m in line.members if m in result.withheld) == 1:
                    changed |= withhold_partner(line)
        # the audit: reason like an attacker who sees every released count exactly
        withheld = result.withheld
        known = {k: (float(cube.count(k)),) * 2 for k in keys if k not in withheld}
        intervals = feasible_intervals(table_lines, known, withheld)
        weak = [
            key
            for key in sorted(result.primary, key=str)
            if not protected(*intervals[key], policy.k)
        ]
        if not weak:
            return result
        grew = False
        for key in weak:
            for line in by_member.get(key, []):
                if withhold_partner(line):
                    grew = True
                    break
        if not grew:
            return result
    return result


# ---- the released table --------------------------------------------------------------------


@dataclass(frozen=True)
class ReleasedCell:
    key: Key
    #: rounded count, or None when withheld
    count: int | None
    #: share of the grand total (from released values), when both are released
    share: float | None
    #: share within the margin over the last dimension (e.g. gender split of each sector)
    share_within: float | None


@dataclass(frozen=True)
class ReleasedTable:
    dimensions: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    cells: tuple[ReleasedCell, ...]
    policy: DisclosurePolicy

    def count(self, key: Key) -> int | None:
        for cell in self.cells:
            if cell.key == key:
                return cell.count
        raise KeyError(key)

    def as_dict(self) -> dict[Key, int | None]:
        return {c.key: c.count for c in self.cells}

    @property
    def total(self) -> int | None:
        return self.count((None,) * len(self.dimensions))


def release(
    cube: Cube,
    policy: DisclosurePolicy,
    related: Sequence[Cube] = (),
    parts: Sequence[Cube] = (),
) -> ReleasedTable:
    """The only way a table leaves the mapping module: suppressed, audited, rounded."""
    withheld = suppress(cube, policy, related, parts).withheld
    values: dict[Key, int | None] = {
        key: None if key in withheld else policy.rounded(cube.count(key))
        for key in cube.every_key()
    }
    grand = values[(None,) * len(cube.dimensions)]
    cells = []
    for key, value in values.items():
        share = _ratio(value, grand)
        within = None
        if cube.dimensions and key[-1] is not None:
            within = _ratio(value, values[(*key[:-1], None)])
        cells.append(ReleasedCell(key, value, share, within))
    return ReleasedTable(cube.dimensions, cube.categories, tuple(cells), policy)


def _ratio(a: int | None, b: int | None) -> float | None:
    if a is None or not b:
        return None
    return round(a / b, 4)


# ---- query-set restriction (the method's population rule) ------------------------------------

#: a filtered or windowed population held at least this many times k respondents
MINIMUM_FACTOR = 3


def refused(size: int, coarser_sizes: Mapping[str, int], k: int) -> bool:
    """Whether the method refused a table: ``size`` respondents match every filter;
    ``coarser_sizes[f]``: respondents matching every filter but ``f``."""
    if size < k or (coarser_sizes and size < MINIMUM_FACTOR * k):
        return True
    return any(0 < coarser - size < k for coarser in coarser_sizes.values())
