"""Newsletters over the in-memory unit of work: what a newsletter may link to, the segment's
audience after people's preferences and consents, sending recorded as one paced delivery per
member (never sent here), resumable a chunk at a time, and a one-click unsubscribe taking
the person out of the next one. No PostgreSQL, no Kafka, no SMTP."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from notifications_events import NOW, envelope, react, registered
from notifications_fakes import FakeNotificationsUnitOfWork

from contracts.events import privacy, profiles, resources
from eventkit.clock import SystemClock
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.config import NotificationsSettings
from notifications.domain.delivery import DeliveryStatus
from notifications.domain.newsletter import (
    LocalisedContent,
    Newsletter,
    NewsletterStatus,
    Segment,
)
from notifications.domain.preferences import Category
from notifications.service_layer.handlers import Reactions
from notifications.service_layer.newsletters import (
    UnknownCalendarEvents,
    UnpublishedResources,
    check_calendar,
    check_resources,
    send_due_newsletters,
)
from notifications.service_layer.notify import Notifier

SIGNER = UnsubscribeSigner("k" * 32)


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def notifier() -> Notifier:
    return Notifier(SIGNER, "https://api.example", "https://web.example", SystemClock())


@pytest.fixture
def reactions(notifier: Notifier) -> Reactions:
    return Reactions(notifier)


async def person(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions, residence: str, locale: str = "en"
) -> uuid.UUID:
    """An account with a profile: a recipient and an audience member."""
    account_id = uuid.uuid4()
    email = f"{account_id.hex[:8]}@example.org"
    await react(
        uow, reactions.welcome_new_account, registered(account_id, locale, email=email), envelope()
    )
    created = profiles.PersonProfileCreated(
        person_id=account_id, country_of_origin="SN", country_of_residence=residence, locale=locale
    )
    await react(uow, reactions.profile_changed, created, envelope())
    return account_id


async def publish(uow: FakeNotificationsUnitOfWork, reactions: Reactions) -> uuid.UUID:
    resource_id = uuid.uuid4()
    event = resources.ResourcePublished(
        resource_id=resource_id,
        kind="guide",
        title="Sending money home",
        language="en",
        status="published",
        contributor_id=None,
        actor_id=None,
        occurred_at=NOW,
    )
    await react(uow, reactions.resource_published, event, envelope())
    return resource_id


async def scheduled(
    uow: FakeNotificationsUnitOfWork, segment: Segment, resource_ids: list[uuid.UUID]
) -> Newsletter:
    newsletter = Newsletter(
        created_by=uuid.uuid4(),
        content={
            "en": LocalisedContent(subject="June news", intro="Hello"),
            "fr": LocalisedContent(subject="Nouvelles de juin", intro="Bonjour"),
        },
        resource_ids=resource_ids,
        segment=segment,
        per_minute=60,
    )
    newsletter.schedule(NOW)
    async with uow:
        await check_resources(uow, resource_ids)
        await uow.audience.add_newsletter(newsletter)
        await uow.commit()
    return newsletter


async def newsletter_mail(uow: FakeNotificationsUnitOfWork, person_id: uuid.UUID):  # type: ignore[no-untyped-def]
    async with uow:
        return [
            d for d in await uow.deliveries.for_recipient(person_id) if d.template == "newsletter"
        ]


async def send(uow: FakeNotificationsUnitOfWork, notifier: Notifier, chunk: int = 1000) -> int:
    return await send_due_newsletters(
        lambda: uow, notifier, NotificationsSettings(), NOW + timedelta(minutes=1), chunk=chunk
    )


async def test_a_newsletter_links_only_to_published_resources_and_live_calendar_entries(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    resource_id = await publish(uow, reactions)
    async with uow:
        await check_resources(uow, [resource_id])
        with pytest.raises(UnpublishedResources):
            await check_resources(uow, [resource_id, uuid.uuid4()])
        with pytest.raises(UnknownCalendarEvents):
            await check_calendar(uow, [uuid.uuid4()])


@pytest.mark.parametrize("chunk", [1000, 1])
async def test_sending_records_one_paced_delivery_per_member_of_the_segment_once(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions, notifier: Notifier, chunk: int
) -> None:
    in_france = [await person(uow, reactions, "FR", locale) for locale in ("fr", "en")]
    in_germany = await person(uow, reactions, "DE")
    resource_id = await publish(uow, reactions)
    segment = Segment(countries_of_residence=["FR"])
    async with uow:
        assert await uow.audience.audience_size(segment) == 2
    newsletter = await scheduled(uow, segment, [resource_id])

    assert await send(uow, notifier, chunk) == 1
    mails = [await newsletter_mail(uow, p) for p in in_france]
    assert [len(m) for m in mails] == [1, 1]
    assert await newsletter_mail(uow, in_germany) == []
    french, english = mails[0][0], mails[1][0]
    assert all(m.status == DeliveryStatus.PENDING for m in (french, english))  # recorded only
    assert french.campaign_id == english.campaign_id == newsletter.id
    assert french.message.locale == "fr" and "Nouvelles de juin" in french.message.subject
    assert f"/library/{resource_id}" in english.message.text
    assert sorted([french.next_attempt_at, english.next_attempt_at]) == [
        NOW,
        NOW + timedelta(seconds=1),  # paced at 60 a minute
    ]
    async with uow:
        sent = await uow.audience.newsletter(newsletter.id)
        progress = await uow.deliveries.campaign_progress(newsletter.id)
    assert sent is not None and sent.status == NewsletterStatus.SENT and sent.recipients == 2
    assert progress["pending"] == 2

    assert await send(uow, notifier, chunk) == 0  # nothing due any more: nothing recorded again
    assert [len(await newsletter_mail(uow, p)) for p in in_france] == [1, 1]


async def test_one_click_unsubscribe_and_a_withdrawn_consent_leave_the_next_audience(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions, notifier: Notifier
) -> None:
    stays, leaves, withdraws = [await person(uow, reactions, "FR") for _ in range(3)]
    await scheduled(uow, Segment(), [])
    await send(uow, notifier)
    [mail] = await newsletter_mail(uow, leaves)

    # what the mail's one-click header carries, and what POST /unsubscribe does with it
    found = re.search(r"token=([^>&]+)", mail.headers["List-Unsubscribe"])
    assert found is not None
    what = SIGNER.verify(found.group(1))
    assert (what.person_id, what.category) == (leaves, Category.NEWSLETTER)
    async with uow:
        prefs = await uow.preferences.get_or_default(what.person_id)
        prefs.unsubscribe(what.category)
        await uow.preferences.save(prefs)
        await uow.commit()
    withdrawn = privacy.ConsentWithdrawn(
        person_id=withdraws,
        consent_id=uuid.uuid4(),
        purpose=privacy.NEWSLETTERS,
        recipient_kind=privacy.RECIPIENT_PLATFORM,
        recipient_id=None,
        channel="web",
        withdrawn_at=NOW,
    )
    await react(uow, reactions.consent_changed, withdrawn, envelope())

    async with uow:
        assert await uow.audience.audience_size(Segment()) == 1
    await scheduled(uow, Segment(), [])
    await send(uow, notifier)
    assert [len(await newsletter_mail(uow, p)) for p in (stays, leaves, withdraws)] == [2, 1, 1]
