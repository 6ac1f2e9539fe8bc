"""aiokafka admin operations used for readiness and topic creation.

Kept apart from :mod:`devstack.kafka` so process management stays free of asyncio code.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from devstack.waiting import NotReadyError

if TYPE_CHECKING:
    from devstack.kafka import TopicSettings


async def describe_cluster(bootstrap: str, limit_s: float) -> dict[str, Any]:
    """Connect an admin client and describe the cluster (the readiness probe)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(limit_s * 1000))
    try:
        await asyncio.wait_for(admin.start(), limit_s)
        result: dict[str, Any] = await asyncio.wait_for(admin.describe_cluster(), limit_s)
        return result
    finally:
        await admin.close()


async def probe(bootstrap: str, limit_s: float = 5.0) -> bool:
    """One quiet health probe: True when the cluster answers with at least one broker."""
    with _quiet_aiokafka():
        try:
            info = await describe_cluster(bootstrap, limit_s)
        except Exception:
            return False
    return bool(info.get("brokers"))


@contextlib.contextmanager
def _quiet_aiokafka() -> Iterator[None]:
    """Connection-refused errors are expected while a broker starts; do not log each one."""
    logger = logging.getLogger("aiokafka")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


async def wait_cluster_ready(
    bootstrap: str,
    limit_s: float,
    still_running: Callable[[], bool] | None = None,
    *,
    brokers: int = 1,
) -> None:
    """Poll :func:`describe_cluster` until it answers with ``brokers`` registered brokers;
    fail fast on exit."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    last: BaseException | None = None
    with _quiet_aiokafka():
        while loop.time() < deadline:
            if still_running is not None and not still_running():
                raise NotReadyError("the broker process exited")
            try:
                info = await describe_cluster(bootstrap, 5.0)
                if len(info.get("brokers") or ()) >= brokers:
                    return
            except Exception as exc:
                last = exc
            await asyncio.sleep(0.5)
    raise NotReadyError(f"timed out after {limit_s:.0f}s (last error: {last!r})")


def _registry_topics(overrides: dict[str, str]) -> list[tuple[str, int, dict[str, str]]]:
    """(name, partitions, config) for every registry topic and its DLQ."""
    try:
        from contracts.registry import all_topics
    except ImportError as exc:  # pragma: no cover - while contracts is being written
        raise RuntimeError(f"contracts.registry.all_topics is not importable: {exc}") from exc
    wanted: list[tuple[str, int, dict[str, str]]] = []
    for topic in all_topics():
        config = {**topic.config(), **overrides}
        wanted.append((topic.name, topic.partitions, config))
        wanted.append((topic.dlq, topic.partitions, config))
    return wanted


async def create_registry_topics(bootstrap: str, settings: TopicSettings) -> list[str]:
    """Create the missing registry topics; returns the names created (idempotent)."""
    wanted = _registry_topics(settings.overrides)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(
                name=name,
                num_partitions=parts,
                replication_factor=settings.replication_factor,
                topic_configs=cfg,
            )
            for name, parts, cfg in wanted
            if name not in existing
        ]
        if not missing:
            return []
        response = await admin.create_topics(missing)
        created: list[str] = []
        failures: list[str] = []
        for entry in response.topic_errors:
            name, code = entry[0], entry[1]
            message = entry[2] if len(entry) > 2 else ""
            if code == 0:
                created.append(name)
            elif code != TopicAlreadyExistsError.errno:  # a concurrent creator won the race
                failures.append(f"{name}: error {code} {message}")
        if failures:
            raise RuntimeError("could not create topics: " + "; ".join(failures))
        return created
    finally:
        await admin.close()


async def describe_partitions(bootstrap: str, topics: list[str]) -> list[dict[str, Any]]:
    """Each partition of ``topics`` as the cluster describes it (``topic``, ``partition``,
    ``leader``, ``replicas``, ``isr``)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await admin.start()
    try:
        described = await admin.describe_topics(topics)
    finally:
        await admin.close()
    return [{"topic": t["topic"], **part} for t in described for part in t["partitions"]]


async def partition_leaders(bootstrap: str, topics: list[str]) -> dict[tuple[str, int], int]:
    """(topic, partition) -> the node id leading it (-1: no leader) for ``topics``."""
    return {
        (p["topic"], p["partition"]): p["leader"]
        for p in await describe_partitions(bootstrap, topics)
    }


async def end_offsets(bootstrap: str, topics: list[str]) -> dict[tuple[str, int], int]:
    """(topic, partition) -> its end offset (the next offset to be written)."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    partitions = [
        TopicPartition(p["topic"], p["partition"])
        for p in await describe_partitions(bootstrap, topics)
    ]
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    return {(tp.topic, tp.partition): offset for tp, offset in ends.items()}


async def list_topics(bootstrap: str) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await admin.start()
    try:
        return sorted(await admin.list_topics())
    finally:
        await admin.close()
