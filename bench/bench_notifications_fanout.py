"""Notifications throughput: partner webhook fan-out and email dispatch, each beside an
in-run baseline from the same script.

    uv run python bench/bench_notifications_fanout.py [--quick]

* Webhooks: E endpoints subscribed to every event, N partner events fanned out
  (``record_partner_event``), then the worker's webhook dispatcher loop
  (``run_webhook_dispatcher``) delivers all E*N messages (lease from Postgres, Standard
  Webhooks signing, HTTP POST, attempt log, outcome row) to a local receiver process
  (uvicorn, answers 204). Baseline: the same number of raw
  httpx POSTs of the same body at the same concurrency, no database.
* Email: M recorded deliveries sent by ``dispatch_due_emails`` (claim, compose, SMTP, save)
  to the local SMTP sink process (aiosmtpd, writes .eml files). Baseline: raw
  ``aiosmtplib.send`` of the same composed messages at the same concurrency.

Uses the test Postgres in a database of its own (bench_notifications). Writes
docs/benchmarks/notifications_fanout.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiosmtplib
import asyncpg
import httpx
from benchkit import describe_machine, log
from sqlalchemy import text

from contracts.envelope import CloudEvent
from devstack.harness import ensure_test_infra, start_smtp_sink
from devstack.postgres import aprovision_service, ensure_database, plain_url
from devstack.waiting import free_port, wait_until
from notifications.adapters import templates
from notifications.bootstrap import NotificationsService
from notifications.config import NotificationsSettings
from notifications.domain.delivery import Delivery
from notifications.domain.webhooks import Endpoint
from notifications.service_layer.dispatch import dispatch_due_emails
from notifications.service_layer.webhooks import (
    PartnerCatalogue,
    record_partner_event,
    run_webhook_dispatcher,
)

REPO = Path(__file__).resolve().parents[1]
DATABASE = "bench_notifications"
SIZES = {
    "default": {"endpoints": 10, "events": 300, "emails": 1000},
    "quick": {"endpoints": 4, "events": 50, "emails": 150},
}
EVENT_TYPE = "bench.thing.published"
RECEIVER_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})
"""


def machine() -> dict[str, Any]:
    return describe_machine(("httpx", "aiosmtplib", "sqlalchemy", "asyncpg"))


async def fresh_service(smtp_port: int, receiver_host: str) -> NotificationsService:
    infra = await asyncio.to_thread(ensure_test_infra)
    await ensure_database(infra.admin_database_url, DATABASE)
    parts = urlsplit(plain_url(infra.admin_database_url))
    admin = urlunsplit((parts.scheme, parts.netloc, f"/{DATABASE}", parts.query, ""))
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute("DROP SCHEMA IF EXISTS notifications CASCADE")
    finally:
        await conn.close()
    url = await aprovision_service(admin, "notifications")
    from contracts.base import IntegrationEvent

    class BenchEvent(IntegrationEvent):
        type_name = EVENT_TYPE
        topic = "bench.thing.v1"

    service = NotificationsService(
        NotificationsSettings(
            database_url=url,
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            smtp_port=smtp_port,
            webhook_allowed_private=[receiver_host],
            webhook_retry_base_s=0.2,
            webhook_retry_cap_s=2.0,
            log_json=False,
            log_level="WARNING",
        ),
        partner_catalogue=PartnerCatalogue({EVENT_TYPE: BenchEvent}),
    )
    await asyncio.to_thread(service.chassis.migrate, service.migrations_dir)
    return service


def start_receiver(port: int, home: Path) -> subprocess.Popen[bytes]:
    app = home / "bench_receiver_app.py"
    app.write_text(RECEIVER_APP)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench_receiver_app:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--app-dir",
            str(home),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until(lambda: _up(port), 20, what=f"receiver on {port}")
    return proc


def _up(port: int) -> bool:
    try:
        return httpx.post(f"http://127.0.0.1:{port}/", timeout=1).status_code == 204
    except httpx.HTTPError:
        return False


