"""Identity use cases: sign-in, token issuance and rotation, emailed links, roles."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.http.auth import Principal
from eventkit.logging import get_logger
from profiles.adapters import jwt_signing
from profiles.adapters.identity_store import digest
from profiles.adapters.password_hasher import (
    hash_password,
    hash_password_async,
    verify_password_async,
)
from profiles.adapters.sign_in_metrics import SIGN_IN_FAILURES, SIGN_IN_THROTTLED
from profiles.config import ProfilesSettings
from profiles.domain import second_factor as sf
from profiles.domain.account import Account, AccountStatus, Role
from profiles.domain.passwords import check_strength
from profiles.domain.sessions import RefreshToken, RefreshTokenState, SignInHistory
from profiles.service_layer.audit import record_read
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

log = get_logger(__name__)

VERIFY_EMAIL = "verify_email"
RESET_PASSWORD = "reset_password"


class InvalidCredentials(kinds.Unauthenticated):
    message = "The email or password is wrong."


class TooManyAttempts(kinds.TooManyRequests):
    title = "Too many failed sign-ins"
    message = "Wait before trying again, or reset your password."


class TooManyEmails(kinds.TooManyRequests):
    title = "Too many emails"
    message = "Several verification emails were sent recently; check your inbox."


class InvalidRefreshToken(kinds.Unauthenticated):
    message = "The refresh token is invalid or expired."


class RefreshTokenReused(InvalidRefreshToken):
    message = "This refresh token was already used; every session it belongs to is now ended."


class InvalidLink(kinds.BadRequest):
    title = "Invalid link"
    message = "The link is invalid or was already used."


class ExpiredLink(kinds.Gone, InvalidLink):
    title = "Link expired"


class AccountNotFound(kinds.NotFound):
    message = "The account does not exist."


@dataclass(frozen=True)
class SecondFactorProof:
    """What a sign-in brings besides the password: an app's code or a recovery code."""

    otp: str | None = None
    recovery_code: str | None = None


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    token_type: str = "Bearer"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


