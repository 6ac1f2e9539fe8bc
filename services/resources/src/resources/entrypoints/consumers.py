"""Event subscriptions of the resources service: the people projection (profiles events),
consent, and the privacy sagas (erasure, export)."""

from __future__ import annotations

from collections.abc import Callable

from contracts.events import privacy as privacy_events
from contracts.events import profiles
from eventkit.clock import Clock
from eventkit.consumer import EventDispatcher
from eventkit.privacy import take_part_in_privacy_sagas
from resources.service_layer import privacy, projection
from resources.service_layer.unit_of_work import ResourcesUnitOfWork


def build_dispatcher(
    uow_factory: Callable[[], ResourcesUnitOfWork],
    clock: Clock,
    *,
    max_attempts: int,
    backoff_s: float,
) -> EventDispatcher[ResourcesUnitOfWork]:
    dispatcher = EventDispatcher[ResourcesUnitOfWork](
        "resources", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    apply_profile = projection.profile_projection(clock)
    dispatcher.on(profiles.PersonProfileCreated)(apply_profile)
    dispatcher.on(profiles.PersonProfileUpdated)(apply_profile)
    dispatcher.on(privacy_events.ConsentGiven)(privacy.consent_given)
    dispatcher.on(privacy_events.ConsentWithdrawn)(privacy.consent_withdrawn)
    # profiles.AccountErased (erasure) and DataExportRequested (export)
    take_part_in_privacy_sagas(dispatcher, privacy.ResourcesPrivacy())
    return dispatcher
