"""Newsletters and campaigns: compose, preview the audience, schedule, send throttled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from eventkit.domain_errors import InvalidInput
from eventkit.logging import get_logger
from notifications.adapters import templates
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery
from notifications.domain.newsletter import Newsletter
from notifications.domain.preferences import Category
from notifications.service_layer.notify import Notifier
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)


class UnpublishedResources(InvalidInput, ValueError):
    title = "Unpublished resources"


async def check_resources(uow: NotificationsUnitOfWork, ids: list[UUID]) -> None:
    found = {r["resource_id"] for r in await uow.audience.published(ids)}
    missing = sorted(str(i) for i in set(ids) - found)
    if missing:
        raise UnpublishedResources(f"not published (or unknown) resources: {missing}")


class UnknownCalendarEvents(InvalidInput, ValueError):
    title = "Unknown calendar events"


async def check_calendar(uow: NotificationsUnitOfWork, ids: list[UUID]) -> None:
    """Only entries on the public calendar, and not cancelled, can be announced."""
    found = {r["event_id"] for r in await uow.projections.calendar(ids)}
    missing = sorted(str(i) for i in set(ids) - found)
    if missing:
        raise UnknownCalendarEvents(f"unknown or cancelled calendar events: {missing}")


#: audience members whose deliveries are recorded per transaction
QUEUE_CHUNK = 1000


async def send_due_newsletters(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    notifier: Notifier,
    settings: NotificationsSettings,
    now: datetime,
    *,
    chunk: int = QUEUE_CHUNK,
) -> int:
    """Record one delivery per audience member of every due newsletter, paced by
    ``per_minute`` through their due times. The audience is read and recorded a chunk at a
    time (account order), each chunk in its own transaction with the newsletter's progress,
    so memory stays flat whatever its size, the dispatcher starts sending the first chunk
    while the next is recorded, and a scheduler that stops half-way (kill -9) is resumed by
    the next from the member after the last one recorded. Returns the newsletters done."""
    done = 0
    while True:
        async with uow_factory() as uow:
            newsletter = await uow.audience.claim_due_newsletter(now)
            if newsletter is None:
                return done
            recorded = await _queue_chunk(uow, notifier, newsletter, chunk)
            if recorded is None:
                newsletter.sent()
                log.info(
                    "newsletter.queued",
                    newsletter_id=str(newsletter.id),
                    recipients=newsletter.queued,
                )
                done += 1
            await uow.audience.save_newsletter(newsletter)
            await uow.commit()


async def _queue_chunk(
    uow: NotificationsUnitOfWork,
    notifier: Notifier,
    newsletter: Newsletter,
    chunk: int,
) -> int | None:
    """The deliveries of the next ``chunk`` audience members; None when none is left."""
    members = await uow.audience.audience_after(
        newsletter.segment, newsletter.queued_through, chunk
    )
    if not members:
        return None
    resources = await uow.audience.published(newsletter.resource_ids)
    links = [
        {"title": r["title"], "url": f"{notifier.web_url}/library/{r['resource_id']}"}
        for r in resources
    ]
    # read when sending, so an entry cancelled since the newsletter was written drops out
    calendar = await uow.projections.calendar(newsletter.event_ids)
    found: list[Delivery] = []
    for member in members:
        language, content = newsletter.content_for(member["locale"])
        events = [
            {
                "title": e["title"],
                "starts": templates.format_moment(e["starts_at"], language, member["time_zone"]),
                "url": f"{notifier.web_url}/events/{e['event_id']}",
            }
            for e in calendar
        ]
        unsubscribe, one_click = notifier.unsubscribe(member["account_id"], Category.NEWSLETTER)
        message = templates.render(
            "newsletter",
            language,
            unsubscribe_url=unsubscribe,
            name=member["display_name"],
            subject=content.subject,
            intro=content.intro,
            resources=links,
            events=events,
        )
        found.append(
            Delivery(
                recipient_id=member["account_id"],
                channel="email",
                address=member["email"],
                template="newsletter",
                source_event_id=f"newsletter:{newsletter.id}:{member['account_id']}",
                message=message,
                category=Category.NEWSLETTER.value,
                headers=one_click,
                next_attempt_at=newsletter.send_time(newsletter.queued + len(found)),
                campaign_id=newsletter.id,
            )
        )
    recorded = await uow.deliveries.add_many(found)
    newsletter.queued_chunk(recorded, members[-1]["account_id"])
    return recorded
