"""Which populations an aggregate may describe: defence against differencing (pure).

A table over population ``P`` and a table over ``P' ⊂ P`` give, cell by cell, a table over
``P \\ P'`` that no suppression was applied to. The defence is to never release a population
that differs from one an attacker can also obtain by fewer than ``k`` respondents:

* **query-set restriction**: the filtered population has at least ``k`` respondents, and so does
  its difference with each *one-filter-coarser* population (the same filters minus one; the
  coarser one is always obtainable, so "one more filter" can never isolate fewer than ``k``);
* a population narrowed by a filter or a time window must hold at least ``MINIMUM_FACTOR * k``
  respondents (a table over a handful of people is mostly withheld cells and margins that
  nearly give them away);
* **time windows** are whole calendar months. Released windows (the release ledger, per
  campaign and filters) cut the months into *atoms*: runs of months between consecutive window
  boundaries. Any sum and difference of released windows is a sum and difference of atoms, and
  an atom is exactly what three or more windows can isolate (``[1,5] - [1,2] - [4,5] = [3]``,
  although every *pair* of those windows differs by large parts). A new window is refused when
  an atom it creates holds ``1..k-1`` respondents, and every count of the new table whose value
  in an atom it creates is ``1..k-1`` is withheld (``parts`` of
  :func:`profiles.domain.mapping.disclosure.suppress`);
* what remains a difference of released tables is a population of at least ``k``, whose
  cells are known only within the rounding error of the tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from eventkit import domain_errors as kinds


class PopulationTooSmall(kinds.InvalidInput):
    """The request would describe, or let someone difference out, fewer than ``k`` people.

    The message never says how many respondents there are."""

    title = "Population Too Small"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            year_s, month_s = text.split("-")
            m = cls(int(year_s), int(month_s))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a month (YYYY-MM)") from exc
        if not (1 <= m.month <= 12 and 1900 <= m.year <= 9999):
            raise ValueError(f"{text!r} is not a month (YYYY-MM)")
        return m

    @classmethod
    def of(cls, d: date) -> Month:
        return cls(d.year, d.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Window:
    """Inclusive range of whole months; ``None`` ends are open."""

    start: Month | None = None
    end: Month | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError("the window starts after it ends")

    def contains(self, m: Month) -> bool:
        return (self.start is None or m >= self.start) and (self.end is None or m <= self.end)

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def key(self) -> str:
        return f"{self.start or ''}..{self.end or ''}"


def filters_key(filters: Mapping[str, str]) -> str:
    """A canonical text for a filter set (the ledger's grouping key)."""
    return json.dumps(dict(sorted(filters.items())), separators=(",", ":"))


#: a filtered or windowed population holds at least this many times k respondents
MINIMUM_FACTOR = 3


def check_query_set(size: int, coarser_sizes: Mapping[str, int], k: int) -> None:
    """``size``: respondents matching every filter; ``coarser_sizes[f]``: respondents matching
    every filter but ``f`` (``f`` may be ``"window"``)."""
    if size < k or (coarser_sizes and size < MINIMUM_FACTOR * k):
        raise PopulationTooSmall("The filters select too few respondents to publish anything.")
    for name, coarser in coarser_sizes.items():
        if 0 < coarser - size < k:
            raise PopulationTooSmall(
                f"The filter on {name!r} leaves out too few respondents: a table without it "
                "would reveal them by difference."
            )


def symmetric_difference_parts(a: Window, b: Window, months: Iterable[Month]) -> list[list[Month]]:
    """Runs of consecutive months (among ``months``) in exactly one of the two windows."""
    parts: list[list[Month]] = []
    current: list[Month] = []
    side: bool | None = None
    for m in sorted(set(months)):
        in_a, in_b = a.contains(m), b.contains(m)
        if in_a != in_b:
            if side is not None and side != in_a:
                parts.append(current)
                current = []
            side = in_a
            current.append(m)
        elif current:
            parts.append(current)
            current, side = [], None
    if current:
        parts.append(current)
    return parts


def atoms(windows: Iterable[Window]) -> list[Window]:
    """The runs of months between consecutive boundaries of ``windows`` (open at both ends of
    the calendar): every window is a union of atoms."""
    cuts: set[Month] = set()
    for w in windows:
        if w.start is not None:
            cuts.add(w.start)
        if w.end is not None:
            cuts.add(w.end.next())
    ordered = sorted(cuts)
    bounds: list[Month | None] = [None, *ordered]
    return [
        Window(start, nxt.previous() if nxt is not None else None)
        for start, nxt in zip(bounds, [*ordered, None], strict=True)
    ]


def new_atoms(window: Window, released: Sequence[Window]) -> list[Window]:
    """Atoms that exist once ``window`` is released and did not before: what releasing it makes
    isolatable (the window itself when it is one atom, and the runs beside its boundaries)."""
    before = set(atoms(released))
    return [a for a in atoms([*released, window]) if a not in before]


def in_window(window: Window, monthly_counts: Mapping[Month, int]) -> int:
    return sum(n for m, n in monthly_counts.items() if window.contains(m))


def check_window(
    window: Window,
    released: Sequence[Window],
    monthly_counts: Mapping[Month, int],
    k: int,
) -> None:
    """``monthly_counts``: respondents per month of the population without a window filter."""
    for atom in new_atoms(window, released):
        if 0 < in_window(atom, monthly_counts) < k:
            raise PopulationTooSmall(
                "Together with the time windows already published, this window would single "
                "out a period with too few respondents; choose whole busier months."
            )
    months = list(monthly_counts)
    for other in released:
        if other == window:
            continue
        for part in symmetric_difference_parts(window, other, months):
            n = sum(monthly_counts.get(m, 0) for m in part)
            if 0 < n < k:
                raise PopulationTooSmall(
                    "This time window differs from one already published by too few "
                    "respondents; choose a window that adds or drops at least whole busy months."
                )
