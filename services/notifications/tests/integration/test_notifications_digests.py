"""Digests against the real Postgres and SMTP sink, with an injected clock: grouped by
category, sent at the person's local digest hour, once per period, never repeating what was
already sent immediately or in an earlier digest."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from conftest import settings_for
from devstack.harness import SmtpSink, TestInfra
from notifications.bootstrap import NotificationsService
from notifications.domain.preferences import Category, Frequency, Preferences
from notifications.domain.recipient import Recipient
from notifications.service_layer.digests import send_due_digests
from notifications.service_layer.dispatch import dispatch_due_emails
from notifications.service_layer.notify import Notice

# 06:30 UTC on a Monday = 07:30 in Lagos (UTC+1): before the 08:00 digest hour
MONDAY_EARLY = datetime(2026, 11, 16, 6, 30, tzinfo=UTC)


async def test_daily_digest_groups_by_category_once_and_never_repeats(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> None:
    svc = NotificationsService(settings_for(notifications_db, infra, smtp.port))
    person = uuid.uuid4()
    address = f"digest-{person.hex[:8]}@example.org"
    try:
        async with svc.uow() as uow:
            await uow.recipients.upsert(
                Recipient(
                    account_id=person, email=address, display_name="Jean", locale="en", version=1
                )
            )
            await uow.preferences.save(
                Preferences(
                    person_id=person,
                    categories={
                        Category.OPPORTUNITIES: Frequency.DAILY,
                        Category.EVENTS: Frequency.DAILY,
                        Category.RESOURCES: Frequency.IMMEDIATE,
                    },
                    language="fr",
                    time_zone="Africa/Lagos",
                    version=1,
                )
            )
            await uow.commit()

        async def notice(template: str, category: Category, event: str, **values: str) -> None:
            async with svc.uow() as uow:
                await svc.notifier.notify(
                    Notice(
                        recipient_id=person,
                        template=template,
                        category=category,
                        source_event_id=event,
                        values=values,
                    ),
                    uow,
                    now=MONDAY_EARLY - timedelta(hours=1),
                )
                await uow.commit()

        match = {"deadline": "2026-12-31 10:00"}
        await notice("opportunity_match", Category.OPPORTUNITIES, "e1", title="Mentor", **match)
        await notice("opportunity_match", Category.OPPORTUNITIES, "e1", title="Mentor", **match)
        await notice("opportunity_match", Category.OPPORTUNITIES, "e2", title="Invest", **match)
        await notice("interest_status_changed", Category.EVENTS, "e3", status="accepted")
        await notice("resource_published", Category.RESOURCES, "e4", title="Immédiat")

        # the immediate one is mailed now, alone
        await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, svc.clock)
        [immediate] = [m for m in smtp.messages() if m["To"] == address]
        assert "Immédiat" in immediate["Subject"]

        # before the local digest hour: nothing; after it: one digest
        assert await send_due_digests(svc.uow, svc.notifier, svc.settings, MONDAY_EARLY) == 0
        after = MONDAY_EARLY + timedelta(hours=1)
        assert await send_due_digests(svc.uow, svc.notifier, svc.settings, after) == 1
        assert await send_due_digests(svc.uow, svc.notifier, svc.settings, after) == 0
        await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, svc.clock)
        mails = [m for m in smtp.messages() if m["To"] == address]
        assert len(mails) == 2
        digest = mails[1]
        assert digest["Subject"] == "Votre résumé quotidien : 3 nouveauté(s)"
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        text = digest.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert "== Opportunités ==" in text and "== Événements ==" in text
        assert text.count("Mentor") == 1 and text.count("Invest") == 1
        assert "Immédiat" not in text  # already sent immediately

        # a later event goes in the next day's digest only
        await notice("opportunity_match", Category.OPPORTUNITIES, "e5", title="Volunteer", **match)
        assert await send_due_digests(svc.uow, svc.notifier, svc.settings, after) == 0
        tomorrow = after + timedelta(days=1)
        assert await send_due_digests(svc.uow, svc.notifier, svc.settings, tomorrow) == 1
        await dispatch_due_emails(svc.uow, svc.email_sender, svc.settings, svc.clock)
        last = [m for m in smtp.messages() if m["To"] == address][-1]
        body = last.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert "Volunteer" in body and "Mentor" not in body and "Invest" not in body
    finally:
        await svc.chassis.dispose()
