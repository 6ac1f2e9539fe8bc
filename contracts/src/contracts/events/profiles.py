"""Events published by the profiles service."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import EmailStr, Field

from contracts.base import IntegrationEvent

ACCOUNT_TOPIC = "profiles.account.v1"


class AccountEvent(IntegrationEvent):
    topic: ClassVar[str] = ACCOUNT_TOPIC
    account_id: UUID

    def subject(self) -> str:
        return str(self.account_id)


class AccountRegistered(AccountEvent):
    """Someone created an account. Carries the email so notifications can welcome them."""

    type_name: ClassVar[str] = "profiles.account.registered"
    personal_fields: ClassVar[frozenset[str]] = frozenset({"email", "display_name"})

    email: EmailStr
    display_name: str = Field(max_length=200)
    locale: str = Field(default="en", max_length=12, description="BCP 47 language tag")
    registered_at: datetime
