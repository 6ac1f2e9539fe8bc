"""Every topic of the platform, with its owner, partitions and event types."""

from __future__ import annotations

from contracts.base import IntegrationEvent
from contracts.events import alliance, mapping, notifications, privacy, profiles, resources
from contracts.topics import Topic

#: each owning service declares its topics beside its event models
TOPICS: tuple[Topic, ...] = (
    *profiles.TOPICS,
    *mapping.TOPICS,
    *privacy.TOPICS,
    *resources.TOPICS,
    *alliance.TOPICS,
    *notifications.TOPICS,
)


def all_topics() -> tuple[Topic, ...]:
    return TOPICS


def topic(name: str) -> Topic:
    for t in TOPICS:
        if t.name == name:
            return t
    raise KeyError(f"unknown topic {name!r}")


def event_types() -> dict[str, type[IntegrationEvent]]:
    """CloudEvents ``type`` -> model, for every registered event."""
    return {e.type_name: e for t in TOPICS for e in t.event_types}


def topics_owned_by(service: str) -> tuple[Topic, ...]:
    return tuple(t for t in TOPICS if t.owner == service)
