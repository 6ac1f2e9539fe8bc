"""A worker whose committed-offset fetch is answered COORDINATOR_NOT_AVAILABLE (as a broker
that is starting up answers) asks again and consumes, instead of waiting forever
(eventkit.committed_offsets); against the real broker and Postgres, with the stall watchdog
out of reach so that only the retry can recover."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import aiokafka.errors as kafka_errors
import kit
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.consumer.group_coordinator import GroupCoordinator
from aiokafka.protocol.commit import OffsetFetchRequest
from aiokafka.structs import TopicPartition
from structlog.testing import capture_logs

from eventkit.service import Chassis

COORDINATOR_NOT_AVAILABLE = kafka_errors.GroupCoordinatorNotAvailableError.errno
EVENTS = 6


def _unavailable(response: Any) -> Any:
    """``response`` with every partition answered COORDINATOR_NOT_AVAILABLE."""
    return SimpleNamespace(
        topics=[
            (topic, [(p[0], -1, "", COORDINATOR_NOT_AVAILABLE) for p in partitions])
            for topic, partitions in response.topics
        ]
    )


@pytest.fixture
def coordinator_not_available_at_first(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first three OffsetFetch answers of this process say the coordinator is not
    available; returns the list the injected answers are counted in."""
    send_req = GroupCoordinator._send_req
    injected: list[int] = []

    async def answered_unavailable(self: GroupCoordinator, request: Any) -> Any:
        response = await send_req(self, request)
        if request.API_KEY == OffsetFetchRequest.API_KEY and len(injected) < 3:
            injected.append(1)
            return _unavailable(response)
        return response

    monkeypatch.setattr(GroupCoordinator, "_send_req", answered_unavailable)
    return injected


@pytest.fixture
def no_watchdog(kit_chassis_with: kit.ChassisMaker) -> Chassis:
    return kit_chassis_with("kit-offsets", consumer_stall_after_s=600.0)


async def test_a_worker_asks_again_when_the_coordinator_is_not_available(
    no_watchdog: Chassis,
    topic: str,
    producer: AIOKafkaProducer,
    coordinator_not_available_at_first: list[int],
) -> None:
    thing = str(kit.new_id())
    await kit.publish_things(producer, topic, thing, EVENTS)
    d = kit.dispatcher(no_watchdog, kit.event_class(topic))
    with capture_logs() as logs:
        async with kit.worker_running(no_watchdog, d):
            await kit.eventually(
                lambda: kit.count_effects(no_watchdog, thing), EVENTS, timeout_s=30
            )
    assert coordinator_not_available_at_first, "no OffsetFetch answer was replaced"
    retried = [e for e in logs if e["event"] == "consumer.committed_offsets_retried"]
    assert retried, "the worker consumed without meeting the unavailable coordinator"
    assert "consumer.stalled" not in [e["event"] for e in logs]


async def test_aiokafka_still_ends_its_refresh_on_that_answer() -> None:
    """The gap eventkit.committed_offsets closes is still in the locked aiokafka: its
    OffsetFetch handling turns COORDINATOR_NOT_AVAILABLE into an error that is not retriable.
    When this fails, aiokafka handles the answer itself and the replacement can go."""
    tp = TopicPartition("t", 0)

    async def send_req(request: Any) -> Any:
        return SimpleNamespace(topics=[("t", [(0, -1, "", COORDINATOR_NOT_AVAILABLE)])])

    coordinator = SimpleNamespace(group_id="g", _send_req=send_req, coordinator_dead=lambda: None)
    with pytest.raises(kafka_errors.KafkaError) as raised:
        await GroupCoordinator._do_fetch_commit_offsets(coordinator, [tp])  # type: ignore[arg-type]
    assert not raised.value.retriable
