"""Maps domain events to the published contracts (only fields safe to share)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from contracts.base import IntegrationEvent
from contracts.events import profiles as contract
from eventkit.aggregate import AggregateRoot, DomainEvent
from profiles.domain import events


def to_integration_events(_: AggregateRoot, event: DomainEvent) -> Iterable[IntegrationEvent]:
    return _map(event)


@singledispatch
def _map(event: DomainEvent) -> list[IntegrationEvent]:
    return []


@_map.register
def _(event: events.AccountRegistered) -> list[IntegrationEvent]:
    return [
        contract.AccountRegistered(
            account_id=event.account_id,
            email=event.email,
            display_name=event.display_name,
            locale=event.locale,
            registered_at=event.registered_at,
        )
    ]
