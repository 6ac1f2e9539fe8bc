"""Event subscriptions of the notifications service.

People-facing reactions (emails, feed, digests) per event type, plus partner fan-out for every
event type of a partner-visible topic. A type that is both gets both, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from contracts.events import alliance, privacy, profiles, resources
from eventkit.consumer import EventDispatcher, Handler
from eventkit.privacy import take_part_in_privacy_sagas
from notifications.service_layer.handlers import Reactions
from notifications.service_layer.notify import Notifier
from notifications.service_layer.privacy import NotificationsPrivacy
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from notifications.service_layer.webhooks import PartnerCatalogue, record_partner_event

UoWHandler = Handler[Any, NotificationsUnitOfWork]


def reactions_by_type(reactions: Reactions) -> dict[type[IntegrationEvent], UoWHandler]:
    return {
        profiles.AccountRegistered: reactions.welcome_new_account,
        profiles.AccountVerificationRequested: reactions.verification_requested,
        profiles.PasswordResetRequested: reactions.password_reset_requested,
        profiles.PasswordChanged: reactions.password_changed,
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
        resources.EventRegistrationChanged: reactions.event_registration_changed,
        resources.ResourceArchived: reactions.resource_visibility,
        resources.ResourceHidden: reactions.resource_visibility,
        resources.ResourceRestored: reactions.resource_visibility,
        resources.ResourcePublished: reactions.resource_published,
        resources.ResourceRejected: reactions.resource_rejected,
        resources.OpportunityMatchFound: reactions.opportunity_match,
        resources.InterestExpressed: reactions.interest_expressed,
        resources.InterestStatusChanged: reactions.interest_status_changed,
    }


def _with_fan_out(catalogue: PartnerCatalogue, reaction: UoWHandler | None) -> UoWHandler:
    async def handle(event: IntegrationEvent, ce: CloudEvent, uow: NotificationsUnitOfWork) -> None:
        await record_partner_event(ce, uow, catalogue)
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
) -> EventDispatcher[NotificationsUnitOfWork]:
    dispatcher = EventDispatcher[NotificationsUnitOfWork](
        "notifications", uow_factory, max_attempts=max_attempts, retry_backoff_s=backoff_s
    )
    reactions = reactions_by_type(Reactions(notifier))
    for model, reaction in reactions.items():
        if model.type_name not in catalogue.types:
            dispatcher.on(model)(reaction)
    for model in catalogue.types.values():
        dispatcher.on(model)(_with_fan_out(catalogue, reactions.get(model)))
    # erasure (profiles.account.erased) and export requests: one handler each, in eventkit
    take_part_in_privacy_sagas(dispatcher, NotificationsPrivacy(catalogue.personal_fields()))
    return dispatcher
