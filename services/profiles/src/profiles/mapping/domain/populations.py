"""Time windows of mapping tables: whole calendar months (pure).

A table may count only the respondents of a range of months. Windows are part of a cell's
definition (:mod:`profiles.mapping.domain.publication`), so the months outside a campaign are
clipped first: a window that covers the whole campaign is no window at all, and the same
months asked two ways are the same cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventkit import domain_errors as kinds


class PopulationTooSmall(kinds.InvalidInput):
    """The table would describe fewer than ``k`` people (judged on the published total, never
    on the true count). The message never says how many respondents there are."""

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

    def clipped(self, first: Month, last: Month) -> Window:
        """The same window within the months ``first..last`` (a campaign's): open ends where it
        reaches them. Raises ValueError when no month is left."""
        start = self.start if self.start is not None and self.start > first else None
        end = self.end if self.end is not None and self.end < last else None
        if (start or first) > (end or last):
            raise ValueError("the time window holds no month of the campaign")
        return Window(start, end)
