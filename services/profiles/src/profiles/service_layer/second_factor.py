"""Enrolling, renewing and removing an account's authenticator app (two-factor sign-in).

Enrolment is two steps, so a typo in the app never locks anyone out: ``start`` gives the
secret (and the ``otpauth://`` URI for a QR code), ``confirm`` with a first code turns it on
and shows the recovery codes once. Renewing the recovery codes or removing the app needs a
current code (or, for removal, a recovery code): a stolen access token alone cannot do either.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from profiles.config import ProfilesSettings
from profiles.domain import second_factor as sf
from profiles.service_layer.identity import AccountNotFound
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


@dataclass(frozen=True)
class Enrolment:
    secret: str  # base 32, as typed into an app by hand
    otpauth_uri: str


@dataclass(frozen=True)
class SecondFactorStatus:
    enrolled: bool
    confirmed_at: datetime | None
    recovery_codes_left: int
    #: a role of the account needs it (SECOND_FACTOR_ROLES)
    required: bool


async def status(
    account_id: UUID, uow: ProfilesUnitOfWork, settings: ProfilesSettings
) -> SecondFactorStatus:
    async with uow:
        account = await uow.accounts.get(account_id)
        if account is None:
            raise AccountNotFound()
        factor = await uow.second_factors.get(account_id)
    confirmed = factor is not None and factor.confirmed
    return SecondFactorStatus(
        enrolled=confirmed,
        confirmed_at=factor.confirmed_at if factor else None,
        recovery_codes_left=len(factor.recovery_digests) if factor and confirmed else 0,
        required=bool(account.roles & set(settings.second_factor_roles)),
    )


async def start(
    account_id: UUID, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> Enrolment:
    async with uow:
        account = await uow.accounts.get(account_id)
        if account is None:
            raise AccountNotFound()
        existing = await uow.second_factors.get(account_id, for_update=True)
        if existing is not None and existing.confirmed:
            raise sf.SecondFactorAlreadyEnrolled()
        factor = sf.TotpFactor(account_id=account_id, secret=sf.new_totp_secret(), created_at=now)
        await uow.second_factors.save(factor)  # a pending one is replaced
        await uow.commit()
    return Enrolment(
        secret=base64.b32encode(factor.secret).decode().rstrip("="),
        otpauth_uri=sf.provisioning_uri(factor.secret, account.email, settings.totp_issuer),
    )


async def _factor(uow: ProfilesUnitOfWork, account_id: UUID, *, confirmed: bool) -> sf.TotpFactor:
    """The account's app, pending (``confirmed=False``) or turned on, for update."""
    factor = await uow.second_factors.get(account_id, for_update=True)
    if factor is None or (confirmed and not factor.confirmed):
        raise sf.NoSecondFactor()
    if not confirmed and factor.confirmed:
        raise sf.SecondFactorAlreadyEnrolled()
    return factor


async def confirm(account_id: UUID, code: str, uow: ProfilesUnitOfWork, now: datetime) -> list[str]:
    """Turn the app on with its first code; the recovery codes (shown only now)."""
    async with uow:
        factor = await _factor(uow, account_id, confirmed=False)
        codes = factor.confirm(code, now)
        await uow.second_factors.save(factor)
        await uow.commit()
    return codes


async def renew_recovery_codes(
    account_id: UUID, code: str, uow: ProfilesUnitOfWork, now: datetime
) -> list[str]:
    """New recovery codes (the old ones stop working), for a current code of the app."""
    async with uow:
        factor = await _factor(uow, account_id, confirmed=True)
        if not factor.accept(code, now):
            raise sf.WrongCode()
        codes = factor.renew_recovery_codes()
        await uow.second_factors.save(factor)
        await uow.commit()
    return codes


async def remove(account_id: UUID, code: str, uow: ProfilesUnitOfWork, now: datetime) -> None:
    """Remove the app, for one of its codes or a recovery code (a lost phone); the owner is
    emailed, in case it was not them."""
    async with uow:
        factor = await _factor(uow, account_id, confirmed=True)
        if not (factor.accept(code, now) or factor.use_recovery_code(code)):
            raise sf.WrongCode()
        await uow.second_factors.remove(account_id)
        account = await uow.accounts.get(account_id)
        if account is None:
            raise AccountNotFound()
        account.note_second_factor_removed(now)
        await uow.accounts.save(account)
        uow.track(account)
        await uow.commit()
