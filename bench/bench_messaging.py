"""Messaging benchmark: Kafka's own tools as the ceiling, beside raw aiokafka, FastStream,
eventkit's outbox relay and the end-to-end path, in one run on the same machine.

    uv run python bench/bench_messaging.py [--quick] [--out-dir DIR]

Uses the test broker and Postgres (``devstack.harness.ensure_test_infra``), creates dedicated
``bench.msg.<run>.*`` topics and a ``benchkit`` schema, and deletes the topics afterwards.
Writes ``messaging.md`` and ``messaging.json`` to ``docs/benchmarks`` (or ``--out-dir``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchkit import log
from faststream import AckPolicy
from messaging import benchkit, clients, kafka_tools, outbox_bench, report
from messaging.clients import Throughput

from devstack.harness import TestInfra, ensure_test_infra
from eventkit.heap import settle_after_startup

REPO = Path(__file__).resolve().parents[1]
PARTITIONS = 6
MESSAGE_BYTES = 512
BIG_RELAY_BATCH = 4000  # the relay again with a larger claim batch than the default
LOW_LOAD = 0.1  # a second end-to-end phase far from saturation: the latency floor

SIZES: dict[str, dict[str, Any]] = {
    "default": {
        "messages": 50_000,
        "confirm_each_messages": 500,
        "commit_each_messages": 800,
        "per_message_messages": 10_000,
        "relay_backlog": 30_000,
        "dispatcher_messages": 6_000,
        "latency_messages": 1_000,
        "e2e_low_seconds": 10,
        "e2e_capacity_seconds": 10,
        "e2e_seconds": 20,
        "e2e_warmup_s": 3,
        "rounds": 3,
    },
    "quick": {
        "messages": 5_000,
        "confirm_each_messages": 100,
        "commit_each_messages": 150,
        "per_message_messages": 2_000,
        "relay_backlog": 3_000,
        "dispatcher_messages": 300,
        "latency_messages": 100,
        "e2e_low_seconds": 2,
        "e2e_capacity_seconds": 3,
        "e2e_seconds": 3,
        "e2e_warmup_s": 1,
        "rounds": 1,
    },
}


def best(label: str, rounds: list[Throughput], ceiling: str | None) -> dict[str, Any]:
    """The fastest round (a shared machine only ever slows a round down); all rounds kept."""
    top = max(rounds, key=lambda t: t.msgs_per_s)
    row = {
        "label": label,
        "messages": top.messages,
        "seconds": round(top.seconds, 6),  # fast quick runs take tens of milliseconds
        "msgs_per_s": round(top.msgs_per_s, 1),
        "rounds_msgs_per_s": [round(t.msgs_per_s, 1) for t in rounds],
        "ceiling": ceiling,
    }
    cpu = [t.cpu_us_per_msg for t in rounds if t.cpu_us_per_msg is not None]
    if cpu:  # the least: other jobs on the machine only ever add to it
        row["cpu_us_per_msg"] = round(min(cpu), 2)
        row["rounds_cpu_us_per_msg"] = [round(c, 2) for c in cpu]
    return row


def batch_consume_messages(sz: dict[str, Any]) -> int:
    """Batch consumers read what every round produced to the source topic: a longer run
    than one round's messages, so a burst of outside load on the shared machine weighs less."""
    return int(sz["messages"]) * int(sz["rounds"])


def tool_row(label: str, rounds: list[kafka_tools.ToolThroughput]) -> dict[str, Any]:
    return best(label, [Throughput(t.messages, t.seconds) for t in rounds], None)


