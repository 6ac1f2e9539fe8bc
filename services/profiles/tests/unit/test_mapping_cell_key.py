"""The cell-key method and the publication rules (pure): the same cell always gets the same
number, planted or withdrawn respondents (fewer than k) change nothing shown, a cell that
differs from a coarser one only by planted respondents shows the coarser one's number, and
nothing below k is shown."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from profiles.mapping.domain.cellkey import MODULUS, PTABLE, PerturbationTable, cell_key
from profiles.mapping.domain.publication import (
    Basis,
    Definition,
    PublicationPolicy,
    TrueCell,
    ledger_changes,
    publish,
)
from profiles.mapping.domain.tables import (
    Population,
    cube_from_records,
    family,
    published_table,
    true_cells,
)

POLICY = PublicationPolicy(k=10)


def keyed(n: int, rng: random.Random) -> list[int]:
    return [rng.randrange(MODULUS) for _ in range(n)]


def test_the_perturbation_table_is_unbiased_bounded_and_keeps_counts_non_negative() -> None:
    assert PTABLE.max_noise == 3 and PTABLE.variance == pytest.approx(1.5)
    rng = random.Random(1)
    for n in (1, 2, 3, 50):
        noises = Counter(PTABLE.noise(n, rng.random()) for _ in range(40_000))
        assert all(n + e >= 0 and abs(e) <= 3 for e in noises)
        if n >= 3:  # the full table: mean 0, P(0) = 0.4
            mean = sum(e * c for e, c in noises.items()) / 40_000
            assert abs(mean) < 0.03 and abs(noises[0] / 40_000 - 0.4) < 0.01
    assert PTABLE.noise(0, 0.99) == 0  # nobody there: a structural zero stays zero
    with pytest.raises(ValueError):
        PerturbationTable({-1: Fraction(1, 2), 2: Fraction(1, 2)})  # biased


def test_the_same_respondents_get_the_same_noise_whatever_the_question() -> None:
    rng = random.Random(2)
    keys = keyed(9, rng)
    assert cell_key(sum(keys)) == cell_key(sum(reversed(keys)))
    assert PTABLE.perturbed(9, sum(keys)) == PTABLE.perturbed(9, sum(keys) + MODULUS)
    # one respondent more is another cell key: independent noise
    values = {PTABLE.perturbed(10, sum(keys) + rng.randrange(MODULUS)) for _ in range(200)}
    assert len(values) > 3


def cells(**counts: tuple[int, int]) -> dict[Definition, TrueCell]:
    """``cells(total=(n, keys), female=(n, keys))`` -> definitions of gender cells."""
    out: dict[Definition, TrueCell] = {}
    for name, (n, keysum) in counts.items():
        d: Definition = frozenset() if name == "total" else frozenset({("gender", name)})
        out[d] = TrueCell(n, keysum)
    return out


def test_planted_respondents_fewer_than_k_change_nothing_that_is_shown() -> None:
    rng = random.Random(3)
    policy = POLICY
    base = {"total": 200, "female": 9, "male": 191}
    keys = {name: keyed(n, rng) for name, n in base.items()}
    first = publish(cells(**{n: (c, sum(keys[n])) for n, c in base.items()}), {}, policy)
    ledger = ledger_changes(first, {})
    for planted in range(1, policy.planted_budget + 1):
        extra = keyed(planted, rng)
        now = {
            "total": (200 + planted, sum(keys["total"]) + sum(extra)),
            "female": (9 + planted, sum(keys["female"]) + sum(extra)),
            "male": (191, sum(keys["male"])),
        }
        again = publish(cells(**now), ledger, policy)
        assert {d: p.value for d, p in again.items()} == {d: p.value for d, p in first.items()}
        assert all(p.basis == Basis.KEPT for p in again.values())
    # k planted respondents or more may show: the cell has moved by at least one step
    moved = keyed(60, rng)
    later = publish(
        cells(
            total=(260, sum(keys["total"]) + sum(moved)),
            female=(69, sum(keys["female"]) + sum(moved)),
            male=(191, sum(keys["male"])),
        ),
        ledger,
        policy,
    )
    assert later[frozenset({("gender", "female")})].basis == Basis.PERTURBED


def test_a_new_cell_of_planted_respondents_shows_its_coarser_cells_value() -> None:
    """The attacker's own respondents in another wave make the wave-1 cell a new set of
    respondents: it shows the value already published for all waves."""
    rng = random.Random(4)
    original = keyed(9, rng)
    planted = keyed(4, rng)
    everyone: Definition = frozenset({("gender", "female")})
    wave_one: Definition = frozenset({("gender", "female"), ("wave", "1")})
    published = publish(
        {
            frozenset(): TrueCell(13, sum(original) + sum(planted)),
            frozenset({("wave", "1")}): TrueCell(9, sum(original)),
            everyone: TrueCell(13, sum(original) + sum(planted)),
            wave_one: TrueCell(9, sum(original)),
        },
        {},
        POLICY,
    )
    assert (
        published[wave_one].value == published[everyone].value
        or published[wave_one].value == published[frozenset({("wave", "1")})].value
    )
    assert published[wave_one].basis == Basis.SAME_AS_COARSER


def test_published_tables_hide_counts_below_k_and_agree_across_questions() -> None:
    rng = random.Random(5)
    records = [
        {"gender": g, "age_band": a, "record_key": rng.randrange(MODULUS)}
        for g, a, n in (("female", "65+", 4), ("female", "25-34", 60), ("male", "25-34", 70))
        for _ in range(n)
    ]
    by_gender_age = cube_from_records(records, ["gender", "age_band"])
    by_age_female = cube_from_records([r for r in records if r["gender"] == "female"], ["age_band"])
    by_age = cube_from_records(records, ["age_band"])
    cubes = {
        Population(): by_gender_age,
    }
    first = publish(true_cells(cubes), {}, POLICY)
    table = published_table(by_gender_age, Population(), first, POLICY)
    assert table.count(("female", "65+")) is None  # 4 people: below k
    assert table.total is not None and abs(table.total - 134) <= 3
    # the same cells asked another way: age filtered on women
    filtered = family({"gender": "female"}, Population().window)
    second_cubes = {filtered[0]: by_age_female, filtered[1]: by_age}
    second = publish(true_cells(second_cubes), ledger_changes(first, {}), POLICY)
    again = published_table(by_age_female, filtered[0], second, POLICY)
    assert again.count(("25-34",)) == table.count(("female", "25-34"))
    assert again.total == table.count(("female", None))
