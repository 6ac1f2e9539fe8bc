"""Replay a dead-letter topic: re-publish ``<topic>.dlq`` records to ``<topic>``.

    python replay_dlq.py --topic profiles.account.v1 --consumer-group notifications --dry-run
    python replay_dlq.py --topic profiles.account.v1 --consumer-group notifications

``eventkit.consumer`` dead-letters a record with its original key, value and ``ce_*`` headers,
plus ``dlq_*`` headers saying why (``dlq_original_topic``, ``dlq_original_partition``,
``dlq_original_offset``, ``dlq_consumer_group``, ``dlq_error_class``, ...). Replaying sends
the original record back to the original topic, same key (so the same partition and order
within the aggregate), without the ``dlq_*`` headers and with ``dlq_replay_of`` =
``<dlq topic>/<partition>/<offset>`` for tracing.

Safe because every consumer is idempotent: groups that already handled the event drop it
as a duplicate (inbox by CloudEvents id), and projections ignore stale sequences. The tool
reads the DLQ with its own consumer group (``dlq-replay.<topic>``) and commits after each
record is re-published, so a second run does not replay the same records again; it stops at
the end offsets seen at start, so records dead-lettered again during the run wait for the
next run (fix the cause first).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from contracts.topics import DLQ_SUFFIX
from eventkit.producer import make_producer

DLQ_HEADER_PREFIX = "dlq_"


@dataclass
class ReplayReport:
    replayed: int = 0
    skipped: int = 0
    sources: list[str] = field(default_factory=list)


def _header(headers: list[tuple[str, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key == name:
            return value.decode(errors="replace")
    return None


async def replay(
    bootstrap: str,
    topic: str,
    *,
    consumer_group: str | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    replay_group: str | None = None,
) -> ReplayReport:
    """Re-publish the DLQ records of ``topic`` (optionally only those dead-lettered by
    ``consumer_group``); returns what was done."""
    dlq = topic + DLQ_SUFFIX
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        # progress per (topic, filter): records skipped by one filter stay for another
        group_id=replay_group or f"dlq-replay.{topic}.{consumer_group or 'all'}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = make_producer(bootstrap, f"dlq-replay.{topic}")
    report = ReplayReport()
    await consumer.start()
    await producer.start()
    try:
        partitions = [TopicPartition(dlq, p) for p in await _partitions(bootstrap, dlq)]
        consumer.assign(partitions)
        end = await consumer.end_offsets(partitions)
        pending = {tp for tp in partitions if await consumer.position(tp) < end[tp]}
        while pending:
            batch = await consumer.getmany(*pending, timeout_ms=1000, max_records=100)
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= end[tp] or (limit is not None and report.replayed >= limit):
                        pending.discard(tp)  # past the start's end, or enough: uncommitted
                        break
                    await _replay_one(record, topic, consumer_group, dry_run, producer, report)
                    if not dry_run:
                        await consumer.commit({tp: record.offset + 1})
            for tp in list(pending):
                if await consumer.position(tp) >= end[tp]:
                    pending.discard(tp)
    finally:
        await producer.stop()
        await consumer.stop()
    return report


async def _partitions(bootstrap: str, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described["error_code"] != 0 or not described["partitions"]:
        raise SystemExit(f"topic {topic!r} does not exist")
    return sorted(p["partition"] for p in described["partitions"])


async def _replay_one(
    record: ConsumerRecord[bytes, bytes],
    topic: str,
    consumer_group: str | None,
    dry_run: bool,
    producer: AIOKafkaProducer,
    report: ReplayReport,
) -> None:
    headers = list(record.headers or [])
    wanted = _header(headers, "dlq_original_topic") == topic and (
        consumer_group is None or _header(headers, "dlq_consumer_group") == consumer_group
    )
    if not wanted:
        report.skipped += 1
        return
    source = f"{record.topic}/{record.partition}/{record.offset}"
    kept = [(k, v) for k, v in headers if not k.startswith(DLQ_HEADER_PREFIX)]
    if not dry_run:
        await producer.send_and_wait(
            topic,
            value=record.value,
            key=record.key,
            headers=[*kept, ("dlq_replay_of", source.encode())],
        )
    report.replayed += 1
    report.sources.append(source)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Replay <topic>.dlq into <topic>.")
    parser.add_argument("--topic", required=True, help="the original topic, e.g. x.y.v1")
    parser.add_argument("--consumer-group", help="only records this group dead-lettered")
    parser.add_argument(
        "--bootstrap", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
    )
    parser.add_argument("--limit", type=int, help="replay at most this many records")
    parser.add_argument("--dry-run", action="store_true", help="list, publish nothing")
    args = parser.parse_args(argv)
    report = asyncio.run(
        replay(
            args.bootstrap,
            args.topic,
            consumer_group=args.consumer_group,
            dry_run=args.dry_run,
            limit=args.limit,
        )
    )
    verb = "would replay" if args.dry_run else "replayed"
    for source in report.sources:
        print(f"{verb} {source}")
    print(f"{verb} {report.replayed}, skipped {report.skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
