"""The privacy protocol every service takes part in (DESIGN §6).

profiles owns people, their consent ledger and their subject keys, and runs two sagas:

* **Erasure.** profiles erases its own data, destroys the person's subject key and publishes
  ``profiles.account.erased`` with an ``erasure_id``. Every participant erases or de-identifies
  what it holds and answers ``<service>.privacy.data_erased``. profiles republishes the request
  until every participant answered, then publishes ``profiles.privacy.erasure_completed``.
* **Export.** profiles publishes ``profiles.privacy.export_requested`` carrying a one-time public
  key. Every participant answers ``<service>.privacy.data_exported`` with its slice *sealed* to
  that key (``eventkit.sealed``): only profiles can open it, and once the export expires the
  private key is destroyed, so the slices retained on Kafka become unreadable.

Participants also report reads of identified personal data by officials, moderators and admins
(``<service>.privacy.data_accessed``); profiles keeps them in the person's audit log.

Consent is per purpose and per recipient (``profiles.consent.v1``); every service that holds
personal data honours a withdrawal when it consumes ``profiles.consent.withdrawn``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent
from contracts.topics import DAY_MS, Topic

#: services (other than profiles) that hold personal data and answer both sagas
PARTICIPANTS: tuple[str, ...] = ("resources", "alliance", "notifications")

# ---- consent purposes and recipients --------------------------------------------------------
DIRECTORY_LISTING = "directory_listing"  # be found in the member directory and matched
GOVERNMENT_CONTACT = "government_contact"  # be contacted by a named government/organisation
MAPPING_SHARING = "mapping_sharing"  # share identified survey answers with a named recipient
NEWSLETTERS = "newsletters"  # receive newsletters and campaigns
PARTNER_SHARING = "partner_sharing"  # personal data in a named partner's webhook deliveries
PURPOSES: tuple[str, ...] = (
    DIRECTORY_LISTING,
    GOVERNMENT_CONTACT,
    MAPPING_SHARING,
    NEWSLETTERS,
    PARTNER_SHARING,
)

#: the platform itself (no named recipient)
RECIPIENT_PLATFORM = "platform"
#: an organisation, consulate or ministry of the profiles service (``recipient_id``)
RECIPIENT_ORGANISATION = "organisation"
#: a partner account receiving webhooks (``recipient_id`` is the partner's account id)
RECIPIENT_PARTNER = "partner"
#: a named account, e.g. the focal point a survey respondent lets read their answers
RECIPIENT_ACCOUNT = "account"
RECIPIENT_KINDS: tuple[str, ...] = (
    RECIPIENT_PLATFORM,
    RECIPIENT_ORGANISATION,
    RECIPIENT_PARTNER,
    RECIPIENT_ACCOUNT,
)


class PersonPrivacyEvent(IntegrationEvent):
    """Keyed by the person, so everything about one person's privacy stays in order."""

    person_id: UUID

    def subject(self) -> str:
        return str(self.person_id)


# ---- profiles: the consent ledger ----------------------------------------------------------
CONSENT_TOPIC = "profiles.consent.v1"


class ConsentEvent(PersonPrivacyEvent):
    topic: ClassVar[str] = CONSENT_TOPIC

    consent_id: UUID = Field(description="the ledger entry")
    purpose: str = Field(description="one of contracts.events.privacy.PURPOSES")
    recipient_kind: str = Field(description="platform | organisation | partner | account")
    recipient_id: UUID | None = Field(default=None, description="null for the platform")
    channel: str = Field(description="how it was expressed: web, api, survey, import, email")


class ConsentGiven(ConsentEvent):
    type_name: ClassVar[str] = "profiles.consent.given"

    policy_version: str = Field(description="version of the privacy notice agreed to")
    given_at: datetime


class ConsentWithdrawn(ConsentEvent):
    """Takes effect everywhere within seconds: consumers stop the use at once."""

    type_name: ClassVar[str] = "profiles.consent.withdrawn"

    withdrawn_at: datetime


# ---- profiles: the export and erasure sagas ------------------------------------------------
PRIVACY_TOPIC = "profiles.privacy.v1"


class DataExportRequested(PersonPrivacyEvent):
    """The person asked for their data: every listed participant seals its slice to the key."""

    type_name: ClassVar[str] = "profiles.privacy.export_requested"
    topic: ClassVar[str] = PRIVACY_TOPIC

    export_id: UUID
    public_key: str = Field(description="X25519 public key (base64) to seal slices to")
    participants: list[str]
    requested_at: datetime


