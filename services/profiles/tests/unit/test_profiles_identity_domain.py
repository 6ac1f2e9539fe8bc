"""Identity domain rules without infrastructure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from profiles.domain import events
from profiles.domain.account import (
    Account,
    AccountStatus,
    AlreadyVerified,
    CannotRevokeMember,
    Role,
)
from profiles.domain.sessions import (
    LoginThrottle,
    RefreshToken,
    RefreshTokenState,
    SignInHistory,
    ThrottleScope,
)

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _fails(*seconds_ago: float) -> list[datetime]:
    return [NOW - timedelta(seconds=s) for s in seconds_ago]


def test_the_attackers_own_guesses_wait_doubling_delays() -> None:
    throttle = LoginThrottle()  # 5 free per client, then 2 s, 4 s, 8 s... after the last
    four = SignInHistory(client=_fails(50, 40, 30, 20))
    assert throttle.retry_after(four, NOW) is None
    five = SignInHistory(client=_fails(50, 40, 30, 20, 1))
    assert throttle.retry_after(five, NOW) == (1, ThrottleScope.CLIENT)  # 2 s after the last
    eight = SignInHistory(client=_fails(50, 40, 30, 20, 10, 5, 3, 1))
    assert throttle.retry_after(eight, NOW) == (15, ThrottleScope.CLIENT)  # 16 s after the last
    many = SignInHistory(client=_fails(*range(1, 40)))
    assert throttle.retry_after(many, NOW) == (899, ThrottleScope.CLIENT)  # capped at 15 min
    # failures older than the window no longer count
    stale = SignInHistory(client=[NOW - timedelta(hours=2)] * 10)
    assert throttle.retry_after(stale, NOW) is None


def test_an_attack_on_the_account_does_not_slow_the_owners_usual_client() -> None:
    throttle = LoginThrottle()
    attacked = _fails(*range(1, 31))  # 30 failures on the account from many addresses
    stranger = SignInHistory(account=attacked)
    wait = throttle.retry_after(stranger, NOW)
    assert wait is not None and wait[1] == ThrottleScope.ACCOUNT
    owner = SignInHistory(account=attacked, trusted=True)
    assert throttle.retry_after(owner, NOW) is None
    spraying = SignInHistory(address=_fails(*range(1, 61)))  # one address, many accounts
    held = throttle.retry_after(spraying, NOW)
    assert held is not None and held[1] == ThrottleScope.ADDRESS


def test_refresh_token_states() -> None:
    token = RefreshToken(
        id=uuid.uuid4(),
        family_id=uuid.uuid4(),
        account_id=uuid.uuid4(),
        issued_at=NOW,
        expires_at=NOW + timedelta(days=1),
    )
    assert token.state(NOW) == RefreshTokenState.VALID
    assert token.state(NOW + timedelta(days=2)) == RefreshTokenState.EXPIRED
    token.used_at = NOW
    assert token.state(NOW) == RefreshTokenState.REUSED


def test_account_verification_and_roles_record_events() -> None:
    account = Account.register(
        email="a@example.org", display_name="A", locale="fr", password_hash="h"
    )
    account.verify_email(NOW)
    assert account.status == AccountStatus.ACTIVE
    with pytest.raises(AlreadyVerified):
        account.verify_email(NOW)
    assert account.grant(Role.MODERATOR, by=None, now=NOW)
    assert not account.grant(Role.MODERATOR, by=None, now=NOW)  # idempotent, no event
    with pytest.raises(CannotRevokeMember):
        account.revoke(Role.MEMBER, by=None, now=NOW)
    kinds = [type(e) for e in account.events]
    assert kinds == [events.AccountRegistered, events.AccountVerified, events.RolesChanged]
    assert account.version == 3
