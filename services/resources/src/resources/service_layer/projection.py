"""Consumers of profiles' events: the local projection of people, and erasure."""

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


async def erase_account(
    event: profiles.AccountErased, ce: CloudEvent, uow: ResourcesUnitOfWork
) -> None:
    """Remove the person from the projection and from matching; de-identify what they
    contributed (resources stay, the link to the person goes)."""
    person_id = event.account_id  # a person's id is their account's id
    await uow.people.erase(person_id, event.erased_at)
    await uow.opportunities.forget_person(person_id)
    await uow.resources.forget_contributor(person_id)
    await uow.calendar.forget_person(person_id)
    await uow.courses.forget_person(person_id)
    log.info("people.erased", person_id=str(person_id))