class DataExportReady(PersonPrivacyEvent):
    """The archive is assembled: notifications emails the person the expiring link."""

    type_name: ClassVar[str] = "profiles.privacy.export_ready"
    topic: ClassVar[str] = PRIVACY_TOPIC
    personal_fields: ClassVar[frozenset[str]] = frozenset({"download_url"})

    export_id: UUID
    download_url: str = Field(description="secret, expiring link; never log it")
    expires_at: datetime
    locale: str = "en"


class ErasureCompleted(PersonPrivacyEvent):
    """Every participant confirmed the erasure (the saga's last step)."""

    type_name: ClassVar[str] = "profiles.privacy.erasure_completed"
    topic: ClassVar[str] = PRIVACY_TOPIC

    erasure_id: UUID
    confirmed_by: list[str]
    requested_at: datetime
    completed_at: datetime


# ---- participants' answers -------------------------------------------------------------------
class PersonalDataErased(PersonPrivacyEvent):
    """A participant erased or de-identified everything it held about the person."""

    erasure_id: UUID
    service: str
    #: table or kind of record -> rows deleted / de-identified (counts only, never values)
    deleted: dict[str, int] = {}
    de_identified: dict[str, int] = {}
    erased_at: datetime


class PersonalDataExported(PersonPrivacyEvent):
    """A participant's slice of the person's data, sealed to the export's public key.

    Large slices come in several parts (``part`` of ``parts``, counted from 0) so no message
    exceeds the broker's size limit.
    """

    export_id: UUID
    service: str
    part: int = Field(ge=0)
    parts: int = Field(ge=1)
    sealed_slice: str = Field(description="eventkit.sealed box of the JSON slice (part)")
    exported_at: datetime


class PersonalDataAccessed(PersonPrivacyEvent):
    """An official, moderator or admin read identified personal data about the person."""

    access_id: UUID
    service: str
    accessor_id: UUID
    accessor_role: str
    record_type: str = Field(description="what was read, e.g. expression_of_interest")
    record_id: str | None = None
    accessed_at: datetime


@dataclass(frozen=True)
class ParticipantEvents:
    """The three answer events of one participant, on that participant's own topic."""

    service: str
    erased: type[PersonalDataErased]
    exported: type[PersonalDataExported]
    accessed: type[PersonalDataAccessed]

    @property
    def topic(self) -> Topic:
        return Topic(
            name=f"{self.service}.privacy.v1",
            owner=self.service,
            partitions=3,
            partner_visible=False,
            description=f"{self.service}'s answers to the privacy sagas: data erased, data "
            "exported (sealed), personal data accessed by an official. Internal.",
            event_types=(self.erased, self.exported, self.accessed),
            # sealed slices are useless once the export's key is gone; keep them briefly
            retention_ms=7 * DAY_MS,
        )


def _answer(service: str, base: type[Any], name: str) -> type[Any]:
    """A participant's own subclass: its type name and topic, the base's fields."""
    namespace = {
        "__module__": __name__,
        "__doc__": base.__doc__,
        "__annotations__": {"type_name": ClassVar[str], "topic": ClassVar[str]},
        "type_name": f"{service}.privacy.{name}",
        "topic": f"{service}.privacy.v1",
    }
    return type(f"{service.title()}{base.__name__}", (base,), namespace)


def participant_events(service: str) -> ParticipantEvents:
    return ParticipantEvents(
        service=service,
        erased=_answer(service, PersonalDataErased, "data_erased"),
        exported=_answer(service, PersonalDataExported, "data_exported"),
        accessed=_answer(service, PersonalDataAccessed, "data_accessed"),
    )


RESOURCES = participant_events("resources")
ALLIANCE = participant_events("alliance")
NOTIFICATIONS = participant_events("notifications")
PARTICIPANT_EVENTS: dict[str, ParticipantEvents] = {
    p.service: p for p in (RESOURCES, ALLIANCE, NOTIFICATIONS)
}

TOPICS: tuple[Topic, ...] = (
    Topic(
        name=CONSENT_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="The consent ledger: consent given / withdrawn per purpose and recipient.",
        event_types=(ConsentGiven, ConsentWithdrawn),
    ),
    Topic(
        name=PRIVACY_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Privacy sagas run by profiles: export requested / ready, erasure "
        "completed (the erasure request itself is profiles.account.erased).",
        event_types=(DataExportRequested, DataExportReady, ErasureCompleted),
    ),
    *(p.topic for p in PARTICIPANT_EVENTS.values()),
)
