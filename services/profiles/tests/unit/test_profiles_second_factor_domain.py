"""The authenticator app's codes (RFC 6238 test vectors) and their rules: drift, replay,
recovery codes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from profiles.domain.second_factor import (
    CHALLENGE_WRONG_CODES,
    SignInChallenge,
    TotpFactor,
    WrongCode,
    provisioning_uri,
    step_at,
    totp_code,
)

RFC_SECRET = b"12345678901234567890"  # RFC 6238 Appendix B, SHA-1


@pytest.mark.parametrize(
    ("unix_time", "eight_digits"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_codes_match_rfc_6238_test_vectors(unix_time: int, eight_digits: str) -> None:
    # six digits are the same number modulo 10**6: the vectors' last six digits
    when = datetime.fromtimestamp(unix_time, UTC)
    assert totp_code(RFC_SECRET, step_at(when)) == eight_digits[-6:]


def factor(now: datetime) -> TotpFactor:
    return TotpFactor(account_id=uuid.uuid4(), secret=RFC_SECRET, created_at=now)


def test_a_code_is_accepted_one_step_either_side_and_only_once() -> None:
    now = datetime(2026, 12, 7, 12, 0, 0, tzinfo=UTC)
    app = factor(now)
    late = totp_code(RFC_SECRET, step_at(now) - 1)
    assert app.accept(late, now)
    assert not app.accept(late, now)  # spent
    assert not app.accept(totp_code(RFC_SECRET, step_at(now) - 2), now)  # too old
    assert app.accept(totp_code(RFC_SECRET, step_at(now) + 1), now)  # the phone runs early
    # a code of a step before the last accepted one is spent too
    assert not app.accept(totp_code(RFC_SECRET, step_at(now)), now)
    assert not app.accept("12345", now) and not app.accept("abcdef", now)


def test_confirmation_needs_a_right_code_and_gives_ten_single_use_recovery_codes() -> None:
    now = datetime(2026, 12, 7, 12, 0, 0, tzinfo=UTC)
    app = factor(now)
    right = totp_code(RFC_SECRET, step_at(now))
    with pytest.raises(WrongCode):
        app.confirm(str((int(right) + 1) % 10**6).zfill(6), now)
    assert not app.confirmed
    codes = app.confirm(right, now + timedelta(seconds=1))
    assert app.confirmed and len(codes) == 10
    assert all(code not in app.recovery_digests for code in codes)  # digests only
    assert app.use_recovery_code(f" {codes[3].upper().replace('-', '')} ")
    assert not app.use_recovery_code(codes[3])
    assert len(app.recovery_digests) == 9


def test_the_provisioning_uri_is_what_authenticator_apps_read() -> None:
    uri = provisioning_uri(RFC_SECRET, "amina@example.org", "Diaspora Platform")
    assert uri.startswith("otpauth://totp/Diaspora%20Platform%3Aamina%40example.org?")
    assert "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" in uri and "period=30" in uri


def test_a_sign_in_challenge_is_good_once_until_it_expires_or_takes_too_many_wrong_codes() -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    challenge = SignInChallenge(account_id=uuid.uuid4(), expires_at=now + timedelta(minutes=5))
    assert challenge.refusal(now) is None
    expired = challenge.refusal(now + timedelta(minutes=5))
    assert expired is not None and expired.extensions["reason"] == "expired"
    lefts = [challenge.wrong_code(now) for _ in range(CHALLENGE_WRONG_CODES)]
    assert lefts == list(range(CHALLENGE_WRONG_CODES - 1, -1, -1))
    spent = challenge.refusal(now)
    assert spent is not None and spent.extensions["reason"] == "used"

    fresh = SignInChallenge(account_id=uuid.uuid4(), expires_at=now + timedelta(minutes=5))
    fresh.use(now)
    used = fresh.refusal(now)
    assert used is not None and used.extensions["reason"] == "used"
