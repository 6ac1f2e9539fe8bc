"""Helpers for the resources tests (imported by name: the tests directory is on sys.path)."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from resources.bootstrap import ResourcesService

PROBLEM = "application/problem+json"
#: the attachment size limit the test service runs with
ATTACHMENT_LIMIT = 64 * 1024


def new_id() -> UUID:
    return uuid.uuid4()


async def outbox(service: ResourcesService, aggregate_id: UUID | str) -> list[dict[str, Any]]:
    """The outbox rows of one aggregate, in order: type, sequence, payload."""
    async with service.chassis.engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT type, headers, payload FROM resources.outbox"
                " WHERE aggregateid = :id ORDER BY position"
            ),
            {"id": str(aggregate_id)},
        )
        return [
            {"type": t, "sequence": int(h.get("ce_sequence", 0)), "data": p} for t, h, p in rows
        ]


async def outbox_of_type(service: ResourcesService, type_: str) -> list[dict[str, Any]]:
    async with service.chassis.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT payload FROM resources.outbox WHERE type = :t ORDER BY position"),
            {"t": type_},
        )
        return [p for (p,) in rows]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def resource_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "toolkit",
        "language": "en",
        "title": "Diaspora mapping toolkit",
        "summary": "How to map a diaspora",
        "body": "Step by step guidance for mapping exercises.",
        "themes": ["skills_transfer"],
        "sdgs": [10, 17],
        "countries": ["HT"],
        "year": 2022,
    }
    body.update(overrides)
    return body


def profile_event(
    model: type[IntegrationEvent], person_id: UUID, sequence: int, **fields: Any
) -> CloudEvent:
    """A profiles event as the profiles service's relay would put it on Kafka."""
    if "person_id" in model.model_fields:
        data = model(person_id=person_id, **fields).model_dump(mode="json")
    else:
        data = model(account_id=person_id, **fields).model_dump(mode="json")
    return CloudEvent(
        source="/profiles",
        type=model.type_name,
        subject=str(person_id),
        sequence=sequence,
        data=data,
    )


async def produce(bootstrap: str, *events: CloudEvent) -> None:
    """Put events on their topics, keyed by subject (one partition per person: ordered)."""
    from contracts.registry import event_types

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for ce in events:
            topic = event_types()[ce.type].topic
            await producer.send_and_wait(
                topic, key=ce.subject.encode(), value=ce.kafka_value(), headers=ce.kafka_headers()
            )
    finally:
        await producer.stop()


async def projected(service: ResourcesService, person_id: UUID) -> dict[str, Any] | None:
    async with service.chassis.engine.connect() as conn:
        row = (
            (
                await conn.execute(
                    text("SELECT * FROM resources.people WHERE person_id = :id"), {"id": person_id}
                )
            )
            .mappings()
            .first()
        )
        return dict(row) if row else None


async def handled(service: ResourcesService, event_id: str) -> bool:
    """The worker processed (or deduplicated) this event: its inbox row exists."""
    async with service.chassis.engine.connect() as conn:
        return bool(
            await conn.scalar(
                text("SELECT 1 FROM resources.inbox WHERE event_id = :id"), {"id": event_id}
            )
        )


async def read_key(
    bootstrap: str, topic: str, key: str, want: int, timeout_s: float = 30.0
) -> list[tuple[str, dict[str, Any]]]:
    """(ce_type, payload) of the records with ``key`` on ``topic``, from the beginning."""
    import json
    import time

    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[tuple[str, dict[str, Any]]] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and len(found) < want:
            for records in (await consumer.getmany(timeout_ms=300)).values():
                for rec in records:
                    if rec.key is not None and rec.key.decode() == key:
                        ce_type = dict(rec.headers)["ce_type"].decode()
                        found.append((ce_type, json.loads(rec.value)))
    finally:
        await consumer.stop()
    return found