async def run_clients(
    infra: TestInfra, topics: dict[str, str], sz: dict[str, Any]
) -> dict[str, Any]:
    boot, n = infra.kafka_bootstrap, sz["messages"]
    value = b"v" * MESSAGE_BYTES
    keys = clients.keys(n)
    cids = clients.correlation_ids(n)
    tool_p: list[kafka_tools.ToolThroughput] = []
    runs: dict[str, list[Throughput]] = {
        name: []
        for name in (
            "raw",
            "raw_headers",
            "raw_fs_headers",
            "faststream_each",
            "raw_batch",
            "faststream_batch",
        )
    }
    for r in range(sz["rounds"]):
        log(f"round {r + 1}: ProducerPerformance / aiokafka / FastStream produce x {n:,}")

        async def tool() -> None:
            tool_p.append(
                await asyncio.to_thread(
                    kafka_tools.producer_performance, boot, topics["tool"], n, MESSAGE_BYTES
                )
            )

        async def raw() -> None:
            runs["raw"].append(await clients.aiokafka_produce(boot, topics["raw"], value, keys))

        async def raw_headers() -> None:
            runs["raw_headers"].append(
                await clients.aiokafka_produce(
                    boot, topics["raw_headers"], value, keys, headers=CE_HEADERS
                )
            )

        async def raw_fs_headers() -> None:
            runs["raw_fs_headers"].append(
                await clients.aiokafka_produce(
                    boot, topics["raw_fs_headers"], value, keys, correlation_ids=cids
                )
            )

        async def faststream_each() -> None:
            runs["faststream_each"].append(
                await clients.faststream_produce(
                    boot,
                    topics["faststream_each"],
                    value,
                    keys,
                    confirm_each=False,
                    correlation_ids=cids,
                )
            )

        async def raw_batch() -> None:
            runs["raw_batch"].append(
                await clients.aiokafka_produce_batch(
                    boot,
                    topics["raw_batch"],
                    value,
                    keys,
                    PARTITIONS,
                    headers=clients.faststream_batch_headers(),
                )
            )

        async def faststream_batch() -> None:
            runs["faststream_batch"].append(
                await clients.faststream_produce_batch(
                    boot, topics["faststream"], value, keys, PARTITIONS
                )
            )

        steps = [
            tool,
            raw,
            raw_headers,
            raw_fs_headers,
            faststream_each,
            raw_batch,
            faststream_batch,
        ]
        # rotate the order per round so a burst of outside load does not always hit one client
        for step in steps[r % len(steps) :] + steps[: r % len(steps)]:
            await step()
    confirm_keys = keys[: sz["confirm_each_messages"]]
    log(f"FastStream publish, confirm each x {len(confirm_keys):,}")
    fs_confirm = await clients.faststream_produce(
        boot,
        topics["faststream_confirm"],
        value,
        confirm_keys,
        confirm_each=True,
        correlation_ids=cids[: len(confirm_keys)],
    )

    tool_c: list[kafka_tools.ToolThroughput] = []
    consumed: dict[str, list[Throughput]] = {
        name: []
        for name in (
            "raw",
            "raw_batch_commit",
            "faststream_batch",
            "faststream_batch_default_gc",
            "raw_getone_auto",
            "faststream_auto",
            "raw_commit_each",
            "faststream_commit_each",
        )
    }
    m, src, batch = sz["commit_each_messages"], topics["raw"], clients.BATCH_RECORDS
    whole = batch_consume_messages(sz)
    one = sz["per_message_messages"]  # per-message handlers, auto-commit
    for r in range(sz["rounds"]):
        log(
            f"round {r + 1}: ConsumerPerformance / aiokafka / FastStream consume x {whole:,}"
            f" (auto-commit, commit per batch); per-message handlers x {one:,};"
            f" per-record commit x {m:,}"
        )
        g = f"bench-{uuid.uuid4().hex[:8]}"
        tool_c.append(
            await asyncio.to_thread(kafka_tools.consumer_performance, boot, src, whole, g + "-tool")
        )
        got = consumed
        got["raw"].append(await clients.aiokafka_consume(boot, src, whole, g + "-raw"))
        got["raw_batch_commit"].append(
            await clients.aiokafka_consume(
                boot, src, whole, g + "-rawb", commit="batch", max_records=batch
            )
        )
        got["faststream_batch"].append(
            await clients.faststream_consume(boot, src, whole, g + "-fsb", batch=True)
        )
        with clients.interpreter_collector_defaults():
            got["faststream_batch_default_gc"].append(
                await clients.faststream_consume(boot, src, whole, g + "-fsg", batch=True)
            )
        got["raw_getone_auto"].append(
            await clients.aiokafka_consume(boot, src, one, g + "-rawa", getmany=False)
        )
        got["faststream_auto"].append(
            await clients.faststream_consume(
                boot, src, one, g + "-fsa", ack_policy=AckPolicy.ACK_FIRST
            )
        )
        got["raw_commit_each"].append(
            await clients.aiokafka_consume(boot, src, m, g + "-rawc", commit="each")
        )
        got["faststream_commit_each"].append(
            await clients.faststream_consume(boot, src, m, g + "-fsc")
        )

    log(f"EndToEndLatency x {sz['latency_messages']:,}")
    lat = await asyncio.to_thread(
        kafka_tools.end_to_end_latency,
        boot,
        topics["latency"],
        sz["latency_messages"],
        MESSAGE_BYTES,
    )
    delivered = {
        name: await clients.topic_message_count(boot, topics[name], PARTITIONS)
        for name in (
            "raw",
            "raw_headers",
            "raw_fs_headers",
            "faststream_each",
            "raw_batch",
            "faststream",
        )
    }
    expected = n * sz["rounds"] + sz["rounds"]  # + one warm-up message per round
    for name, count in delivered.items():
        if count != expected:
            raise RuntimeError(f"{name} topic holds {count} messages, expected {expected}")
    return {
        "kafka_producer_perf": tool_row("Kafka ProducerPerformance (acks=all, idempotent)", tool_p),
        "aiokafka_produce": best(
            "aiokafka produce (send + gather)", runs["raw"], "kafka_producer_perf"
        ),
        "aiokafka_produce_ce_headers": best(
            "aiokafka produce + the relay's CloudEvents headers",
            runs["raw_headers"],
            "kafka_producer_perf",
        ),
        "aiokafka_produce_fs_headers": best(
            "aiokafka send + gather + FastStream's 2 headers (same correlation ids)",
            runs["raw_fs_headers"],
            "kafka_producer_perf",
        ),
        "faststream_produce_each": best(
            "FastStream publish, bytes body (no_confirm + gather; correlation ids given)",
            runs["faststream_each"],
            "kafka_producer_perf",
        ),
        "aiokafka_produce_batch": best(
            "aiokafka send_batch per partition (+ FastStream's batch header)",
            runs["raw_batch"],
            "kafka_producer_perf",
        ),
        "faststream_produce": best(
            "FastStream publish_batch per partition (no_confirm + gather)",
            runs["faststream_batch"],
            "kafka_producer_perf",
        ),
        "faststream_produce_confirm_each": best(
            "FastStream publish (await each, default)", [fs_confirm], "kafka_producer_perf"
        ),
        "kafka_consumer_perf": tool_row("Kafka ConsumerPerformance (fetch rate)", tool_c),
        "aiokafka_consume": best(
            "aiokafka consume (getmany, auto-commit)", consumed["raw"], "kafka_consumer_perf"
        ),
        "aiokafka_consume_batch_commit": best(
            f"aiokafka getmany(max_records={batch}) + commit per batch",
            consumed["raw_batch_commit"],
            "kafka_consumer_perf",
        ),
        "faststream_consume_batch": best(
            f"FastStream batch subscriber as eventkit's (NACK_ON_ERROR: commit per batch,"
            f" max_records={batch})",
            consumed["faststream_batch"],
            "kafka_consumer_perf",
        ),
        "faststream_consume_batch_default_gc": best(
            "the same with the interpreter's default collector (start-up heap not frozen)",
            consumed["faststream_batch_default_gc"],
            "kafka_consumer_perf",
        ),
        "aiokafka_consume_getone_auto": best(
            "aiokafka getone, auto-commit",
            consumed["raw_getone_auto"],
            "kafka_consumer_perf",
        ),
        "faststream_consume_auto": best(
            "FastStream subscriber, ACK_FIRST (auto-commit)",
            consumed["faststream_auto"],
            "kafka_consumer_perf",
        ),
        "aiokafka_consume_commit_each": best(
            "aiokafka getone + commit each",
            consumed["raw_commit_each"],
            "kafka_consumer_perf",
        ),
        "faststream_consume": best(
            "FastStream subscriber, NACK_ON_ERROR (commit each)",
            consumed["faststream_commit_each"],
            "kafka_consumer_perf",
        ),
        "kafka_end_to_end_latency": {
            "label": "Kafka EndToEndLatency (acks=all)",
            "messages": lat.messages,
            "avg_ms": lat.avg_ms,
            "p50_ms": lat.p50_ms,
            "p99_ms": lat.p99_ms,
            "p999_ms": lat.p999_ms,
        },
    }


