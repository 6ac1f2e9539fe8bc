"""Notifications' projections of other services' state, over the in-memory unit of work:
the people and resources newsletters reach and link to, the public calendar, registrations
and consents. Each is idempotent: a redelivered event changes nothing, a stale one (older
sequence or decision) never overwrites a newer one. No PostgreSQL, no Kafka."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from notifications_events import NOW, envelope, react, registered
from notifications_fakes import FakeNotificationsUnitOfWork

from contracts.events import privacy, profiles, resources
from eventkit.clock import SystemClock
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.domain.delivery import DeliveryStatus
from notifications.service_layer.handlers import Reactions
from notifications.service_layer.notify import Notifier


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def reactions() -> Reactions:
    signer = UnsubscribeSigner("k" * 32)
    return Reactions(Notifier(signer, "https://api.example", "https://web.example", SystemClock()))


def profile(
    person_id: uuid.UUID, residence: str, *, created: bool = False
) -> profiles.PersonProfileUpdated:
    kind = profiles.PersonProfileCreated if created else profiles.PersonProfileUpdated
    return kind(
        person_id=person_id,
        country_of_origin="SN",
        country_of_residence=residence,
        interests=["health"],
        languages=[profiles.LanguageSkill(code="fr")],
        locale="fr",
    )


def resource(kind: type[resources.ResourceEvent], resource_id: uuid.UUID, title: str = "Guide"):  # type: ignore[no-untyped-def]
    return kind(
        resource_id=resource_id,
        kind="guide",
        title=title,
        language="en",
        status="published",
        contributor_id=None,
        actor_id=None,
        occurred_at=NOW,
    )


async def test_the_people_projection_keeps_the_newest_profile_whatever_the_order(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    person = uuid.uuid4()
    created = envelope(3)
    await react(uow, reactions.profile_changed, profile(person, "FR", created=True), created)
    await react(uow, reactions.profile_changed, profile(person, "FR", created=True), created)
    await react(uow, reactions.profile_changed, profile(person, "DE"), envelope(2))  # stale
    async with uow:
        member = await uow.audience.member(person)
    assert member is not None
    assert (member["country_of_residence"], member["version"]) == ("FR", 3)
    assert (member["languages"], member["interests"]) == (["fr"], ["health"])
    assert len(uow.database.tables["audience_members"]) == 1

    await react(uow, reactions.profile_changed, profile(person, "CA"), envelope(4))
    async with uow:
        member = await uow.audience.member(person)
    assert member is not None and member["country_of_residence"] == "CA"


async def test_the_resources_projection_follows_publication_and_ignores_replays(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    resource_id = uuid.uuid4()
    published = envelope(1)

    async def linkable() -> list[uuid.UUID]:
        async with uow:
            return [r["resource_id"] for r in await uow.audience.published([resource_id])]

    await react(
        uow,
        reactions.resource_published,
        resource(resources.ResourcePublished, resource_id),
        published,
    )
    assert await linkable() == [resource_id]
    await react(
        uow,
        reactions.resource_visibility,
        resource(resources.ResourceArchived, resource_id),
        envelope(2),
    )
    assert await linkable() == []
    # the publication redelivered after the archiving: still not linkable
    await react(
        uow,
        reactions.resource_published,
        resource(resources.ResourcePublished, resource_id),
        published,
    )
    assert await linkable() == []
    await react(
        uow,
        reactions.resource_visibility,
        resource(resources.ResourceRestored, resource_id, "Guide v2"),
        envelope(3),
    )
    async with uow:
        [kept] = await uow.audience.published([resource_id])
    assert (kept["title"], kept["version"]) == ("Guide v2", 3)
    assert uow.database.tables["deliveries"] == {}  # no contributor: nobody told, nothing sent


async def account(uow: FakeNotificationsUnitOfWork, reactions: Reactions) -> uuid.UUID:
    account_id = uuid.uuid4()
    await react(uow, reactions.welcome_new_account, registered(account_id), envelope())
    return account_id


async def told(uow: FakeNotificationsUnitOfWork, person_id: uuid.UUID) -> list[str]:
    """What the person was told about calendar entries: recorded deliveries, oldest first."""
    async with uow:
        found = await uow.deliveries.for_recipient(person_id)
    assert all(d.status == DeliveryStatus.PENDING for d in found)  # recorded, not sent
    return [d.template for d in found if d.template != "welcome"]


def scheduled(event_id: uuid.UUID, title: str, *, updated: bool = False):  # type: ignore[no-untyped-def]
    kind = resources.CalendarEventUpdated if updated else resources.CalendarEventScheduled
    return kind(
        event_id=event_id,
        kind="webinar",
        title=title,
        language="en",
        organiser="GDPA",
        time_zone="UTC",
        starts_at=NOW + timedelta(days=7),
        ends_at=NOW + timedelta(days=7, hours=1),
        capacity=None,
    )


def registration(event_id: uuid.UUID, person_id: uuid.UUID, status: str):  # type: ignore[no-untyped-def]
    return resources.EventRegistrationChanged(
        event_id=event_id,
        registration_id=uuid.uuid4(),
        person_id=person_id,
        status=status,
        promoted=False,
        title="Webinar",
        starts_at=NOW + timedelta(days=7),
    )


async def test_the_calendar_tells_registrants_of_a_change_once_and_stays_cancelled(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    event_id = uuid.uuid4()
    seated, waiting, left = [await account(uow, reactions) for _ in range(3)]
    await react(uow, reactions.calendar_event_changed, scheduled(event_id, "Webinar"), envelope(1))
    for person, status, sequence in (
        (seated, "confirmed", 1),
        (waiting, "waitlisted", 1),
        (left, "confirmed", 1),
        (left, "cancelled", 2),
        (left, "confirmed", 1),  # the older registration redelivered: still cancelled
    ):
        await react(
            uow,
            reactions.registration_changed,
            registration(event_id, person, status),
            envelope(sequence),
        )
    async with uow:
        assert await uow.projections.registrants(event_id) == sorted([seated, waiting])

    moved = envelope(2)
    for _ in range(2):  # the change, redelivered
        await react(
            uow,
            reactions.calendar_event_changed,
            scheduled(event_id, "Webinar (moved)", updated=True),
            moved,
        )
    async with uow:
        [entry] = await uow.projections.calendar([event_id])
    assert (entry["title"], entry["version"]) == ("Webinar (moved)", 2)
    # recorded once for each registrant, never sent
    assert await told(uow, seated) == ["event_changed"]
    assert await told(uow, waiting) == ["event_changed"]
    assert await told(uow, left) == []

    cancelled = resources.CalendarEventCancelled(
        event_id=event_id, title="Webinar", starts_at=NOW, reason=None, cancelled_at=NOW
    )
    await react(uow, reactions.calendar_event_cancelled, cancelled, envelope(3))
    await react(
        uow,
        reactions.calendar_event_changed,
        scheduled(event_id, "Webinar", updated=True),
        envelope(4),
    )
    async with uow:
        assert await uow.projections.calendar([event_id]) == []  # not announceable any more
        [kept] = await uow.projections.calendar([event_id], include_cancelled=True)
    assert kept["cancelled"]
    assert await told(uow, seated) == ["event_changed", "event_cancelled"]


async def test_the_consent_projection_keeps_the_latest_decision_whatever_the_arrival_order(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    person, partner, consent = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    common = {
        "person_id": person,
        "consent_id": consent,
        "purpose": privacy.PARTNER_SHARING,
        "recipient_kind": privacy.RECIPIENT_PARTNER,
        "recipient_id": partner,
        "channel": "web",
    }
    withdrawn = privacy.ConsentWithdrawn(**common, withdrawn_at=NOW)
    given_before = privacy.ConsentGiven(
        **common, policy_version="1", given_at=NOW - timedelta(days=1)
    )
    await react(uow, reactions.consent_changed, withdrawn, envelope(2))
    await react(uow, reactions.consent_changed, given_before, envelope(1))  # late, older
    [decision] = uow.database.tables["consents"].values()
    assert (decision["active"], decision["decided_at"]) == (False, NOW)
