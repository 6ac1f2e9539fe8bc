"""The suppression suite: an attacker tries to recover withheld counts and fails.

The attacker here is independent of the code under test: it enumerates every integer table
consistent with what was released (exhaustive search), rather than reusing the library's own
interval reasoning.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from profiles.domain.mapping.disclosure import (
    UNKNOWN,
    Cube,
    DisclosurePolicy,
    Key,
    ReleasedCell,
    ReleasedTable,
    cube_from_records,
    release,
)
from profiles.domain.mapping.populations import (
    Month,
    PopulationTooSmall,
    Window,
    atoms,
    check_query_set,
    check_window,
    new_atoms,
)

NO_ROUNDING = DisclosurePolicy(k=10, rounding_base=0)


def people(**groups: int) -> list[dict[str, Any]]:
    """``people(F_Q=3, M_Q=40)`` -> records with gender F/M and sector Q."""
    out = []
    for spec, n in groups.items():
        gender, sector = spec.split("_")
        out += [{"gender": gender, "sector": sector}] * n
    return out


class Attacker:
    """Searches integer tables that agree with every released count (each known to within the
    rounding error) and every line's sum: depth-first, with forced values and bound pruning."""

    def __init__(self, table: ReleasedTable, cube: Cube, base: int = 0) -> None:
        half = base // 2 if base > 1 else 0
        released = table.as_dict()
        ceiling = max(v for v in released.values() if v is not None) + half
        self.bounds = {
            key: (0, ceiling) if v is None else (max(0, v - half), v + half)
            for key, v in released.items()
        }
        self.lines = [(ln.total, ln.children) for ln in cube.lines()]
        self.by_key: dict[Key, list[tuple[Key, tuple[Key, ...]]]] = {}
        for line in self.lines:
            for m in (line[0], *line[1]):
                self.by_key.setdefault(m, []).append(line)

    def values(self, victim: Key, candidates: range) -> set[int]:
        """The candidate values the victim can take."""
        return {v for v in candidates if self._feasible(victim, v)}

    def _feasible(self, victim: Key, value: int) -> bool:
        lo, hi = self.bounds[victim]
        if not lo <= value <= hi:
            return False
        start = {k: b[0] for k, b in self.bounds.items() if b[0] == b[1]}
        start[victim] = value
        return self._search(start, budget=[200_000])

    def _search(self, assign: dict[Key, int], budget: list[int]) -> bool:
        budget[0] -= 1
        assert budget[0] > 0, "search too large for this test"
        assign = dict(assign)
        changed = True
        while changed:  # forced values: a line with one unknown member
            changed = False
            for total, children in self.lines:
                free = [m for m in (total, *children) if m not in assign]
                kids = sum(assign[c] for c in children if c in assign)
                if total in assign:
                    room = assign[total] - kids
                    if room < 0 or room > sum(self.bounds[m][1] for m in free):
                        return False
                elif sum(self.bounds[c][1] for c in children) < self.bounds[total][0]:
                    return False
                if len(free) == 1:
                    m = free[0]
                    v = kids if m == total else assign[total] - kids
                    lo, hi = self.bounds[m]
                    if not lo <= v <= hi:
                        return False
                    assign[m] = v
                    changed = True
                elif not free and assign[total] != kids:
                    return False
        open_keys = [k for k in self.bounds if k not in assign]
        if not open_keys:
            return True
        key = min(open_keys, key=lambda k: self.bounds[k][1] - self.bounds[k][0])
        lo, hi = self.bounds[key]
        for total, children in self.by_key[key]:
            if key in children and total in assign:
                hi = min(hi, assign[total])
        return any(self._search({**assign, key: v}, budget) for v in range(lo, hi + 1))


def consistent_values(table: ReleasedTable, cube: Cube, victim: Key, base: int = 0) -> set[int]:
    top = cube.count((None,) * len(victim)) + base
    return Attacker(table, cube, base).values(victim, range(0, top + 1))


def pinned(table: ReleasedTable, cube: Cube, victim: Key, k: int = 10) -> bool:
    """Could the attacker name the value, or say for sure it is a small non-zero count?"""
    attacker = Attacker(table, cube)
    truth = cube.count(victim)
    others = [v for v in (0, *range(k, k + 40)) if v != truth]
    return not any(attacker._feasible(victim, v) for v in others)


# ---- rounding and primary suppression ----------------------------------------------------


def test_rounding_is_deterministic_half_up_to_the_base() -> None:
    policy = DisclosurePolicy()
    assert [policy.rounded(n) for n in (0, 2, 3, 7, 8, 12, 13, 100)] == [
        0,
        0,
        5,
        5,
        10,
        10,
        15,
        100,
    ]
    assert DisclosurePolicy(rounding_base=0).rounded(13) == 13
    assert DisclosurePolicy(rounding_base=5, round_below=50).rounded(63) == 63
    assert DisclosurePolicy(rounding_base=3).rounded(4) == 3


