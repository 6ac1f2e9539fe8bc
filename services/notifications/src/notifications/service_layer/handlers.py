"""Reactions to other services' events. Handlers record; they never send (see dispatch).

Each reaction learns what it needs about the recipient (the accounts projection) and hands
a ``Notice`` to the notifier, which applies the person's preferences.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from contracts.envelope import CloudEvent
from contracts.events import alliance, privacy, profiles, resources
from notifications.adapters.projections import recipient_key
from notifications.domain.preferences import Category
from notifications.domain.recipient import Recipient
from notifications.service_layer.notify import MatchReasons, Notice, Notifier
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

#: the alliance member status of an active member (admitted, or reinstated to admitted)
ADMITTED = "admitted"
#: the recommendation pipeline's last stage
PUBLISHED = "published"
#: commitment statuses its representatives are told about
WORRYING = frozenset({"late", "at_risk"})


async def _learn_recipient(
    event: profiles.AccountHolderNotice, ce: CloudEvent, uow: NotificationsUnitOfWork
) -> None:
    await uow.recipients.upsert(
        Recipient(
            account_id=event.account_id,
            email=str(event.email),
            display_name=event.display_name,
            locale=event.locale,
            version=ce.sequence,
        )
    )


class Reactions:
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    async def _tell(
        self,
        uow: NotificationsUnitOfWork,
        ce: CloudEvent,
        person_id: UUID,
        template: str,
        category: Category,
        values: dict[str, Any],
        link: str,
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=person_id,
                template=template,
                category=category,
                source_event_id=ce.id,
                values=values,
                link=link,
            ),
            uow,
        )

    async def _tell_all(
        self,
        uow: NotificationsUnitOfWork,
        ce: CloudEvent,
        people: list[UUID],
        template: str,
        values: dict[str, Any],
        link: str,
    ) -> None:
        for person_id in people:
            await self._tell(uow, ce, person_id, template, Category.ALLIANCE, values, link)

    async def _tell_account_holder(
        self,
        event: profiles.AccountHolderNotice,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
        template: str,
        values: dict[str, Any],
        *,
        in_app: bool = True,
    ) -> None:
        """Learn (or refresh) the account holder as a recipient, then queue their notice."""
        await _learn_recipient(event, ce, uow)
        await self.notifier.notify(
            Notice(
                recipient_id=event.account_id,
                template=template,
                category=Category.ACCOUNT,
                source_event_id=ce.id,
                values=values,
                in_app=in_app,
            ),
            uow,
        )

    # ---- profiles ------------------------------------------------------------------------
    async def welcome_new_account(
        self, event: profiles.AccountRegistered, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """Learn the new recipient and queue a welcome email in their language."""
        # the one-time confirmation link is a secret: email only, never the feed
        await self._tell_account_holder(
            event, ce, uow, "welcome", {"verification_url": event.verification_url}
        )

    async def verification_requested(
        self,
        event: profiles.AccountVerificationRequested,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        values = {"url": event.verification_url, "expires_at": event.expires_at}
        await self._tell_account_holder(event, ce, uow, "verify_email", values, in_app=False)

    async def password_reset_requested(
        self,
        event: profiles.PasswordResetRequested,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        values = {"url": event.reset_url, "expires_at": event.expires_at}
        await self._tell_account_holder(event, ce, uow, "password_reset", values, in_app=False)

    async def password_changed(
        self, event: profiles.PasswordChanged, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self._tell_account_holder(
            event, ce, uow, "password_changed", {"changed_at": event.changed_at}
        )

    async def recovery_code_used(
        self, event: profiles.RecoveryCodeUsed, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        values = {"used_at": event.used_at, "codes_left": event.codes_left}
        await self._tell_account_holder(event, ce, uow, "recovery_code_used", values)

    async def second_factor_removed(
        self, event: profiles.SecondFactorRemoved, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        values = {"removed_at": event.removed_at}
        await self._tell_account_holder(event, ce, uow, "second_factor_removed", values)

    async def registration_attempted(
        self,
        event: profiles.AccountRegistrationAttempted,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """Someone registered with this person's address: tell the owner (profiles told the
        one who tried nothing that would reveal the account)."""
        await self._tell_account_holder(
            event,
            ce,
            uow,
            "registration_attempted",
            {"attempted_at": event.attempted_at},
            in_app=False,
        )

    async def profile_changed(
        self,
        event: profiles.PersonProfileCreated | profiles.PersonProfileUpdated,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """Keep the audience projection: only the segment fields newsletters target."""
        await uow.audience.upsert_member(
            {
                "person_id": event.person_id,
                "country_of_origin": event.country_of_origin,
                "country_of_residence": event.country_of_residence,
                "interests": list(event.interests),
                "languages": [language.code for language in event.languages],
                "version": ce.sequence,
            }
        )

    async def connection_requested(
        self, event: profiles.ConnectionRequested, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """Tell the addressee (never the note: it may be personal and is not needed)."""
        await self.notifier.notify(
            Notice(
                recipient_id=event.addressee_id,
                template="connection_requested",
                category=Category.CONNECTIONS,
                source_event_id=ce.id,
                link=f"/v1/connections/{event.connection_id}",
            ),
            uow,
        )

    async def connection_accepted(
        self, event: profiles.ConnectionAccepted, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=event.requester_id,
                template="connection_accepted",
                category=Category.CONNECTIONS,
                source_event_id=ce.id,
                link=f"/v1/connections/{event.connection_id}",
            ),
            uow,
        )

    async def message_sent(
        self, event: profiles.MessageSent, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=event.recipient_id,
                template="message_received",
                category=Category.MESSAGES,
                source_event_id=ce.id,
                link=f"/v1/conversations/{event.conversation_id}",
            ),
            uow,
        )

    async def organisation_changed(
        self,
        event: profiles.OrganisationCreated | profiles.OrganisationUpdated,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """Only the kind: what newsletter segments by organisation type need."""
        await uow.projections.upsert_organisation(event.organisation_id, event.kind, ce.sequence)

    async def organisation_membership_changed(
        self,
        event: profiles.OrganisationMembershipChanged,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        await uow.projections.set_membership(event.organisation_id, event.person_id, event.role)

    # ---- privacy -------------------------------------------------------------------------
    async def consent_changed(
        self,
        event: privacy.ConsentGiven | privacy.ConsentWithdrawn,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """The consent projection: partner deliveries and newsletter audiences read it at the
        moment they send, so a withdrawal takes effect from the next message on."""
        given = isinstance(event, privacy.ConsentGiven)
        await uow.projections.record_consent(
            {
                "person_id": event.person_id,
                "purpose": event.purpose,
                "recipient_key": recipient_key(event.recipient_id),
                "recipient_kind": event.recipient_kind,
                "recipient_id": event.recipient_id,
                "consent_id": event.consent_id,
                "active": given,
                "decided_at": event.given_at if given else event.withdrawn_at,  # type: ignore[union-attr]
                "channel": event.channel[:20],
            }
        )

    async def export_ready(
        self, event: privacy.DataExportReady, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """Email the expiring link (a secret: email only; the feed just says it is ready)."""
        await self.notifier.notify(
            Notice(
                recipient_id=event.person_id,
                template="export_ready",
                category=Category.ACCOUNT,
                source_event_id=ce.id,
                values={"download_url": event.download_url, "expires_at": event.expires_at},
                locale=event.locale,
            ),
            uow,
        )

    # ---- alliance ------------------------------------------------------------------------
    async def alliance_member_changed(
        self, event: alliance.MemberEvent, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """Which alliance members are active and who acts for them (segments by alliance,
        member kind and body; each event carries the full set of representatives), and a
        notice to those representatives at each step of the membership."""
        if isinstance(event, alliance.MemberRepresentativesChanged):
            # not a status step: the member is active as long as its status says admitted
            active = event.status == ADMITTED
        else:
            active = isinstance(event, alliance.MemberAdmitted | alliance.MemberReinstated)
        await uow.projections.record_alliance_member(
            {
                "member_id": event.member_id,
                "alliance_id": event.alliance_id,
                "kind": event.kind[:40],
                "status": event.status[:40],
                "active": active,
                "occurred_at": event.occurred_at,
            },
            event.representative_ids,
        )
        if isinstance(event, alliance.MemberRepresentativesChanged):
            return
        # a step in the membership's life: tell the people who act for the member
        for person_id in event.representative_ids:
            await self.notifier.notify(
                Notice(
                    recipient_id=person_id,
                    template="alliance_membership",
                    category=Category.ALLIANCE,
                    source_event_id=ce.id,
                    values={"status": event.status},
                    link=f"/v1/alliance/members/{event.member_id}",
                ),
                uow,
            )

    async def alliance_body_membership_changed(
        self, event: alliance.BodyMembershipChanged, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """Who sits on which alliance body (segments by body and body kind)."""
        await uow.projections.record_body_seat(
            {
                "body_id": event.body_id,
                "member_id": event.member_id,
                "alliance_id": event.alliance_id,
                "body_kind": event.body_kind[:40],
                "role": event.role[:40] if event.role is not None else None,
                "active": event.role is not None,
                "occurred_at": event.occurred_at,
            }
        )

    # ---- resources -----------------------------------------------------------------------
    async def resource_visibility(
        self, event: resources.ResourceEvent, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """What newsletters may link to: published (or restored) and not archived/hidden."""
        await uow.audience.upsert_resource(
            {
                "resource_id": event.resource_id,
                "kind": event.kind,
                "title": event.title[:500],
                "language": event.language,
                "published": isinstance(
                    event, resources.ResourcePublished | resources.ResourceRestored
                ),
                "occurred_at": event.occurred_at,
                "version": ce.sequence,
            }
        )

    async def calendar_event_changed(
        self,
        event: resources.CalendarEventScheduled | resources.CalendarEventUpdated,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """The public calendar newsletters announce; when an entry's title or time changed,
        the people registered for it are told."""
        before = await uow.projections.calendar_event(event.event_id)
        changed = (
            isinstance(event, resources.CalendarEventUpdated)
            and before is not None
            and not before["cancelled"]
            and before["version"] < (ce.sequence or 0)
            and (before["title"], before["starts_at"], before["ends_at"])
            != (event.title[:500], event.starts_at, event.ends_at)
        )
        if changed:
            for person_id in await uow.projections.registrants(event.event_id):
                await self._tell(
                    uow,
                    ce,
                    person_id,
                    "event_changed",
                    Category.EVENTS,
                    {"title": event.title, "starts_at": event.starts_at, "ends_at": event.ends_at},
                    f"/v1/events/{event.event_id}",
                )
        await uow.projections.upsert_calendar_event(
            {
                "event_id": event.event_id,
                "kind": event.kind[:40],
                "title": event.title[:500],
                "language": event.language[:12],
                "organiser": event.organiser[:300],
                "time_zone": event.time_zone[:64],
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "cancelled": False,
                "version": ce.sequence,
            }
        )

    async def calendar_event_cancelled(
        self,
        event: resources.CalendarEventCancelled,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """The entry stays in the calendar projection, cancelled; the people registered for
        it (seated or waiting) are told."""
        await uow.projections.cancel_calendar_event(
            event.event_id, event.title, event.starts_at, ce.sequence
        )
        for person_id in await uow.projections.registrants(event.event_id):
            await self._tell(
                uow,
                ce,
                person_id,
                "event_cancelled",
                Category.EVENTS,
                {"title": event.title, "starts_at": event.starts_at, "reason": event.reason},
                f"/v1/events/{event.event_id}",
            )

    async def registration_changed(
        self,
        event: resources.EventRegistrationChanged,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """Who is registered for what (told of changes and cancellation); a person promoted
        from the waiting list is told they have a seat."""
        await uow.projections.record_registration(
            event.event_id, event.person_id, event.status, ce.sequence or 0
        )
        if event.promoted and event.status == "confirmed":
            await self._tell(
                uow,
                ce,
                event.person_id,
                "event_seat_given",
                Category.EVENTS,
                {"title": event.title, "starts_at": event.starts_at},
                f"/v1/events/{event.event_id}",
            )

    async def resource_published(
        self, event: resources.ResourcePublished, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self.resource_visibility(event, ce, uow)
        if event.contributor_id is None:
            return
        await self.notifier.notify(
            Notice(
                recipient_id=event.contributor_id,
                template="resource_published",
                category=Category.RESOURCES,
                source_event_id=ce.id,
                values={"title": event.title},
                link=f"/v1/resources/{event.resource_id}",
            ),
            uow,
        )

    async def resource_rejected(
        self, event: resources.ResourceRejected, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        if event.contributor_id is None:
            return
        await self.notifier.notify(
            Notice(
                recipient_id=event.contributor_id,
                template="resource_rejected",
                category=Category.RESOURCES,
                source_event_id=ce.id,
                values={"title": event.title, "reason": event.reason},
                link=f"/v1/resources/{event.resource_id}",
            ),
            uow,
        )

    async def opportunity_match(
        self,
        event: resources.OpportunityMatchFound,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=event.person_id,
                template="opportunity_match",
                category=Category.OPPORTUNITIES,
                source_event_id=ce.id,
                values={
                    "title": event.title,
                    "deadline": event.deadline,
                    "why": MatchReasons(tuple((r.kind, tuple(r.values)) for r in event.reasons)),
                },
                link=f"/v1/opportunities/{event.opportunity_id}",
            ),
            uow,
        )

    async def interest_expressed(
        self, event: resources.InterestExpressed, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=event.poster_id,
                template="interest_expressed",
                category=Category.OPPORTUNITIES,
                source_event_id=ce.id,
                link=f"/v1/opportunities/{event.opportunity_id}",
            ),
            uow,
        )

    async def interest_status_changed(
        self,
        event: resources.InterestStatusChanged,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        await self.notifier.notify(
            Notice(
                recipient_id=event.person_id,
                template="interest_status_changed",
                category=Category.OPPORTUNITIES,
                source_event_id=ce.id,
                values={"status": event.status},
                link=f"/v1/opportunities/{event.opportunity_id}",
            ),
            uow,
        )

    # ---- alliance: meetings, votes, recommendations, commitments ------------------------------
    async def meeting_scheduled(
        self, event: alliance.MeetingScheduled, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """An invitation to the representatives of the members seated on the body."""
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(body_id=event.body_id),
            "meeting_invitation",
            {"title": event.title, "starts_at": event.starts_at},
            f"/v1/alliance/meetings/{event.meeting_id}",
        )

    async def meeting_cancelled(
        self, event: alliance.MeetingCancelled, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(body_id=event.body_id),
            "meeting_cancelled",
            {"title": event.title or "", "starts_at": event.starts_at},
            f"/v1/alliance/meetings/{event.meeting_id}",
        )

    async def vote_opened(
        self, event: alliance.VoteOpened, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(body_id=event.body_id),
            "vote_opened",
            {"title": event.title},
            f"/v1/alliance/motions/{event.motion_id}",
        )

    async def vote_closed(
        self, event: alliance.VoteClosed, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(body_id=event.body_id),
            "vote_closed",
            {
                "title": event.title or "",
                "outcome": event.outcome,
                "yes": event.yes,
                "no": event.no,
                "abstain": event.abstain,
            },
            f"/v1/alliance/motions/{event.motion_id}",
        )

    async def recommendation_moved(
        self, event: alliance.RecommendationMoved, ce: CloudEvent, uow: NotificationsUnitOfWork
    ) -> None:
        """A published recommendation is news for every active member of its alliance."""
        if event.to_stage != PUBLISHED:
            return
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(alliance_id=event.alliance_id),
            "recommendation_published",
            {"title": event.title},
            f"/v1/alliance/recommendations/{event.recommendation_id}",
        )

    async def commitment_status_changed(
        self,
        event: alliance.CommitmentStatusChanged,
        ce: CloudEvent,
        uow: NotificationsUnitOfWork,
    ) -> None:
        """Late or at risk: the pledging member's representatives are told."""
        if event.to_status not in WORRYING:
            return
        await self._tell_all(
            uow,
            ce,
            await uow.projections.representatives(member_id=event.member_id),
            "commitment_status",
            {"title": event.title or event.pillar, "status": event.to_status},
            f"/v1/alliance/commitments/{event.commitment_id}",
        )
