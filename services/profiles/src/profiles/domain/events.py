"""Domain events of the profiles service (internal; mapped to contracts by adapters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventkit.aggregate import DomainEvent


@dataclass(kw_only=True)
class AccountRegistered(DomainEvent):
    account_id: UUID
    email: str
    display_name: str
    locale: str
    registered_at: datetime