async def relay_drain(
    url: str, boot: str, topic: str, backlog: int, rounds: int, batch_size: int | None = None
) -> list[outbox_bench.Drain]:
    """``rounds`` times: fill ``backlog`` outbox rows for ``topic``, drain them, check every
    one arrived (the topic then holds ``backlog`` more)."""
    model = benchkit.event_class(topic)
    drains = []
    c = benchkit.chassis(url, boot)
    try:
        for r in range(rounds):
            log(f"outbox: filling a backlog of {backlog:,} rows (round {r + 1}/{rounds})")
            await outbox_bench.fill_backlog(
                url, c.outbox, benchkit.padded(model, MESSAGE_BYTES), backlog
            )
            log(f"outbox: draining with OutboxRelay.drain (batch {batch_size or 'default'})")
            drain = await outbox_bench.drain_backlog(c, batch_size)
            left = await outbox_bench.unpublished(c)
            on_topic = await clients.topic_message_count(boot, topic, PARTITIONS)
            if left or on_topic != backlog * (r + 1) or drain.throughput.messages != backlog:
                raise RuntimeError(f"relay drain incomplete: {left} left, {on_topic} on the topic")
            drains.append(drain)
    finally:
        await c.dispose()
    return drains


def drain_row(label: str, drains: list[outbox_bench.Drain]) -> dict[str, Any]:
    top = max(drains, key=lambda d: d.throughput.msgs_per_s)
    return {
        **best(
            f"{label} (batch {top.batch_size})",
            [d.throughput for d in drains],
            "kafka_producer_perf",
        ),
        "batches": top.batches,
        "batch_size": top.batch_size,
    }