async def succeeded(service: NotificationsService) -> int:
    async with service.chassis.engine.connect() as conn:
        return int(
            (
                await conn.execute(
                    text(
                        "SELECT count(*) FROM notifications.webhook_deliveries"
                        " WHERE status = 'succeeded'"
                    )
                )
            ).scalar_one()
        )


async def retried(service: NotificationsService) -> int:
    async with service.chassis.engine.connect() as conn:
        return int(
            (
                await conn.execute(
                    text(
                        "SELECT count(*) FROM notifications.webhook_attempts"
                        " WHERE error IS NOT NULL"
                    )
                )
            ).scalar_one()
        )


async def bench_webhooks(
    service: NotificationsService, url: str, sizes: dict[str, int]
) -> dict[str, Any]:
    endpoints = sizes["endpoints"]
    events = sizes["events"]
    async with service.uow() as uow:
        for _ in range(endpoints):
            await uow.webhooks.add_endpoint(Endpoint(owner_id=uuid.uuid4(), url=url))
        await uow.commit()
    bodies = []
    t0 = time.perf_counter()
    for n in range(events):
        ce = CloudEvent(
            source="/bench",
            type=EVENT_TYPE,
            subject=str(uuid.uuid4()),
            data={"n": n, "title": f"Thing {n}", "padding": "x" * 400},
        )
        bodies.append(json.dumps(ce.structured()).encode())
        async with service.uow() as uow:
            await record_partner_event(ce, uow, service.partner_catalogue)
            await uow.commit()
    fan_out_s = time.perf_counter() - t0
    total = endpoints * events
    log(f"webhooks: {events} events fanned out to {endpoints} endpoints in {fan_out_s:.1f}s")

    # the production loop (pipelined leases, batched outcome records), until all succeeded
    stop = asyncio.Event()
    t0 = time.perf_counter()
    runner = asyncio.create_task(run_webhook_dispatcher(service.webhook_dispatcher(), stop))
    # polling the outcome rows: failed attempts retry after a short backoff
    while await succeeded(service) < total:  # noqa: ASYNC110 (state lives in Postgres)
        await asyncio.sleep(0.05)
    dispatch_s = time.perf_counter() - t0
    stop.set()
    await runner
    log(f"webhooks: {total} delivered in {dispatch_s:.1f}s")

    concurrency = service.settings.webhook_concurrency
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:

        async def post(i: int) -> None:
            async with limit:
                r = await client.post(
                    url,
                    content=bodies[i % len(bodies)],
                    headers={"content-type": "application/json"},
                )
                assert r.status_code == 204

        t0 = time.perf_counter()
        await asyncio.gather(*(post(i) for i in range(total)))
        raw_s = time.perf_counter() - t0
    log(f"webhooks: {total} raw posts in {raw_s:.1f}s")
    return {
        "messages": total,
        "endpoints": endpoints,
        "events": events,
        "concurrency": concurrency,
        "failed_attempts_retried": await retried(service),
        "fan_out_events_per_s": round(events / fan_out_s, 1),
        "service_deliveries_per_s": round(total / dispatch_s, 1),
        "raw_posts_per_s": round(total / raw_s, 1),
        "ratio_service_to_raw": round((total / dispatch_s) / (total / raw_s), 3),
    }


