"""Daily and weekly digests: one email per person and period, grouped by category, sent once
the person's local clock passes the digest hour. The clock is injectable (tests, catch-up)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from eventkit.logging import get_logger
from notifications.adapters import templates
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery
from notifications.domain.digest import digest_period, group_by_category
from notifications.domain.preferences import Frequency
from notifications.service_layer.notify import Notifier
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)


async def send_due_digests(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    notifier: Notifier,
    settings: NotificationsSettings,
    now: datetime,
) -> int:
    """Queue every digest due at ``now``; returns how many were queued (email dispatcher sends)."""
    queued = 0
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        async with uow_factory() as uow:
            people = await uow.digests.people_waiting(frequency.value)
        for person_id in people:
            async with uow_factory() as uow:
                prefs = await uow.preferences.get_or_default(person_id)
                period = digest_period(
                    frequency,
                    now,
                    prefs.time_zone,
                    hour=settings.digest_hour,
                    weekday=settings.digest_weekday,
                )
                recipient = await uow.recipients.get(person_id)
                if period is None or recipient is None:
                    continue
                entries = await uow.digests.claim_pending(person_id, frequency.value)
                if not entries:
                    continue
                locale = prefs.locale(recipient.locale)
                digest_id = f"digest:{person_id}:{frequency.value}:{period.isoformat()}"
                unsubscribe, one_click = notifier.unsubscribe(person_id, None)
                groups = [
                    {
                        "heading": templates.enum_label("category", locale, category),
                        "items": [{"title": e.title} for e in items],
                    }
                    for category, items in group_by_category(entries).items()
                ]
                message = templates.render(
                    "digest",
                    locale,
                    unsubscribe_url=unsubscribe,
                    name=recipient.display_name,
                    period=frequency.value,
                    count=len(entries),
                    groups=groups,
                )
                added = await uow.deliveries.add(
                    Delivery(
                        recipient_id=person_id,
                        channel="email",
                        address=recipient.email,
                        template="digest",
                        source_event_id=digest_id,
                        message=message,
                        category="digest",
                        headers=one_click,
                        next_attempt_at=now,
                    )
                )
                if not added:
                    # this period's digest already went out: these entries wait for the next
                    continue
                await uow.digests.mark_digested([e.id for e in entries], digest_id)
                await uow.commit()
                queued += 1
    return queued
