"""profiles' event subscriptions: what it hears from the other services.

* ``<service>.privacy.data_erased`` / ``data_exported``: the participants' answers to the
  privacy sagas profiles runs.
* ``<service>.privacy.data_accessed``: reads of identified personal data by officials,
  moderators and admins in the other services, added to the person's audit log.
"""

from __future__ import annotations

from collections.abc import Callable

from contracts.envelope import CloudEvent
from contracts.events import privacy
from eventkit.clock import Clock
from eventkit.consumer import EventDispatcher
from profiles.adapters.archive_store import ArchiveStore
from profiles.config import ProfilesSettings
from profiles.service_layer import privacy as sagas
from profiles.service_layer.audit import on_data_accessed
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


def build_dispatcher(
    uow_factory: Callable[[], ProfilesUnitOfWork],
    archives: ArchiveStore,
    settings: ProfilesSettings,
    clock: Clock,
) -> EventDispatcher[ProfilesUnitOfWork]:
    dispatcher: EventDispatcher[ProfilesUnitOfWork] = EventDispatcher(
        settings.service_name,
        uow_factory,
        max_attempts=settings.consumer_max_attempts,
        retry_backoff_s=settings.consumer_retry_backoff_s,
    )

    async def erased(
        event: privacy.PersonalDataErased, _: CloudEvent, uow: ProfilesUnitOfWork
    ) -> None:
        await sagas.record_erasure_confirmation(uow, event, clock.now())

    async def exported(
        event: privacy.PersonalDataExported, _: CloudEvent, uow: ProfilesUnitOfWork
    ) -> None:
        await sagas.record_export_part(uow, event, archives, settings, clock.now())

    for answers in privacy.PARTICIPANT_EVENTS.values():
        dispatcher.on(answers.erased)(erased)
        dispatcher.on(answers.exported)(exported)
    on_data_accessed(dispatcher)
    return dispatcher
