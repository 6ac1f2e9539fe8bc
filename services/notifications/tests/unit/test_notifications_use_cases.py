"""Notifications' use cases over the in-memory unit of work: reactions record (a delivery, a
feed item or a digest entry, as the person's preferences say) and never send; the dispatcher
sends what was recorded; digests gather entries once per period. No PostgreSQL, no Kafka,
no SMTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from notifications_events import NOW, envelope, react, registered
from notifications_fakes import FakeEmailSender, FakeNotificationsUnitOfWork

from contracts.events import profiles
from contracts.events.notifications import EmailDeliveryFailed
from eventkit.clock import FixedClock, SystemClock
from notifications.adapters.email_sender import SendFailure
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.config import NotificationsSettings
from notifications.domain.delivery import DeliveryStatus
from notifications.domain.preferences import Category, Channel, Frequency, Preferences
from notifications.service_layer.digests import send_due_digests
from notifications.service_layer.dispatch import send_next_due_email
from notifications.service_layer.handlers import Reactions
from notifications.service_layer.notify import Notifier


@pytest.fixture
def uow() -> FakeNotificationsUnitOfWork:
    return FakeNotificationsUnitOfWork()


@pytest.fixture
def notifier() -> Notifier:
    signer = UnsubscribeSigner("k" * 32)
    return Notifier(signer, "https://api.example", "https://web.example", SystemClock())


@pytest.fixture
def reactions(notifier: Notifier) -> Reactions:
    return Reactions(notifier)


@pytest.fixture
def settings() -> NotificationsSettings:
    return NotificationsSettings()


@pytest.fixture
def sender(settings: NotificationsSettings) -> FakeEmailSender:
    return FakeEmailSender(settings)


@pytest.fixture
def soon() -> FixedClock:
    """The dispatcher's clock: a minute after the test starts, so what it records is due."""
    return FixedClock(datetime.now(UTC) + timedelta(minutes=1))


async def account(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions, locale: str = "en"
) -> uuid.UUID:
    account_id = uuid.uuid4()
    await react(uow, reactions.welcome_new_account, registered(account_id, locale), envelope())
    return account_id


