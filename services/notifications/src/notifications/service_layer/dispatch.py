"""The email dispatcher: sends recorded deliveries outside any Kafka handler, with backoff.

Due rows are locked (``FOR UPDATE SKIP LOCKED``) for the batch, so parallel dispatchers never
send one twice; a batch's mails go out over a few SMTP sessions in parallel. A permanent
refusal (5xx) or running out of attempts marks the delivery failed and announces it through
the outbox (``notifications.delivery.failed``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from prometheus_client import Counter

from contracts.events.notifications import EmailDeliveryFailed
from eventkit.logging import get_logger
from eventkit.stopping import sleep_until_stopped
from notifications.adapters.email_sender import SendFailure, SmtpEmailSender
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)
EMAILS = Counter("emails_total", "Email delivery attempts", ["outcome"])


async def _send_one(
    delivery: Delivery,
    sender: SmtpEmailSender,
    settings: NotificationsSettings,
    limit: asyncio.Semaphore,
) -> None:
    async with limit:
        try:
            await sender.send(sender.compose(delivery.address, delivery.message, delivery.headers))
            delivery.mark_sent(datetime.now(UTC))
            EMAILS.labels("sent").inc()
        except SendFailure as failure:
            delivery.mark_failed_attempt(
                failure.reason,
                datetime.now(UTC),
                permanent=failure.permanent,
                max_attempts=settings.email_max_attempts,
                base_s=settings.email_retry_base_s,
            )
            EMAILS.labels("permanent_failure" if failure.permanent else "retry").inc()
            log.warning(
                "email.send_failed",
                delivery_id=str(delivery.id),
                attempts=delivery.attempts,
                status=delivery.status.value,
                reason=failure.reason,
            )


async def dispatch_due_emails(
    uow: NotificationsUnitOfWork,
    sender: SmtpEmailSender,
    settings: NotificationsSettings,
    *,
    batch: int | None = None,
) -> int:
    """Send one batch of due deliveries. Returns how many were attempted."""
    limit = asyncio.Semaphore(max(1, settings.email_concurrency))
    async with uow:
        due = await uow.deliveries.claim_due(datetime.now(UTC), batch or settings.email_batch_size)
        await asyncio.gather(*(_send_one(d, sender, settings, limit) for d in due))
        await uow.deliveries.save_many(due)
        for delivery in due:
            if delivery.status == DeliveryStatus.FAILED:
                await uow.publish(
                    EmailDeliveryFailed(
                        delivery_id=delivery.id,
                        recipient_id=delivery.recipient_id,
                        template=delivery.template,
                        permanent=delivery.refused,
                        attempts=delivery.attempts,
                        reason=delivery.last_error or "unknown",
                        failed_at=datetime.now(UTC),
                    )
                )
        await uow.commit()
    return len(due)


async def run_email_dispatcher(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    sender: SmtpEmailSender,
    settings: NotificationsSettings,
    stop: asyncio.Event,
) -> None:
    while not stop.is_set():
        try:
            sent = await dispatch_due_emails(uow_factory(), sender, settings)
        except Exception as exc:  # the database may be away: keep the loop alive
            log.warning("email.dispatch_error", error=type(exc).__name__)
            sent = 0
        if sent == 0:
            await sleep_until_stopped(stop, settings.dispatch_poll_interval_s)
