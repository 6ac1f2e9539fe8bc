"""Event subscriptions of the alliance service."""

from __future__ import annotations

from collections.abc import Callable

from alliance.service_layer.erasure import account_erased
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from contracts.events import profiles
from eventkit.consumer import EventDispatcher


def build_dispatcher(
    uow_factory: Callable[[], AllianceUnitOfWork], *, max_attempts: int, backoff_s: float
) -> EventDispatcher[AllianceUnitOfWork]:
    dispatcher = EventDispatcher[AllianceUnitOfWork](
        "alliance", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    dispatcher.on(profiles.AccountErased)(account_erased)
    return dispatcher
