"""Events published by the notifications service."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from contracts.base import IntegrationEvent
from contracts.topics import Topic

DELIVERY_TOPIC = "notifications.delivery.v1"
WEBHOOK_TOPIC = "notifications.webhook.v1"


class EmailDeliveryFailed(IntegrationEvent):
    """An email could not be delivered: refused (5xx) or out of attempts. No address inside."""

    type_name: ClassVar[str] = "notifications.delivery.failed"
    topic: ClassVar[str] = DELIVERY_TOPIC

    delivery_id: UUID
    recipient_id: UUID
    template: str
    permanent: bool
    attempts: int
    reason: str
    failed_at: datetime

    def subject(self) -> str:
        return str(self.delivery_id)


class WebhookEndpointEvent(IntegrationEvent):
    topic: ClassVar[str] = WEBHOOK_TOPIC
    endpoint_id: UUID

    def subject(self) -> str:
        return str(self.endpoint_id)


class WebhookDeliveryDeadLettered(WebhookEndpointEvent):
    """A partner webhook delivery exhausted its retries (an alert for operators)."""

    type_name: ClassVar[str] = "notifications.webhook.delivery_dead_lettered"

    delivery_id: UUID
    message_id: str
    #: CloudEvents type of the undelivered message
    message_type: str
    attempts: int
    last_error: str
    dead_lettered_at: datetime


class WebhookEndpointDisabled(WebhookEndpointEvent):
    """An endpoint was disabled (too many dead-lettered deliveries, or by its owner)."""

    type_name: ClassVar[str] = "notifications.webhook.endpoint_disabled"

    reason: str
    disabled_at: datetime


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=DELIVERY_TOPIC,
        owner="notifications",
        partitions=3,
        partner_visible=False,
        description="Email delivery outcomes that need attention: failed.",
        event_types=(EmailDeliveryFailed,),
    ),
    Topic(
        name=WEBHOOK_TOPIC,
        owner="notifications",
        partitions=3,
        partner_visible=False,
        description="Partner webhook alerts: delivery dead-lettered, endpoint disabled.",
        event_types=(WebhookDeliveryDeadLettered, WebhookEndpointDisabled),
    ),
)
