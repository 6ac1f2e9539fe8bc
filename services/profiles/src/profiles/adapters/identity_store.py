"""Storage of identity secrets: signing keys, refresh tokens, one-time links, failed sign-ins.

Tokens are stored only as SHA-256 digests: a leaked table does not leak usable tokens.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.crypto import decrypt_value, encrypt_value
from eventkit.subject_keys import SqlSubjectKeys
from profiles.adapters.jwt_signing import SigningKey
from profiles.adapters.orm import (
    account_notices,
    login_failures,
    oidc_identities,
    oidc_logins,
    one_time_tokens,
    refresh_tokens,
    second_factors,
    sign_in_challenges,
    signing_keys,
    trusted_sign_ins,
)
from profiles.domain.account import AccountErasedError
from profiles.domain.second_factor import SignInChallenge, TotpFactor
from profiles.domain.sessions import RefreshToken, SignInHistory


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SigningKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self) -> None:
        """Serialise key creation/rotation across API processes (held until commit)."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('profiles.signing_keys'))")
        )

    async def active(self) -> SigningKey | None:
        row = (
            (
                await self.session.execute(
                    select(signing_keys)
                    .where(signing_keys.c.retired_at.is_(None))
                    .order_by(signing_keys.c.created_at.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        return SigningKey(**dict(row)) if row else None

    async def published(self, now: datetime) -> list[dict[str, Any]]:
        rows = await self.session.execute(
            select(signing_keys.c.public_jwk)
            .where(or_(signing_keys.c.expires_at.is_(None), signing_keys.c.expires_at > now))
            .order_by(signing_keys.c.created_at.desc())
        )
        return [dict(jwk) for jwk in rows.scalars()]

    async def add(self, key: SigningKey) -> None:
        await self.session.execute(
            signing_keys.insert().values(
                kid=key.kid,
                algorithm=key.algorithm,
                private_pem=key.private_pem,
                public_jwk=key.public_jwk,
                created_at=key.created_at,
            )
        )

    async def retire(self, kid: str, *, at: datetime, published_until: datetime) -> None:
        await self.session.execute(
            update(signing_keys)
            .where(signing_keys.c.kid == kid)
            .values(retired_at=at, expires_at=published_until)
        )


class RefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token: RefreshToken, secret: str) -> None:
        await self.session.execute(
            refresh_tokens.insert().values(
                id=token.id,
                token_hash=digest(secret),
                family_id=token.family_id,
                account_id=token.account_id,
                issued_at=token.issued_at,
                expires_at=token.expires_at,
                amr=token.amr,
            )
        )

    async def get_for_update(self, secret: str) -> RefreshToken | None:
        row = (
            (
                await self.session.execute(
                    select(refresh_tokens)
                    .where(refresh_tokens.c.token_hash == digest(secret))
                    .with_for_update()
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        fields = {k: row[k] for k in RefreshToken.__dataclass_fields__}
        return RefreshToken(**fields)

    async def mark_used(self, token_id: UUID, at: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens).where(refresh_tokens.c.id == token_id).values(used_at=at)
        )

    async def revoke_family(self, family_id: UUID, at: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family_id == family_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )

    async def revoke_all_of(self, account_id: UUID, at: datetime) -> None:
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.account_id == account_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )


class OneTimeTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, secret: str, *, purpose: str, account_id: UUID, now: datetime, expires_at: datetime
    ) -> None:
        await self.session.execute(
            one_time_tokens.insert().values(
                token_hash=digest(secret),
                purpose=purpose,
                account_id=account_id,
                created_at=now,
                expires_at=expires_at,
            )
        )

    async def claim(self, secret: str, purpose: str) -> tuple[UUID, datetime, bool] | None:
        """Lock the token row: ``(account_id, expires_at, already_used)`` or None if unknown."""
        row = (
            await self.session.execute(
                select(
                    one_time_tokens.c.account_id,
                    one_time_tokens.c.expires_at,
                    one_time_tokens.c.used_at,
                )
                .where(
                    one_time_tokens.c.token_hash == digest(secret),
                    one_time_tokens.c.purpose == purpose,
                )
                .with_for_update()
            )
        ).first()
        if row is None:
            return None
        return row.account_id, row.expires_at, row.used_at is not None

    async def use_all(self, account_id: UUID, purpose: str, at: datetime) -> None:
        """Spend every outstanding link of this purpose (one reset invalidates the others)."""
        await self.session.execute(
            update(one_time_tokens)
            .where(
                one_time_tokens.c.account_id == account_id,
                one_time_tokens.c.purpose == purpose,
                one_time_tokens.c.used_at.is_(None),
            )
            .values(used_at=at)
        )

    async def count_since(self, account_id: UUID, purpose: str, since: datetime) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(one_time_tokens)
                .where(
                    one_time_tokens.c.account_id == account_id,
                    one_time_tokens.c.purpose == purpose,
                    one_time_tokens.c.created_at > since,
                )
            )
            or 0
        )


class SignInChallengeRepository:
    """Second steps of two-factor sign-ins, found by the challenge (only its digest is kept)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, secret: str, challenge: SignInChallenge, now: datetime) -> None:
        await self.session.execute(
            sign_in_challenges.insert().values(
                token_hash=digest(secret),
                account_id=challenge.account_id,
                created_at=now,
                expires_at=challenge.expires_at,
            )
        )

    async def get_for_update(self, secret: str) -> SignInChallenge | None:
        row = (
            (
                await self.session.execute(
                    select(sign_in_challenges)
                    .where(sign_in_challenges.c.token_hash == digest(secret))
                    .with_for_update()
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        return SignInChallenge(
            account_id=row["account_id"],
            expires_at=row["expires_at"],
            used_at=row["used_at"],
            wrong_codes=row["wrong_codes"],
        )

    async def save(self, secret: str, challenge: SignInChallenge) -> None:
        await self.session.execute(
            update(sign_in_challenges)
            .where(sign_in_challenges.c.token_hash == digest(secret))
            .values(used_at=challenge.used_at, wrong_codes=challenge.wrong_codes)
        )

    async def forget_expired(self, before: datetime) -> int:
        """Delete challenges that expired before ``before`` (housekeeping)."""
        result = await self.session.execute(
            delete(sign_in_challenges).where(sign_in_challenges.c.expires_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)


class AccountNoticeRepository:
    """Notices to an account's owner (throttled per account and kind)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, account_id: UUID, kind: str, at: datetime, *, keep_since: datetime) -> None:
        """Record a notice; the account's notices from before ``keep_since`` go (they only
        ever served the throttle window)."""
        await self.session.execute(
            delete(account_notices).where(
                account_notices.c.account_id == account_id, account_notices.c.sent_at <= keep_since
            )
        )
        await self.session.execute(
            account_notices.insert().values(account_id=account_id, kind=kind, sent_at=at)
        )

    async def count_since(self, account_id: UUID, kind: str, since: datetime) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(account_notices)
                .where(
                    account_notices.c.account_id == account_id,
                    account_notices.c.kind == kind,
                    account_notices.c.sent_at > since,
                )
            )
            or 0
        )


