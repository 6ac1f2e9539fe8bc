"""Domain events of the profiles service (internal; mapped to contracts by adapters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventkit.aggregate import DomainEvent


@dataclass(kw_only=True)
class AccountRegistered(DomainEvent):
    account_id: UUID
    email: str
    display_name: str
    locale: str
    registered_at: datetime
    verification_url: str | None = None
    verification_expires_at: datetime | None = None


@dataclass(kw_only=True)
class AccountVerified(DomainEvent):
    account_id: UUID
    verified_at: datetime


@dataclass(kw_only=True)
class VerificationRequested(DomainEvent):
    account_id: UUID
    verification_url: str
    expires_at: datetime


@dataclass(kw_only=True)
class PasswordResetRequested(DomainEvent):
    account_id: UUID
    reset_url: str
    expires_at: datetime


@dataclass(kw_only=True)
class PasswordChanged(DomainEvent):
    account_id: UUID
    changed_at: datetime


@dataclass(kw_only=True)
class RecoveryCodeUsed(DomainEvent):
    """A two-factor recovery code signed the account in (its app may be lost or stolen)."""

    account_id: UUID
    used_at: datetime
    codes_left: int


@dataclass(kw_only=True)
class SecondFactorRemoved(DomainEvent):
    account_id: UUID
    removed_at: datetime


@dataclass(kw_only=True)
class RegistrationAttempted(DomainEvent):
    """Someone registered again with this account's email address."""

    account_id: UUID
    attempted_at: datetime


@dataclass(kw_only=True)
class AccountErased(DomainEvent):
    account_id: UUID
    erased_at: datetime
    erasure_id: UUID


@dataclass(kw_only=True)
class RolesChanged(DomainEvent):
    account_id: UUID
    roles: frozenset[str]
    changed_by: UUID | None
    changed_at: datetime


@dataclass(kw_only=True)
class PersonProfileCreated(DomainEvent):
    person_id: UUID


@dataclass(kw_only=True)
class PersonProfileUpdated(DomainEvent):
    person_id: UUID


@dataclass(kw_only=True)
class ConnectionRequested(DomainEvent):
    connection_id: UUID
    requester_id: UUID
    addressee_id: UUID
    note: str | None
    requested_at: datetime


@dataclass(kw_only=True)
class ConnectionAccepted(DomainEvent):
    connection_id: UUID
    requester_id: UUID
    addressee_id: UUID
    accepted_at: datetime


@dataclass(kw_only=True)
class ConnectionRemoved(DomainEvent):
    connection_id: UUID
    requester_id: UUID
    addressee_id: UUID
    removed_at: datetime


@dataclass(kw_only=True)
class OrganisationCreated(DomainEvent):
    organisation_id: UUID


@dataclass(kw_only=True)
class OrganisationUpdated(DomainEvent):
    organisation_id: UUID


@dataclass(kw_only=True)
class OrganisationVerified(DomainEvent):
    organisation_id: UUID
    verified_at: datetime


@dataclass(kw_only=True)
class MembershipChanged(DomainEvent):
    organisation_id: UUID
    person_id: UUID
    role: str | None  # None: no longer a member
    changed_at: datetime


@dataclass(kw_only=True)
class MessageSent(DomainEvent):
    conversation_id: UUID
    message_id: UUID
    sender_id: UUID
    recipient_id: UUID
    sent_at: datetime
