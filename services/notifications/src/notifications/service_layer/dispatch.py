"""The email dispatcher: sends recorded deliveries outside any Kafka handler, with backoff.

Each mail is claimed (``FOR UPDATE SKIP LOCKED``), sent and marked in one short transaction
of its own, so parallel dispatchers never send one twice and a dispatcher that dies keeps
what it sent; a batch's mails go out over a few SMTP sessions in parallel. A permanent
refusal (5xx) or running out of attempts marks the delivery failed and announces it through
the outbox (``notifications.delivery.failed``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from prometheus_client import Counter

from contracts.events.notifications import EmailDeliveryFailed
from eventkit import tracing
from eventkit.clock import Clock
from eventkit.faults import fault_point
from eventkit.logging import get_logger
from notifications.adapters.email_sender import SendFailure, SmtpEmailSender
from notifications.config import NotificationsSettings
from notifications.domain.delivery import DeliveryStatus
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)
EMAILS = Counter("emails_total", "Email delivery attempts", ["outcome"])


async def send_next_due_email(
    uow: NotificationsUnitOfWork,
    sender: SmtpEmailSender,
    settings: NotificationsSettings,
    clock: Clock,
) -> bool:
    """Claim one due delivery, send it, and record the outcome in the same short transaction:
    a mail the SMTP server accepted is marked sent at once. Returns False when none is due."""
    async with uow:
        due = await uow.deliveries.claim_due(clock.now(), 1)
        if not due:
            return False
        [delivery] = due
        # traced: a child of the handling that recorded the delivery (eventkit.tracing)
        with tracing.span(
            "email send",
            parent=delivery.traceparent,
            kind=tracing.CLIENT,
            attributes={"notification.template": delivery.template},
        ):
            try:
                await sender.send(
                    sender.compose(
                        delivery.address,
                        delivery.message,
                        delivery.headers,
                        delivery_id=delivery.id,
                    )
                )
                # the chaos suite kills the worker here: accepted by SMTP, not yet marked sent
                fault_point("email.sent_before_marked")
                delivery.mark_sent(clock.now())
                EMAILS.labels("sent").inc()
            except SendFailure as failure:
                delivery.mark_failed_attempt(
                    failure.reason,
                    clock.now(),
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
        await uow.deliveries.save(delivery)
        if delivery.status == DeliveryStatus.FAILED:
            await uow.publish(
                EmailDeliveryFailed(
                    delivery_id=delivery.id,
                    recipient_id=delivery.recipient_id,
                    template=delivery.template,
                    permanent=delivery.refused,
                    attempts=delivery.attempts,
                    reason=delivery.last_error or "unknown",
                    failed_at=clock.now(),
                )
            )
        await uow.commit()
    return True


async def dispatch_due_emails(
    uow_factory: Callable[[], NotificationsUnitOfWork],
    sender: SmtpEmailSender,
    settings: NotificationsSettings,
    clock: Clock,
    *,
    batch: int | None = None,
) -> int:
    """Send up to a batch of due deliveries, ``email_concurrency`` at a time, each in its own
    transaction (``send_next_due_email``). Returns how many were attempted.

    Once as people see it: a worker killed mid-batch leaves every mail the SMTP server had
    accepted marked sent, except the ones in flight at that instant (at most
    ``email_concurrency``); those are sent again with the same Message-ID (the delivery's),
    which mail software uses to drop the copy.
    """
    budget = batch or settings.email_batch_size
    attempted = 0

    async def sender_loop() -> None:
        nonlocal attempted
        while attempted < budget:
            attempted += 1  # reserve the slot before awaiting: the loops share the budget
            if not await send_next_due_email(uow_factory(), sender, settings, clock):
                attempted -= 1
                return

    await asyncio.gather(*(sender_loop() for _ in range(max(1, settings.email_concurrency))))
    return attempted
