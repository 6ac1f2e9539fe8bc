"""Consumers of profiles' events: the local projection of people."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from contracts.envelope import CloudEvent
from contracts.events import profiles
from eventkit.clock import Clock
from eventkit.logging import get_logger
from resources.service_layer.opportunity_handlers import announce_for_person
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

log = get_logger(__name__)

ProfileHandler = Callable[
    [profiles.PersonProfileSnapshot, CloudEvent, ResourcesUnitOfWork], Awaitable[None]
]


def profile_projection(clock: Clock) -> ProfileHandler:
    """The consumer of profile snapshots, on the service's clock (which opportunities are
    still open when a profile changes)."""

    async def apply_profile(
        event: profiles.PersonProfileSnapshot, ce: CloudEvent, uow: ResourcesUnitOfWork
    ) -> None:
        """Keep the newest snapshot (highest sequence); older redeliveries are ignored."""
        applied = await uow.people.apply(event, ce.sequence or 0)
        if applied and event.open_to_opportunities:
            await announce_for_person(uow, event.person_id, clock.now())
        log.info("people.projected", person_id=str(event.person_id), applied=applied)

    return apply_profile
