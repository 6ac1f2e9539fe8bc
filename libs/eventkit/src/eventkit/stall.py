"""A worker whose consumer has work waiting and takes none of it restarts that consumer.

Found by the chaos suite (docs/reliability/chaos.md): when the broker was killed while a
worker was fetching the committed offsets of partitions it had just been assigned, the
worker stayed in its group, heartbeating, and consumed nothing for minutes (aiokafka 0.14);
its events waited until some later rebalance. Restarting the consumer (leave the group, join
again) fetches the offsets afresh. What was handled but not committed is delivered again and
the inbox absorbs it.

One way into that state is known and closed: aiokafka ends the task that fetches committed
offsets when the broker answers COORDINATOR_NOT_AVAILABLE, and the fetcher then waits for
them forever (eventkit.committed_offsets retries that answer). The watchdog stays for any
other way in.

"Work waiting" is judged from outside the consumer, by a separate admin client: the group's
committed offsets on the partitions assigned to this consumer against their end offsets (a
worker idle beside another that works through a backlog is not stalled).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from eventkit.logging import get_logger
from eventkit.process_health import Heartbeat
from eventkit.stopping import sleep_until_stopped

log = get_logger(__name__)


class GroupBacklog:
    """How many records the group's committed offsets are behind on given partitions."""

    def __init__(self, bootstrap: str, group: str) -> None:
        self.group = group
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        self._ends = AIOKafkaConsumer(bootstrap_servers=bootstrap)  # no group: reads only
        self._started: list[AIOKafkaAdminClient | AIOKafkaConsumer] = []

    async def _start(self) -> None:
        for client in (self._admin, self._ends):
            if client not in self._started:  # the broker may have been away last time
                await client.start()
                self._started.append(client)

    async def records_waiting(self, partitions: Collection[TopicPartition]) -> int:
        if not partitions:
            return 0
        await self._start()
        offsets = await self._admin.list_consumer_group_offsets(
            self.group, partitions=list(partitions)
        )
        position = {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}
        if never_committed := [tp for tp in partitions if tp not in position]:
            # the group starts these from the earliest record (auto_offset_reset)
            position.update(await self._ends.beginning_offsets(never_committed))
        ends = await self._ends.end_offsets(list(partitions))
        return sum(max(0, ends[tp] - position[tp]) for tp in partitions)

    async def dead_letter_records(self, topics: Collection[str]) -> dict[str, int]:
        """Records held in each of ``topics`` (dead-letter topics: end minus beginning)."""
        await self._start()
        described = await self._admin.describe_topics(list(topics))
        partitions = [
            TopicPartition(d["topic"], p["partition"])
            for d in described
            if not d.get("error_code")
            for p in d["partitions"]
        ]
        if not partitions:
            return {}
        ends = await self._ends.end_offsets(partitions)
        starts = await self._ends.beginning_offsets(partitions)
        held: dict[str, int] = dict.fromkeys(topics, 0)
        for tp in partitions:
            held[tp.topic] += ends[tp] - starts[tp]
        return held

    async def close(self) -> None:
        # stopped even if never started: a consumer left unstopped warns "Unclosed
        # AIOKafkaConsumer" when collected, which every worker stopped before its first
        # stall check did
        await self._ends.stop()
        await self._admin.close()


async def wait_for_stall(
    progress: Heartbeat,
    backlog: GroupBacklog,
    assigned: Callable[[], Collection[TopicPartition]],
    stop: asyncio.Event,
    *,
    stall_after_s: float,
    check_every_s: float,
) -> bool:
    """True once the consumer has been idle for ``stall_after_s`` with records waiting on
    the partitions ``assigned`` to it, on two checks in a row; False when ``stop`` is set.
    A check that cannot reach the broker is skipped: an absent broker is not a stalled
    consumer."""
    suspected = False  # seen stalled once: a consumer resuming after an outage gets one check
    while not stop.is_set():
        await sleep_until_stopped(stop, check_every_s)
        if stop.is_set() or progress.quiet_s() < stall_after_s:
            suspected = False
            continue
        try:
            waiting = await asyncio.wait_for(backlog.records_waiting(assigned()), check_every_s)
        except Exception as exc:  # broker away or slow: ask again next time
            log.warning("consumer.backlog_unknown", error=type(exc).__name__)
            continue
        if not waiting or progress.quiet_s() < stall_after_s:
            suspected = False
        elif not suspected:
            suspected = True
        else:
            log.error(
                "consumer.stalled",
                group=backlog.group,
                records_waiting=waiting,
                idle_s=round(progress.quiet_s(), 1),
            )
            return True
    return False
