"""Event subscriptions of the notifications service.

People-facing reactions (emails, feed, digests) per event type, plus partner fan-out for every
event type of a partner-visible topic. A type that is both gets both, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from contracts.events import alliance, privacy, profiles, resources
from eventkit.clock import Clock
from eventkit.consumer import EventDispatcher, Handler
from eventkit.privacy import take_part_in_privacy_sagas
from notifications.service_layer.handlers import Reactions
from notifications.service_layer.notify import Notifier
from notifications.service_layer.privacy import NotificationsPrivacy
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from notifications.service_layer.webhooks import PartnerCatalogue, record_partner_event

UoWHandler = Handler[Any, NotificationsUnitOfWork]


@dataclass(frozen=True)
class Told:
    """What a person sees of an event: who is told, with which template (its texts in
    adapters/texts.py), in the feed and by email as their preferences say (some never go
    to the feed: secret links). Read by the promise map (docs/promises.md)."""

    who: str
    template: str
    feed: bool = True


#: every people-facing reaction, by event type (the rest of reactions_by_type only keeps
#: projections); tests/test_promises.py holds it to the contracts' docstrings
TOLD: dict[type[IntegrationEvent], Told] = {
    profiles.AccountRegistered: Told("the new account holder", "welcome"),
    profiles.AccountVerificationRequested: Told("the account holder", "verify_email", False),
    profiles.PasswordResetRequested: Told("the account holder", "password_reset", False),
    profiles.PasswordChanged: Told("the account holder", "password_changed"),
    profiles.RecoveryCodeUsed: Told("the account holder", "recovery_code_used"),
    profiles.SecondFactorRemoved: Told("the account holder", "second_factor_removed"),
    profiles.AccountRegistrationAttempted: Told(
        "the owner of the address", "registration_attempted", False
    ),
    profiles.ConnectionRequested: Told("the addressee", "connection_requested"),
    profiles.ConnectionAccepted: Told("the requester", "connection_accepted"),
    profiles.MessageSent: Told("the recipient", "message_received"),
    privacy.DataExportReady: Told("the person (the link by email only)", "export_ready"),
    **{
        step: Told("the member's representatives", "alliance_membership")
        for step in (
            alliance.MemberApplied,
            alliance.MemberAdmitted,
            alliance.MemberRejected,
            alliance.MemberSuspended,
            alliance.MemberReinstated,
            alliance.MemberWithdrawn,
        )
    },
    alliance.MeetingScheduled: Told(
        "representatives of the members seated on the body", "meeting_invitation"
    ),
    alliance.MeetingCancelled: Told(
        "representatives of the members seated on the body", "meeting_cancelled"
    ),
    alliance.VoteOpened: Told("representatives of the members seated on the body", "vote_opened"),
    alliance.VoteClosed: Told("representatives of the members seated on the body", "vote_closed"),
    alliance.RecommendationMoved: Told(
        "representatives of the alliance's active members, when published",
        "recommendation_published",
    ),
    alliance.CommitmentStatusChanged: Told(
        "the pledging member's representatives, when late or at risk", "commitment_status"
    ),
    resources.CalendarEventUpdated: Told(
        "people registered, when its title or time changed", "event_changed"
    ),
    resources.CalendarEventCancelled: Told(
        "people registered (seated or waiting)", "event_cancelled"
    ),
    resources.EventRegistrationChanged: Told(
        "the person promoted from the waiting list", "event_seat_given"
    ),
    resources.ResourcePublished: Told("the contributor", "resource_published"),
    resources.ResourceRejected: Told("the contributor", "resource_rejected"),
    resources.OpportunityMatchFound: Told("the matched person", "opportunity_match"),
    resources.InterestExpressed: Told("the poster", "interest_expressed"),
    resources.InterestStatusChanged: Told("the person who expressed it", "interest_status_changed"),
}


def reactions_by_type(reactions: Reactions) -> dict[type[IntegrationEvent], UoWHandler]:
    return {
        profiles.AccountRegistered: reactions.welcome_new_account,
        profiles.AccountVerificationRequested: reactions.verification_requested,
        profiles.PasswordResetRequested: reactions.password_reset_requested,
        profiles.PasswordChanged: reactions.password_changed,
        profiles.RecoveryCodeUsed: reactions.recovery_code_used,
        profiles.SecondFactorRemoved: reactions.second_factor_removed,
        profiles.AccountRegistrationAttempted: reactions.registration_attempted,
        profiles.PersonProfileCreated: reactions.profile_changed,
        profiles.PersonProfileUpdated: reactions.profile_changed,
        profiles.ConnectionRequested: reactions.connection_requested,
        profiles.ConnectionAccepted: reactions.connection_accepted,
        profiles.MessageSent: reactions.message_sent,
        profiles.OrganisationCreated: reactions.organisation_changed,
        profiles.OrganisationUpdated: reactions.organisation_changed,
        profiles.OrganisationMembershipChanged: reactions.organisation_membership_changed,
        privacy.ConsentGiven: reactions.consent_changed,
        privacy.ConsentWithdrawn: reactions.consent_changed,
        privacy.DataExportReady: reactions.export_ready,
        alliance.MemberApplied: reactions.alliance_member_changed,
        alliance.MemberAdmitted: reactions.alliance_member_changed,
        alliance.MemberRejected: reactions.alliance_member_changed,
        alliance.MemberSuspended: reactions.alliance_member_changed,
        alliance.MemberReinstated: reactions.alliance_member_changed,
        alliance.MemberWithdrawn: reactions.alliance_member_changed,
        alliance.MemberRepresentativesChanged: reactions.alliance_member_changed,
        alliance.BodyMembershipChanged: reactions.alliance_body_membership_changed,
        resources.CalendarEventScheduled: reactions.calendar_event_changed,
        resources.CalendarEventUpdated: reactions.calendar_event_changed,
        resources.CalendarEventCancelled: reactions.calendar_event_cancelled,
        resources.EventRegistrationChanged: reactions.registration_changed,
        alliance.MeetingScheduled: reactions.meeting_scheduled,
        alliance.MeetingCancelled: reactions.meeting_cancelled,
        alliance.VoteOpened: reactions.vote_opened,
        alliance.VoteClosed: reactions.vote_closed,
        alliance.RecommendationMoved: reactions.recommendation_moved,
        alliance.CommitmentStatusChanged: reactions.commitment_status_changed,
        resources.ResourceArchived: reactions.resource_visibility,
        resources.ResourceHidden: reactions.resource_visibility,
        resources.ResourceRestored: reactions.resource_visibility,
        resources.ResourcePublished: reactions.resource_published,
        resources.ResourceRejected: reactions.resource_rejected,
        resources.OpportunityMatchFound: reactions.opportunity_match,
        resources.InterestExpressed: reactions.interest_expressed,
        resources.InterestStatusChanged: reactions.interest_status_changed,
    }


def _with_fan_out(
    catalogue: PartnerCatalogue, reaction: UoWHandler | None, clock: Clock
) -> UoWHandler:
    async def handle(event: IntegrationEvent, ce: CloudEvent, uow: NotificationsUnitOfWork) -> None:
        await record_partner_event(ce, uow, catalogue, clock.now())
        if reaction is not None:
            await reaction(event, ce, uow)

    return handle


def build_dispatcher(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    *,
    max_attempts: int,
    backoff_s: float,
    notifier: Notifier,
    catalogue: PartnerCatalogue,
    clock: Clock,
) -> EventDispatcher[NotificationsUnitOfWork]:
    dispatcher = EventDispatcher[NotificationsUnitOfWork](
        "notifications", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    reactions = reactions_by_type(Reactions(notifier))
    for model, reaction in reactions.items():
        if model.type_name not in catalogue.types:
            dispatcher.on(model)(reaction)
    for model in catalogue.types.values():
        dispatcher.on(model)(_with_fan_out(catalogue, reactions.get(model), clock))
    # erasure (profiles.account.erased) and export requests: one handler each, in eventkit
    take_part_in_privacy_sagas(dispatcher, NotificationsPrivacy(catalogue.personal_fields()))
    return dispatcher
