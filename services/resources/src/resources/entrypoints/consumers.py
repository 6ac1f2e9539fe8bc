"""Event subscriptions of the resources service: the people projection (profiles events)."""

from __future__ import annotations

from collections.abc import Callable

from contracts.events import profiles
from eventkit.consumer import EventDispatcher
from resources.service_layer import projection
from resources.service_layer.unit_of_work import ResourcesUnitOfWork


def build_dispatcher(
    uow_factory: Callable[[], ResourcesUnitOfWork], *, max_attempts: int, backoff_s: float
) -> EventDispatcher[ResourcesUnitOfWork]:
    dispatcher = EventDispatcher[ResourcesUnitOfWork](
        "resources", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    dispatcher.on(profiles.PersonProfileCreated)(projection.apply_profile)
    dispatcher.on(profiles.PersonProfileUpdated)(projection.apply_profile)
    dispatcher.on(profiles.AccountErased)(projection.erase_account)
    return dispatcher
