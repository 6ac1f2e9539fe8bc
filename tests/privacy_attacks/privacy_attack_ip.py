"""The integer-programming attacker (scipy.optimize.milp, i.e. HiGHS).

Unknowns: the number of original respondents in each *atom* (one combination of origin,
residence, gender, age band, wave and month of submission; see ``privacy_attack_population``).
Every count a focal point was shown becomes a linear constraint on them: the cell is a sum of
atoms, the respondents the attacker added or withdrew before reading it are known and
subtracted, and the published value bounds the true count as the method's own documentation
says it does (``Observation.low``/``high``). The attacker then asks, for each cell of fewer than
``k`` people, for the smallest and the largest count consistent with everything seen: the
*feasible interval*. An interval of one value is an exact disclosure.

How an interval is established, rigorously and fast enough for CI:

* **proven bounds** come from the linear relaxation (``milp`` without integrality; every
  integer solution lies within them), tightened by the integer program itself when it must;
* **witnessed width** comes from integer solutions found: the true data are one (the method's
  documentation is what the attacker's model says, so the truth satisfies every constraint;
  the suite checks it), and the others are found by moving respondents one at a time between
  atoms while every constraint still holds, or by the integer program when that gets stuck.
  Two integer solutions whose target counts differ by ``w - 1`` prove that the attacker cannot
  narrow the cell below ``w`` values, whatever it does.

The attacker knows more than any real focal point: the method's parameters, how each
published number was produced (the ``basis`` the API reports), and the exact list of
categories. What it does not know is the data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from privacy_attack_population import ATOMS, matches
from scipy.optimize import Bounds, LinearConstraint, milp

Cell = frozenset[tuple[str, object]]


@dataclass(frozen=True)
class Observation:
    """What one published count says: ``low <= sum of the cell's atoms + offset <= high``,
    where ``offset`` counts the attacker's own respondents in the cell at that moment."""

    cell: Cell
    offset: int
    low: float
    high: float


@dataclass(frozen=True)
class Relation:
    """What a count shown as equal to a coarser one's says: ``|finer - coarser +
    offset| <= spread`` (true counts; ``offset``: the attacker's respondents)."""

    finer: Cell
    coarser: Cell
    offset: int
    spread: float


@dataclass(frozen=True)
class Interval:
    """What the attacker can say about a cell's true count.

    ``low``/``high``: proven bounds (no other count is consistent with what was seen).
    ``seen_low``/``seen_high``: counts shown consistent by integer solutions (the attacker can
    never narrow the cell to less than them)."""

    low: int
    high: int
    seen_low: int
    seen_high: int

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def width(self) -> int:
        """How many values the count may still take, at least (from the solutions found)."""
        return self.seen_high - self.seen_low + 1


def cell_key(constraints: Mapping[str, object]) -> Cell:
    return frozenset(
        (d, frozenset(v) if isinstance(v, (set, frozenset, list, tuple)) else v)
        for d, v in constraints.items()
    )