async def dispatcher_rate(url: str, boot: str, topic: str, count: int) -> Throughput:
    await outbox_bench.truncate(url, "effects", "inbox")
    worker = benchkit.chassis(url, boot, group=f"benchkit-{uuid.uuid4().hex[:8]}")
    try:
        return await outbox_bench.dispatcher_capacity(
            worker, benchkit.event_class(topic), count, timeout_s=240
        )
    finally:
        await worker.dispose()


def e2e_row(label: str, e2e: outbox_bench.EndToEnd, basis: str, capacity: float) -> dict:
    return {
        "label": label,
        "capacity_basis": basis,
        "capacity_msgs_per_s": round(capacity, 1),
        "target_rate": e2e.target_rate,
        "achieved_rate": round(e2e.achieved_rate, 1),
        "handled_rate": round(e2e.handled_rate, 1),
        "written": e2e.written,
        "measured": e2e.measured,
        "p50_ms": round(e2e.p50_ms, 2),
        "p99_ms": round(e2e.p99_ms, 2),
        "max_ms": round(e2e.max_ms, 2),
    }


async def run_outbox(infra: TestInfra, topics: dict[str, str], sz: dict[str, Any]) -> dict:
    boot = infra.kafka_bootstrap
    url = await infra.aservice_database_url(benchkit.SCHEMA)
    await outbox_bench.reset_schema(url)
    drains = await relay_drain(url, boot, topics["relay"], sz["relay_backlog"], sz["rounds"])
    drains_big = await relay_drain(
        url, boot, topics["relay_big"], sz["relay_backlog"], sz["rounds"], BIG_RELAY_BATCH
    )
    log(f"dispatcher: Chassis.run_worker over the relayed topic x {sz['dispatcher_messages']:,}")
    dispatch = await dispatcher_rate(url, boot, topics["relay"], sz["dispatcher_messages"])

    await outbox_bench.truncate(url, "effects", "inbox", "items", "outbox")
    e2e_model = benchkit.event_class(topics["e2e"])
    c = benchkit.chassis(url, boot)
    try:
        async with outbox_bench.pipeline(
            c,
            e2e_model,
            benchkit.padded(e2e_model, MESSAGE_BYTES),
            bootstrap=boot,
            logs=REPO / ".local" / "bench" / "messaging",
        ) as path:
            log(f"end to end: flat out for {sz['e2e_capacity_seconds']} s (the path's capacity)")
            flat = await path.run(
                outbox_bench.Phase(None, sz["e2e_warmup_s"], sz["e2e_capacity_seconds"])
            )
            # what the whole path sustains: writers, relay and worker sharing the machine
            capacity = min(flat.achieved_rate, flat.handled_rate)
            low = outbox_bench.Phase(
                round(capacity * LOW_LOAD, 1), sz["e2e_warmup_s"], sz["e2e_low_seconds"]
            )
            half = outbox_bench.Phase(round(capacity / 2, 1), sz["e2e_warmup_s"], sz["e2e_seconds"])
            log(
                f"end to end at {low.rate:,.1f}/s for {low.seconds} s, then at"
                f" {half.rate:,.1f}/s (50% of {capacity:,.1f}/s) for {half.seconds} s"
            )
            e2e_low = await path.run(low)
            e2e = await path.run(half)
    finally:
        await c.dispose()
    basis = "end-to-end capacity"
    return {
        "relay_drain": drain_row("eventkit OutboxRelay.drain, default batch", drains),
        "relay_drain_batch_big": drain_row("eventkit OutboxRelay.drain", drains_big),
        "dispatcher_consume": best(
            "eventkit EventDispatcher via Chassis.run_worker (one transaction per batch)",
            [dispatch],
            "kafka_consumer_perf",
        ),
        "eventkit_end_to_end": e2e_row(
            "UnitOfWork commit -> relay -> Kafka -> EventDispatcher effect", e2e, basis, capacity
        ),
        "eventkit_end_to_end_low_load": e2e_row(
            f"the same at {LOW_LOAD:.0%} of capacity (latency floor)", e2e_low, basis, capacity
        ),
        "eventkit_end_to_end_flat_out": e2e_row(
            "the same flat out (writers unpaced: the capacity)", flat, basis, capacity
        ),
    }


