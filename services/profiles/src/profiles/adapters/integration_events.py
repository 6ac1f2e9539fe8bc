"""Maps domain events to the published contracts (only fields safe to share)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from contracts.base import IntegrationEvent
from contracts.events import profiles as contract
from eventkit.aggregate import AggregateRoot, DomainEvent
from profiles.domain import events
from profiles.domain.account import Account
from profiles.domain.organisation import Organisation
from profiles.domain.profile import PersonProfile


def to_integration_events(
    aggregate: AggregateRoot, event: DomainEvent
) -> Iterable[IntegrationEvent]:
    return _map(event, aggregate)


def _holder(account: AggregateRoot) -> dict[str, str]:
    """Who a notice to the account's owner goes to (``contract.AccountHolderNotice``)."""
    assert isinstance(account, Account)
    return {"email": account.email, "display_name": account.display_name, "locale": account.locale}


@singledispatch
def _map(event: DomainEvent, aggregate: AggregateRoot) -> list[IntegrationEvent]:
    return []


@_map.register
def _(event: events.AccountRegistered, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.AccountRegistered(
            account_id=event.account_id,
            email=event.email,
            display_name=event.display_name,
            locale=event.locale,
            registered_at=event.registered_at,
            verification_url=event.verification_url,
            verification_expires_at=event.verification_expires_at,
        )
    ]


@_map.register
def _(event: events.AccountErased, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.AccountErased(
            account_id=event.account_id, erased_at=event.erased_at, erasure_id=event.erasure_id
        )
    ]


@_map.register
def _(event: events.AccountVerified, _: AggregateRoot) -> list[IntegrationEvent]:
    return [contract.AccountVerified(account_id=event.account_id, verified_at=event.verified_at)]


@_map.register
def _(event: events.VerificationRequested, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.AccountVerificationRequested(
            account_id=event.account_id,
            **_holder(account),
            verification_url=event.verification_url,
            expires_at=event.expires_at,
        )
    ]


@_map.register
def _(event: events.PasswordResetRequested, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.PasswordResetRequested(
            account_id=event.account_id,
            **_holder(account),
            reset_url=event.reset_url,
            expires_at=event.expires_at,
        )
    ]


@_map.register
def _(event: events.PasswordChanged, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.PasswordChanged(
            account_id=event.account_id,
            **_holder(account),
            changed_at=event.changed_at,
        )
    ]


@_map.register
def _(event: events.RecoveryCodeUsed, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.RecoveryCodeUsed(
            account_id=event.account_id,
            **_holder(account),
            used_at=event.used_at,
            codes_left=event.codes_left,
        )
    ]


@_map.register
def _(event: events.SecondFactorRemoved, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.SecondFactorRemoved(
            account_id=event.account_id, **_holder(account), removed_at=event.removed_at
        )
    ]


@_map.register
def _(event: events.RegistrationAttempted, account: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.AccountRegistrationAttempted(
            account_id=event.account_id,
            **_holder(account),
            attempted_at=event.attempted_at,
        )
    ]


@_map.register
def _(event: events.RolesChanged, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.AccountRolesChanged(
            account_id=event.account_id,
            roles=sorted(event.roles),
            changed_by=event.changed_by,
            changed_at=event.changed_at,
        )
    ]


def _snapshot(profile: PersonProfile) -> dict[str, object]:
    """Only member-visible fields; the rest go out as null/empty so projections drop them."""
    view = profile.shareable()
    headline = view.get("headline") or {}
    return {
        "person_id": profile.person_id,
        "display_name": view.get("display_name"),
        # the contract has one headline: the person's own language first
        "headline": headline.get(profile.locale) or next(iter(headline.values()), None),
        "country_of_origin": view.get("country_of_origin"),
        "country_of_residence": view.get("country_of_residence"),
        "city": view.get("city"),
        "languages": view.get("languages") or [],
        "skills": view.get("skills") or [],
        "occupations": view.get("occupations") or [],
        "tags": view.get("tags") or [],
        "sectors": view.get("sectors") or [],
        "interests": view.get("interests") or [],
        "contribution_modes": view.get("contribution_modes") or [],
        "education_level": view.get("education_level"),
        "years_of_experience": view.get("years_of_experience"),
        "availability": view.get("availability"),
        # withdrawing directory_listing also stops matching (see PersonProfile)
        "open_to_opportunities": bool(view.get("open_to_opportunities", False)) and profile.listed,
        "locale": profile.locale,
    }


@_map.register
def _(event: events.PersonProfileCreated, profile: AggregateRoot) -> list[IntegrationEvent]:
    assert isinstance(profile, PersonProfile)
    return [contract.PersonProfileCreated(**_snapshot(profile))]


@_map.register
def _(event: events.PersonProfileUpdated, profile: AggregateRoot) -> list[IntegrationEvent]:
    assert isinstance(profile, PersonProfile)
    return [contract.PersonProfileUpdated(**_snapshot(profile))]


@_map.register
def _(event: events.ConnectionRequested, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.ConnectionRequested(
            connection_id=event.connection_id,
            requester_id=event.requester_id,
            addressee_id=event.addressee_id,
            note=event.note,
            requested_at=event.requested_at,
        )
    ]


@_map.register
def _(event: events.ConnectionAccepted, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.ConnectionAccepted(
            connection_id=event.connection_id,
            requester_id=event.requester_id,
            addressee_id=event.addressee_id,
            accepted_at=event.accepted_at,
        )
    ]


@_map.register
def _(event: events.ConnectionRemoved, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.ConnectionRemoved(
            connection_id=event.connection_id,
            requester_id=event.requester_id,
            addressee_id=event.addressee_id,
            removed_at=event.removed_at,
        )
    ]


def _organisation(org: Organisation) -> dict[str, object]:
    d = org.details
    return {
        "organisation_id": org.id,
        "name": d.name,
        "kind": d.kind.value,
        "country": d.country,
        "city": d.city,
        "website": d.website,
        "verified": org.verified_at is not None,
    }


@_map.register
def _(event: events.OrganisationCreated, org: AggregateRoot) -> list[IntegrationEvent]:
    assert isinstance(org, Organisation)
    return [contract.OrganisationCreated(**_organisation(org))]


@_map.register
def _(event: events.OrganisationUpdated, org: AggregateRoot) -> list[IntegrationEvent]:
    assert isinstance(org, Organisation)
    return [contract.OrganisationUpdated(**_organisation(org))]


@_map.register
def _(event: events.OrganisationVerified, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.OrganisationVerified(
            organisation_id=event.organisation_id, verified_at=event.verified_at
        )
    ]


@_map.register
def _(event: events.MembershipChanged, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.OrganisationMembershipChanged(
            organisation_id=event.organisation_id,
            person_id=event.person_id,
            role=event.role,
            changed_at=event.changed_at,
        )
    ]


@_map.register
def _(event: events.MessageSent, _: AggregateRoot) -> list[IntegrationEvent]:
    return [
        contract.MessageSent(
            conversation_id=event.conversation_id,
            message_id=event.message_id,
            sender_id=event.sender_id,
            recipient_id=event.recipient_id,
            sent_at=event.sent_at,
        )
    ]
