"""What the platform publishes for each cell while the data change (pure; no I/O).

A *cell* is described by its definition: the set of constraints its respondents meet
(``("gender", "female")``, ``("sector", "Q")`` for "holds Q", ``("window", "2026-01..2026-03")``),
however the question that showed it was asked. Its *cell-key count* is its true count plus the
noise its cell key selects (:mod:`profiles.mapping.domain.cellkey`). What is published comes
from three rules, applied from the coarsest cell to the finest so that every cell's coarser
cells (one constraint fewer) are settled first:

1. **Kept.** A cell published before keeps its published value while its cell-key count stays
   within ``step`` of the cell-key count it had then. Adding or withdrawing respondents gives a
   cell new record keys, hence new noise; without this rule, reading a cell after each of a few
   planted or withdrawn respondents would show it with independent noise each time, and
   averaging the readings would recover it. With it, fewer than ``k`` respondents moved in or
   out change nothing that is shown, and a newcomer is invisible in every table.
2. **Same as a coarser cell.** A cell whose cell-key count is within ``step`` of a coarser
   cell's shows that cell's published value. A cell that differs from a coarser one only by
   the attacker's own respondents (given a value the original respondents all share, such as
   another wave, so that a finer cell now leaves them out) is a *new* set of respondents with
   new noise; this rule shows it the value already published instead.
3. **Perturbed.** Otherwise its cell-key count.

A published value below ``k`` is shown as "fewer than k" (no number). The rules compare only
cell-key counts and published values; no decision rests on a true count, so none can be used
as an oracle by planting respondents until it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from profiles.mapping.domain.cellkey import PTABLE, PerturbationTable

#: one constraint: (dimension, value), or ("window", "YYYY-MM..YYYY-MM")
Constraint = tuple[str, str]
Definition = frozenset[Constraint]
WINDOW = "window"


def definition_text(definition: Definition) -> str:
    """The canonical text of a definition (the ledger's key): sorted ``dim=value`` pairs."""
    return "&".join(f"{d}={v}" for d, v in sorted(definition))


class Basis(StrEnum):
    PERTURBED = "perturbed"
    KEPT = "kept"
    SAME_AS_COARSER = "same_as_coarser"


@dataclass(frozen=True)
class TrueCell:
    """What the data say about a cell: its respondents and the sum of their record keys."""

    n: int
    key_sum: int


@dataclass(frozen=True)
class Published:
    value: int
    basis: Basis
    #: the cell-key count this value was published for (what rule 1 compares with later)
    raw: int
    #: for SAME_AS_COARSER: the constraint the coarser cell does not have
    dropped: Constraint | None = None


@dataclass(frozen=True)
class PublicationPolicy:
    """The parameters of what is published (docs/privacy.md)."""

    k: int
    table: PerturbationTable = PTABLE

    @property
    def planted_budget(self) -> int:
        """Respondents an attacker may add or withdraw around a cell without any published
        value changing (or any new definition showing a value of its own): fewer than k."""
        return self.k - 1

    @property
    def step(self) -> int:
        """How far a cell-key count must be from another to count as different:
        ``planted_budget`` respondents plus two noises, plus one."""
        return self.planted_budget + 2 * self.table.max_noise + 1

    def shown(self, value: int) -> int | None:
        """The number shown for a published value (None: fewer than k)."""
        return value if value >= self.k else None


class MissingCoarserCell(ValueError):
    """A cell was given without every cell one constraint coarser (a bug in the caller)."""


def publish(
    cells: Mapping[Definition, TrueCell],
    ledger: Mapping[Definition, Published],
    policy: PublicationPolicy,
) -> dict[Definition, Published]:
    """The published value of every cell in ``cells`` (which holds, for each cell, every cell
    one constraint coarser); ``ledger``: what was published before."""
    raw = {d: policy.table.perturbed(c.n, c.key_sum) for d, c in cells.items()}
    step = policy.step
    out: dict[Definition, Published] = {}
    for definition in sorted(cells, key=lambda d: (len(d), definition_text(d))):
        mine = raw[definition]
        before = ledger.get(definition)
        if before is not None and abs(mine - before.raw) < step:
            out[definition] = Published(before.value, Basis.KEPT, before.raw, before.dropped)
            continue
        closest: tuple[int, Constraint, Published] | None = None
        for constraint in sorted(definition):
            coarser = definition - {constraint}
            if coarser not in out:
                raise MissingCoarserCell(definition_text(coarser))
            gap = abs(mine - raw[coarser])
            if gap < step and (closest is None or gap < closest[0]):
                closest = (gap, constraint, out[coarser])
        if closest is not None:
            _, dropped, coarser_published = closest
            out[definition] = Published(
                coarser_published.value, Basis.SAME_AS_COARSER, mine, dropped
            )
        else:
            out[definition] = Published(mine, Basis.PERTURBED, mine)
    return out


def ledger_changes(
    published: Mapping[Definition, Published], ledger: Mapping[Definition, Published]
) -> dict[Definition, Published]:
    """The ledger rows to write after a publication (new cells, and cells published anew)."""
    return {d: p for d, p in published.items() if p.basis != Basis.KEPT or d not in ledger}