async def test_a_new_account_is_learnt_and_welcomed_by_a_recorded_email_not_a_sent_one(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    account_id = await account(uow, reactions, locale="fr")
    async with uow:
        recipient = await uow.recipients.get(account_id)
        [welcome] = await uow.deliveries.for_recipient(account_id)
        [item] = await uow.feed.page(account_id, before=None, limit=10)
    assert recipient is not None and recipient.locale == "fr"
    assert (welcome.template, welcome.status, welcome.address) == (
        "welcome",
        DeliveryStatus.PENDING,
        "awa@example.org",
    )
    assert welcome.message.locale == "fr" and "secret" in welcome.message.text
    assert "secret" not in item.body  # the one-time link goes by email only
    assert "List-Unsubscribe" not in welcome.headers  # transactional: no unsubscribe


async def test_a_redelivered_event_records_nothing_twice_and_a_stale_one_changes_nothing(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    account_id = uuid.uuid4()
    ce = envelope(sequence=5)
    for _ in range(2):
        await react(uow, reactions.welcome_new_account, registered(account_id), ce)
    stale = registered(account_id, name="Old name")
    await react(uow, reactions.welcome_new_account, stale, envelope(sequence=2))
    async with uow:
        recipient = await uow.recipients.get(account_id)
        deliveries = await uow.deliveries.for_recipient(account_id)
    assert recipient is not None and recipient.display_name == "Awa"
    # the redelivery added nothing; the stale event is another event: its own welcome
    assert [d.template for d in deliveries] == ["welcome", "welcome"]


async def test_secret_links_never_reach_the_feed(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    account_id = uuid.uuid4()
    event = profiles.AccountVerificationRequested(
        account_id=account_id,
        email="awa@example.org",
        display_name="Awa",
        verification_url="https://web.example/verify?t=secret",
        expires_at=NOW + timedelta(days=1),
    )
    await react(uow, reactions.verification_requested, event, envelope())
    async with uow:
        assert await uow.feed.unread_count(account_id) == 0
        [mail] = await uow.deliveries.for_recipient(account_id)
    assert mail.template == "verify_email" and "secret" in mail.message.text


async def test_preferences_choose_the_feed_an_email_a_digest_or_nothing(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    requester, daily, quiet, feed_only = [await account(uow, reactions) for _ in range(4)]
    choices = {
        daily: Preferences(person_id=daily, categories={Category.CONNECTIONS: Frequency.DAILY}),
        quiet: Preferences(
            person_id=quiet,
            categories={Category.CONNECTIONS: Frequency.OFF},
            channels={Channel.IN_APP: False, Channel.EMAIL: True},
        ),
        feed_only: Preferences(
            person_id=feed_only, channels={Channel.IN_APP: True, Channel.EMAIL: False}
        ),
    }
    async with uow:
        for prefs in choices.values():
            assert await uow.preferences.save(prefs)
        await uow.commit()
    for addressee in (requester, daily, quiet, feed_only):
        event = profiles.ConnectionRequested(
            connection_id=uuid.uuid4(),
            requester_id=uuid.uuid4(),
            addressee_id=addressee,
            requested_at=NOW,
        )
        await react(uow, reactions.connection_requested, event, envelope())

    async def recorded(person: uuid.UUID) -> tuple[int, int, int]:
        async with uow:
            mails = [
                d
                for d in await uow.deliveries.for_recipient(person)
                if d.template == "connection_requested"
            ]
            feed = [
                i
                for i in await uow.feed.page(person, before=None, limit=10)
                if i.template == "connection_requested"
            ]
            digest = await uow.digests.claim_pending(person, Frequency.DAILY.value)
        return len(mails), len(feed), len(digest)

    assert await recorded(requester) == (1, 1, 0)  # the defaults: feed and immediate email
    assert await recorded(daily) == (0, 1, 1)
    assert await recorded(quiet) == (0, 0, 0)
    assert await recorded(feed_only) == (0, 1, 0)
    async with uow:
        mails = await uow.deliveries.for_recipient(requester)
    connection_mail = next(d for d in mails if d.template == "connection_requested")
    assert "List-Unsubscribe" in connection_mail.headers  # not transactional: one click


async def test_an_unknown_or_erased_account_is_told_nothing(
    uow: FakeNotificationsUnitOfWork, reactions: Reactions
) -> None:
    erased = await account(uow, reactions)
    async with uow:
        await uow.recipients.erase(erased)
        await uow.commit()
    for addressee in (erased, uuid.uuid4()):
        event = profiles.ConnectionAccepted(
            connection_id=uuid.uuid4(),
            requester_id=addressee,
            addressee_id=uuid.uuid4(),
            accepted_at=NOW,
        )
        await react(uow, reactions.connection_accepted, event, envelope())
    async with uow:
        assert await uow.recipients.get(erased) is None
        assert [d.template for d in await uow.deliveries.for_recipient(erased)] == ["welcome"]
    # a late event about the erased account never brings the person back
    await react(uow, reactions.welcome_new_account, registered(erased), envelope(sequence=99))
    async with uow:
        assert await uow.recipients.get(erased) is None


async def test_the_dispatcher_sends_what_was_recorded_once(
    uow: FakeNotificationsUnitOfWork,
    reactions: Reactions,
    settings: NotificationsSettings,
    sender: FakeEmailSender,
    soon: FixedClock,
) -> None:
    clock = soon
    account_id = await account(uow, reactions)
    assert sender.sent == []  # recorded, not sent
    assert await send_next_due_email(uow, sender, settings, clock) is True
    assert await send_next_due_email(uow, sender, settings, clock) is False
    [mail] = sender.sent
    assert mail["To"] == "awa@example.org" and mail["Message-ID"]
    async with uow:
        [delivery] = await uow.deliveries.for_recipient(account_id)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


async def test_a_refused_mail_fails_and_is_announced_a_temporary_failure_retries(
    uow: FakeNotificationsUnitOfWork,
    reactions: Reactions,
    settings: NotificationsSettings,
    sender: FakeEmailSender,
    soon: FixedClock,
) -> None:
    clock = soon
    first = await account(uow, reactions)
    sender.failure = SendFailure("451 try later", permanent=False)
    assert await send_next_due_email(uow, sender, settings, clock)
    async with uow:
        [delivery] = await uow.deliveries.for_recipient(first)
    assert delivery.status is DeliveryStatus.PENDING and delivery.next_attempt_at > clock.now()
    assert uow.published_of(EmailDeliveryFailed) == []
    sender.failure = SendFailure("550 no such mailbox", permanent=True)
    assert await send_next_due_email(uow, sender, settings, FixedClock(delivery.next_attempt_at))
    [failed] = uow.published_of(EmailDeliveryFailed)
    assert (failed.delivery_id, failed.permanent, failed.attempts) == (delivery.id, True, 2)
    assert sender.sent == []


async def test_a_daily_digest_gathers_the_waiting_entries_once(
    uow: FakeNotificationsUnitOfWork,
    reactions: Reactions,
    notifier: Notifier,
    settings: NotificationsSettings,
) -> None:
    person = await account(uow, reactions)
    async with uow:
        await uow.preferences.save(
            Preferences(person_id=person, categories={Category.MESSAGES: Frequency.DAILY})
        )
        await uow.commit()
    for _ in range(2):
        event = profiles.MessageSent(
            message_id=uuid.uuid4(),
            conversation_id=uuid.uuid4(),
            sender_id=uuid.uuid4(),
            recipient_id=person,
            sent_at=NOW,
        )
        await react(uow, reactions.message_sent, event, envelope())
    assert await send_due_digests(lambda: uow, notifier, settings, NOW) == 1
    assert await send_due_digests(lambda: uow, notifier, settings, NOW) == 0
    async with uow:
        digests = [d for d in await uow.deliveries.for_recipient(person) if d.template == "digest"]
    [digest] = digests
    assert digest.source_event_id == f"digest:{person}:daily:2026-06-01"
    assert "List-Unsubscribe" in digest.headers
    early = NOW.replace(hour=5)  # before the digest hour: nothing is due
    assert await send_due_digests(lambda: uow, notifier, settings, early) == 0
