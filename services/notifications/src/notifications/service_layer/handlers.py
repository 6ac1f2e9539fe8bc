"""Reactions to other services' events. Handlers record; they never send (see dispatch)."""

from __future__ import annotations

from contracts.envelope import CloudEvent
from contracts.events import profiles
from notifications.adapters import templates
from notifications.domain.delivery import Delivery
from notifications.domain.recipient import Recipient
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


async def welcome_new_account(
    event: profiles.AccountRegistered, ce: CloudEvent, uow: NotificationsUnitOfWork
) -> None:
    """Learn the new recipient and queue a welcome email in their language."""
    await uow.recipients.upsert(
        Recipient(
            account_id=event.account_id,
            email=str(event.email),
            display_name=event.display_name,
            locale=event.locale,
            version=ce.sequence,
        )
    )
    await uow.deliveries.add(
        Delivery(
            recipient_id=event.account_id,
            channel="email",
            address=str(event.email),
            template="welcome",
            source_event_id=ce.id,
            message=templates.render("welcome", event.locale, name=event.display_name),
        )
    )
