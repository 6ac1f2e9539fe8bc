"""Event subscriptions of the alliance service: the privacy sagas run by profiles."""

from __future__ import annotations

from collections.abc import Callable

from alliance.service_layer.privacy import AlliancePrivacy
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.consumer import EventDispatcher
from eventkit.privacy import take_part_in_privacy_sagas


def build_dispatcher(
    uow_factory: Callable[[], AllianceUnitOfWork], *, max_attempts: int, backoff_s: float
) -> EventDispatcher[AllianceUnitOfWork]:
    dispatcher = EventDispatcher[AllianceUnitOfWork](
        "alliance", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    take_part_in_privacy_sagas(dispatcher, AlliancePrivacy())
    return dispatcher
