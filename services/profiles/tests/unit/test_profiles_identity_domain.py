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
from profiles.domain.sessions import LoginThrottle, RefreshToken, RefreshTokenState

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_throttle_allows_until_max_failures_then_says_when_to_retry() -> None:
    throttle = LoginThrottle(3, timedelta(minutes=15))
    fails = [NOW - timedelta(minutes=m) for m in (10, 5)]
    assert throttle.retry_after(fails, NOW) is None
    fails.append(NOW - timedelta(minutes=1))
    assert throttle.retry_after(fails, NOW) == 5 * 60 + 1  # the oldest leaves in 5 minutes
    old = [NOW - timedelta(minutes=m) for m in (20, 30, 40)]
    assert throttle.retry_after(old, NOW) is None


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