def ratio(
    meas: dict[str, Any],
    label: str,
    num: str,
    den: str,
    metric: str = "msgs_per_s",
    op: str | None = None,
    threshold: float | None = None,
) -> dict[str, Any]:
    value = meas[num][metric] / meas[den][metric]
    met = None if op is None or threshold is None else _holds(value, op, threshold)
    return {
        "label": label,
        "numerator": num,
        "denominator": den,
        "metric": metric,
        "value": round(value, 4),
        "op": op,
        "threshold": threshold,
        "met": met,
    }


def _holds(value: float, op: str, threshold: float) -> bool:
    return value >= threshold if op == ">=" else value <= threshold


def ratios(meas: dict[str, Any]) -> list[dict[str, Any]]:
    # the targets compare like with like: same batching, acks, offset-commit policy, headers
    # and bodies on both sides of each ratio
    return [
        ratio(meas, "FastStream publish_batch / aiokafka send_batch (same batches, keys, headers)",
              "faststream_produce", "aiokafka_produce_batch", op=">=", threshold=0.8),
        ratio(meas, "FastStream publish / aiokafka send, per message (same headers and ids)",
              "faststream_produce_each", "aiokafka_produce_fs_headers", op=">=", threshold=0.8),
        ratio(meas, "FastStream batch subscriber / aiokafka getmany + commit per batch",
              "faststream_consume_batch", "aiokafka_consume_batch_commit", op=">=",
              threshold=0.8),
        ratio(meas, "FastStream batch subscriber / aiokafka getmany + commit per batch, by client "
              "CPU per message (aiokafka's / FastStream's: the speed each has when CPU-bound)",
              "aiokafka_consume_batch_commit", "faststream_consume_batch",
              metric="cpu_us_per_msg"),
        ratio(meas, "FastStream batch subscriber, start-up heap not frozen / aiokafka getmany "
              "+ commit per batch", "faststream_consume_batch_default_gc",
              "aiokafka_consume_batch_commit"),
        ratio(meas, "FastStream ACK_FIRST subscriber / aiokafka getone, both auto-commit",
              "faststream_consume_auto", "aiokafka_consume_getone_auto", op=">=", threshold=0.8),
        ratio(meas, "FastStream NACK_ON_ERROR subscriber / aiokafka getone + commit each",
              "faststream_consume", "aiokafka_consume_commit_each", op=">=", threshold=0.8),
        ratio(meas, "outbox relay / aiokafka produce", "relay_drain", "aiokafka_produce",
              op=">=", threshold=0.5),
        ratio(meas, "outbox relay / aiokafka produce with the same CloudEvents headers",
              "relay_drain", "aiokafka_produce_ce_headers"),
        ratio(meas, "outbox relay / aiokafka send_batch", "relay_drain",
              "aiokafka_produce_batch"),
        ratio(meas, f"outbox relay batch {BIG_RELAY_BATCH} / default batch",
              "relay_drain_batch_big", "relay_drain"),
        ratio(meas, "FastStream publish_batch / aiokafka send + gather (different APIs)",
              "faststream_produce", "aiokafka_produce"),
        ratio(meas, "FastStream confirm-each / aiokafka send + gather (different acks)",
              "faststream_produce_confirm_each", "aiokafka_produce"),
        ratio(meas, "aiokafka commit per batch / aiokafka auto-commit (the commit's cost)",
              "aiokafka_consume_batch_commit", "aiokafka_consume"),
        ratio(meas, "EventDispatcher (run_worker) / aiokafka getmany + commit per batch",
              "dispatcher_consume", "aiokafka_consume_batch_commit"),
        ratio(meas, "EventDispatcher / FastStream batch subscriber (the DB work per batch)",
              "dispatcher_consume", "faststream_consume_batch"),
        ratio(meas, "aiokafka produce / Kafka ProducerPerformance", "aiokafka_produce",
              "kafka_producer_perf"),
        ratio(meas, "FastStream publish_batch / Kafka ProducerPerformance", "faststream_produce",
              "kafka_producer_perf"),
        ratio(meas, "outbox relay / Kafka ProducerPerformance", "relay_drain",
              "kafka_producer_perf"),
        ratio(meas, "aiokafka consume / Kafka ConsumerPerformance", "aiokafka_consume",
              "kafka_consumer_perf"),
        ratio(meas, "FastStream batch subscriber / Kafka ConsumerPerformance",
              "faststream_consume_batch", "kafka_consumer_perf"),
        ratio(meas, "EventDispatcher / Kafka ConsumerPerformance", "dispatcher_consume",
              "kafka_consumer_perf"),
        ratio(meas, "end-to-end p50 / Kafka EndToEndLatency p50", "eventkit_end_to_end",
              "kafka_end_to_end_latency", metric="p50_ms"),
        ratio(meas, "end-to-end p99 / Kafka EndToEndLatency p99", "eventkit_end_to_end",
              "kafka_end_to_end_latency", metric="p99_ms"),
        ratio(meas, "end-to-end p99 at 10% load / Kafka EndToEndLatency p99",
              "eventkit_end_to_end_low_load", "kafka_end_to_end_latency", metric="p99_ms"),
    ]  # fmt: skip