def test_policy_rejects_a_meaningless_k() -> None:
    with pytest.raises(ValueError):
        DisclosurePolicy(k=1)


def test_small_cells_are_withheld_and_large_ones_released() -> None:
    cube = cube_from_records(
        people(F_Q=3, F_P=40, F_C=25, M_Q=30, M_P=50, M_C=35), ["gender", "sector"]
    )
    table = release(cube, NO_ROUNDING)
    assert table.count(("F", "Q")) is None
    assert table.count(("M", "P")) == 50 and table.count(("F", "P")) == 40
    assert table.total == 183


def test_in_a_two_by_two_table_one_small_cell_hides_all_four() -> None:
    cube = cube_from_records(people(F_Q=3, F_P=40, M_Q=30, M_P=50), ["gender", "sector"])
    released = release(cube, NO_ROUNDING).as_dict()
    assert [released[(g, s)] for g in "FM" for s in "PQ"] == [None] * 4
    assert released[("F", None)] == 43 and released[(None, None)] == 123


def test_missing_answers_are_a_category_so_coarser_tables_are_margins() -> None:
    records = people(F_Q=30, M_P=30) + [{"gender": "F", "sector": None}] * 12
    cube = cube_from_records(records, ["gender", "sector"])
    assert cube.count(("F", UNKNOWN)) == 12
    coarse = cube_from_records(records, ["gender"])
    assert cube.count(("F", None)) == coarse.count(("F",)) == 42


def test_multi_valued_dimensions_count_people_once_per_margin() -> None:
    records = [{"gender": "F", "skill": ["S1", "S2"]}] * 12 + [
        {"gender": "M", "skill": ["S1"]}
    ] * 20
    cube = cube_from_records(records, ["gender", "skill"], multi_valued=["skill"])
    assert cube.count(("F", "S1")) == 12 and cube.count(("F", "S2")) == 12
    assert cube.count(("F", None)) == 12  # not 24
    assert cube.count((None, "S1")) == 32


def test_shares_come_from_released_values_only() -> None:
    cube = cube_from_records(people(F_Q=30, F_P=20, M_Q=25, M_P=25), ["sector", "gender"])
    table = release(cube, DisclosurePolicy())
    cell = next(c for c in table.cells if c.key == ("Q", "F"))
    assert cell.count == 30 and cell.share == round(30 / 100, 4)
    assert cell.share_within == round(30 / 55, 4)


# ---- attack 1: recompute a withheld cell from totals ---------------------------------------


def test_a_single_small_cell_cannot_be_recomputed_from_its_row_and_column_totals() -> None:
    cube = cube_from_records(
        people(F_Q=3, F_P=40, F_C=25, M_Q=30, M_P=50, M_C=35), ["gender", "sector"]
    )
    table = release(cube, NO_ROUNDING)
    released = table.as_dict()
    # row and column of the small cell each hide at least two values
    row = [k for k in released if k[0] == "F" and k[1] is not None]
    col = [k for k in released if k[1] == "Q" and k[0] is not None]
    assert sum(released[k] is None for k in row) >= 2
    assert sum(released[k] is None for k in col) >= 2
    # the naive attack (total minus the others) no longer has the numbers it needs
    values = consistent_values(table, cube, ("F", "Q"))
    assert len(values) > 1 and (0 in values or max(values) >= 10), values
    assert 3 in values  # and the truth is one of many possibilities, not excluded either


def test_the_attacker_is_real_primary_suppression_alone_gives_the_cell_away() -> None:
    cube = cube_from_records(
        people(F_Q=3, F_P=40, F_C=25, M_Q=30, M_P=50, M_C=35), ["gender", "sector"]
    )
    cells = tuple(
        ReleasedCell(key, None if 0 < cube.count(key) < 10 else cube.count(key), None, None)
        for key in cube.every_key()
    )
    naive = ReleasedTable(cube.dimensions, cube.categories, cells, NO_ROUNDING)
    assert pinned(naive, cube, ("F", "Q"))
    assert consistent_values(naive, cube, ("F", "Q")) == {3}


def test_a_small_margin_is_protected_with_its_cells() -> None:
    # the whole "X" gender row is small: the margin is primary too
    cube = cube_from_records(
        people(X_Q=2, X_P=2, F_Q=30, F_P=40, M_Q=30, M_P=50), ["gender", "sector"]
    )
    table = release(cube, NO_ROUNDING)
    assert table.count(("X", None)) is None
    values = consistent_values(table, cube, ("X", None))
    assert len(values) > 1 and (0 in values or max(values) >= 10), values


