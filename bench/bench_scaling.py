"""Scaling benchmark: how a consumer group's throughput grows with its workers.

1, 2 and 4 notifications worker processes (``python -m notifications worker``, exactly as
deployed) in one consumer group, on ``profiles.account.v1`` with 6 and then 12 partitions.
Each run: a fresh topic and a fresh notifications schema, the workers started and their
group settled (every worker a member, every partition assigned), then a backlog of
registrations is written at once and the run measures how fast the group turns it into
welcome deliveries (the consumer: inbox row, recipient, delivery, one transaction per
batch) and how fast the workers' dispatchers send those emails to an SMTP sink. The CPU
each kind of process used during the drain says where the time went: on this 2-core
machine the curve flattens where the workers, Postgres, Kafka and the SMTP sink together
use both cores.

The events carry their personal fields in clear (profiles' outbox encrypts them per
person; a consumer then fetches each person's key from profiles once, cached): key
fetches are not part of what is measured here.

``python bench/bench_scaling.py [--quick] [--events N]``; report in
docs/benchmarks/scaling.md (+ .json)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import psutil
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from benchkit import describe_machine, log

from contracts.envelope import CloudEvent
from contracts.events.profiles import ACCOUNT_TOPIC, AccountRegistered
from devstack import kafka
from devstack.harness import SmtpSink, start_smtp_sink
from devstack.paths import devstack_home, repo_root
from devstack.postgres import plain_url, provision_service
from devstack.processes import ManagedProcess
from devstack.stack import Stack
from devstack.topology import SINGLE
from devstack.waiting import async_wait_until, free_port, run_sync, wait_until
from eventkit.broker import bootstrap_list

WORKERS = (1, 2, 4)
PARTITIONS = (6, 12)
SERVICE = "notifications"
DRAIN_TIMEOUT_S = 900.0


@dataclass
class Result:
    partitions: int
    workers: int
    events: int
    consumed_s: float
    sent_s: float
    consumed_per_s: float
    sent_per_s: float
    #: CPU seconds per second of the drain, by kind of process (2.0 = both cores)
    cpu: dict[str, float]
    loadavg: list[float]


def _two_free_ports() -> int:
    """A port P with P + 1 free too (a broker's client and controller listeners)."""
    while True:
        port = free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue


class Bench:
    def __init__(self, events: int) -> None:
        self.events = events
        home = devstack_home() / "bench-scaling"
        shutil.rmtree(home / "kafka", ignore_errors=True)  # a fresh broker each run
        self.stack = Stack(
            home=home,
            kafka_port=_two_free_ports(),
            pg_port=free_port(),
            smtp_port=0,
            gateway_port=0,
            topology=SINGLE,
        )
        self.smtp: SmtpSink | None = None
        self.db_url = ""

    # ---- infrastructure ------------------------------------------------------------------
    def start(self) -> None:
        log("starting Kafka and Postgres")
        self.stack.kafka.start(kafka.ensure_jars(devstack_home()))
        self.stack.postgres.start()
        kafka.ensure_topics(self.stack.bootstrap)
        self.smtp = start_smtp_sink()

    def stop(self) -> None:
        if self.smtp is not None:
            self.smtp.stop()
        self.stack.kafka.stop()
        self.stack.postgres.stop()

    async def recreate_topic(self, partitions: int) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.stack.bootstrap)
        await admin.start()
        try:
            if ACCOUNT_TOPIC in await admin.list_topics():
                await admin.delete_topics([ACCOUNT_TOPIC])

                async def gone() -> bool:
                    return ACCOUNT_TOPIC not in await admin.list_topics()

                await async_wait_until(gone, 60, what=f"{ACCOUNT_TOPIC} deleted")
            while True:
                try:
                    await admin.create_topics([NewTopic(ACCOUNT_TOPIC, partitions, 1)])
                    return
                except Exception:  # the deletion is still being applied
                    await asyncio.sleep(0.5)
        finally:
            await admin.close()

    def fresh_schema(self) -> None:
        async def drop() -> None:
            conn = await asyncpg.connect(plain_url(self.stack.admin_url))
            try:
                await conn.execute(f'DROP SCHEMA IF EXISTS "{SERVICE}" CASCADE')
            finally:
                await conn.close()

        run_sync(drop)
        self.db_url = provision_service(self.stack.admin_url, SERVICE)
        subprocess.run(
            [sys.executable, "-m", SERVICE, "migrate"],
            env=self.env(""),
            check=True,
            capture_output=True,
        )

    def env(self, group: str) -> dict[str, str]:
        assert self.smtp is not None
        return {
            **os.environ,
            "SERVICE_NAME": SERVICE,
            "DATABASE_URL": self.db_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.stack.bootstrap,
            "KAFKA_CONSUMER_GROUP": group,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(self.smtp.port),
            "LOG_LEVEL": "WARNING",
        }

    # ---- one run -------------------------------------------------------------------------
    def run(self, partitions: int, workers: int) -> Result:
        log(f"{partitions} partitions, {workers} worker(s): fresh topic and schema")
        run_sync(lambda: self.recreate_topic(partitions))
        self.fresh_schema()
        assert self.smtp is not None
        self.smtp.clear()
        group = f"bench-scaling-{uuid.uuid4().hex[:8]}"
        procs = [ManagedProcess(f"worker-{i}", self.stack.home) for i in range(workers)]
        for proc in procs:
            proc.start([sys.executable, "-m", SERVICE, "worker"], env=self.env(group))
        try:
            run_sync(lambda: self.settle(group, workers, partitions))
            log(f"group settled; writing {self.events} registrations")
            cpu_before = self.cpu_seconds(procs)
            started = time.monotonic()
            run_sync(self.write_backlog)
            consumed = self.wait_for("welcome deliveries", self.count_deliveries, started)
            sent = self.wait_for("emails sent", self.count_sent, started)
            cpu_after = self.cpu_seconds(procs)
        finally:
            for proc in procs:
                proc.stop(timeout=10)
        cpu = {k: round((cpu_after[k] - cpu_before.get(k, 0.0)) / sent, 2) for k in cpu_after}
        return Result(
            partitions,
            workers,
            self.events,
            round(consumed, 2),
            round(sent, 2),
            round(self.events / consumed, 1),
            round(self.events / sent, 1),
            cpu,
            [round(x, 2) for x in os.getloadavg()],
        )

    async def settle(self, group: str, workers: int, partitions: int) -> None:
        """Until the group has every worker as a member and every partition assigned, and
        a warm-up event per partition has been handled (each worker has polled)."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.stack.bootstrap)
        await admin.start()
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                described = await admin.describe_consumer_groups([group])
                groups = [g for response in described for g in response.groups]
                if groups and groups[0][2] == "Stable" and len(groups[0][5]) == workers:
                    break
                await asyncio.sleep(0.5)
            else:
                raise TimeoutError(f"group {group} did not settle with {workers} members")
        finally:
            await admin.close()
        await self.write(self.events_for(partitions * 4))  # a warm-up batch: every partition

        async def warm() -> bool:
            return await self.count_deliveries() >= partitions * 4

        await async_wait_until(warm, 300, what="the warm-up events handled")
        await self.truncate()

    def events_for(self, n: int) -> list[CloudEvent]:
        now = datetime.now(UTC)
        out = []
        for i in range(n):
            event = AccountRegistered(
                account_id=uuid.uuid4(),
                email=f"bench-{i}-{uuid.uuid4().hex[:6]}@scaling.example.org",
                display_name=f"Person {i}",
                locale=("en", "fr", "es", "ar")[i % 4],
                registered_at=now,
            )
            out.append(
                CloudEvent(
                    source="/bench",
                    type=event.type_name,
                    subject=event.subject(),
                    sequence=1,
                    data=event.model_dump(mode="json"),
                )
            )
        return out

    async def write(self, events: list[CloudEvent]) -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap_list(self.stack.bootstrap),
            enable_idempotence=True,
            linger_ms=5,
        )
        await producer.start()
        try:
            futures = [
                await producer.send(
                    ACCOUNT_TOPIC,
                    ce.kafka_value(),
                    key=ce.subject.encode(),
                    headers=ce.kafka_headers(),
                )
                for ce in events
            ]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    async def write_backlog(self) -> None:
        await self.write(self.events_for(self.events))

    async def _scalar(self, sql: str) -> int:
        conn = await asyncpg.connect(plain_url(self.stack.admin_url))
        try:
            return int(await conn.fetchval(sql))
        finally:
            await conn.close()

    async def count_deliveries(self) -> int:
        return await self._scalar(
            f"SELECT count(*) FROM {SERVICE}.deliveries WHERE template = 'welcome'"
        )

    async def count_sent(self) -> int:
        return await self._scalar(
            f"SELECT count(*) FROM {SERVICE}.deliveries"
            " WHERE template = 'welcome' AND status = 'sent'"
        )

    async def truncate(self) -> None:
        """The warm-up's rows out of the way: the backlog is counted from zero."""
        conn = await asyncpg.connect(plain_url(self.stack.admin_url))
        try:
            await conn.execute(f"DELETE FROM {SERVICE}.deliveries")
        finally:
            await conn.close()

    def wait_for(self, what: str, count: Any, started: float) -> float:
        wait_until(
            lambda: run_sync(count) >= self.events,
            DRAIN_TIMEOUT_S,
            interval=0.25,
            what=what,
        )
        elapsed = time.monotonic() - started
        log(f"{what}: {self.events} in {elapsed:.1f} s")
        return elapsed

    def cpu_seconds(self, workers: list[ManagedProcess]) -> dict[str, float]:
        """CPU seconds used so far by the workers, Postgres, Kafka and the SMTP sink."""

        def tree(pid: int | None) -> float:
            if pid is None:
                return 0.0
            try:
                root = psutil.Process(pid)
                total = 0.0
                for proc in [root, *root.children(recursive=True)]:
                    times = proc.cpu_times()
                    total += times.user + times.system
                return total
            except psutil.NoSuchProcess:
                return 0.0

        assert self.smtp is not None
        return {
            "workers": sum(tree(w.pid()) for w in workers),
            "postgres": tree(self.stack.postgres.nodes[0].postmaster_pid()),
            "kafka": tree(self.stack.kafka.nodes[0].process.pid()),
            "smtp sink": tree(self.smtp.pid),
        }


