"""Event subscriptions of the notifications service."""

from __future__ import annotations

from collections.abc import Callable

from contracts.events import profiles
from eventkit.consumer import EventDispatcher
from notifications.service_layer import handlers
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def build_dispatcher(
    uow_factory: Callable[[], NotificationsUnitOfWork], *, max_attempts: int, backoff_s: float
) -> EventDispatcher[NotificationsUnitOfWork]:
    dispatcher = EventDispatcher[NotificationsUnitOfWork](
        "notifications", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    dispatcher.on(profiles.AccountRegistered)(handlers.welcome_new_account)
    return dispatcher
