"""Sign-in sessions: rotating refresh tokens with reuse detection, and login throttling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID


class RefreshTokenState(StrEnum):
    VALID = "valid"
    #: presented after it was already exchanged (or its family was revoked): a stolen copy
    #: may be in use, so the whole family is revoked
    REUSED = "reused"
    EXPIRED = "expired"


@dataclass(kw_only=True)
class RefreshToken:
    id: UUID
    family_id: UUID
    account_id: UUID
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    def state(self, now: datetime) -> RefreshTokenState:
        if self.used_at is not None or self.revoked_at is not None:
            return RefreshTokenState.REUSED
        if now >= self.expires_at:
            return RefreshTokenState.EXPIRED
        return RefreshTokenState.VALID


@dataclass(frozen=True)
class LoginThrottle:
    """At most ``max_failures`` failed sign-ins per account and client address per ``window``."""

    max_failures: int
    window: timedelta

    def retry_after(self, failures: Sequence[datetime], now: datetime) -> int | None:
        """Seconds to wait before trying again, or None if a new attempt is allowed."""
        recent = sorted(t for t in failures if t > now - self.window)
        if len(recent) < self.max_failures:
            return None
        # once the oldest of the last ``max_failures`` leaves the window, one attempt frees up
        unlock_at = recent[-self.max_failures] + self.window
        return max(1, int((unlock_at - now).total_seconds()) + 1)