def password_hashes_per_s(rounds: int = 8) -> float:
    """argon2id hashes per second in one process with the platform's default cost (RFC 9106
    low-memory profile: 3 passes over 64 MiB): what sign-ins and registrations cost the
    profiles API (best of ``rounds``, the machine being shared)."""
    from argon2 import PasswordHasher

    hasher = PasswordHasher()
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        hasher.hash("correct horse battery staple")
        best = min(best, time.perf_counter() - started)
    return round(1 / best, 1)


def report(
    results: list[Result], machine: dict[str, Any], took_s: float, events: int, hashes: float
) -> str:
    by = {(r.partitions, r.workers): r for r in results}
    lines = [
        "# Scaling benchmark: workers per consumer group",
        "",
        "Command: `uv run python bench/bench_scaling.py` "
        f"(run at {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}, took {took_s:.0f} s).",
        "",
        f"Machine: {machine['nproc']} cores ({machine['cpu_model']}), {machine['memory_gib']} GiB, "
        f"Linux {machine['kernel']}, Python {machine['python']}; load average at start "
        f"{machine['loadavg_at_start']}. **Shared and noisy**: other engineers' suites ran on "
        "the same two cores; compare the rows of one run, not runs.",
        "",
        f"Each run: {events:,} registrations (profiles' AccountRegistered, as its relay "
        "publishes them, personal fields in clear) written at once to `profiles.account.v1` "
        "with the partitions shown, consumed by that many `python -m notifications worker` "
        "processes in one consumer group (each: an inbox row, the recipient, a welcome "
        "delivery, one transaction per batch of up to 100), whose dispatchers then send the "
        "welcome emails to an SMTP sink (aiosmtpd, writing each to a file). The group is "
        "settled before the backlog is written. *consumed/s*: registrations turned into "
        "deliveries per second, from the first write until the last delivery row; *sent/s*: "
        "emails per second until the last was sent. *CPU*: CPU seconds per second of the "
        "whole drain, by kind of process (2.0 = both cores busy).",
        "",
        "| partitions | workers | consumed/s | vs 1 worker | sent/s | vs 1 worker "
        "| CPU workers | CPU Postgres | CPU Kafka | CPU SMTP sink | CPU total |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        one = by.get((r.partitions, 1), r)
        total = round(sum(r.cpu.values()), 2)
        lines.append(
            f"| {r.partitions} | {r.workers} | {r.consumed_per_s:,.0f} | "
            f"{r.consumed_per_s / one.consumed_per_s:.2f}x | {r.sent_per_s:,.0f} | "
            f"{r.sent_per_s / one.sent_per_s:.2f}x | {r.cpu['workers']} | {r.cpu['postgres']} | "
            f"{r.cpu['kafka']} | {r.cpu['smtp sink']} | {total} |"
        )
    lines += [
        "",
        f"Password hashing (argon2id, the platform's default cost) in one process: "
        f"{hashes} hashes/s (best of 8): each registration and sign-in costs one.",
        "",
        "Raw numbers: `docs/benchmarks/scaling.json`.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small backlog (a smoke run)")
    parser.add_argument("--events", type=int, help="registrations per run")
    parser.add_argument("--out", type=Path, default=repo_root() / "docs" / "benchmarks")
    args = parser.parse_args()
    events = args.events or (1500 if args.quick else 12000)
    machine = describe_machine(["aiokafka", "faststream", "sqlalchemy", "asyncpg"])
    started = time.monotonic()
    bench = Bench(events)
    results: list[Result] = []
    try:
        bench.start()
        for partitions in PARTITIONS:
            for workers in WORKERS:
                results.append(bench.run(partitions, workers))
                log(json.dumps(asdict(results[-1])))
    finally:
        bench.stop()
    hashes = password_hashes_per_s()
    took = time.monotonic() - started
    text = report(results, machine, took, events, hashes)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.md").write_text(text)
    (args.out / "scaling.json").write_text(
        json.dumps(
            {
                "machine": machine,
                "events": events,
                "results": [asdict(r) for r in results],
                "password_hashes_per_s": hashes,
            },
            indent=2,
        )
        + "\n"
    )
    print(text)


if __name__ == "__main__":
    main()
