"""Events published by the profiles service."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from contracts.base import IntegrationEvent
from contracts.topics import Topic

ACCOUNT_TOPIC = "profiles.account.v1"


class AccountEvent(IntegrationEvent):
    topic: ClassVar[str] = ACCOUNT_TOPIC
    account_id: UUID

    def subject(self) -> str:
        return str(self.account_id)


class AccountHolderNotice(AccountEvent):
    """An account event notifications emails to the account's owner: the address, the name
    and the language it needs (personal: encrypted per subject, see docs/privacy.md)."""

    personal_fields: ClassVar[frozenset[str]] = frozenset({"email", "display_name"})

    email: EmailStr
    display_name: str = Field(max_length=200)
    locale: str = Field(default="en", max_length=12, description="BCP 47 language tag")


class AccountRegistered(AccountHolderNotice):
    """Someone created an account. Carries the email so notifications can welcome them."""

    type_name: ClassVar[str] = "profiles.account.registered"
    #: the verification link is a secret: encrypted like the email (crypto-shredding)
    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"email", "display_name", "verification_url"}
    )

    registered_at: datetime
    #: one-time link confirming the email address (absent for accounts created verified)
    verification_url: str | None = None
    verification_expires_at: datetime | None = None


class AccountVerified(AccountEvent):
    type_name: ClassVar[str] = "profiles.account.verified"
    verified_at: datetime


class AccountVerificationRequested(AccountHolderNotice):
    """The person asked for a new email-verification link: notifications emails it."""

    type_name: ClassVar[str] = "profiles.account.verification_requested"
    personal_fields: ClassVar[frozenset[str]] = frozenset(
        {"email", "display_name", "verification_url"}
    )

    verification_url: str = Field(description="one-time link; secret, never log it")
    expires_at: datetime


class PasswordResetRequested(AccountHolderNotice):
    """Someone asked to reset this account's password: notifications emails the link."""

    type_name: ClassVar[str] = "profiles.account.password_reset_requested"
    personal_fields: ClassVar[frozenset[str]] = frozenset({"email", "display_name", "reset_url"})

    reset_url: str = Field(description="one-time link; secret, never log it")
    expires_at: datetime


class PasswordChanged(AccountHolderNotice):
    """The password was changed (reset): notifications warns the owner in case it was not them."""

    type_name: ClassVar[str] = "profiles.account.password_changed"

    changed_at: datetime


class RecoveryCodeUsed(AccountHolderNotice):
    """A two-factor recovery code was used to sign in: notifications warns the owner (a
    lost app, or someone who has their password and a code)."""

    type_name: ClassVar[str] = "profiles.account.recovery_code_used"

    used_at: datetime
    codes_left: int = Field(ge=0, description="recovery codes still unused")


class SecondFactorRemoved(AccountHolderNotice):
    """The account's authenticator app was removed: notifications warns the owner in case
    it was not them."""

    type_name: ClassVar[str] = "profiles.account.second_factor_removed"

    removed_at: datetime


class AccountRegistrationAttempted(AccountHolderNotice):
    """Someone tried to register with this account's email address. The registration API
    answers exactly as for a new address (no account enumeration); notifications tells the
    owner instead ("if it was you, sign in or reset your password")."""

    type_name: ClassVar[str] = "profiles.account.registration_attempted"

    attempted_at: datetime


class AccountRolesChanged(AccountEvent):
    """A platform admin granted or revoked a role; ``roles`` is the full new set."""

    type_name: ClassVar[str] = "profiles.account.roles_changed"

    roles: list[str]
    changed_by: UUID | None = None
    changed_at: datetime


class AccountErased(AccountEvent):
    """The person erased their account: every service erases or de-identifies what it holds."""

    type_name: ClassVar[str] = "profiles.account.erased"
    erased_at: datetime
    #: the erasure saga this belongs to; participants answer with it (contracts.events.privacy)
    erasure_id: UUID | None = None


PERSON_TOPIC = "profiles.person.v1"


