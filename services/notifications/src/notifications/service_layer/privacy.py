"""notifications' part in the privacy sagas (contracts.events.privacy): its slice of a
person's data for an export, and erasure of what it holds about them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventkit.privacy import ErasureReport
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


class NotificationsPrivacy:
    """A ``PrivacyParticipant``: runs inside the consumer's unit of work, so the answer
    (``notifications.privacy.data_erased`` / ``data_exported``) commits with the effect."""

    def __init__(self, personal_fields: frozenset[str] = frozenset()) -> None:
        #: personal fields of the partner-visible event types (stripped from kept events)
        self.personal_fields = personal_fields

    async def export_person(self, uow: NotificationsUnitOfWork, person_id: UUID) -> dict[str, Any]:
        return await uow.personal_data.export(person_id)

    async def erase_person(
        self, uow: NotificationsUnitOfWork, person_id: UUID, erased_at: datetime
    ) -> ErasureReport:
        """Address, name, preferences, feed, digests, consents, audience, organisation and
        alliance-representation projections go; sent-mail log rows stay without address or
        content; the recipient becomes a tombstone so no late event can revive it."""
        deleted, de_identified = await uow.personal_data.erase(person_id, self.personal_fields)
        await uow.recipients.erase(person_id)
        de_identified["recipients"] = 1
        return ErasureReport(deleted=deleted, de_identified=de_identified)
