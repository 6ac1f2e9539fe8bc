"""Erasure propagation time: request -> last participant's confirmation recorded by profiles,
p50/p99 over N erasures, beside an in-run baseline on the same broker.

    uv run python bench/bench_privacy_erasure.py [--quick]

* Saga: profiles (real HTTP app in-process, outbox relay, worker with the saga consumer and
  jobs) erases a registered person through ``POST /v1/me/erasure``. The real resources,
  alliance and notifications services (their own schemas, migrations, workers and relays,
  in-process) erase and answer, each consuming the person's earlier events too (the
  registration and profile). ``--stand-ins`` replaces them with participants whose own erase
  work is empty, to measure the saga plumbing alone. The time is
  ``completed_at - requested_at`` of the saga row (both stamped by profiles): request
  transaction, relay, broker, participant consume + commit, participant relay, broker,
  profiles consume + commit. Erasures run one after another.
* Baseline: one produce -> consume round trip of a small message on the same broker (a
  consumer already assigned), p50/p99 over the same N. The saga has two such hops in series
  plus two outbox relays and three transactions.

Uses the test Kafka and Postgres (database ``bench_privacy``). Writes
docs/benchmarks/privacy_erasure.{json,md}. Target: p99 <= 5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from benchkit import describe_machine, log
from sqlalchemy import text

from alliance.bootstrap import bootstrap as alliance_bootstrap
from alliance.config import AllianceSettings
from contracts.events.privacy import PARTICIPANTS
from devstack.harness import ensure_test_infra
from devstack.postgres import aprovision_service, ensure_database, plain_url
from devstack.testing import api_client, skip_history
from eventkit.consumer import EventDispatcher
from eventkit.db import messaging_tables, service_metadata
from eventkit.privacy import ErasureReport, take_part_in_privacy_sagas
from eventkit.service import Chassis
from eventkit.settings import ServiceSettings
from eventkit.uow import UnitOfWork
from notifications.bootstrap import bootstrap as notifications_bootstrap
from notifications.config import NotificationsSettings
from profiles.bootstrap import ProfilesService
from profiles.config import ProfilesSettings
from resources.bootstrap import bootstrap as resources_bootstrap
from resources.config import ResourcesSettings

REPO = Path(__file__).resolve().parents[1]
DATABASE = "bench_privacy"
SIZES = {"default": 60, "quick": 12}
TARGET_P99_S = 5.0
PASSWORD = "bench erasure passphrase 2026"
BASELINE_TOPIC = "bench.privacy.roundtrip"


def machine() -> dict[str, Any]:
    return describe_machine(("aiokafka", "sqlalchemy", "asyncpg", "faststream"))


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def pct(p: float) -> float:
        # nearest-rank: with N < 100 the p99 is the slowest sample (never interpolated away)
        rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
        return round(ordered[rank - 1], 4)

    return {
        "p50": pct(50),
        "p99": pct(99),
        "mean": round(statistics.fmean(ordered), 4),
        "max": round(ordered[-1], 4),
    }


async def database(admin_url: str, schema: str) -> str:
    await ensure_database(admin_url, DATABASE)
    parts = urlsplit(plain_url(admin_url))
    admin = urlunsplit((parts.scheme, parts.netloc, f"/{DATABASE}", parts.query, ""))
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()
    return await aprovision_service(admin, schema)


class StandIn:
    """A participant whose own erase work is empty: only the saga plumbing is measured."""

    async def export_person(self, uow: UnitOfWork, person_id: uuid.UUID) -> dict[str, Any]:
        return {}

    async def erase_person(
        self, uow: UnitOfWork, person_id: uuid.UUID, erased_at: datetime
    ) -> ErasureReport:
        return ErasureReport()


REAL_SERVICES: dict[str, tuple[Any, type[ServiceSettings]]] = {
    "resources": (resources_bootstrap, ResourcesSettings),
    "alliance": (alliance_bootstrap, AllianceSettings),
    "notifications": (notifications_bootstrap, NotificationsSettings),
}


async def real_participant(service: str, admin_url: str, bootstrap: str) -> tuple[Chassis, Any]:
    """The service itself (composition root, migrations, dispatcher), worker + relay only."""
    build, settings_type = REAL_SERVICES[service]
    settings = settings_type(
        database_url=await database(admin_url, service),
        kafka_bootstrap_servers=bootstrap,
        kafka_consumer_group=f"bench-{service}-{uuid.uuid4().hex[:6]}",
        log_json=False,
        log_level="WARNING",
    )
    svc = build(settings)
    for folder in (svc.migrations_dir, *svc.extra_migrations_dirs):
        await asyncio.to_thread(svc.chassis.migrate, folder)
    dispatcher = svc.dispatcher()
    assert dispatcher is not None
    await skip_history(bootstrap, settings.consumer_group, dispatcher.topics())
    return svc.chassis, dispatcher


async def participant(service: str, admin_url: str, bootstrap: str) -> tuple[Chassis, Any]:
    settings = ServiceSettings(
        service_name=service,
        database_url=await database(admin_url, service),
        kafka_bootstrap_servers=bootstrap,
        kafka_consumer_group=f"bench-{service}-{uuid.uuid4().hex[:6]}",
        log_json=False,
        log_level="WARNING",
    )
    metadata = service_metadata(service)
    messaging_tables(metadata)
    chassis = Chassis(settings, metadata)
    async with chassis.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)

    def uow() -> UnitOfWork:
        return UnitOfWork(chassis.sessions, chassis.outbox, chassis.inbox)

    dispatcher: EventDispatcher[UnitOfWork] = EventDispatcher(service, uow)
    take_part_in_privacy_sagas(dispatcher, StandIn())
    await skip_history(bootstrap, settings.consumer_group, dispatcher.topics())
    return chassis, dispatcher


@contextlib.asynccontextmanager
async def running(jobs: list[Any]) -> AsyncIterator[None]:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(job(stop)) for job in jobs]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)


async def bench_saga(
    count: int, admin_url: str, bootstrap: str, *, stand_ins: bool
) -> dict[str, Any]:
    settings = ProfilesSettings(
        database_url=await database(admin_url, "profiles"),
        kafka_bootstrap_servers=bootstrap,
        kafka_consumer_group=f"bench-profiles-{uuid.uuid4().hex[:6]}",
        argon2_time_cost=1,  # the password check is part of the request; keep it cheap
        argon2_memory_cost_kib=8192,
        log_json=False,
        log_level="WARNING",
    )
    profiles = ProfilesService(settings)
    for folder in (profiles.migrations_dir, *profiles.extra_migrations_dirs):
        await asyncio.to_thread(profiles.chassis.migrate, folder)
    profiles_dispatcher = profiles.dispatcher()
    assert profiles_dispatcher is not None
    await skip_history(bootstrap, settings.consumer_group, profiles_dispatcher.topics())
    make = participant if stand_ins else real_participant
    participants = [await make(s, admin_url, bootstrap) for s in PARTICIPANTS]

    jobs: list[Any] = [profiles.chassis.run_relay, *profiles.background_jobs()]
    jobs.append(lambda stop: profiles.chassis.run_worker(profiles_dispatcher, stop))
    for chassis, dispatcher in participants:
        jobs.append(chassis.run_relay)
        jobs.append(lambda stop, c=chassis, d=dispatcher: c.run_worker(d, stop))

    durations: list[float] = []
    async with running(jobs), api_client(profiles.create_app()) as client:
        await asyncio.sleep(5)  # consumer groups join and get their partitions
        for i in range(count + 1):  # the first one warms up (not counted)
            email = f"bench-{uuid.uuid4().hex[:10]}@example.org"
            r = await client.post(
                "/v1/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": "Bench Person"},
            )
            assert r.status_code == 201, r.text
            login = await client.post("/v1/auth/login", json={"email": email, "password": PASSWORD})
            token = login.json()["access_token"]
            r = await client.post(
                "/v1/me/erasure",
                json={"password": PASSWORD},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == 202, r.text
            erasure_id = r.json()["erasure_id"]
            seconds = await completion(profiles, erasure_id, timeout_s=60)
            if i:
                durations.append(seconds)
            if i % 10 == 0:
                log(f"saga {i}/{count}: {seconds:.3f}s")
    await profiles.chassis.dispose()
    for chassis, _ in participants:
        await chassis.dispose()
    return {
        "erasures": count,
        "participants": list(PARTICIPANTS),
        "participant_kind": "stand-ins (empty erase step)" if stand_ins else "the real services",
        "relay_poll_interval_s": settings.relay_poll_interval_s,
        "seconds": percentiles(durations),
    }


async def completion(profiles: ProfilesService, erasure_id: str, timeout_s: float) -> float:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        async with profiles.chassis.engine.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT EXTRACT(EPOCH FROM completed_at - requested_at)"
                        " FROM profiles.privacy_erasures WHERE id = :i AND completed_at IS NOT NULL"
                    ),
                    {"i": erasure_id},
                )
            ).first()
        if row is not None:
            return float(row[0])
        await asyncio.sleep(0.02)
    raise TimeoutError(f"erasure {erasure_id} not completed within {timeout_s}s")


async def bench_round_trip(count: int, bootstrap: str) -> dict[str, Any]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        with contextlib.suppress(Exception):  # exists already
            await admin.create_topics([NewTopic(BASELINE_TOPIC, 1, 1)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await producer.start()
    await consumer.start()
    try:
        tp = TopicPartition(BASELINE_TOPIC, 0)
        consumer.assign([tp])
        await consumer.seek_to_end(tp)
        await consumer.position(tp)
        durations = []
        for i in range(count + 1):
            marker = uuid.uuid4().hex.encode()
            t0 = time.perf_counter()
            await producer.send_and_wait(BASELINE_TOPIC, value=marker)
            seen = False
            while not seen:
                batch = await consumer.getmany(tp, timeout_ms=5000)
                seen = any(r.value == marker for r in batch.get(tp, []))
            if i:
                durations.append(time.perf_counter() - t0)
    finally:
        await consumer.stop()
        await producer.stop()
    return {"round_trips": count, "seconds": percentiles(durations)}


def report(result: dict[str, Any], command: str) -> str:
    s, b, m = result["saga"], result["baseline"], result["machine"]
    verdict = "meets" if s["seconds"]["p99"] <= TARGET_P99_S else "MISSES"
    return "\n".join(
        [
            "# Privacy: erasure propagation benchmark",
            "",
            f"Command: `{command}` ({result['size']}), {result['finished_at']}",
            "",
            "| measure | p50 | p99 | mean | max |",
            "|---|---:|---:|---:|---:|",
            f"| erasure saga: request -> last of {len(s['participants'])} participants' "
            f"confirmation recorded ({s['erasures']} erasures, one at a time) | "
            f"{s['seconds']['p50']} s | {s['seconds']['p99']} s | {s['seconds']['mean']} s | "
            f"{s['seconds']['max']} s |",
            f"| baseline: one produce -> consume round trip, same broker "
            f"({b['round_trips']}) | {b['seconds']['p50']} s | {b['seconds']['p99']} s | "
            f"{b['seconds']['mean']} s | {b['seconds']['max']} s |",
            "",
            f"Ratio saga / round trip: p50 {result['ratio']['p50']}, p99 {result['ratio']['p99']}. "
            f"Target p99 <= {TARGET_P99_S} s: **{verdict}**. Percentiles are nearest-rank: "
            "with fewer than 100 samples the p99 is the slowest one.",
            "",
            "What is measured: profiles' erasure request (password check, its own erasure, the "
            "saga row and the outbox event in one transaction), its outbox relay (relay poll "
            f"interval {s['relay_poll_interval_s']} s, woken by NOTIFY), the broker, each "
            "participant's consumer (inbox + answer in its outbox, one transaction), the "
            "participant's relay, the broker again, and profiles' saga consumer recording the "
            f"answer. Participants: {s.get('participant_kind', 'stand-ins (empty erase step)')} "
            "(`--stand-ins` runs the participant plumbing with an empty erase step instead).",
            "",
            f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Python "
            f"{m['python']}, kernel {m['kernel']}, load at start {m['loadavg_at_start']}. "
            "Shared machine (other work running): absolute numbers vary; compare the ratio.",
            "",
        ]
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument(
        "--stand-ins", action="store_true", help="participants with an empty erase step"
    )
    args = parser.parse_args()
    size = "quick" if args.quick else "default"
    count = SIZES[size]
    info = machine()
    infra = await asyncio.to_thread(ensure_test_infra)
    log(f"baseline: {count} round trips")
    baseline = await bench_round_trip(count, infra.kafka_bootstrap)
    log(f"saga: {count} erasures")
    saga = await bench_saga(
        count, infra.admin_database_url, infra.kafka_bootstrap, stand_ins=args.stand_ins
    )
    command = "uv run python bench/bench_privacy_erasure.py" + "".join(
        f" --{flag}" for flag, on in (("quick", args.quick), ("stand-ins", args.stand_ins)) if on
    )
    result = {
        "benchmark": "privacy_erasure",
        "command": command,
        "size": size,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "target_p99_s": TARGET_P99_S,
        "saga": saga,
        "baseline": baseline,
        "ratio": {k: round(saga["seconds"][k] / baseline["seconds"][k], 1) for k in ("p50", "p99")},
    }
    out = REPO / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    (out / "privacy_erasure.json").write_text(json.dumps(result, indent=2) + "\n")
    report_text = report(result, command)
    (out / "privacy_erasure.md").write_text(report_text)
    print(report_text)


if __name__ == "__main__":
    asyncio.run(main())
