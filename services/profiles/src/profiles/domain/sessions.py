"""Sign-in sessions: rotating refresh tokens with reuse detection, and login throttling."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    #: how the sign-in that began the session was authenticated (RFC 8176): kept by refreshes
    amr: list[str] = field(default_factory=lambda: ["pwd"])

    def state(self, now: datetime) -> RefreshTokenState:
        if self.used_at is not None or self.revoked_at is not None:
            return RefreshTokenState.REUSED
        if now >= self.expires_at:
            return RefreshTokenState.EXPIRED
        return RefreshTokenState.VALID


@dataclass(frozen=True)
class SignInHistory:
    """What is known, at one attempt, about recent failed sign-ins that concern it."""

    #: failures for this account from this client address
    client: Sequence[datetime] = ()
    #: failures for this account from every address
    account: Sequence[datetime] = ()
    #: failures from this address, whichever account (password spraying)
    address: Sequence[datetime] = ()
    #: this address signed in to this account before: the owner's usual client
    trusted: bool = False


class ThrottleScope(StrEnum):
    CLIENT = "client"
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True)
class LoginThrottle:
    """Failed sign-ins slow down whoever fails, never lock the account's owner out
    (NIST SP 800-63B §5.2.2, OWASP ASVS v4 §2.2.1).

    Past ``free`` failures in ``window``, each further attempt waits a delay that doubles
    from ``first_delay`` up to ``max_delay`` after the latest failure, counted three ways:

    * per account and client address: the attacker's own guesses slow only the attacker;
    * per account from every address (a distributed attack): slows addresses that never
      signed in to the account, but not its owner's usual client (``trusted``);
    * per address across accounts (password spraying): slows that address.

    A successful sign-in clears the client's count; a password reset clears the account's.
    """

    window: timedelta = timedelta(hours=1)
    free_per_client: int = 5
    free_per_account: int = 20
    free_per_address: int = 50
    first_delay: timedelta = timedelta(seconds=2)
    max_delay: timedelta = timedelta(minutes=15)

    def retry_after(
        self, history: SignInHistory, now: datetime
    ) -> tuple[int, ThrottleScope] | None:
        """Seconds to wait and which count holds the attempt back, or None: go ahead."""
        counts = [(history.client, self.free_per_client, ThrottleScope.CLIENT)]
        if not history.trusted:
            counts.append((history.account, self.free_per_account, ThrottleScope.ACCOUNT))
            counts.append((history.address, self.free_per_address, ThrottleScope.ADDRESS))
        waits = []
        for failures, free, scope in counts:
            wait = self._wait(failures, free, now)
            if wait is not None:
                waits.append((wait, scope))
        return max(waits) if waits else None

    def _wait(self, failures: Sequence[datetime], free: int, now: datetime) -> int | None:
        recent = [t for t in failures if t > now - self.window]
        if len(recent) < free:
            return None
        doublings = min(len(recent) - free, 30)
        delay = min(self.first_delay * 2**doublings, self.max_delay)
        until = max(recent) + delay
        if now >= until:
            return None
        return max(1, math.ceil((until - now).total_seconds()))
