"""Relays and workers serve /metrics, /livez and /readyz (eventkit.process_health), and a
liveness probe restarts a wedged one, against the real broker and Postgres.

The wedged relay runs as its own process (the kit service's relay), holds its service's
lock and has claimed a batch it never publishes (``EVENTKIT_WEDGES=relay.before_publish``):
from outside it looks alive, it only makes no progress. The test plays the kubelet with the
probe the manifests render (deploy/k8s: period 10 s, 3 failures; here the same rule on a
shorter clock): the probe fails, the process is killed, and the standby relay takes over and
publishes what the wedged one held.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import kit
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from devstack.harness import TestInfra
from devstack.waiting import free_port
from eventkit.process_health import Heartbeat, ProcessHealth, loop_alive, serving_health
from eventkit.service import Chassis

KIT = Path(kit.__file__)
STALL_AFTER_S = 8.0


def metric(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample in a Prometheus text exposition (None if absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        series, value = line.rsplit(" ", 1)
        head, _, rest = series.partition("{")
        got = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if head == name and got == want:
            return float(value)
    return None


def get(port: int, path: str) -> httpx.Response | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=2)
    except httpx.HTTPError:
        return None


def status(port: int, path: str) -> int:
    """The answer's status; 0 when nothing answered."""
    answer = get(port, path)
    return 0 if answer is None else answer.status_code


def sample(port: int, name: str, **labels: str) -> float | None:
    answer = get(port, "/metrics")
    return None if answer is None else metric(answer.text, name, **labels)