def _ce_headers() -> list[tuple[str, bytes]]:
    """The headers the relay sends for a bench event (same names, same value sizes)."""
    from contracts.envelope import CloudEvent

    ce = CloudEvent(
        source="/benchkit",
        type="benchkit.item.changed",
        subject=str(uuid.uuid4()),
        sequence=1,
        data={},
    )
    return ce.kafka_headers()


CE_HEADERS = _ce_headers()


def targets(meas: dict[str, Any]) -> list[dict[str, Any]]:
    p99 = meas["eventkit_end_to_end"]["p99_ms"]
    return [
        {
            "label": "end-to-end p99 at 50% load",
            "measurement": "eventkit_end_to_end",
            "metric": "p99_ms",
            "value": p99,
            "unit": "ms",
            "op": "<=",
            "threshold": 100,
            "met": _holds(p99, "<=", 100),
        }
    ]


NOTES = [
    "Collector: the benchmark process runs, for every row on both sides of every ratio, with "
    "the collector setting every service process applies after start-up (eventkit.heap: the "
    "start-up heap frozen, so passes no longer traverse it). The row 'the same with the "
    "interpreter's default collector' shows what that changes for the batch subscriber. "
    "Handled batches used to stay alive: FastStream keeps the message being handled in a "
    "context variable, every timer scheduled meanwhile (aiokafka's request timeouts, the "
    "offset commit's) copies that context, and asyncio keeps a cancelled timer, context and "
    "all, until its deadline or a purge; the records outlived dozens of later batches, so the"
    " subscriber set off about 205 young-generation passes per 150,000 records where "
    "aiokafka's loop, whose batches die by reference counting, set off 14 (gc.callbacks on "
    "this machine), and with the start-up heap not frozen every hundredth pass traversed the "
    "whole heap of imported modules. eventkit's BatchParser now lets go of the handled "
    "message's records when the next batch arrives (about 20 passes per 150,000 records; "
    "libs/eventkit/tests/test_batch_release.py).",
    "Every Python producer, raw aiokafka and FastStream alike, uses eventkit's producer "
    "settings (eventkit.producer.producer_config: idempotent, acks=all, linger 5 ms, 256 KiB "
    "batches, 30 s request timeout); ProducerPerformance runs with acks=all, idempotence and "
    "linger.ms=5 and otherwise Kafka's defaults. Python messages carry a key (one of 1000 "
    "aggregate ids); ProducerPerformance sends unkeyed records (sticky partitioning, fuller "
    "batches).",
    "Every ratio with a target compares the same semantics on both sides: the same batches, "
    "keys, bodies (pre-encoded bytes), headers (FastStream's content-type and correlation_id "
    "headers are sent by the aiokafka row too, with the same correlation ids, handed to "
    "FastStream as a producer in production hands it the id of the request it serves), the "
    "same acks (no_confirm + gather against send + gather) and the same offset-commit policy "
    "(FastStream's batch subscriber with NACK_ON_ERROR commits once per batch, as aiokafka "
    "getmany + commit(); ACK_FIRST is auto-commit on both sides; NACK_ON_ERROR per message "
    "is getone + commit() each). 'send_batch per partition' groups the keys by the default "
    "partitioner, fills one BatchBuilder per partition chunk and submits it with send_batch; "
    "'FastStream publish_batch' sends the same chunks through KafkaBroker.publish_batch "
    "(per-message keys as KafkaResponse, one correlation_id header per batch, which the "
    "aiokafka batch row also sends). FastStream's batch subscriber runs with eventkit's own "
    "parser and decoder (eventkit.broker), the work it does in production.",
    "Where FastStream loses (cProfile on this machine): publish runs, per call, a publish "
    "command, the publisher middleware chain and the codec, and draws a uuid4 correlation "
    "id unless one is given (given here); publish_batch awaits the codec, copies the "
    "header dict and extracts the KafkaResponse key per message; every consumed record "
    "goes through the batch parser's header decoding into dicts; a per-message subscriber "
    "runs FastStream's whole pipeline per record (context scopes, ack and logging "
    "middlewares, parser, decoder, fast_depends argument resolution), and a "
    "'msg: KafkaMessage' (Context) parameter is resolved by a sync function fast_depends "
    "runs in anyio's worker thread (inside a new task group), a thread hop per call: every "
    "row here takes the body instead, and so does eventkit's batch subscriber, whose "
    "decoder makes the batch's records the body (with the Context parameter, one hop per "
    "batch cost the batch subscriber about a third more CPU than aiokafka's loop; py-spy).",
    "The relay's messages carry the CloudEvents headers (ce_id, ce_type, ...), so the relay "
    "moves more bytes per message than the bare 'send + gather' baseline; the row with the "
    "same headers shows what they cost.",
    "Consumer rates run from the partition assignment to the last record (the group join is "
    "left out, as ConsumerPerformance's fetch.nMsg.sec does); all consumers read the same "
    "topic. The EventDispatcher rates run from the first effect's timestamp to the last. "
    "'Client CPU µs/msg' is the benchmark process's CPU time over a consumer's whole run "
    "(group join and shutdown included; the broker's CPU is not in it) per message, the "
    "least of the rounds: on a shared machine other jobs stretch the wall clock far more "
    "than a process's own CPU time, so the ratio by CPU per message is the steadier "
    "comparison of what each client costs; the targets stay on throughput.",
    "The relay benchmark times OutboxRelay.drain on a backlog COPY-inserted as real "
    "outbox rows (CloudEvents built by OutboxWriter.envelope); every row is verified "
    "published and the topic's end offsets equal the backlog. Each batch is claimed "
    "(FOR UPDATE SKIP LOCKED, position order, text columns), sent as record batches per "
    "partition (send_batch), every acknowledgement awaited, then marked with one UPDATE. The "
    "rate is OutboxRelay.drain, the loop the leading relay runs: the next batch is claimed "
    "while the current one is on the wire and a batch is marked while the next one is sent; "
    "a batch is sent only after the previous one was acknowledged. Like the client rows, "
    "the drain runs in rounds (a fresh backlog each) and reports its best round. A claimed "
    "row is kept as the text the database sent and its headers are decoded as it joins its "
    "record batch: decoded at claim time, each in-flight row was a list and ten tuples, the "
    "collector's passes over the (up to three) in-flight batches took most of the relay's "
    "CPU (py-spy), and the relay drained at 0.43x and 0.58x of aiokafka produce in two runs "
    "on this machine.",
    "End to end: writer tasks in this process commit an item row + outbox row through "
    "eventkit's UnitOfWork on an open-loop schedule; Chassis.run_relay and Chassis.run_worker "
    "(EventDispatcher: inbox rows + effect rows of a consumed batch in one transaction) run "
    "as two separate processes; the relay is woken by the NOTIFY each writer sends right after "
    "its commit (not inside the transaction: that NOTIFY's lock serialised all commits), "
    "the consumer uses eventkit's fetch_max_wait_ms (25 ms) and batch_timeout_ms (5 ms: "
    "FastStream sleeps that long after an empty poll, which a record arriving then waits "
    "out). The relay closes each record batch it built, so the producer sends it at once "
    "instead of lingering; the test broker's group coordinator does not hold offset "
    "commits back (group.coordinator.append.linger.ms=0; Kafka 4.1's 5 ms default was paid "
    "by every handled batch). The bench handler queues its effect row in the unit of "
    "work, which writes a batch's effect rows with one INSERT just before the commit. "
    "Latency = handler's wall clock - wall clock taken just before the commit (in the "
    "payload). Capacity is the path's own: a first phase runs the writers flat out (no "
    "schedule) through the same relay and worker processes and takes the lower of the "
    "commits/s written and the effects/s handled; the relay's and the dispatcher's rates "
    "measured alone (above) are higher, because alone each has the machine to itself. The "
    "latency phases then run at 10% and 50% of that capacity. A phase ends on time: events "
    "its writers could not commit by then are not written (the achieved rate shows it).",
]


