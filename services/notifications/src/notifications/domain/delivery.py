"""A Delivery: one message to one person on one channel, sent at most once successfully.

Kafka handlers only *record* deliveries; a dispatcher sends them, so a slow or failing SMTP
server never stalls a partition.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from eventkit.aggregate import AggregateRoot
from notifications.domain.backoff import retry_delay_s


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # permanently: bounced, rejected, or out of attempts


@dataclass(frozen=True, kw_only=True)
class RenderedMessage:
    subject: str
    text: str
    html: str
    locale: str


@dataclass(kw_only=True, eq=False)
class Delivery(AggregateRoot):
    id: UUID = field(default_factory=uuid.uuid4)
    recipient_id: UUID
    channel: str
    address: str
    template: str
    #: the event this delivery answers; (source_event_id, template, channel) is unique
    source_event_id: str
    message: RenderedMessage
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    last_error: str | None = None
    sent_at: datetime | None = None
    category: str = "account"
    #: extra mail headers, e.g. List-Unsubscribe / List-Unsubscribe-Post (RFC 8058)
    headers: dict[str, str] = field(default_factory=dict)
    #: the newsletter this mail is part of
    campaign_id: UUID | None = None
    #: the last failure was a refusal (5xx), not a temporary problem
    refused: bool = False
    #: W3C trace context of the handling that recorded it: the send joins that trace
    traceparent: str | None = None

    def mark_sent(self, now: datetime) -> None:
        self.status = DeliveryStatus.SENT
        self.attempts += 1
        self.sent_at = now

    def mark_failed_attempt(
        self, error: str, now: datetime, *, permanent: bool, max_attempts: int, base_s: float
    ) -> None:
        """Back off exponentially with jitter; give up when permanent or exhausted."""
        self.attempts += 1
        self.last_error = error[:500]
        self.refused = permanent
        if permanent or self.attempts >= max_attempts:
            self.status = DeliveryStatus.FAILED
            return
        self.next_attempt_at = now + timedelta(seconds=retry_delay_s(self.attempts, base_s))
