"""FastStream broker with the platform's safe defaults, and the subscriber that feeds
an ``EventDispatcher``.

FastStream's Kafka subscriber defaults are unsafe for us (ACK_FIRST commits before handling,
``latest`` skips history). Every subscription here acks only after the dispatcher reached an
outcome (effect committed, duplicate, ignored, or dead-lettered); on a transient error it seeks
back so the message is redelivered.
"""

from __future__ import annotations

from typing import Any

from faststream import AckPolicy, FastStream
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage

from eventkit.consumer import EventDispatcher
from eventkit.settings import ServiceSettings


def make_broker(settings: ServiceSettings) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=settings.service_name,
        enable_idempotence=True,
        acks="all",
        graceful_timeout=settings.consumer_graceful_timeout_s,
        logger=None,
    )


def subscribe(
    broker: KafkaBroker, dispatcher: EventDispatcher[Any], settings: ServiceSettings
) -> None:
    """One consumer (group = service) over every topic the dispatcher has handlers for."""
    topics = dispatcher.topics()
    if not topics:
        return
    description = "; ".join(f"{t}: {', '.join(dispatcher.handled_types(t))}" for t in topics)

    @broker.subscriber(
        *topics,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        max_poll_interval_ms=300_000,
        title=f"{settings.service_name}.events",
        description=f"Consumed by {settings.service_name}. {description}",
    )
    async def on_event(msg: KafkaMessage) -> None:
        await dispatcher.handle_record(msg.raw_message)


def asyncapi_app(broker: KafkaBroker, settings: ServiceSettings) -> FastStream:
    """A FastStream app object: the AsyncAPI generator needs one."""
    from faststream.specification import AsyncAPI

    return FastStream(
        broker,
        specification=AsyncAPI(
            title=f"{settings.service_name} events",
            version="1.0.0",
            description="Generated from code (eventkit + contracts).",
        ),
    )