class LanguageSkill(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(description="ISO 639-1/639-3 language code", max_length=3)
    level: str = Field(default="fluent", description="CEFR level or native/fluent/basic")


class PersonProfileSnapshot(IntegrationEvent):
    """Event-carried state: the profile fields a person lets members see.

    Fields the person made private (or connections-only) are omitted (null/empty), so other
    services' projections only ever hold what they may use. Gender, birth year and survey
    answers never appear here.
    """

    topic: ClassVar[str] = PERSON_TOPIC
    personal_fields: ClassVar[frozenset[str]] = frozenset({"display_name", "headline", "city"})

    person_id: UUID
    display_name: str | None = None
    headline: str | None = None
    country_of_origin: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    country_of_residence: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    city: str | None = None
    languages: list[LanguageSkill] = []
    skills: list[str] = Field(default=[], description="taxonomy codes (ESCO/ISCO subset)")
    occupations: list[str] = Field(default=[], description="ISCO-08 codes")
    tags: list[str] = Field(default=[], description="free skill tags (lower-case)")
    sectors: list[str] = []
    interests: list[str] = []
    contribution_modes: list[str] = []
    education_level: str | None = Field(default=None, description="ISCED 2011 level")
    years_of_experience: int | None = None
    availability: str | None = None
    #: the person agreed to be matched with opportunities and contacted about them
    open_to_opportunities: bool = False
    locale: str = "en"

    def subject(self) -> str:
        return str(self.person_id)


class PersonProfileCreated(PersonProfileSnapshot):
    type_name: ClassVar[str] = "profiles.person.created"


class PersonProfileUpdated(PersonProfileSnapshot):
    type_name: ClassVar[str] = "profiles.person.updated"


CONNECTION_TOPIC = "profiles.connection.v1"


class ConnectionEvent(IntegrationEvent):
    topic: ClassVar[str] = CONNECTION_TOPIC
    connection_id: UUID
    requester_id: UUID
    addressee_id: UUID

    def subject(self) -> str:
        return str(self.connection_id)


class ConnectionRequested(ConnectionEvent):
    """Someone asked to connect (notifications tells the addressee). Declines are silent."""

    type_name: ClassVar[str] = "profiles.connection.requested"
    personal_fields: ClassVar[frozenset[str]] = frozenset({"note"})

    note: str | None = Field(default=None, max_length=300)
    requested_at: datetime


class ConnectionAccepted(ConnectionEvent):
    type_name: ClassVar[str] = "profiles.connection.accepted"
    accepted_at: datetime


class ConnectionRemoved(ConnectionEvent):
    """An accepted connection ended (removed or blocked): projections forget the pair."""

    type_name: ClassVar[str] = "profiles.connection.removed"
    removed_at: datetime


ORGANISATION_TOPIC = "profiles.organisation.v1"


class OrganisationEvent(IntegrationEvent):
    topic: ClassVar[str] = ORGANISATION_TOPIC
    organisation_id: UUID

    def subject(self) -> str:
        return str(self.organisation_id)


class OrganisationSnapshot(OrganisationEvent):
    """Event-carried state of an organisation's public profile."""

    name: str = Field(max_length=200)
    kind: str = Field(description="diaspora_association, consulate, ministry, academia, ...")
    country: str = Field(description="ISO 3166-1 alpha-2")
    city: str | None = None
    website: str | None = None
    verified: bool = False


class OrganisationCreated(OrganisationSnapshot):
    type_name: ClassVar[str] = "profiles.organisation.created"


class OrganisationUpdated(OrganisationSnapshot):
    type_name: ClassVar[str] = "profiles.organisation.updated"


class OrganisationVerified(OrganisationEvent):
    """A platform admin confirmed the organisation is who it says it is."""

    type_name: ClassVar[str] = "profiles.organisation.verified"
    verified_at: datetime


class OrganisationMembershipChanged(OrganisationEvent):
    """A person joined, changed role, or left (``role`` null) an organisation."""

    type_name: ClassVar[str] = "profiles.organisation.membership_changed"

    person_id: UUID
    role: str | None = Field(default=None, description="admin | member; null: left")
    changed_at: datetime


CONVERSATION_TOPIC = "profiles.conversation.v1"


class MessageSent(IntegrationEvent):
    """A private message was sent (notifications tells the recipient). Never the body."""

    type_name: ClassVar[str] = "profiles.conversation.message_sent"
    topic: ClassVar[str] = CONVERSATION_TOPIC

    conversation_id: UUID
    message_id: UUID
    sender_id: UUID
    recipient_id: UUID
    sent_at: datetime

    def subject(self) -> str:
        return str(self.conversation_id)


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=ACCOUNT_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Account lifecycle: registered, verified, erased. Personal data: internal.",
        event_types=(
            AccountRegistered,
            AccountVerified,
            AccountErased,
            AccountVerificationRequested,
            PasswordResetRequested,
            PasswordChanged,
            RecoveryCodeUsed,
            SecondFactorRemoved,
            AccountRolesChanged,
            AccountRegistrationAttempted,
        ),
    ),
    Topic(
        name=PERSON_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Person profiles (only member-visible, shareable fields): created, updated.",
        event_types=(PersonProfileCreated, PersonProfileUpdated),
    ),
    Topic(
        name=CONNECTION_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Connections between people: requested, accepted, removed. Internal.",
        event_types=(ConnectionRequested, ConnectionAccepted, ConnectionRemoved),
    ),
    Topic(
        name=ORGANISATION_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Organisations: created, updated, verified, membership changed.",
        event_types=(
            OrganisationCreated,
            OrganisationUpdated,
            OrganisationVerified,
            OrganisationMembershipChanged,
        ),
    ),
    Topic(
        name=CONVERSATION_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Private messages between connected people: sent (ids only, no body).",
        event_types=(MessageSent,),
    ),
)