# ---- signing keys ---------------------------------------------------------------------
async def current_signing_key(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> jwt_signing.SigningKey:
    """The active key; creates the first one, or rotates one older than the rotation age."""
    max_age = timedelta(seconds=settings.signing_key_rotation_s)
    key = await uow.signing_keys.active()
    if key is not None and now - key.created_at < max_age:
        return key
    await uow.signing_keys.lock()
    key = await uow.signing_keys.active()  # another process may have won the race
    if key is not None and now - key.created_at < max_age:
        return key
    return await _install_new_key(uow, settings, now, previous=key)


async def _install_new_key(
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
    previous: jwt_signing.SigningKey | None,
) -> jwt_signing.SigningKey:
    if previous is not None:
        # tokens it signed stay verifiable until they expire (plus clock-skew margin)
        until = now + timedelta(seconds=settings.access_token_ttl_s + 60)
        await uow.signing_keys.retire(previous.kid, at=now, published_until=until)
    key = jwt_signing.generate_signing_key(now)
    await uow.signing_keys.add(key)
    return key


async def rotate_signing_key(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> str:
    async with uow:
        await uow.signing_keys.lock()
        key = await _install_new_key(uow, settings, now, await uow.signing_keys.active())
        await uow.commit()
    return key.kid


async def published_keys(uow: ProfilesUnitOfWork, now: datetime) -> dict[str, Any]:
    async with uow:
        return {"keys": await uow.signing_keys.published(now)}


# ---- tokens ---------------------------------------------------------------------------
async def issue_tokens(
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    account: Account,
    now: datetime,
    family_id: UUID | None = None,
    amr: Sequence[str] = (sf.AMR_PASSWORD,),
) -> TokenPair:
    """An access token and a refresh token; ``amr`` (RFC 8176) says how the sign-in was
    authenticated, so services can demand a second factor (``SECOND_FACTOR_ROLES``)."""
    key = await current_signing_key(uow, settings, now)
    claims = {
        "sub": str(account.id),
        "roles": sorted(account.roles),
        "email_verified": account.status == AccountStatus.ACTIVE,
        "amr": list(amr),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(seconds=settings.access_token_ttl_s),
        "jti": uuid.uuid4().hex,
    }
    secret = new_secret()
    refresh = RefreshToken(
        id=uuid.uuid4(),
        family_id=family_id or uuid.uuid4(),
        account_id=account.id,
        issued_at=now,
        expires_at=now + timedelta(seconds=settings.refresh_token_ttl_s),
        amr=list(amr),
    )
    await uow.refresh_tokens.add(refresh, secret)
    return TokenPair(
        access_token=jwt_signing.sign(key, claims),
        expires_in=settings.access_token_ttl_s,
        refresh_token=secret,
        refresh_expires_in=settings.refresh_token_ttl_s,
    )


async def login(
    email: str,
    password: str,
    client_ip: str,
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
    second_factor: SecondFactorProof | None = None,
) -> TokenPair:
    """Sign in; failures are slowed down where they come from (``LoginThrottle``). An
    account with an authenticator app also needs its code (or a recovery code): sent here
    with the password, or, without one, SecondFactorRequired carries a challenge that
    :func:`login_second_factor` completes with the code."""
    account_key = digest(email.strip().lower())
    async with uow:
        history = await _throttled(uow, settings, account_key, client_ip, now)
        account = await uow.accounts.get_by_email(email.strip().lower())
        hashed = account.password_hash if account is not None and account.can_sign_in else None
        ok = await verify_password_async(hashed, password)
        proven: list[str] | None = None
        if account is not None and ok:
            factor = await uow.second_factors.get(account.id, for_update=True)
            if factor is not None and factor.confirmed and not second_factor_sent(second_factor):
                raise await _challenge(uow, account, now)
            proven = await _prove(uow, account, factor, second_factor, now)
        if account is None or proven is None:
            # a wrong code counts like a wrong password: guessing codes is throttled too
            await _failed(uow, account_key, client_ip, history, now)
            raise InvalidCredentials() if not ok else sf.WrongSecondFactor()
        await uow.login_failures.succeeded(account_key, client_ip, now)
        pair = await issue_tokens(uow, settings, account, now, amr=[sf.AMR_PASSWORD, *proven])
        await uow.commit()
    return pair


async def login_second_factor(
    challenge: str,
    proof: SecondFactorProof,
    client_ip: str,
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
) -> TokenPair:
    """The second step of a sign-in: the challenge the password earned, with the app's code
    or a recovery code. A wrong code counts toward the same throttle as a wrong password and
    toward the challenge's own few attempts; a challenge is good once, for a few minutes."""
    async with uow:
        pending = await uow.sign_in_challenges.get_for_update(challenge)
        if pending is None:
            raise sf.SignInChallengeInvalid()
        if (refusal := pending.refusal(now)) is not None:
            raise refusal
        account = await uow.accounts.get(pending.account_id)
        if account is None or not account.can_sign_in:
            raise sf.SignInChallengeInvalid()
        account_key = digest(account.email.strip().lower())  # login's throttle key
        history = await _throttled(uow, settings, account_key, client_ip, now)
        factor = await uow.second_factors.get(account.id, for_update=True)
        if factor is None or not factor.confirmed:  # removed meanwhile: the password will do
            raise sf.SignInChallengeInvalid()
        proven = await _prove(uow, account, factor, proof, now)
        if not proven:
            left = pending.wrong_code(now)
            await uow.sign_in_challenges.save(challenge, pending)
            await _failed(uow, account_key, client_ip, history, now)
            if left == 0:
                raise sf.SignInChallengeInvalid(
                    "Too many wrong codes; sign in again.", reason="too_many_wrong_codes"
                )
            raise sf.WrongChallengeCode(attempts_left=left)
        pending.use(now)
        await uow.sign_in_challenges.save(challenge, pending)
        await uow.login_failures.succeeded(account_key, client_ip, now)
        pair = await issue_tokens(uow, settings, account, now, amr=[sf.AMR_PASSWORD, *proven])
        await uow.commit()
    return pair


def second_factor_sent(proof: SecondFactorProof | None) -> bool:
    return proof is not None and bool(proof.otp or proof.recovery_code)


async def _throttled(
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    account_key: str,
    client_ip: str,
    now: datetime,
) -> SignInHistory:
    """Lock this account key and address's failures; TooManyAttempts while they are held."""
    throttle = settings.login_throttle()
    trusted_since = now - timedelta(days=settings.login_trusted_client_days)
    await uow.login_failures.lock(account_key, client_ip)
    history = await uow.login_failures.history(
        account_key, client_ip, now - throttle.window, trusted_since
    )
    held = throttle.retry_after(history, now)
    if held is not None:
        wait, scope = held
        SIGN_IN_FAILURES.labels("throttled").inc()
        SIGN_IN_THROTTLED.labels(scope.value).inc()
        log.warning(
            "auth.sign_in_throttled", account=account_key[:12], scope=scope, retry_after=wait
        )
        raise TooManyAttempts(retry_after_s=wait)
    return history


async def _failed(
    uow: ProfilesUnitOfWork,
    account_key: str,
    client_ip: str,
    history: SignInHistory,
    now: datetime,
) -> None:
    """Remember a failed sign-in (wrong password or code) for the throttle, and commit."""
    await uow.login_failures.add(account_key, client_ip, now)
    await uow.commit()
    SIGN_IN_FAILURES.labels("wrong_credentials").inc()
    log.info(
        "auth.sign_in_failed",
        account=account_key[:12],
        client_failures=len(history.client) + 1,
        account_failures=len(history.account) + 1,
    )


async def _challenge(
    uow: ProfilesUnitOfWork, account: Account, now: datetime
) -> sf.SecondFactorRequired:
    """A new challenge for the sign-in's second step (committed), as the problem to raise."""
    secret = new_secret()
    expires_in = sf.CHALLENGE_TTL_S
    pending = sf.SignInChallenge(
        account_id=account.id, expires_at=now + timedelta(seconds=expires_in)
    )
    await uow.sign_in_challenges.add(secret, pending, now)
    await uow.commit()
    return sf.SecondFactorRequired(challenge=secret, challenge_expires_in=expires_in)


async def _prove(
    uow: ProfilesUnitOfWork,
    account: Account,
    factor: sf.TotpFactor | None,
    proof: SecondFactorProof | None,
    now: datetime,
) -> list[str] | None:
    """The methods a confirmed authenticator app adds to the password's (``[]`` for an
    account without one), or None: the code is wrong (or missing)."""
    if factor is None or not factor.confirmed:
        return []
    if proof is not None and proof.otp and factor.accept(proof.otp, now):
        methods = [sf.AMR_ONE_TIME_PASSWORD, sf.AMR_MULTI_FACTOR]
    elif (
        proof is not None and proof.recovery_code and factor.use_recovery_code(proof.recovery_code)
    ):
        methods = [sf.AMR_MULTI_FACTOR]
        log.info("auth.recovery_code_used", left=len(factor.recovery_digests))
        account.note_recovery_code_used(now, len(factor.recovery_digests))  # the owner is told
        await uow.accounts.save(account)
        uow.track(account)
    else:
        return None
    await uow.second_factors.save(factor)  # the code is spent
    return methods


async def refresh(
    secret: str, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> TokenPair:
    async with uow:
        token = await uow.refresh_tokens.get_for_update(secret)
        if token is None:
            raise InvalidRefreshToken()
        state = token.state(now)
        if state == RefreshTokenState.REUSED:
            await uow.refresh_tokens.revoke_family(token.family_id, now)
            await uow.commit()
            raise RefreshTokenReused()
        if state == RefreshTokenState.EXPIRED:
            raise InvalidRefreshToken()
        account = await uow.accounts.get(token.account_id)
        if account is None or account.status == AccountStatus.ERASED:
            raise InvalidRefreshToken()
        await uow.refresh_tokens.mark_used(token.id, now)
        pair = await issue_tokens(
            uow, settings, account, now, family_id=token.family_id, amr=token.amr
        )
        await uow.commit()
    return pair


async def logout(secret: str, uow: ProfilesUnitOfWork, now: datetime) -> None:
    """End the session the refresh token belongs to (idempotent; unknown tokens are ignored)."""
    async with uow:
        token = await uow.refresh_tokens.get_for_update(secret)
        if token is not None:
            await uow.refresh_tokens.revoke_family(token.family_id, now)
            await uow.commit()


# ---- emailed links --------------------------------------------------------------------
async def _new_verification_link(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, account_id: UUID, now: datetime
) -> tuple[str, datetime]:
    secret = new_secret()
    expires_at = now + timedelta(seconds=settings.verification_link_ttl_s)
    await uow.one_time_tokens.add(
        secret, purpose=VERIFY_EMAIL, account_id=account_id, now=now, expires_at=expires_at
    )
    return settings.verify_link(secret), expires_at


async def _claim_link(uow: ProfilesUnitOfWork, secret: str, purpose: str, now: datetime) -> UUID:
    claimed = await uow.one_time_tokens.claim(secret, purpose)
    if claimed is None:
        raise InvalidLink()
    account_id, expires_at, used = claimed
    if used:
        raise InvalidLink()
    if now >= expires_at:
        raise ExpiredLink(_ASK_AGAIN.get(purpose, ""))
    return account_id


#: what an expired link's owner can do
_ASK_AGAIN = {
    VERIFY_EMAIL: "Ask for a new verification email.",
    RESET_PASSWORD: "Ask for a new password reset email.",
}


async def verify_email(secret: str, uow: ProfilesUnitOfWork, now: datetime) -> UUID:
    async with uow:
        account_id = await _claim_link(uow, secret, VERIFY_EMAIL, now)
        account = await uow.accounts.get(account_id, for_update=True)
        if account is None or account.status == AccountStatus.ERASED:
            raise InvalidLink()
        account.verify_email(now)  # AlreadyVerified if another link got there first
        await uow.one_time_tokens.use_all(account_id, VERIFY_EMAIL, now)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()
    return account_id


async def resend_verification(
    account_id: UUID, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> None:
    async with uow:
        account = await uow.accounts.get(account_id, for_update=True)
        if account is None or account.status == AccountStatus.ERASED:
            raise AccountNotFound()
        sent = await uow.one_time_tokens.count_since(
            account_id, VERIFY_EMAIL, now - timedelta(hours=1)
        )
        if sent >= settings.link_emails_max_per_hour:
            raise TooManyEmails(retry_after_s=3600)
        url, expires_at = await _new_verification_link(uow, settings, account_id, now)
        account.request_verification(url, expires_at)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()


async def request_password_reset(
    email: str, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> None:
    """Email a reset link if the account exists; silent otherwise (no account enumeration)."""
    async with uow:
        account = await uow.accounts.get_by_email(email.strip().lower(), for_update=True)
        if account is None or account.status == AccountStatus.ERASED:
            return
        recent = await uow.one_time_tokens.count_since(
            account.id, RESET_PASSWORD, now - timedelta(hours=1)
        )
        if recent >= settings.link_emails_max_per_hour:
            return  # silently: the answer must not differ from an unknown email
        secret = new_secret()
        expires_at = now + timedelta(seconds=settings.password_reset_link_ttl_s)
        await uow.one_time_tokens.add(
            secret, purpose=RESET_PASSWORD, account_id=account.id, now=now, expires_at=expires_at
        )
        account.request_password_reset(settings.reset_link(secret), expires_at)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()


async def reset_password(
    secret: str, new_password: str, uow: ProfilesUnitOfWork, now: datetime
) -> UUID:
    """Set a new password from an emailed link; every session of the account is ended."""
    async with uow:
        account_id = await _claim_link(uow, secret, RESET_PASSWORD, now)
        account = await uow.accounts.get(account_id, for_update=True)
        if account is None or account.status == AccountStatus.ERASED:
            raise InvalidLink()
        check_strength(new_password, email=account.email, display_name=account.display_name)
        account.change_password(await hash_password_async(new_password), now)
        # the owner proved they hold the mailbox: every address starts a clean count
        await uow.login_failures.clear_account(digest(account.email.strip().lower()))
        await uow.one_time_tokens.use_all(account_id, RESET_PASSWORD, now)
        await uow.refresh_tokens.revoke_all_of(account_id, now)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()
    return account_id


# ---- roles ----------------------------------------------------------------------------
async def change_role(
    account_id: UUID, role: Role, *, grant: bool, by: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> set[str]:
    async with uow:
        account = await uow.accounts.get(account_id, for_update=True)
        if account is None:
            raise AccountNotFound()
        changed = (
            account.grant(role, by=by, now=now) if grant else account.revoke(role, by=by, now=now)
        )
        if changed:
            await uow.accounts.save(account)
            uow.track(account)
            await uow.commit()
    return account.roles


async def seed_admin(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> UUID | None:
    """Create (or promote) the demo platform admin from settings; idempotent."""
    if not settings.admin_email or not settings.admin_password:
        return None
    email = settings.admin_email.strip().lower()
    async with uow:
        account = await uow.accounts.get_by_email(email, for_update=True)
        if account is None:
            account = Account.register(
                email=email,
                display_name=settings.admin_display_name,
                locale="en",
                password_hash=hash_password(settings.admin_password),
            )
            account.verify_email(now)
            await uow.accounts.add(account)
        elif Role.PLATFORM_ADMIN.value in account.roles:
            return account.id
        account.grant(Role.PLATFORM_ADMIN, by=None, now=now)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()
    return account.id


async def find_account_for_admin(
    email: str, admin: Principal, uow: ProfilesUnitOfWork
) -> Account | None:
    """A platform admin looks an account up by its exact email address (a support request
    names it); no prefix search, so the route cannot list who is registered. A found account
    is recorded in its owner's audit log like any other admin read."""
    async with uow:
        account = await uow.accounts.get_by_email(email.strip().lower())
        if account is None or account.status == AccountStatus.ERASED:
            return None
        await _record_admin_read(account, admin, uow)
        await uow.commit()
    return account


async def _record_admin_read(account: Account, admin: Principal, uow: ProfilesUnitOfWork) -> None:
    await record_read(
        uow.audit_log,
        person_id=account.id,
        reader=admin,
        role=Role.PLATFORM_ADMIN.value,
        record_type="account",
        record_id=str(account.id),
    )


async def account_for_admin(account_id: UUID, admin: Principal, uow: ProfilesUnitOfWork) -> Account:
    """A platform admin reads someone's account (email included): recorded in their audit log."""
    async with uow:
        account = await uow.accounts.get(account_id)
        if account is None or account.status == AccountStatus.ERASED:
            raise AccountNotFound()
        await _record_admin_read(account, admin, uow)
        await uow.commit()
    return account
