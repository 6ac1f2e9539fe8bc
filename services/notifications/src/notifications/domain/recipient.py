"""A Recipient: what notifications knows of an account (a projection of profile events)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(kw_only=True)
class Recipient:
    account_id: UUID
    email: str
    display_name: str
    locale: str
    version: int
