"""What the mapping slice needs from the rest of profiles, as ports profiles fills in.

Mapping imports nothing of profiles' own layers: the composition root (``profiles.bootstrap``)
hands its unit of work a ``ProfilesPorts`` (``unit_of_work.py``), whose factories bind
profiles' adapters to mapping's transaction (same session, same outbox), so a consent, its
event and the response that gave it commit together. A separate mapping deployable would put
HTTP or event-fed adapters behind the same ports.

The other direction, the privacy saga reading and erasing what mapping holds about a person, is
profiles' port (``PersonalDataHolder`` in ``profiles.adapters.privacy_repository``), which
mapping's ``MappingPersonalData`` (``adapters/privacy.py``) satisfies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from eventkit.http.auth import Principal


class ConsentLedger(Protocol):
    """The person's consent ledger and audit log (profiles owns both)."""

    async def record_sharing(self, person_id: UUID, recipient_id: UUID, now: datetime) -> None:
        """Naming ``recipient_id`` in a survey is consent to share identified answers with them:
        a ledger entry (channel "survey") and its ``profiles.consent.given`` event."""

    async def shares_with(self, person_id: UUID, recipient_id: UUID) -> bool:
        """Whether the person's consent to share mapping answers with the recipient stands."""

    async def record_read(
        self, person_id: UUID, reader: Principal, record_type: str, record_id: str
    ) -> None:
        """Someone else read the person's identified data: an audit-log entry."""


class OrganisationAdmins(Protocol):
    """Verified organisation memberships (profiles' organisations)."""

    async def administered_by(self, account_id: UUID) -> set[UUID]:
        """The organisations ``account_id`` is a verified admin of."""
