"""The Account aggregate: a person's identity on the platform."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from eventkit.aggregate import AggregateRoot
from profiles.domain import events


class AccountStatus(StrEnum):
    UNVERIFIED = "unverified"
    ACTIVE = "active"
    ERASED = "erased"


@dataclass(kw_only=True, eq=False)
class Account(AggregateRoot):
    id: UUID
    email: str
    display_name: str
    locale: str
    password_hash: str | None
    status: AccountStatus = AccountStatus.UNVERIFIED
    roles: set[str] = field(default_factory=lambda: {"member"})
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def register(cls, *, email: str, display_name: str, locale: str, password_hash: str) -> Account:
        account = cls(
            id=uuid.uuid4(),
            email=email,
            display_name=display_name,
            locale=locale,
            password_hash=password_hash,
        )
        account.record(
            events.AccountRegistered(
                account_id=account.id,
                email=email,
                display_name=display_name,
                locale=locale,
                registered_at=account.created_at,
            )
        )
        return account
