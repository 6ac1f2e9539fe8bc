"""Use cases of the profiles service. One handler serves HTTP and event entrypoints alike."""

from __future__ import annotations

from uuid import UUID

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError

from profiles.adapters.password_hasher import hash_password
from profiles.domain.account import Account
from profiles.domain.commands import RegisterAccount
from profiles.domain.passwords import check_strength
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


async def register_account(cmd: RegisterAccount, uow: ProfilesUnitOfWork) -> UUID:
    email = normalise_email(cmd.email)
    check_strength(cmd.password, email=email, display_name=cmd.display_name)
    async with uow:
        if await uow.accounts.get_by_email(email) is not None:
            raise EmailAlreadyRegistered(email)
        account = Account.register(
            email=email,
            display_name=cmd.display_name.strip(),
            locale=cmd.locale,
            password_hash=hash_password(cmd.password),
        )
        await uow.accounts.add(account)
        uow.track(account)
        try:
            await uow.commit()
        except IntegrityError as exc:  # a concurrent registration won the race
            raise EmailAlreadyRegistered(email) from exc
    return account.id
