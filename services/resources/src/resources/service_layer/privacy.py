"""resources' part in the privacy protocol (DESIGN §6, contracts.events.privacy).

* Erasure and export: :class:`ResourcesPrivacy` is this service's ``PrivacyParticipant``; the
  saga plumbing (answers through the outbox, sealed export parts) is eventkit's.
* Consent (profiles.consent.v1), honoured as soon as the event is consumed:
  - ``directory_listing`` withdrawn (platform-wide): the person is never matched with an
    opportunity again — not listed as a match, no match announced — until they give it again.
  - ``government_contact`` withdrawn for a named organisation: opportunities posted for that
    organisation (``organisation_id``) neither list the person among their matches nor
    announce a match to them. Expressions of interest the person sends themselves stay
    visible to the poster: writing to the organisation is the person's own act.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.envelope import CloudEvent
from contracts.events import privacy
from eventkit.logging import get_logger
from eventkit.privacy import ErasureReport
from resources.service_layer.learning_handlers import release_seats_of
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

log = get_logger(__name__)

#: purposes this service acts on (others are not about anything it holds)
HONOURED = (privacy.DIRECTORY_LISTING, privacy.GOVERNMENT_CONTACT)


class ResourcesPrivacy:
    async def export_person(self, uow: ResourcesUnitOfWork, person_id: UUID) -> dict[str, Any]:
        return await uow.personal_data.export(person_id)

    async def erase_person(
        self, uow: ResourcesUnitOfWork, person_id: UUID, erased_at: datetime
    ) -> ErasureReport:
        # seats first: a freed seat goes to the waitlist exactly as on a cancellation
        await release_seats_of(uow, person_id, erased_at)
        deleted, de_identified = await uow.personal_data.erase(person_id, erased_at)
        return ErasureReport(deleted=deleted, de_identified=de_identified)


def recipient_key(event: privacy.ConsentEvent) -> str:
    return str(event.recipient_id) if event.recipient_id else privacy.RECIPIENT_PLATFORM


async def consent_given(
    event: privacy.ConsentGiven, _: CloudEvent, uow: ResourcesUnitOfWork
) -> None:
    if event.purpose in HONOURED:
        await uow.people.record_consent(
            event.person_id, event.purpose, recipient_key(event), False, event.given_at
        )
        log.info("consent.given", purpose=event.purpose)


async def consent_withdrawn(
    event: privacy.ConsentWithdrawn, _: CloudEvent, uow: ResourcesUnitOfWork
) -> None:
    if event.purpose in HONOURED:
        await uow.people.record_consent(
            event.person_id, event.purpose, recipient_key(event), True, event.withdrawn_at
        )
        log.info("consent.withdrawn", purpose=event.purpose)
