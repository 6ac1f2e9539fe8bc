"""deploy/tools/replay_dlq.py against the real broker: what eventkit dead-lettered goes back
to the original topic, once, with the original key, value and CloudEvents headers."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "deploy_replay_dlq", REPO / "deploy" / "tools" / "replay_dlq.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["deploy_replay_dlq"] = module
    spec.loader.exec_module(module)
    return module


def dead_lettered(topic: str, group: str, n: int) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """A record as eventkit.consumer writes it to the DLQ."""
    headers = [
        ("ce_id", f"evt-{n}".encode()),
        ("ce_type", b"test.thing.happened"),
        ("dlq_error_class", b"ValueError"),
        ("dlq_original_topic", topic.encode()),
        ("dlq_original_partition", b"0"),
        ("dlq_original_offset", str(n).encode()),
        ("dlq_consumer_group", group.encode()),
    ]
    return f"key-{n}".encode(), f'{{"n": {n}}}'.encode(), headers


async def read_all(bootstrap: str, topic: str, expected: int) -> list[Any]:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None
    )
    await consumer.start()
    records: list[Any] = []
    try:
        for _ in range(20):
            batch = await consumer.getmany(timeout_ms=500)
            records += [r for rs in batch.values() for r in rs]
            if len(records) >= expected:
                # one more short poll: more than expected would be a bug
                batch = await consumer.getmany(timeout_ms=500)
                records += [r for rs in batch.values() for r in rs]
                break
    finally:
        await consumer.stop()
    return records


async def test_replay_republishes_once(infra: Any, tool: ModuleType) -> None:
    bootstrap = infra.kafka_bootstrap
    topic = f"deploytest.replay{uuid.uuid4().hex[:8]}.v1"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 2, 1), NewTopic(topic + ".dlq", 2, 1)])
    finally:
        await admin.close()
    try:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
        await producer.start()
        try:
            for n, group in enumerate(["notifications", "resources", "notifications"]):
                key, value, headers = dead_lettered(topic, group, n)
                await producer.send_and_wait(topic + ".dlq", value=value, key=key, headers=headers)
        finally:
            await producer.stop()

        dry = await tool.replay(bootstrap, topic, consumer_group="notifications", dry_run=True)
        assert (dry.replayed, dry.skipped) == (2, 1)
        report = await tool.replay(bootstrap, topic, consumer_group="notifications")
        assert (report.replayed, report.skipped) == (2, 1)
        again = await tool.replay(bootstrap, topic, consumer_group="notifications")
        assert again.replayed == 0  # progress is committed: no second replay

        records = await read_all(bootstrap, topic, 2)
        assert sorted(r.key for r in records) == [b"key-0", b"key-2"]
        for r in records:
            got: dict[str, bytes] = dict(r.headers)
            assert got["ce_type"] == b"test.thing.happened"
            assert not [k for k in got if k.startswith("dlq_") and k != "dlq_replay_of"]
            assert got["dlq_replay_of"].decode().startswith(topic + ".dlq/")
            n = int(r.key.decode().split("-")[1])
            assert r.value == f'{{"n": {n}}}'.encode()

        # another filter keeps its own progress: the resources record is still there for it
        other = await tool.replay(bootstrap, topic, consumer_group="resources")
        assert other.replayed == 1
    finally:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            await admin.delete_topics([topic, topic + ".dlq"])
        finally:
            await admin.close()
