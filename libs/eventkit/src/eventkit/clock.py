"""Time as a dependency: rules that depend on "now" (due dates, quorum windows, token expiry,
retention) are tested by moving a clock, not the database or the machine's time.

A service's composition root makes one clock (``SystemClock`` unless a test hands in a
``FixedClock``) and passes it to the use cases and jobs that need the time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


class FixedClock:
    """A clock that only moves when told to (tests, demos)."""

    def __init__(self, at: datetime | None = None) -> None:
        self._at = at or datetime.now(UTC)

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return self._at.date()

    def set(self, at: datetime) -> None:
        self._at = at

    def advance(self, delta: timedelta) -> None:
        self._at += delta