class LoginFailureRepository:
    """Failed sign-ins and the addresses that signed in (the throttle's memory)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, account_key: str, client_ip: str) -> None:
        """One attempt at a time per (account, address), so the failure count is exact."""
        await self.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"{account_key}/{client_ip}"}
        )

    async def history(
        self, account_key: str, client_ip: str, since: datetime, trusted_since: datetime
    ) -> SignInHistory:
        f = login_failures.c

        async def times(*where: Any) -> list[datetime]:
            rows = await self.session.execute(
                select(f.failed_at)
                .where(f.failed_at > since, *where)
                .order_by(f.failed_at.desc())
                .limit(_FAILURES_READ)
            )
            return list(rows.scalars())

        t = trusted_sign_ins.c
        trusted = await self.session.execute(
            select(t.account_key).where(
                t.account_key == account_key,
                t.client_ip == client_ip,
                t.last_success_at > trusted_since,
            )
        )
        return SignInHistory(
            client=await times(f.account_key == account_key, f.client_ip == client_ip),
            account=await times(f.account_key == account_key),
            address=await times(f.client_ip == client_ip),
            trusted=trusted.first() is not None,
        )

    async def add(self, account_key: str, client_ip: str, at: datetime) -> None:
        await self.session.execute(
            login_failures.insert().values(
                account_key=account_key, client_ip=client_ip, failed_at=at
            )
        )

    async def succeeded(self, account_key: str, client_ip: str, at: datetime) -> None:
        """The client's failures are forgiven and it becomes one of the owner's clients."""
        await self.session.execute(
            delete(login_failures).where(
                login_failures.c.account_key == account_key,
                login_failures.c.client_ip == client_ip,
            )
        )
        await self.session.execute(
            insert(trusted_sign_ins)
            .values(account_key=account_key, client_ip=client_ip, last_success_at=at)
            .on_conflict_do_update(
                index_elements=["account_key", "client_ip"], set_={"last_success_at": at}
            )
        )

    async def clear_account(self, account_key: str) -> None:
        """A password reset: every address starts again with a clean count."""
        await self.session.execute(
            delete(login_failures).where(login_failures.c.account_key == account_key)
        )

    async def forget_before(self, failures_before: datetime, trusted_before: datetime) -> int:
        gone = await self.session.execute(
            delete(login_failures).where(login_failures.c.failed_at < failures_before)
        )
        stale = await self.session.execute(
            delete(trusted_sign_ins).where(trusted_sign_ins.c.last_success_at < trusted_before)
        )
        return int(gone.rowcount) + int(stale.rowcount)  # type: ignore[attr-defined]


#: at most this many failures are read per count (the delay stops growing long before)
_FAILURES_READ = 200


class OidcRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(
        self,
        state: str,
        *,
        provider: str,
        code_verifier: str,
        nonce: str,
        link_account_id: UUID | None,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        await self.session.execute(
            oidc_logins.insert().values(
                state_hash=digest(state),
                provider=provider,
                code_verifier=code_verifier,
                nonce=nonce,
                link_account_id=link_account_id,
                created_at=now,
                expires_at=expires_at,
            )
        )

    async def claim(self, state: str, provider: str, now: datetime) -> dict[str, Any] | None:
        """The unused, unexpired sign-in for ``state``, now marked used (one use only)."""
        row = (
            (
                await self.session.execute(
                    update(oidc_logins)
                    .where(
                        oidc_logins.c.state_hash == digest(state),
                        oidc_logins.c.provider == provider,
                        oidc_logins.c.used_at.is_(None),
                        oidc_logins.c.expires_at > now,
                    )
                    .values(used_at=now)
                    .returning(
                        oidc_logins.c.code_verifier,
                        oidc_logins.c.nonce,
                        oidc_logins.c.link_account_id,
                    )
                )
            )
            .mappings()
            .first()
        )
        return dict(row) if row else None

    async def account_for(self, provider: str, subject: str) -> UUID | None:
        found: UUID | None = await self.session.scalar(
            select(oidc_identities.c.account_id).where(
                oidc_identities.c.provider == provider, oidc_identities.c.subject == subject
            )
        )
        return found

    async def link(
        self, provider: str, subject: str, account_id: UUID, email: str | None, at: datetime
    ) -> None:
        await self.session.execute(
            oidc_identities.insert().values(
                provider=provider, subject=subject, account_id=account_id, email=email, linked_at=at
            )
        )

    async def identities_of(self, account_id: UUID) -> list[dict[str, Any]]:
        rows = await self.session.execute(
            select(oidc_identities.c.provider, oidc_identities.c.linked_at).where(
                oidc_identities.c.account_id == account_id
            )
        )
        return [dict(r) for r in rows.mappings()]


class SecondFactorRepository:
    """Each account's authenticator app (at most one), read for update when used.

    The app's secret is stored encrypted under its person's subject key (``keys``), so
    erasure, which destroys that key, crypto-shreds it wherever a copy lies (backups, a
    replica); without a key-encryption key configured (development) it is stored plain.
    """

    #: the field name the envelope is bound to (with the person): it opens nowhere else
    SEALED_FIELD = "totp_secret"

    def __init__(self, session: AsyncSession, keys: SqlSubjectKeys | None = None) -> None:
        self.session = session
        self.keys = keys

    async def get(self, account_id: UUID, *, for_update: bool = False) -> TotpFactor | None:
        query = select(second_factors).where(second_factors.c.account_id == account_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        if row is None:
            return None
        secret = await self._open(account_id, row["secret"], row["sealed_secret"])
        if secret is None:
            return None  # the person's key is destroyed: erased, nothing to sign in with
        return TotpFactor(
            account_id=row["account_id"],
            secret=secret,
            created_at=row["created_at"],
            confirmed_at=row["confirmed_at"],
            last_step=row["last_step"],
            recovery_digests=list(row["recovery_digests"]),
        )

    async def _open(
        self, account_id: UUID, plain: bytes | None, sealed: dict[str, str] | None
    ) -> bytes | None:
        if sealed is None:
            return bytes(plain) if plain is not None else None
        if self.keys is None:
            raise RuntimeError(
                "an authenticator secret is sealed but SUBJECT_KEY_KEK is not configured"
            )
        key = await self.keys.key(self.session, sealed["key"])
        if key is None:
            return None
        value = decrypt_value(sealed, key=key, subject=str(account_id), field=self.SEALED_FIELD)
        return base64.b32decode(value)

    async def _seal(self, factor: TotpFactor) -> dict[str, str] | None:
        if self.keys is None:
            return None
        found = await self.keys.key_for(self.session, str(factor.account_id))
        if found is None:  # its key is destroyed: the person is (being) erased, enrols nothing
            raise AccountErasedError()
        key_id, key = found
        return encrypt_value(
            base64.b32encode(factor.secret).decode(),
            key_id=key_id,
            key=key,
            subject=str(factor.account_id),
            field=self.SEALED_FIELD,
        )

    async def save(self, factor: TotpFactor) -> None:
        sealed = await self._seal(factor)  # a row stored plain is sealed on its next save
        values = {
            "secret": factor.secret if sealed is None else None,
            "sealed_secret": sealed,
            "created_at": factor.created_at,
            "confirmed_at": factor.confirmed_at,
            "last_step": factor.last_step,
            "recovery_digests": factor.recovery_digests,
        }
        await self.session.execute(
            insert(second_factors)
            .values(account_id=factor.account_id, **values)
            .on_conflict_do_update(index_elements=[second_factors.c.account_id], set_=values)
        )

    async def remove(self, account_id: UUID) -> None:
        await self.session.execute(
            delete(second_factors).where(second_factors.c.account_id == account_id)
        )