@pytest.mark.parametrize("seed", range(25))
def test_random_tables_never_pin_a_small_cell(seed: int) -> None:
    rng = random.Random(seed)
    genders = rng.choices(["F", "M", "X"], weights=[45, 50, 5], k=rng.randint(40, 90))
    records = [
        {"gender": g, "sector": rng.choices(["A", "Q", "P"], weights=[60, 30, 10])[0]}
        for g in genders
    ]
    cube = cube_from_records(records, ["gender", "sector"])
    table = release(cube, NO_ROUNDING)
    small = [k for k in cube.every_key() if 0 < cube.count(k) < 10]
    for victim in small:
        assert table.count(victim) is None
        assert not pinned(table, cube, victim), victim


def test_three_dimensions_keep_every_line_with_zero_or_two_withheld() -> None:
    rng = random.Random(7)
    records = [
        {
            "gender": rng.choice("FM"),
            "sector": rng.choice("ABCQ"),
            "origin": rng.choices(["HT", "SN"], weights=[80, 20])[0],
        }
        for _ in range(400)
    ]
    cube = cube_from_records(records, ["gender", "sector", "origin"])
    released = release(cube, NO_ROUNDING).as_dict()
    for line in cube.lines():
        hidden = sum(released[m] is None for m in line.members)
        assert hidden != 1, line


# ---- attack 2: a second query with one more filter ------------------------------------------


def test_one_more_filter_that_isolates_fewer_than_k_is_refused() -> None:
    # 200 live in the US, 4 in Canada: "everyone" minus "US only" would be the 4 Canadians
    check_query_set(200, {}, k=10)
    with pytest.raises(PopulationTooSmall):
        check_query_set(200, {"residence": 204}, k=10)
    with pytest.raises(PopulationTooSmall):
        check_query_set(4, {"residence": 204}, k=10)
    check_query_set(190, {"residence": 204}, k=10)  # 14 left out: a table about them is fine


def test_differencing_two_overlapping_queries_only_bounds_a_withheld_cell() -> None:
    """FR (12 people, 3 of them women in health) is large enough to publish, so the attacker
    asks for everyone, for the US only, and for FR only, and combines the three."""
    us = people(F_Q=20, F_P=60, M_Q=45, M_P=75)
    fr = people(F_Q=3, F_P=1, M_Q=2, M_P=6)
    policy = DisclosurePolicy(k=10, rounding_base=5)
    dims = ["gender", "sector"]
    # the service now refuses a filtered population under 3k outright ...
    with pytest.raises(PopulationTooSmall):
        check_query_set(len(fr), {"residence": len(us) + len(fr)}, k=10)
    check_query_set(len(us), {"residence": len(us) + len(fr)}, k=10)
    # ... and even released (a campaign with 3k <= 12), the table would only bound the cell
    everyone = release(cube_from_records(us + fr, dims), policy).as_dict()
    us_only = release(cube_from_records(us, dims), policy).as_dict()
    fr_cube = cube_from_records(fr, dims)
    fr_only = release(fr_cube, policy)
    assert fr_only.count(("F", "Q")) is None
    # what differencing gives for each FR cell: released(all) - released(US), each +-2
    candidates = set(range(0, 13))
    a, b = everyone[("F", "Q")], us_only[("F", "Q")]
    assert a is not None and b is not None
    candidates &= set(range(a - b - 4, a - b + 5))
    # and the FR table's own released counts and lines
    candidates &= consistent_values(fr_only, fr_cube, ("F", "Q"), base=5)
    assert 3 in candidates
    assert len(candidates) > 1, candidates


def test_even_without_rounding_no_pair_of_released_counts_subtracts_to_a_small_group() -> None:
    us = people(F_Q=20, F_P=60, M_Q=45, M_P=75)
    fr = people(F_Q=3, F_P=1, M_Q=2, M_P=6)
    dims = ["gender", "sector"]
    all_cube, us_cube = cube_from_records(us + fr, dims), cube_from_records(us, dims)
    everyone = release(all_cube, NO_ROUNDING).as_dict()
    # the attack works if the filtered query ignores the coarser one ...
    naive_us = release(us_cube, NO_ROUNDING).as_dict()
    assert everyone[("F", "Q")] - naive_us[("F", "Q")] == 3
    # ... and fails when it is released knowing the coarser population
    us_only = release(us_cube, NO_ROUNDING, related=[all_cube]).as_dict()
    for key, value in us_only.items():
        other = everyone.get(key)
        if value is not None and other is not None:
            assert other - value == 0 or other - value >= 10, (key, other, value)
    assert us_only[("F", "Q")] is None


# ---- attack 3: two time windows --------------------------------------------------------------


