"""Registering an account (password sign-up): the address normalised, one account per address,
the owner told (not the caller) when it is taken. Serves HTTP and event entrypoints alike."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from uuid import UUID

from email_validator import EmailNotValidError, validate_email

from eventkit import domain_errors as kinds
from profiles.adapters.password_hasher import hash_password_async
from profiles.config import ProfilesSettings
from profiles.domain.account import Account, AccountStatus, EmailTaken
from profiles.domain.commands import RegisterAccount
from profiles.domain.passwords import check_strength
from profiles.service_layer.identity import VERIFY_EMAIL, new_secret
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

#: account_notices kind of "someone registered with your address"
REGISTRATION_ATTEMPT = "registration_attempt"


class InvalidEmail(kinds.InvalidInput, ValueError):
    title = "Invalid email address"


def normalise_email(email: str) -> str:
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidEmail(str(exc)) from exc


async def register_account(
    cmd: RegisterAccount, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> UUID:
    """Create the account; its AccountRegistered event carries a one-time verification link.

    An address that already has an account gets the same answer as a new one (an account id,
    never used; the password hashed all the same so the time taken does not differ much), no
    second account, and its owner an email instead: who is registered here is not revealed
    (people of a diaspora can be endangered by it, DESIGN §6).
    """
    email = normalise_email(cmd.email)
    check_strength(cmd.password, email=email, display_name=cmd.display_name)
    password_hash = await hash_password_async(cmd.password)
    secret = new_secret()
    expires_at = now + timedelta(seconds=settings.verification_link_ttl_s)
    async with uow:
        existing = await uow.accounts.get_by_email(email, for_update=True)
        if existing is not None:
            await _tell_owner_of_attempt(existing, uow, settings, now)
            return uuid.uuid4()
        account = Account.register(
            email=email,
            display_name=cmd.display_name.strip(),
            locale=cmd.locale,
            password_hash=password_hash,
            verification_url=settings.verify_link(secret),
            verification_expires_at=expires_at,
        )
        try:
            await uow.accounts.add(account)
        except EmailTaken:
            # a concurrent registration of the same address won the race: answer the same
            return uuid.uuid4()
        await uow.one_time_tokens.add(
            secret, purpose=VERIFY_EMAIL, account_id=account.id, now=now, expires_at=expires_at
        )
        uow.track(account)
        await uow.commit()
    return account.id


async def _tell_owner_of_attempt(
    account: Account, uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> None:
    """Email the owner (at most ``link_emails_max_per_hour`` such notices per hour)."""
    if account.status == AccountStatus.ERASED:
        return
    window_start = now - timedelta(hours=1)
    sent = await uow.account_notices.count_since(account.id, REGISTRATION_ATTEMPT, window_start)
    if sent >= settings.link_emails_max_per_hour:
        return  # silently: the answer must not differ
    await uow.account_notices.add(account.id, REGISTRATION_ATTEMPT, now, keep_since=window_start)
    account.note_registration_attempt(now)
    await uow.accounts.save(account)
    uow.track(account)
    await uow.commit()