@dataclass
class Attacker:
    atoms: Sequence[tuple[str, ...]] = ATOMS
    observations: set[Observation] = field(default_factory=set)
    relations: set[Relation] = field(default_factory=set)
    _rows: dict[Cell, np.ndarray] = field(default_factory=dict)

    def observe(self, observation: Observation | Relation) -> None:
        if isinstance(observation, Relation):
            self.relations.add(observation)
        else:
            self.observations.add(observation)

    def observe_all(self, observations: Iterable[Observation | Relation]) -> None:
        for o in observations:
            self.observe(o)

    def row(self, cell: Cell) -> np.ndarray:
        if cell not in self._rows:
            constraints = dict(cell)
            self._rows[cell] = np.array(
                [1.0 if matches(a, constraints) else 0.0 for a in self.atoms]
            )
        return self._rows[cell]

    def system(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every constraint as ``low <= A x <= high``; the same set of atoms asked about twice
        (or in another way) is one constraint, the narrowest."""
        tight: dict[bytes, tuple[np.ndarray, float, float]] = {}

        def add(row: np.ndarray, lo: float, hi: float) -> None:
            key = row.tobytes()
            _, old_lo, old_hi = tight.get(key, (row, -np.inf, np.inf))
            tight[key] = (row, max(old_lo, lo), min(old_hi, hi))

        for o in self.observations:
            add(self.row(o.cell), o.low - o.offset, o.high - o.offset)
        for r in self.relations:
            diff = self.row(r.finer) - self.row(r.coarser)
            add(diff, -r.spread - r.offset, r.spread - r.offset)
        a = np.vstack([r for r, _, _ in tight.values()])
        return (
            a,
            np.array([lo for _, lo, _ in tight.values()]),
            np.array([hi for _, _, hi in tight.values()]),
        )

    def _solver(self, truth: np.ndarray) -> _Solver:
        a, lo, hi = self.system()
        values = a @ truth
        if np.any(values < lo - 1e-9) or np.any(values > hi + 1e-9):
            raise AssertionError(
                "the true data break the attacker's model: the method does not behave as its "
                "documentation (the model) says"
            )
        return _Solver(a, lo, hi, truth)

    def feasible_intervals(
        self, targets: Iterable[Cell], truth: np.ndarray, wanted_width: int
    ) -> dict[Cell, Interval]:
        """Every target's interval (``truth``: the original respondents per atom, one integer
        solution the method's documentation promises is consistent with what was shown)."""
        solver = self._solver(truth)
        out: dict[Cell, Interval] = {}
        solved: dict[bytes, Interval] = {}  # cells of the same atoms are the same question
        for target in targets:
            c = self.row(target)
            if (known := solved.get(c.tobytes())) is None:
                known = solved[c.tobytes()] = solver.interval(c, wanted_width)
            out[target] = known
        return out

    def first_narrowed(
        self, targets: Iterable[Cell], truth: np.ndarray, wanted_width: int
    ) -> tuple[Cell, Interval] | None:
        """The first target narrowed below ``wanted_width`` values, if any (controls stop
        there)."""
        solver = self._solver(truth)
        for target in targets:
            interval = solver.interval(self.row(target), wanted_width)
            if interval.width < wanted_width:
                return target, interval
        return None


class _Solver:
    def __init__(self, a: np.ndarray, lo: np.ndarray, hi: np.ndarray, truth: np.ndarray) -> None:
        self.a, self.lo, self.hi, self.truth = a, lo, hi, truth
        self.constraint = LinearConstraint(a, lo, hi)
        n = a.shape[1]
        self.bounds = Bounds(np.zeros(n), np.full(n, np.inf))

    def interval(self, c: np.ndarray, wanted: int) -> Interval:
        true = round(float(c @ self.truth))
        low = math.ceil(self._optimum(c, integral=False)[0] - 1e-6)
        high = math.floor(-self._optimum(-c, integral=False)[0] + 1e-6)
        if high - low + 1 < wanted:
            # narrowed (or pinned) already by the relaxation: nothing more to find
            return Interval(low, high, max(low, min(true, high)), min(high, max(true, low)))
        up = self._walk(c, +1, wanted - 1)
        down = self._walk(c, -1, wanted - 1 - (up - true))
        if up - down + 1 >= wanted:
            return Interval(low, high, down, up)
        # the walk got stuck: ask the integer program. Its best solutions are witnesses too,
        # even when it runs out of time before proving them optimal (a loaded machine).
        lowest, fewest = self._optimum(c, integral=True)
        highest, most = self._optimum(-c, integral=True)
        highest = -highest
        if math.isfinite(lowest):
            low = max(low, math.ceil(lowest - 1e-6))
        if math.isfinite(highest):
            high = min(high, math.floor(highest + 1e-6))
        if fewest is not None:
            down = min(down, fewest)
        if most is not None:
            up = max(up, -most)
        return Interval(low, high, max(low, down), min(high, up))

    def _optimum(self, c: np.ndarray, *, integral: bool) -> tuple[float, int | None]:
        """A proven lower bound of ``min c @ x`` (the optimum when solved to the end; the
        relaxation's when the integer program runs out of time without a better bound), and,
        for the integer program, ``c @ x`` of the best integer solution it found, if any. The
        time limits are wall-clock and generous: the machine may be shared."""
        result = milp(
            c,
            integrality=np.full(len(c), 1 if integral else 0),
            bounds=self.bounds,
            constraints=self.constraint,
            options={"time_limit": 30.0 if integral else 600.0},
        )
        found = round(float(c @ result.x)) if integral and result.x is not None else None
        if result.status == 0:
            return float(result.fun), found
        if integral and result.status == 1:
            dual = result.get("mip_dual_bound")
            return (float(dual) if dual is not None else -np.inf), found
        raise AssertionError(f"the attacker's program could not be solved: {result.message}")

    def _walk(self, c: np.ndarray, direction: int, steps: int) -> int:
        """Move respondents one at a time, from the true data, to change the target's count
        by ``direction`` each step while every constraint holds; the count reached."""
        x = self.truth.copy()
        values = self.a @ x
        inside, outside = np.flatnonzero(c > 0), np.flatnonzero(c == 0)
        for _ in range(max(steps, 0)):
            if direction > 0:  # one more in the target: new, or moved in from outside it
                sources: list[int | None] = [None, *outside[x[outside] > 0]]
                dests, nowhere = inside, False
            else:  # one fewer in the target: gone, or moved out of it
                sources = list(inside[x[inside] > 0])
                dests, nowhere = outside, True
            step = self._step(values, sources, dests, nowhere)
            if step is None:
                break
            source, dest = step
            if source is not None:
                x[source] -= 1
            if dest is not None:
                x[dest] += 1
            values = self.a @ x
        return round(float(c @ x))

    def _step(
        self, values: np.ndarray, sources: list[int | None], dests: np.ndarray, nowhere: bool
    ) -> tuple[int | None, int | None] | None:
        lo, hi = self.lo - 1e-9, self.hi + 1e-9
        for source in sources:
            base = values if source is None else values - self.a[:, source]
            if nowhere and np.all((base >= lo) & (base <= hi)):
                return source, None
            moved = base[:, None] + self.a[:, dests]
            fits = np.all((moved >= lo[:, None]) & (moved <= hi[:, None]), axis=0)
            if fits.any():
                return source, int(dests[int(np.argmax(fits))])
        return None
