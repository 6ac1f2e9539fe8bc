"""The cell-key method (Australian Bureau of Statistics, Thompson, Broadfoot and Elazar 2013):
consistent perturbation of counts (pure; no I/O).

Every response carries a *record key*, a random integer in ``[0, MODULUS)`` drawn once when
it is stored (by the database: ``adapters.mapping.orm.RECORD_KEY``) and never shown or
changed. The *cell key* of a cell is the sum of the record keys of the respondents in it,
modulo ``MODULUS``, read as a fraction of one: it is uniform and independent between cells
that differ by even one respondent, and identical for the same set of respondents however the
question is asked (which table, which filters, which margin). The noise added to the cell's
count is looked up from the cell key in a fixed *perturbation table* (``PerturbationTable``):
the same cell always gets the same noise, so asking again, asking differently or averaging
gains nothing.

What happens when the data change (adding or withdrawing respondents gives a cell new keys,
hence new noise) is handled one level up, by what is published
(:mod:`profiles.mapping.domain.publication`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

#: record keys are integers in [0, MODULUS); the cell key is their sum modulo MODULUS
MODULUS = 2**32


def cell_key(key_sum: int) -> float:
    """The cell key in [0, 1) from the sum of the record keys of the cell's respondents."""
    return (key_sum % MODULUS) / MODULUS


@dataclass(frozen=True)
class PerturbationTable:
    """The noise distribution: ``probabilities[e]`` for each noise ``e`` in ``-D..D``.

    Unbiased (mean 0) and symmetric, most of its mass on small values; a count ``n`` smaller
    than ``D`` only takes the noises that keep it non-negative (renormalised). A cell nobody
    is in (no record keys) is never perturbed: it is a structural zero."""

    probabilities: dict[int, Fraction] = field(
        default_factory=lambda: {
            -3: Fraction(3, 100),
            -2: Fraction(7, 100),
            -1: Fraction(20, 100),
            0: Fraction(40, 100),
            1: Fraction(20, 100),
            2: Fraction(7, 100),
            3: Fraction(3, 100),
        }
    )

    def __post_init__(self) -> None:
        if sum(self.probabilities.values()) != 1:
            raise ValueError("the probabilities of a perturbation table add up to 1")
        if any(p < 0 for p in self.probabilities.values()):
            raise ValueError("a probability is never negative")
        if sum(e * p for e, p in self.probabilities.items()) != 0:
            raise ValueError("the noise must be unbiased")
        rows = {n: self._row(n) for n in range(1, self.max_noise + 1)}
        object.__setattr__(self, "_rows", rows)

    @cached_property  # asked for every cell of every table
    def max_noise(self) -> int:
        """``D``: no published count differs from the true one by more (before publication
        rules keep an earlier value)."""
        return max(abs(e) for e, p in self.probabilities.items() if p)

    @property
    def variance(self) -> float:
        return float(sum(e * e * p for e, p in self.probabilities.items()))

    def _row(self, n: int) -> tuple[list[int], list[float]]:
        values = sorted(e for e, p in self.probabilities.items() if p and n + e >= 0)
        total = sum(self.probabilities[e] for e in values)
        cumulative, running = [], Fraction(0)
        for e in values:
            running += self.probabilities[e] / total
            cumulative.append(float(running))
        cumulative[-1] = 1.0
        return values, cumulative

    def noise(self, n: int, key: float) -> int:
        """The noise for a count ``n`` whose cell key is ``key`` (in [0, 1))."""
        if n <= 0:
            return 0
        values, cumulative = self._rows[min(n, self.max_noise)]  # type: ignore[attr-defined]
        return values[min(bisect.bisect_right(cumulative, key), len(values) - 1)]

    def perturbed(self, n: int, key_sum: int) -> int:
        return n + self.noise(n, cell_key(key_sum))


#: the platform's perturbation table (docs/privacy.md: D = 3, variance 1.5)
PTABLE = PerturbationTable()
