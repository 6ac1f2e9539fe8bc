"""Use cases of the profiles service. One handler serves HTTP and event entrypoints alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError

from profiles.adapters.password_hasher import hash_password_async
from profiles.config import ProfilesSettings
from profiles.domain.account import Account
from profiles.domain.commands import RegisterAccount
from profiles.domain.passwords import check_strength
from profiles.service_layer.identity import VERIFY_EMAIL, new_secret
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class EmailAlreadyRegistered(Exception):
    pass


class InvalidEmail(ValueError):
    pass


def normalise_email(email: str) -> str:
    try:
        return validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidEmail(str(exc)) from exc


async def register_account(
    cmd: RegisterAccount, uow: ProfilesUnitOfWork, settings: ProfilesSettings | None = None
) -> UUID:
    """Create the account; its AccountRegistered event carries a one-time verification link."""
    settings = settings or ProfilesSettings()
    email = normalise_email(cmd.email)
    check_strength(cmd.password, email=email, display_name=cmd.display_name)
    password_hash = await hash_password_async(cmd.password)
    now = datetime.now(UTC)
    secret = new_secret()
    expires_at = now + timedelta(seconds=settings.verification_link_ttl_s)
    async with uow:
        if await uow.accounts.get_by_email(email) is not None:
            raise EmailAlreadyRegistered(email)
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
        except IntegrityError as exc:  # a concurrent registration won the race
            raise EmailAlreadyRegistered(email) from exc
        await uow.one_time_tokens.add(
            secret, purpose=VERIFY_EMAIL, account_id=account.id, now=now, expires_at=expires_at
        )
        uow.track(account)
        await uow.commit()
    return account.id
