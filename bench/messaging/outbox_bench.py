"""Outbox relay draining a pre-filled backlog, the EventDispatcher's consume rate, and the
end-to-end latency from a UnitOfWork commit to the consumer's effect at a paced load."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from eventkit.db import plain_dsn
from eventkit.outbox import OutboxWriter
from eventkit.service import Chassis
from messaging import benchkit
from messaging.clients import Throughput

BENCH_DIR = Path(__file__).resolve().parents[1]


async def reset_schema(database_url: str) -> None:
    """The bench schema's tables, empty (create_all is right here: this is not a service)."""
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(benchkit.metadata.drop_all)
            await conn.run_sync(benchkit.metadata.create_all)
    finally:
        await engine.dispose()


async def truncate(database_url: str, *tables: str) -> None:
    conn = await asyncpg.connect(plain_dsn(database_url))
    try:
        await conn.execute("TRUNCATE " + ", ".join(f"{benchkit.SCHEMA}.{t}" for t in tables))
    finally:
        await conn.close()


async def fill_backlog(
    database_url: str, writer: OutboxWriter, make: Callable[..., benchkit.ItemChangedBase], n: int
) -> None:
    """``n`` unpublished outbox rows shaped like real ones (CloudEvents built by the writer),
    inserted with COPY. 1000 aggregates, each with rising sequences."""
    aggregates = [uuid.uuid4() for _ in range(min(1000, n))]
    now = datetime.now(UTC)
    records = []
    for i in range(n):
        event = make(item_id=aggregates[i % len(aggregates)], version=i // len(aggregates) + 1)
        ce = writer.envelope(event, sequence=event.version)
        headers = {k: v.decode() for k, v in ce.kafka_headers()}
        records.append(
            (
                uuid.UUID(ce.id),
                ce.type.rsplit(".", 1)[0],
                ce.subject,
                ce.type,
                event.topic,
                json.dumps(ce.data),
                json.dumps(headers),
                now,
            )
        )
    conn = await asyncpg.connect(plain_dsn(database_url))
    try:
        await conn.copy_records_to_table(
            "outbox",
            schema_name=benchkit.SCHEMA,
            columns=[
                "id",
                "aggregatetype",
                "aggregateid",
                "type",
                "topic",
                "payload",
                "headers",
                "created_at",
            ],
            records=records,
        )
        await conn.execute(f"ANALYZE {benchkit.SCHEMA}.outbox")
    finally:
        await conn.close()


async def unpublished(c: Chassis) -> int:
    t = benchkit.outbox
    async with c.engine.connect() as conn:
        return int(
            await conn.scalar(select(func.count()).select_from(t).where(t.c.published_at.is_(None)))
            or 0
        )


@dataclass(frozen=True)
class Drain:
    throughput: Throughput
    batches: int
    batch_size: int


async def drain_backlog(c: Chassis, batch_size: int | None = None) -> Drain:
    """Time ``OutboxRelay.drain`` (what the leading relay runs when woken: batches claimed,
    sent and marked, pipelined; its default batch size unless given) until the backlog is
    empty. Every batch is acknowledged by Kafka before it is marked."""
    relay = c.relay()
    relay.batch_size = batch_size or relay.batch_size
    await relay.producer.start()
    try:
        await relay.producer.client.bootstrap()
        total = 0
        start = time.perf_counter()
        while published := await relay.drain():
            total += published
        elapsed = time.perf_counter() - start
    finally:
        await relay.producer.stop()
    return Drain(Throughput(total, elapsed), math.ceil(total / relay.batch_size), relay.batch_size)


async def effect_stats(c: Chassis) -> tuple[int, float, float]:
    e = benchkit.effects
    async with c.engine.connect() as conn:
        row = (
            await conn.execute(select(func.count(), func.min(e.c.seen_at), func.max(e.c.seen_at)))
        ).one()
    return int(row[0]), float(row[1] or 0), float(row[2] or 0)


async def dispatcher_capacity(
    c: Chassis,
    model: type[benchkit.ItemChangedBase],
    target: int,
    timeout_s: float,
) -> Throughput:
    """``Chassis.run_worker`` with an ``EventDispatcher`` (inbox rows + effect rows of a
    consumed batch in one transaction) over the relayed backlog; rate from the effects' own
    timestamps (first to last effect)."""
    stop = asyncio.Event()
    ready = asyncio.Event()
    d = benchkit.dispatcher(c, model)
    task = asyncio.create_task(c.run_worker(d, stop, ready=ready))
    try:
        await asyncio.wait_for(ready.wait(), 60)
        deadline = time.monotonic() + timeout_s
        while (await effect_stats(c))[0] < target:
            if time.monotonic() > deadline or task.done():
                raise RuntimeError(f"the dispatcher handled {await effect_stats(c)} < {target}")
            await asyncio.sleep(0.2)
    finally:
        stop.set()
        await task
    count, first, last = await effect_stats(c)
    return Throughput(count - 1, last - first)


# ---- end to end --------------------------------------------------------------------------
def _spawn(role: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    pythonpath = os.pathsep.join(p for p in (str(BENCH_DIR), os.environ.get("PYTHONPATH")) if p)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as err:  # appending: the stdout drain writes to the same file
        return subprocess.Popen(
            [sys.executable, "-m", "messaging.roles", role],
            env={**os.environ, **env, "PYTHONPATH": pythonpath},
            stdout=subprocess.PIPE,
            stderr=err,
        )


def _drain(stdout: IO[bytes], log: Path, ready: threading.Event) -> None:
    """Copies a role's stdout into its log file; sets ``ready`` at its ready line."""
    with log.open("ab") as out:
        for line in stdout:
            if line.strip() == b"ready":
                ready.set()
            else:
                out.write(line)
                out.flush()


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


@contextlib.asynccontextmanager
async def role_processes(
    roles: Sequence[str], env: dict[str, str], logs: Path
) -> AsyncIterator[None]:
    """Start ``messaging.roles <role>`` for each role at once, wait for every ready line;
    SIGTERM them afterwards."""
    procs = {role: _spawn(role, env, logs / f"{role}.log") for role in roles}

    async def ready(role: str, proc: subprocess.Popen[bytes]) -> None:
        # stdout carries the role's log lines too: they go to its log file, before the ready
        # line and after it (an unread pipe would fill up and block the role)
        assert proc.stdout is not None
        drained = threading.Event()
        threading.Thread(
            target=_drain, args=(proc.stdout, logs / f"{role}.log", drained), daemon=True
        ).start()
        if not await asyncio.to_thread(drained.wait, 90):
            raise RuntimeError(f"{role} did not start:\n{_tail(logs / f'{role}.log')}")

    try:
        await asyncio.gather(*(ready(role, proc) for role, proc in procs.items()))
        yield
        for role, proc in procs.items():
            if proc.poll() is not None:
                raise RuntimeError(f"{role} exited early:\n{_tail(logs / f'{role}.log')}")
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            try:
                await asyncio.to_thread(proc.wait, 30)
            except subprocess.TimeoutExpired:
                proc.kill()
                await asyncio.to_thread(proc.wait, 10)


@dataclass(frozen=True)
class EndToEnd:
    target_rate: float
    achieved_rate: float
    handled_rate: float  # effects per second of the phase's events, first to last
    written: int
    measured: int
    p50_ms: float
    p99_ms: float
    max_ms: float


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an ascending list."""
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


async def paced_writes(
    c: Chassis,
    make: Callable[..., benchkit.ItemChangedBase],
    rate: float | None,
    seconds: float,
    writers: int = 16,
) -> tuple[int, float]:
    """Commit item + outbox row through the UnitOfWork, event i at start + i/rate; how many
    were written and in how long. ``rate=None``: as fast as the writers can (flat out).

    ``writers`` concurrent API-like tasks share the schedule, so a slow commit does not
    delay the next one (an open-loop load, not a closed loop). The phase ends on time: when
    the writers cannot keep the schedule (commits waiting for a busy machine), the events
    still due are not written, and the achieved rate says so."""
    counter = itertools.count() if rate is None else iter(range(max(1, int(rate * seconds))))
    uow_of = benchkit.uow_factory(c)
    start = time.perf_counter()
    end = start + seconds
    written = 0

    async def writer() -> None:
        nonlocal written
        for i in counter:
            now = time.perf_counter()
            if now > end and (written or rate is None):
                return
            delay = 0.0 if rate is None else start + i / rate - now
            if delay > 0:
                await asyncio.sleep(delay)
            item = uuid.uuid4()
            async with uow_of() as uow:
                await uow.session.execute(benchkit.items.insert().values(id=item, version=1))
                await uow.publish(make(item_id=item, version=1, committed_at=time.time()))
                await uow.commit()
            written += 1

    await asyncio.gather(*(writer() for _ in range(writers)))
    return written, time.perf_counter() - start


@dataclass(frozen=True)
class Phase:
    rate: float | None  # None: flat out (the path's capacity)
    warmup_s: float
    seconds: float


class Pipeline:
    """Writers (this process) -> relay process -> worker process, running; phases are run
    one after the other against the same relay and worker (``pipeline`` starts them)."""

    def __init__(
        self, c: Chassis, make: Callable[..., benchkit.ItemChangedBase], total: int
    ) -> None:
        self.c, self.make, self.total = c, make, total

    async def run(self, phase: Phase) -> EndToEnd:
        """Warm up, write for ``phase.seconds``, wait until every effect arrived; the
        latencies of the events committed in the measured window."""
        self.total += (await paced_writes(self.c, self.make, phase.rate, phase.warmup_s))[0]
        start = time.time()
        written, elapsed = await paced_writes(self.c, self.make, phase.rate, phase.seconds)
        end = time.time()
        self.total += written
        await _wait_for_effects(self.c, self.total, 180)
        return await _phase_result(self.c, phase, start, end, written, elapsed)


@contextlib.asynccontextmanager
async def pipeline(
    c: Chassis,
    model: type[benchkit.ItemChangedBase],
    make: Callable[..., benchkit.ItemChangedBase],
    *,
    bootstrap: str,
    logs: Path,
) -> AsyncIterator[Pipeline]:
    """The end-to-end path, with the relay and the worker as processes of their own."""
    env = {
        "BENCH_DATABASE_URL": c.settings.database_url,
        "BENCH_BOOTSTRAP": bootstrap,
        "BENCH_GROUP": f"benchkit-e2e-{uuid.uuid4().hex[:8]}",
        "BENCH_TOPIC": model.topic,
    }
    async with role_processes(("relay", "worker"), env, logs):
        # the worker is "ready" before its group join finishes: wait for a first effect
        total, _ = await paced_writes(c, make, rate=1, seconds=1, writers=1)
        await _wait_for_effects(c, total, 60)
        yield Pipeline(c, make, total)


async def _wait_for_effects(c: Chassis, count: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while (await effect_stats(c))[0] < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {(await effect_stats(c))[0]} of {count} effects arrived")
        await asyncio.sleep(0.2)


async def _phase_result(
    c: Chassis, phase: Phase, start: float, end: float, written: int, elapsed: float
) -> EndToEnd:
    e = benchkit.effects
    in_window = (e.c.committed_at >= start) & (e.c.committed_at < end)
    async with c.engine.connect() as conn:
        rows = (await conn.execute(select(e.c.committed_at, e.c.seen_at).where(in_window))).all()
    latencies = sorted((seen - committed) * 1000 for committed, seen in rows)
    seen_span = max(r.seen_at for r in rows) - min(r.seen_at for r in rows)
    return EndToEnd(
        target_rate=phase.rate or 0.0,
        achieved_rate=written / elapsed,
        handled_rate=(len(rows) - 1) / seen_span if seen_span > 0 else 0.0,
        written=written,
        measured=len(latencies),
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
        max_ms=latencies[-1],
    )
