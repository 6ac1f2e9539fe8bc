"""A worker lets go of each batch it handled once the next one arrives, without waiting for
the garbage collector, against the real broker and Postgres.

FastStream keeps the message being handled in a context variable; every timer scheduled
meanwhile (aiokafka's request timeouts, the offset commit's) copies that context, and asyncio
keeps a cancelled timer, context and all, until its deadline or a purge. Without
``BatchParser`` releasing the handled message, dozens of handled batches stayed alive
(docs/benchmarks/messaging.md)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import kit
import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord

from eventkit.service import Chassis

EVENTS = 40
BATCH = 4


@pytest.fixture
def small_batches(kit_chassis_with: kit.ChassisMaker) -> Chassis:
    return kit_chassis_with("kit-release", consumer_batch_max_records=BATCH)


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Only reference counting frees objects while the test runs: what stays alive is held."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def test_a_handled_batch_is_freed_when_the_next_arrives(
    small_batches: Chassis, topic: str, producer: AIOKafkaProducer, collector_off: None
) -> None:
    thing = str(kit.new_id())
    await kit.publish_things(producer, topic, thing, EVENTS)
    d = kit.dispatcher(small_batches, kit.event_class(topic))
    handle_batch = d.handle_batch
    batches: list[list[weakref.ref[ConsumerRecord[Any, Any]]]] = []

    async def watched(records: Sequence[ConsumerRecord[Any, Any]]) -> list[str]:
        batches.append([weakref.ref(r) for r in records])
        return await handle_batch(records)

    d.handle_batch = watched  # type: ignore[method-assign]
    async with kit.worker_running(small_batches, d):
        await kit.eventually(lambda: kit.count_effects(small_batches, thing), EVENTS)
        assert len(batches) >= 3, "the consumer should have taken several batches"
        # the last batch may still be in hand (or the next one not yet fetched)
        alive = [i for i, refs in enumerate(batches[:-1]) if any(ref() for ref in refs)]
        assert alive == [], f"batches {alive} of {len(batches)} still alive after handling"
