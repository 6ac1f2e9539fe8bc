"""A worker whose consumer has records waiting and takes none of them restarts the consumer
(eventkit.stall), against the real broker and Postgres; an idle worker with nothing waiting
is left alone."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Sequence
from typing import Any

import kit
import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from structlog.testing import capture_logs

from eventkit.service import Chassis
from eventkit.stall import GroupBacklog


@pytest.fixture
def watched(kit_chassis_with: kit.ChassisMaker) -> Chassis:
    """The kit service, its stall check quick: idle 2 s with records waiting is a stall."""
    return kit_chassis_with(
        "kit-stall",
        consumer_graceful_timeout_s=1.0,
        consumer_stall_after_s=2.0,
        consumer_stall_check_s=0.5,
    )


async def test_a_consumer_that_takes_no_waiting_work_is_restarted(
    watched: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    thing = str(kit.new_id())
    await kit.publish_things(producer, topic, thing, 5)
    d = kit.dispatcher(watched, kit.event_class(topic))
    handle_batch, calls = d.handle_batch, []

    async def first_batch_never_ends(records: Sequence[ConsumerRecord[Any, Any]]) -> list[str]:
        calls.append(len(records))
        if len(calls) == 1:  # stuck, the way a consumer stalled in the chaos suite
            await asyncio.Event().wait()
        return await handle_batch(records)

    d.handle_batch = first_batch_never_ends  # type: ignore[method-assign]
    with capture_logs() as logs:
        async with kit.worker_running(watched, d):
            await kit.eventually(lambda: kit.count_effects(watched, thing), 5, timeout_s=30)

    events = [entry["event"] for entry in logs]
    assert "consumer.stalled" in events
    assert "worker.consumer_restarted" in events
    assert len(calls) >= 2


async def test_an_idle_consumer_with_nothing_waiting_is_left_alone(
    watched: Chassis, topic: str, producer: AIOKafkaProducer
) -> None:
    thing = str(kit.new_id())
    await kit.publish_things(producer, topic, thing, 3)
    d = kit.dispatcher(watched, kit.event_class(topic))
    with capture_logs() as logs:
        async with kit.worker_running(watched, d):
            await kit.eventually(lambda: kit.count_effects(watched, thing), 3, timeout_s=30)
            await asyncio.sleep(4 * watched.settings.consumer_stall_after_s)

    events = [entry["event"] for entry in logs]
    assert "consumer.stalled" not in events
    assert "worker.consumer_restarted" not in events


async def test_a_backlog_never_asked_leaves_no_unclosed_consumer() -> None:
    """A worker stopped before its first stall check: the watchdog's clients are closed
    all the same (each stop used to log "Unclosed AIOKafkaConsumer")."""
    gc.collect()  # what earlier tests left behind is not this test's to judge
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        backlog = GroupBacklog("127.0.0.1:9", "kit-never-asked")
        await backlog.close()
        del backlog
        gc.collect()
    unclosed = [str(w.message) for w in seen if issubclass(w.category, ResourceWarning)]
    assert [m for m in unclosed if "AIOKafka" in m] == []
