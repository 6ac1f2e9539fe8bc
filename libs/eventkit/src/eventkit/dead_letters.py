"""The dead-letter topics seen from an operator's desk: what each holds, and replaying it.

A dead-letter record (``eventkit.consumer``) is the original record, its headers kept, plus
``dlq_*`` headers saying why and which consumer group gave up on it. Replaying sends it back
to its original topic without the ``dlq_*`` headers and with ``dlq_replay_for`` naming that
group: the dispatchers of other groups on the topic skip it (they handled it already, and a
poison record replayed to every group would come back once per group, multiplying).

What has been replayed is remembered as the committed offsets of one consumer group of its
own (``REPLAY_GROUP``) on the dead-letter topics: "waiting" is what lies past them. A record
that fails again lands in the dead-letter topic again, as a new record waiting.

A replay moves at most ``limit`` records and stops after ``budget_s``, so a caller (an HTTP
request) is never held longer than that; it says how many remain, and the caller asks again.
Two replays of the same topic at once may send a record twice; consumers are idempotent.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata

from contracts.topics import DLQ_SUFFIX
from eventkit.producer import make_producer

#: the consumer group whose committed offsets mark what has been replayed
REPLAY_GROUP = "dead-letter-replay"
#: a replayed record's header naming the only consumer group that should handle it
REPLAY_FOR_HEADER = "dlq_replay_for"
_DLQ_HEADER_PREFIX = "dlq_"


@dataclass(frozen=True)
class DeadLetterCount:
    topic: str
    #: records the topic holds (retention drops the oldest)
    held: int
    #: records not replayed yet
    waiting: int


@dataclass(frozen=True)
class ReplayResult:
    topic: str
    replayed: int
    remaining: int


def replay_headers(headers: Collection[tuple[str, bytes]], source: str) -> list[tuple[str, bytes]]:
    """A dead-letter record's headers for its replay: the original ones, who it is for, and
    ``dlq_replay_of`` = ``<dlq topic>/<partition>/<offset>`` for tracing (as
    deploy/tools/replay_dlq.py writes it)."""
    kept = [(k, v) for k, v in headers if not k.startswith(_DLQ_HEADER_PREFIX)]
    group = next((v for k, v in headers if k == "dlq_consumer_group"), None)
    return [
        *kept,
        ("dlq_replay_of", source.encode()),
        *([(REPLAY_FOR_HEADER, group)] if group else []),
    ]


def replayed_for_another(headers: Collection[tuple[str, bytes]], group: str) -> bool:
    """Whether a record is a replay meant for another consumer group than ``group``."""
    return any(k == REPLAY_FOR_HEADER and v != group.encode() for k, v in headers)


class DeadLetterDesk:
    """Counts and replays of dead-letter topics on one Kafka cluster (a short-lived client:
    use ``async with``)."""

    def __init__(self, bootstrap: str, group: str = REPLAY_GROUP) -> None:
        self.bootstrap = bootstrap
        self.group = group
        self._admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        self._reader = AIOKafkaConsumer(bootstrap_servers=bootstrap)  # no group: offsets only

    async def __aenter__(self) -> DeadLetterDesk:
        await self._admin.start()
        await self._reader.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._reader.stop()
        await self._admin.close()

    async def _partitions(self, topics: Collection[str]) -> list[TopicPartition]:
        described = await self._admin.describe_topics(list(topics))
        return [
            TopicPartition(d["topic"], p["partition"])
            for d in described
            if not d.get("error_code")
            for p in d["partitions"]
        ]

    async def _replayed_up_to(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        """Where replay resumes on each partition: the group's offset, else the beginning."""
        starts = await self._reader.beginning_offsets(partitions)
        committed = await self._admin.list_consumer_group_offsets(self.group, partitions=partitions)
        return {
            tp: max(starts[tp], committed[tp].offset if tp in committed else -1)
            for tp in partitions
        }

    async def counts(self, topics: Collection[str]) -> list[DeadLetterCount]:
        """Each of ``topics`` (dead-letter topics) with what it holds and what waits; a topic
        that does not exist on the cluster counts zero."""
        partitions = await self._partitions(topics)
        held = dict.fromkeys(topics, 0)
        waiting = dict.fromkeys(topics, 0)
        if partitions:
            starts = await self._reader.beginning_offsets(partitions)
            ends = await self._reader.end_offsets(partitions)
            resume = await self._replayed_up_to(partitions)
            for tp in partitions:
                held[tp.topic] += ends[tp] - starts[tp]
                waiting[tp.topic] += max(0, ends[tp] - resume[tp])
        return [DeadLetterCount(t, held[t], waiting[t]) for t in topics]

    async def replay(self, topic: str, *, limit: int, budget_s: float) -> ReplayResult:
        """Send up to ``limit`` waiting records of the dead-letter ``topic`` back to their
        original topic, oldest first per partition, within about ``budget_s`` seconds."""
        partitions = await self._partitions([topic])
        if not partitions:
            return ReplayResult(topic, 0, 0)
        resume = await self._replayed_up_to(partitions)
        ends = await self._reader.end_offsets(partitions)
        original = topic.removesuffix(DLQ_SUFFIX)
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap,
            group_id=self.group,
            enable_auto_commit=False,
            max_poll_records=max(1, min(limit, 500)),
        )
        producer = make_producer(self.bootstrap, self.group)
        await consumer.start()
        await producer.start()
        replayed = 0
        deadline = time.monotonic() + budget_s
        try:
            consumer.assign(partitions)
            for tp in partitions:
                consumer.seek(tp, resume[tp])
            position = dict(resume)
            while replayed < limit and time.monotonic() < deadline:
                if all(position[tp] >= ends[tp] for tp in partitions):
                    break
                batches = await consumer.getmany(timeout_ms=500, max_records=limit - replayed)
                for tp, records in batches.items():
                    for record in records:
                        if record.offset >= ends[tp] or replayed >= limit:
                            break  # arrived after the replay began: the next replay's
                        headers = list(record.headers or [])
                        target = next(
                            (v.decode() for k, v in headers if k == "dlq_original_topic"), original
                        )
                        source = f"{record.topic}/{record.partition}/{record.offset}"
                        await producer.send_and_wait(
                            target,
                            value=record.value,
                            key=record.key,
                            headers=replay_headers(headers, source),
                        )
                        position[tp] = record.offset + 1
                        replayed += 1
                    await consumer.commit({tp: OffsetAndMetadata(position[tp], "")})
        finally:
            await producer.stop()
            await consumer.stop()
        remaining = sum(max(0, ends[tp] - position[tp]) for tp in partitions)
        return ReplayResult(topic, replayed, remaining)