async def bench_email(service: NotificationsService, sizes: dict[str, int]) -> dict[str, Any]:
    count = sizes["emails"]
    message = templates.render("welcome", "fr", name="Amina", unsubscribe_url="https://u.test/x")
    async with service.uow() as uow:
        for n in range(count):
            await uow.deliveries.add(
                Delivery(
                    recipient_id=uuid.uuid4(),
                    channel="email",
                    address=f"p{n}@example.org",
                    template="welcome",
                    source_event_id=f"bench-{n}",
                    message=message,
                )
            )
        await uow.commit()
    settings = service.settings
    t0 = time.perf_counter()
    sent = 0
    while sent < count:
        n = await dispatch_due_emails(service.uow, service.email_sender, settings)
        if n == 0:
            break
        sent += n
    service_s = time.perf_counter() - t0
    assert sent == count, f"only {sent}/{count} sent"
    log(f"email: {count} dispatched in {service_s:.1f}s")

    limit = asyncio.Semaphore(settings.email_concurrency)
    mails = [
        service.email_sender.compose(f"raw{n}@example.org", message, delivery_id=uuid.uuid4())
        for n in range(count)
    ]

    async def send(i: int) -> None:
        async with limit:
            await aiosmtplib.send(mails[i], hostname="127.0.0.1", port=settings.smtp_port)

    t0 = time.perf_counter()
    await asyncio.gather(*(send(i) for i in range(count)))
    raw_s = time.perf_counter() - t0
    log(f"email: {count} raw sends in {raw_s:.1f}s")
    return {
        "emails": count,
        "concurrency": settings.email_concurrency,
        "service_emails_per_s": round(count / service_s, 1),
        "raw_sends_per_s": round(count / raw_s, 1),
        "ratio_service_to_raw": round((count / service_s) / (count / raw_s), 3),
    }


def report(result: dict[str, Any], command: str) -> str:
    w, e = result["webhooks"], result["email"]
    m = result["machine"]
    return "\n".join(
        [
            "# Notifications fan-out benchmark",
            "",
            f"Command: `{command}` ({result['size']} sizes), {result['finished_at']}",
            "",
            "| measure | service | raw baseline (same script) | ratio |",
            "|---|---:|---:|---:|",
            f"| webhook deliveries/s ({w['endpoints']} endpoints x {w['events']} events, "
            f"concurrency {w['concurrency']}) | {w['service_deliveries_per_s']} | "
            f"{w['raw_posts_per_s']} raw httpx POSTs/s | {w['ratio_service_to_raw']} |",
            f"| emails/s ({e['emails']} to the local SMTP sink, concurrency {e['concurrency']}) | "
            f"{e['service_emails_per_s']} | {e['raw_sends_per_s']} raw aiosmtplib sends/s | "
            f"{e['ratio_service_to_raw']} |",
            "",
            f"Fan-out (recording one partner event and its {w['endpoints']} deliveries, one "
            f"transaction each): {w['fan_out_events_per_s']} events/s.",
            "",
            "The service path includes what the baseline does not: leasing rows from Postgres, "
            "signing (Standard Webhooks), the attempt log and the outcome row per message; for "
            "email, claiming, composing and saving each delivery. The SMTP sink writes every "
            "message to disk, the receiver is a uvicorn process answering 204.",
            "",
            f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Python "
            f"{m['python']}, kernel {m['kernel']}, load at start {m['loadavg_at_start']}. "
            "Shared machine: absolute numbers vary with other work; compare ratios.",
            "",
        ]
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    args = parser.parse_args()
    size = "quick" if args.quick else "default"
    sizes = SIZES[size]
    home = REPO / ".local" / "bench_notifications"
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    receiver = start_receiver(port, home)
    info = machine()
    try:
        with start_smtp_sink(maildir=home / "mail") as sink:
            sink.clear()
            service = await fresh_service(sink.port, "127.0.0.1")
            try:
                webhooks = await bench_webhooks(service, f"http://127.0.0.1:{port}/hooks", sizes)
                email = await bench_email(service, sizes)
            finally:
                await service.chassis.dispose()
            sink.clear()
    finally:
        receiver.terminate()
        receiver.wait(10)
    command = "uv run python bench/bench_notifications_fanout.py" + (
        " --quick" if args.quick else ""
    )
    result = {
        "benchmark": "notifications_fanout",
        "command": command,
        "size": size,
        "sizes": sizes,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "webhooks": webhooks,
        "email": email,
    }
    out = REPO / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    (out / "notifications_fanout.json").write_text(json.dumps(result, indent=2) + "\n")
    text = report(result, command)
    (out / "notifications_fanout.md").write_text(text)
    print(text)


if __name__ == "__main__":
    asyncio.run(main())