def test_a_window_one_quiet_month_longer_than_a_published_one_is_refused() -> None:
    jan, feb, mar, apr = (Month(2026, m) for m in (1, 2, 3, 4))
    monthly = {jan: 80, feb: 60, mar: 50, apr: 3}
    published = [Window(jan, mar)]
    with pytest.raises(PopulationTooSmall):
        check_window(Window(jan, apr), published, monthly, k=10)
    with pytest.raises(PopulationTooSmall):  # the same leak from the other side
        check_window(Window(feb, apr), [Window(feb, mar)], monthly, k=10)
    check_window(Window(jan, feb), published, monthly, k=10)  # differs by March: 50 people
    check_window(Window(jan, mar), published, monthly, k=10)  # the same window again


def test_overlapping_windows_are_checked_part_by_part() -> None:
    months = {Month(2026, m): n for m, n in zip(range(1, 7), (40, 40, 5, 40, 40, 40), strict=True)}
    # Jan-Mar vs Apr-Jun differ by two large parts: fine
    check_window(
        Window(Month(2026, 1), Month(2026, 3)),
        [Window(Month(2026, 4), Month(2026, 6))],
        months,
        k=10,
    )
    # Jan-Feb vs Jan-Mar differ by March alone (5 people): refused
    with pytest.raises(PopulationTooSmall):
        check_window(
            Window(Month(2026, 1), Month(2026, 3)),
            [Window(Month(2026, 1), Month(2026, 2))],
            months,
            k=10,
        )


def test_three_windows_that_differ_pairwise_by_large_parts_cannot_isolate_a_quiet_month() -> None:
    """Jan-May minus Jan-Feb minus Apr-May is March alone, although every pair of the three
    windows differs by 80+ people: the atoms of the released windows are checked, not pairs."""
    m = [Month(2026, i) for i in range(1, 6)]
    monthly = {m[0]: 40, m[1]: 40, m[2]: 3, m[3]: 40, m[4]: 40}
    released = [Window(m[0], m[4]), Window(m[0], m[1])]
    for w in released:  # each of these is fine on its own and against the other
        check_window(w, [r for r in released if r != w], monthly, k=10)
    assert Window(m[2], m[2]) in new_atoms(Window(m[3], m[4]), released)
    with pytest.raises(PopulationTooSmall):
        check_window(Window(m[3], m[4]), released, monthly, k=10)
    # a window whose boundaries create no small period is fine
    check_window(Window(m[2], m[4]), released, monthly, k=10)


def test_atoms_partition_the_calendar_at_every_window_boundary() -> None:
    jan, mar, jun = Month(2026, 1), Month(2026, 3), Month(2026, 6)
    assert atoms([]) == [Window()]
    assert atoms([Window(jan, mar), Window(mar, jun)]) == [
        Window(None, Month(2025, 12)),
        Window(jan, Month(2026, 2)),
        Window(mar, mar),
        Window(Month(2026, 4), jun),
        Window(Month(2026, 7), None),
    ]
    assert new_atoms(Window(jan, mar), [Window(jan, mar)]) == []


def test_cells_small_in_a_period_a_new_window_isolates_are_withheld() -> None:
    """Cell-level version of the three-window attack: March is 30 people (fine as a
    population) but only 2 of them are women in health. The fourth window's table withholds
    that cell, so Jan-May - Jan-Feb - Apr-May does not give it."""
    dims = ["gender", "sector"]
    early = people(F_Q=20, F_P=20, M_Q=20, M_P=20)
    march = people(F_Q=2, F_P=8, M_Q=10, M_P=10)
    late = people(F_Q=20, F_P=20, M_Q=20, M_P=20)
    whole = release(cube_from_records(early + march + late, dims), NO_ROUNDING).as_dict()
    first = release(cube_from_records(early, dims), NO_ROUNDING).as_dict()
    naive_last = release(cube_from_records(late, dims), NO_ROUNDING).as_dict()
    key = ("F", "Q")
    assert whole[key] is not None and first[key] is not None and naive_last[key] is not None
    assert whole[key] - first[key] - naive_last[key] == 2  # the attack, without the defence
    last = release(
        cube_from_records(late, dims), NO_ROUNDING, parts=[cube_from_records(march, dims)]
    )
    assert last.count(key) is None
    # and the withheld cell stays unpinned inside the last table itself
    assert not pinned(last, cube_from_records(late, dims), key)


def test_a_filtered_population_must_hold_several_times_k() -> None:
    check_query_set(12, {}, k=10)  # a whole small campaign: k is enough
    with pytest.raises(PopulationTooSmall):
        check_query_set(25, {"residence": 400}, k=10)
    check_query_set(30, {"residence": 400}, k=10)


def test_month_parsing_and_order() -> None:
    assert Month.parse("2026-03") < Month.parse("2026-11")
    assert Month(2026, 12).next() == Month(2027, 1) and Month(2027, 1).previous() == Month(2026, 12)
    with pytest.raises(ValueError):
        Month.parse("2026-13")
    with pytest.raises(ValueError):
        Window(Month(2026, 5), Month(2026, 1))
