"""profiles' event subscriptions: what it hears from the other services.

* ``<service>.privacy.data_accessed``: reads of identified personal data by officials,
  moderators and admins in the other services, added to the person's audit log.
"""

from __future__ import annotations

from collections.abc import Callable

from eventkit.consumer import EventDispatcher
from profiles.service_layer.audit import on_data_accessed
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


def build_dispatcher(
    service: str,
    uow_factory: Callable[[], ProfilesUnitOfWork],
    *,
    max_attempts: int = 3,
    retry_backoff_s: float = 0.2,
) -> EventDispatcher[ProfilesUnitOfWork]:
    dispatcher = EventDispatcher(
        service, uow_factory, max_attempts=max_attempts, retry_backoff_s=retry_backoff_s
    )
    on_data_accessed(dispatcher)
    return dispatcher