async def wait_for(what: str, check: Any, timeout_s: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = await asyncio.to_thread(check)
        if value:
            return value
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class RelayProcess:
    """The kit relay as a process of its own, health endpoints on a port of its own."""

    def __init__(self, kit_db: str, infra: TestInfra, group: str, wedged: bool) -> None:
        self.port = free_port()
        self.group = group
        env = {
            **os.environ,
            "DATABASE_URL": kit_db,
            "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
            "HEALTH_PORT": str(self.port),
            "HEALTH_STALL_AFTER_S": str(STALL_AFTER_S),
            "HEALTH_SAMPLE_S": "0.5",
            "EVENTKIT_WEDGES": "relay.before_publish" if wedged else "",
        }
        self.proc = subprocess.Popen(
            [sys.executable, str(KIT)],
            env=env,
            cwd=KIT.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def leads(self) -> bool:
        return sample(self.port, "relay_is_leader", service="kit") == 1

    def live(self) -> bool | None:
        answered = status(self.port, "/livez")
        return None if answered == 0 else answered == 200

    def kill_like_the_kubelet(self, grace_s: float = 3.0) -> None:
        """SIGTERM, then SIGKILL once the grace period is over."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if self.proc.stderr is not None:
            self.proc.stderr.close()


@pytest.fixture
def relays(kit_db: str, infra: TestInfra) -> Iterator[list[RelayProcess]]:
    started: list[RelayProcess] = []
    yield started
    for relay in started:
        relay.stop()


async def unpublished(c: Chassis) -> int:
    async with c.engine.connect() as conn:
        query = select(func.count()).select_from(kit.outbox)
        waiting = query.where(kit.outbox.c.published_at.is_(None))
        return int(await conn.scalar(waiting) or 0)


async def test_a_wedged_relay_fails_liveness_and_its_standby_takes_over(
    kit_chassis: Chassis, kit_db: str, topic: str, infra: TestInfra, relays: list[RelayProcess]
) -> None:
    wedged = RelayProcess(kit_db, infra, "kit", wedged=True)
    relays.append(wedged)
    await wait_for("the first relay to lead", wedged.leads)
    standby = RelayProcess(kit_db, infra, "kit", wedged=False)
    relays.append(standby)
    await wait_for("the standby's health endpoint", lambda: standby.live() is True)
    assert not standby.leads()
    assert status(standby.port, "/readyz") == 200

    Thing = kit.event_class(topic)
    thing = kit.new_id()
    async with kit.uow_factory(kit_chassis)() as uow:
        for seq in range(1, 6):
            await uow.publish(Thing(thing_id=thing, seq=seq), sequence=seq)
        await uow.commit()

    # the leader claims the batch and never publishes it: it still holds the lock and the
    # rows, its process runs, and only its liveness tells
    await wait_for("the wedged relay's liveness to fail", lambda: wedged.live() is False)
    assert standby.live() is True  # waiting for the lock is progress: the standby is fine
    assert await unpublished(kit_chassis) == 5
    # any relay samples the backlog, leading or not: the alerts need it most when none leads
    await wait_for(
        "the standby's backlog sample",
        lambda: sample(standby.port, "outbox_unpublished_rows", service="kit") == 5,
    )

    # the kubelet's rule: `failureThreshold` failed probes in a row, then a restart
    failures = 0
    while failures < 3:
        failures = failures + 1 if wedged.live() is False else 0
        await asyncio.sleep(0.3)
    wedged.kill_like_the_kubelet()

    await wait_for("the standby to lead", standby.leads)
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=5, timeout_s=20)
    assert sorted(int(dict(r.headers)["ce_sequence"]) for r in records) == [1, 2, 3, 4, 5]
    await kit.eventually(lambda: unpublished(kit_chassis), 0)
    drain_age = sample(standby.port, "relay_last_drain_age_seconds", service="kit")
    assert drain_age is not None and drain_age < 5
    assert standby.live() is True


async def test_a_worker_holding_one_batch_fails_liveness_and_reports_lag(
    kit_chassis_with: kit.ChassisMaker, topic: str, producer: AIOKafkaProducer
) -> None:
    port = free_port()
    watched = kit_chassis_with(
        "kit-health",
        health_port=port,
        health_stall_after_s=STALL_AFTER_S,
        health_sample_s=0.5,
        consumer_stall_after_s=600.0,  # the watchdog stays out of this test
    )
    d = kit.dispatcher(watched, kit.event_class(topic))
    release = asyncio.Event()
    handle_batch = d.handle_batch

    async def hangs_until_released(records: Any) -> list[str]:
        await release.wait()
        return await handle_batch(records)

    d.handle_batch = hangs_until_released  # type: ignore[method-assign]
    service = watched.settings.service_name
    stop = asyncio.Event()
    worker = asyncio.create_task(watched.run_worker_process(d, [], stop))

    async def answer(path: str) -> int:  # from a thread: the server runs on this loop
        return await asyncio.to_thread(status, port, path)

    async def value(name: str, **labels: str) -> float | None:
        return await asyncio.to_thread(sample, port, name, service=service, **labels)

    try:
        await wait_for("the worker to be ready", lambda: status(port, "/readyz") == 200)
        assert await answer("/livez") == 200
        await kit.publish_things(producer, topic, str(kit.new_id()), 4)
        await wait_for("liveness to fail", lambda: status(port, "/livez") == 503)
        age = await value("worker_last_batch_age_seconds")
        assert age is not None and age > STALL_AFTER_S
        await wait_for(
            "the lag sample",
            lambda: sample(port, "consumer_lag_records", service=service) == 4,
        )
        assert await value("dead_letter_records", topic=topic + ".dlq") == 0
        release.set()
        await wait_for("liveness to recover", lambda: status(port, "/livez") == 200)
    finally:
        release.set()
        stop.set()
        await worker


@pytest.mark.slow  # seconds of a blocked loop: make test, not make test-unit
async def test_the_health_server_answers_a_blocked_loop_with_silence() -> None:
    """A loop blocked by a synchronous call cannot answer: the probe's timeout is the
    failure (the other half of what liveness catches)."""
    heartbeat = Heartbeat()
    health = ProcessHealth(loop_alive(heartbeat, 60.0))
    health.started.set()
    async with serving_health(health, 0, host="127.0.0.1") as port:
        async with httpx.AsyncClient() as client:
            assert (await client.get(f"http://127.0.0.1:{port}/livez")).status_code == 200
            assert (await client.get(f"http://127.0.0.1:{port}/nope")).status_code == 404
        answered = await asyncio.to_thread(get, port, "/livez")  # the loop is free: answers
        assert answered is not None and answered.status_code == 200

        asking = threading.Event()

        def probe_livez() -> httpx.Response | None:
            asking.set()
            return get(port, "/livez")

        probe = asyncio.create_task(asyncio.to_thread(probe_livez))
        await asyncio.sleep(0)
        # block the loop from the moment the probe asks (a busy machine may start the thread
        # late, and the loop would be free again before the probe's clock ran out)
        assert asking.wait(30)
        time.sleep(4)
        assert await probe is None  # timed out (2 s, like the rendered probe)
