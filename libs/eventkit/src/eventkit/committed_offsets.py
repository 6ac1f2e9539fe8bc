"""A consumer keeps asking for its committed offsets when the broker cannot answer yet.

aiokafka (0.14) fetches the committed offsets of newly assigned partitions in a background
task (``GroupCoordinator._commit_refresh_routine``). Its OffsetFetch handling knows three
retriable answers (COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR, UNKNOWN_TOPIC_OR_PARTITION);
any other error code, COORDINATOR_NOT_AVAILABLE and REQUEST_TIMED_OUT among them, is raised
as a plain KafkaError that is not retriable, and that ends the task. The fetcher then waits
for those offsets forever while the heartbeat keeps the member in its group: a consumer that
takes nothing, found by the chaos suite after broker restarts (``eventkit.stall`` restarts
such a consumer, after a minute). Kafka's Java consumer had the same gap (KAFKA-17279) and
now retries these answers after looking the coordinator up again; so does this.

It replaces one aiokafka method, so ``libs/eventkit/tests/test_committed_offsets.py`` checks
both that the gap is still there in the locked aiokafka and that the replacement closes it.
"""

from __future__ import annotations

from typing import Any

import aiokafka.errors as kafka_errors
from aiokafka.consumer.group_coordinator import GroupCoordinator

from eventkit.logging import get_logger

log = get_logger(__name__)

_aiokafka_refresh = GroupCoordinator._maybe_refresh_commit_offsets


async def _refresh_until_answered(self: GroupCoordinator, assignment: Any) -> bool:
    """aiokafka's refresh, with every broker error but a refused authorisation retried:
    False makes the refresh task try again after ``retry_backoff_ms``."""
    try:
        return bool(await _aiokafka_refresh(self, assignment))
    except (kafka_errors.GroupAuthorizationFailedError, kafka_errors.TopicAuthorizationFailedError):
        raise
    except kafka_errors.KafkaError as exc:
        log.warning("consumer.committed_offsets_retried", error=type(exc).__name__, reason=str(exc))
        self.coordinator_dead()  # look it up again: the answer may come from a stale one
        return False


def retry_committed_offset_fetches() -> None:
    """Install the retrying refresh (idempotent; process-wide, as aiokafka's class is)."""
    GroupCoordinator._maybe_refresh_commit_offsets = _refresh_until_answered