def write_report(out_dir: Path, result: dict[str, Any], markdown: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "messaging.json").write_text(json.dumps(result, indent=2) + "\n")
    (out_dir / "messaging.md").write_text(markdown)


async def main_async(quick: bool, out_dir: Path) -> dict[str, Any]:
    sz = SIZES["quick" if quick else "default"]
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    log("starting or reusing the test broker and Postgres")
    infra = await asyncio.to_thread(ensure_test_infra)
    machine = await asyncio.to_thread(report.machine)
    settle_after_startup()  # the collector settings of a service process, for every row
    run = uuid.uuid4().hex[:8]
    topics = {
        name: f"bench.msg.{run}.{name}"
        for name in (
            "tool",
            "raw",
            "raw_headers",
            "raw_fs_headers",
            "faststream_each",
            "raw_batch",
            "faststream",
            "faststream_confirm",
            "latency",
            "relay",
            "relay_big",
            "e2e",
        )
    }
    spec = {topic: PARTITIONS for topic in topics.values()}
    spec[topics["latency"]] = 1
    spec[topics["relay"] + ".dlq"] = 1
    spec[topics["e2e"] + ".dlq"] = 1
    async with clients.bench_topics(infra.kafka_bootstrap, spec):
        meas = await run_clients(infra, topics, sz)
        meas.update(await run_outbox(infra, topics, sz))
    machine["loadavg_at_end"] = list(os.getloadavg())
    result: dict[str, Any] = {
        "benchmark": "messaging",
        "command": "uv run python bench/bench_messaging.py" + (" --quick" if quick else ""),
        "started_at": started_at,
        "duration_s": round(time.perf_counter() - started, 1),
        "machine": machine,
        "sizes": {
            **sz,
            "consume_messages": batch_consume_messages(sz),
            "message_bytes": MESSAGE_BYTES,
            "partitions": PARTITIONS,
        },
        "measurements": meas,
        "ratios": ratios(meas),
        "targets": targets(meas),
        "notes": NOTES,
    }
    markdown = report.render(result)
    write_report(out_dir, result, markdown)
    print(markdown)
    log(f"wrote {out_dir / 'messaging.md'} and messaging.json")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (about a minute)")
    parser.add_argument("--out-dir", type=Path, default=REPO / "docs" / "benchmarks")
    args = parser.parse_args()
    asyncio.run(main_async(args.quick, args.out_dir))


if __name__ == "__main__":
    main()
