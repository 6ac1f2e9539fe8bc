"""Domain events of notifications -> the contract events other services and operators hear."""

from __future__ import annotations

from collections.abc import Iterable

from contracts.base import IntegrationEvent
from contracts.events import notifications as contract
from eventkit.aggregate import AggregateRoot, DomainEvent
from notifications.domain import webhooks


def to_integration_events(_: AggregateRoot, event: DomainEvent) -> Iterable[IntegrationEvent]:
    if isinstance(event, webhooks.DeliveryDeadLettered):
        yield contract.WebhookDeliveryDeadLettered(
            endpoint_id=event.endpoint_id,
            delivery_id=event.delivery_id,
            message_id=event.message_id,
            message_type=event.event_type,
            attempts=event.attempts,
            last_error=event.last_error,
            dead_lettered_at=event.at,
        )
    elif isinstance(event, webhooks.EndpointDisabled):
        yield contract.WebhookEndpointDisabled(
            endpoint_id=event.endpoint_id, reason=event.reason, disabled_at=event.at
        )
