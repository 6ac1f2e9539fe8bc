"""What notifications' use-case tests feed the reactions: envelopes, a registered account,
and one reaction run as the consumer runs it (with its inbox row, in one transaction)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from notifications_fakes import FakeNotificationsUnitOfWork

from contracts.envelope import CloudEvent
from contracts.events import profiles

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)  # a Monday, after the digest hour


def envelope(sequence: int = 1) -> CloudEvent:
    return CloudEvent.model_construct(id=str(uuid.uuid4()), sequence=sequence)


def registered(
    account_id: uuid.UUID, locale: str = "en", name: str = "Awa", email: str = "awa@example.org"
) -> profiles.AccountRegistered:
    return profiles.AccountRegistered(
        account_id=account_id,
        email=email,
        display_name=name,
        locale=locale,
        registered_at=NOW,
        verification_url="https://web.example/verify?t=secret",
    )


async def react(
    uow: FakeNotificationsUnitOfWork,
    reaction: Callable[[Any, CloudEvent, Any], Awaitable[None]],
    event: Any,
    ce: CloudEvent,
) -> None:
    """What the consumer does: the reaction and the inbox row in one transaction."""
    async with uow:
        await reaction(event, ce, uow)
        await uow.commit()
