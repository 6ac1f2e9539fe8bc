"""A second sign-in factor: time-based one-time passwords (RFC 6238) and recovery codes.

Privileged roles read or change other people's data, so their accounts sign in with a
code from an authenticator app besides the password. The codes are HMAC-SHA1 over the
30-second step (RFC 4226 dynamic truncation, 6 digits), the defaults every authenticator
app reads from an ``otpauth://`` URI. A code is accepted one step early or late (clock drift)
and only once: the last accepted step is remembered, so an overheard code cannot be replayed.
Recovery codes are for a lost phone: ten, each good once, stored only as digests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urlencode
from uuid import UUID

from eventkit import domain_errors as kinds

STEP_S = 30
DIGITS = 6
#: steps accepted either side of the server's (RFC 6238 §5.2: at most one is recommended)
DRIFT_STEPS = 1
RECOVERY_CODES = 10

#: RFC 8176 authentication method references carried in the access token's ``amr``
AMR_PASSWORD = "pwd"
AMR_ONE_TIME_PASSWORD = "otp"
AMR_MULTI_FACTOR = "mfa"


class SecondFactorRequired(kinds.Unauthenticated):
    type = "https://diaspora.example/problems/second-factor-required"
    title = "Second factor required"
    message = (
        "The password is right; now send the `challenge` with the code of your "
        "authenticator app as `otp` (or one of your recovery codes as `recovery_code`) "
        "to /v1/auth/login/second-factor."
    )


class WrongSecondFactor(kinds.Unauthenticated):
    message = "The email, password or code is wrong."


class WrongChallengeCode(WrongSecondFactor):
    """A wrong code for a sign-in's second step; ``attempts_left`` says how many more the
    challenge takes before the password is needed again."""

    message = "The code is wrong."


class SignInChallengeInvalid(kinds.Unauthenticated):
    """The challenge of a sign-in's second step is unknown, expired, used, or has had too many
    wrong codes (``reason``: ``unknown``, ``expired``, ``used``, ``too_many_wrong_codes``):
    the client starts again with the password."""

    type = "https://diaspora.example/problems/sign-in-challenge-invalid"
    title = "Sign-in step expired"
    message = "This sign-in step is no longer valid; sign in again with your password."

    def __init__(self, detail: str = "", *, reason: str = "unknown") -> None:
        super().__init__(detail, reason=reason)


class WrongCode(kinds.InvalidInput):
    """A signed-in person's code for managing their app is wrong: 422 beside the field. Not
    401: their token is good, and a 401 tells a client to refresh it or sign in again."""

    title = "Wrong code"
    message = "The code is wrong; check the app's clock and try again."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.message, field="code")


class NoSecondFactor(kinds.Conflict):
    title = "No second factor"
    message = "No authenticator app is enrolled on this account: enrol one first."


class SecondFactorAlreadyEnrolled(kinds.Conflict):
    title = "Second factor already enrolled"
    message = (
        "An authenticator app is already enrolled: remove it (with one of its codes) "
        "before enrolling another."
    )


#: how long a challenge waits for the second factor, and how many wrong codes it takes
CHALLENGE_TTL_S = 300
CHALLENGE_WRONG_CODES = 3


@dataclass(kw_only=True)
class SignInChallenge:
    """The second step of a sign-in whose password was right: a short-lived token the client
    sends back with the code, so it never has to keep (or send again) the password."""

    account_id: UUID
    expires_at: datetime
    used_at: datetime | None = None
    wrong_codes: int = 0

    def refusal(self, now: datetime) -> SignInChallengeInvalid | None:
        """Why the challenge can no longer complete a sign-in, or None (it can)."""
        if self.used_at is not None:
            return SignInChallengeInvalid(
                "This sign-in step was already completed or abandoned; sign in again.",
                reason="used",
            )
        if now >= self.expires_at:
            return SignInChallengeInvalid(
                "This sign-in step expired; sign in again.", reason="expired"
            )
        return None

    def wrong_code(self, now: datetime) -> int:
        """Count a wrong code; the attempts left (at none, the challenge is spent)."""
        self.wrong_codes += 1
        left = max(CHALLENGE_WRONG_CODES - self.wrong_codes, 0)
        if left == 0:
            self.used_at = now
        return left

    def use(self, now: datetime) -> None:
        self.used_at = now


def new_totp_secret() -> bytes:
    return secrets.token_bytes(20)  # 160 bits, RFC 4226 §4's recommendation


def totp_code(secret: bytes, step: int) -> str:
    """The code of one 30-second step (RFC 6238 with HMAC-SHA1, RFC 4226 truncation)."""
    mac = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def step_at(now: datetime) -> int:
    return int(now.timestamp()) // STEP_S


def provisioning_uri(secret: bytes, account_name: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (usually from a QR code)."""
    label = quote(f"{issuer}:{account_name}")
    query = urlencode(
        {
            "secret": base64.b32encode(secret).decode().rstrip("="),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_S,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def recovery_code_digest(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").strip().lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_recovery_codes() -> list[str]:
    """Ten codes of 10 base-32 characters (50 bits each), shown as ``xxxxx-xxxxx``."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()[:10]
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


@dataclass(kw_only=True)
class TotpFactor:
    """One account's authenticator app: pending until a first code confirms it."""

    account_id: UUID
    secret: bytes
    created_at: datetime
    confirmed_at: datetime | None = None
    #: the last step whose code was accepted: that code and earlier ones are spent
    last_step: int = 0
    recovery_digests: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def accept(self, code: str, now: datetime) -> bool:
        """Whether ``code`` is a fresh code of this app (and spend it)."""
        code = code.strip().replace(" ", "")
        if len(code) != DIGITS or not code.isdigit():
            return False
        current = step_at(now)
        for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
            if step > self.last_step and hmac.compare_digest(totp_code(self.secret, step), code):
                self.last_step = step
                return True
        return False

    def confirm(self, code: str, now: datetime) -> list[str]:
        """Confirm the enrolment with a first code; the recovery codes, shown once."""
        if not self.accept(code, now):
            raise WrongCode()
        self.confirmed_at = now
        return self.renew_recovery_codes()

    def renew_recovery_codes(self) -> list[str]:
        codes = new_recovery_codes()
        self.recovery_digests = [recovery_code_digest(code) for code in codes]
        return codes

    def use_recovery_code(self, code: str) -> bool:
        """Whether ``code`` is one of the unused recovery codes (and spend it)."""
        wanted = recovery_code_digest(code)
        for known in self.recovery_digests:
            if hmac.compare_digest(known, wanted):
                self.recovery_digests.remove(known)
                return True
        return False
