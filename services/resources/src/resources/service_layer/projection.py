"""Consumers of profiles' events: the local projection of people."""

from __future__ import annotations

from contracts.envelope import CloudEvent
from contracts.events import profiles
from eventkit.logging import get_logger
from resources.service_layer.opportunity_handlers import announce_for_person
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

log = get_logger(__name__)


async def apply_profile(
    event: profiles.PersonProfileSnapshot, ce: CloudEvent, uow: ResourcesUnitOfWork
) -> None:
    """Keep the newest snapshot (highest sequence); older redeliveries are ignored."""
    applied = await uow.people.apply(event, ce.sequence or 0)
    if applied and event.open_to_opportunities:
        await announce_for_person(uow, event.person_id)
    log.info("people.projected", person_id=str(event.person_id), applied=applied)
