"""AsyncAPI: document the topics a service publishes (through its relay) from the registry."""

from __future__ import annotations

from typing import Any, Union

from faststream.kafka import KafkaBroker

from contracts.registry import topics_owned_by


def declare_published_topics(broker: KafkaBroker, service: str) -> None:
    for topic in topics_owned_by(service):
        if not topic.event_types:
            continue
        schema: Any = (
            topic.event_types[0] if len(topic.event_types) == 1 else Union[tuple(topic.event_types)]  # noqa: UP007 - runtime Union of models
        )
        broker.publisher(
            topic.name,
            title=f"{topic.name}:publish",
            description=(
                f"{topic.description} Partitions: {topic.partitions}. "
                f"Partner-visible: {'yes' if topic.partner_visible else 'no'}. "
                f"Types (ce_type header): {', '.join(topic.type_names())}. "
                "Binary-mode CloudEvents; key = aggregate id."
            ),
            schema=schema,
        )
