"""Notifications throughput: partner webhook fan-out and email dispatch, each beside an
in-run baseline from the same script.

    uv run python bench/bench_notifications_fanout.py [--quick]

* Webhooks: recording partner events as the worker's consumer does (a consumed batch in
  one unit of work: the events and all their deliveries one statement at commit), then
  E endpoints x N events delivered by the worker's dispatcher loop
  (``run_webhook_dispatcher``: lease from Postgres, Standard Webhooks signing, HTTP POST,
  attempt log, outcome rows) to a local receiver process (uvicorn, answers 204). Baseline:
  the same number of raw httpx POSTs of the same bodies at the same concurrency, no
  database. Then one endpoint of E answers after 10 s, then never: the others' rate.
* Newsletter: an audience of M members recorded a chunk at a time
  (``send_due_newsletters``), then sent by the worker's email dispatcher
  (``run_email_dispatcher``) in a process of its own, killed (-9) part-way and restarted,
  its RSS sampled, to the local SMTP sink process (aiosmtpd, writes .eml files); what each
  person got is read back from the sink. Baseline: raw ``aiosmtplib.send`` of newsletters
  built as ``EmailMessage``s (as the service builds them, one per mail) at the same
  connection count (each send its own SMTP connection, as the service's are).

Uses the test Postgres in a database of its own (bench_notifications). Writes
docs/benchmarks/notifications_fanout.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from email.parser import HeaderParser
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
from notifications.domain.newsletter import LocalisedContent, Newsletter, Segment
from notifications.domain.webhooks import Endpoint
from notifications.service_layer.dispatch import run_email_dispatcher
from notifications.service_layer.newsletters import send_due_newsletters
from notifications.service_layer.webhooks import (
    PartnerCatalogue,
    record_partner_event,
    run_webhook_dispatcher,
)

REPO = Path(__file__).resolve().parents[1]
DATABASE = "bench_notifications"
SIZES = {
    "default": {
        "endpoints": 10,
        "events": 300,
        "recorded_events": 3000,
        "members": 100_000,
        "raw_emails": 10_000,
    },
    "quick": {
        "endpoints": 4,
        "events": 50,
        "recorded_events": 300,
        "members": 1_000,
        "raw_emails": 300,
    },
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
#: a partner that answers, but only after 10 s (the dispatcher's timeout is 10 s too)
SLOW_RECEIVER_APP = RECEIVER_APP.replace(
    "    await send(", "    await asyncio.sleep(10)\n    await send(", 1
).replace("async def app", "import asyncio\n\n\nasync def app", 1)


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


def start_receiver(
    port: int, home: Path, source: str = RECEIVER_APP, name: str = "bench_receiver_app"
) -> subprocess.Popen[bytes]:
    app = home / f"{name}.py"
    app.write_text(source)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            f"{name}:app",
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
    if source == RECEIVER_APP:
        wait_until(lambda: _up(port), 20, what=f"receiver on {port}")
    else:
        wait_until(lambda: _listening(port), 20, what=f"receiver on {port}")
    return proc


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _up(port: int) -> bool:
    try:
        return httpx.post(f"http://127.0.0.1:{port}/", timeout=1).status_code == 204
    except httpx.HTTPError:
        return False


async def _count(service: NotificationsService, sql: str, **params: Any) -> int:
    async with service.chassis.engine.connect() as conn:
        return int((await conn.execute(text(sql), params)).scalar_one())


async def succeeded(service: NotificationsService, endpoints: list[uuid.UUID]) -> int:
    return await _count(
        service,
        "SELECT count(*) FROM notifications.webhook_deliveries"
        " WHERE status = 'succeeded' AND endpoint_id = ANY(:endpoints)",
        endpoints=endpoints,
    )


async def retried(service: NotificationsService, endpoints: list[uuid.UUID]) -> int:
    return await _count(
        service,
        "SELECT count(*) FROM notifications.webhook_attempts a"
        " JOIN notifications.webhook_deliveries d ON d.id = a.delivery_id"
        " WHERE a.error IS NOT NULL AND d.endpoint_id = ANY(:endpoints)",
        endpoints=endpoints,
    )


async def new_endpoints(service: NotificationsService, urls: list[str]) -> list[uuid.UUID]:
    """Endpoints for one scenario; the previous scenario's are disabled and their pending
    deliveries dropped, so each scenario's numbers are its own."""
    async with service.chassis.engine.begin() as conn:
        await conn.execute(text("UPDATE notifications.webhook_endpoints SET status = 'disabled'"))
        await conn.execute(
            text("DELETE FROM notifications.webhook_deliveries WHERE status = 'pending'")
        )
    made = [Endpoint(owner_id=uuid.uuid4(), url=url) for url in urls]
    async with service.uow() as uow:
        for endpoint in made:
            await uow.webhooks.add_endpoint(endpoint)
        await uow.commit()
    return [e.id for e in made]


def partner_event(n: int) -> CloudEvent:
    return CloudEvent(
        source="/bench",
        type=EVENT_TYPE,
        subject=str(uuid.uuid4()),
        data={"n": n, "title": f"Thing {n}", "padding": "x" * 400},
    )


async def record(service: NotificationsService, events: list[CloudEvent]) -> float:
    """Record ``events`` as the worker's consumer does: a consumed batch (up to
    ``consumer_batch_max_records``) in one unit of work, one statement per event. Seconds."""
    batch = service.settings.consumer_batch_max_records
    t0 = time.perf_counter()
    for start in range(0, len(events), batch):
        async with service.uow() as uow:
            for ce in events[start : start + batch]:
                await record_partner_event(ce, uow, service.partner_catalogue, service.clock.now())
            await uow.commit()
    return time.perf_counter() - t0


async def deliver(service: NotificationsService, watched: list[uuid.UUID], total: int) -> float:
    """Run the worker's dispatcher loop until the ``watched`` endpoints' ``total`` messages
    all succeeded. Seconds."""
    stop = asyncio.Event()
    t0 = time.perf_counter()
    runner = asyncio.create_task(run_webhook_dispatcher(service.webhook_dispatcher(), stop))
    # polling the outcome rows: failed attempts retry after a short backoff
    while await succeeded(service, watched) < total:  # noqa: ASYNC110 (state lives in Postgres)
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - t0
    stop.set()
    await runner
    return elapsed


async def raw_posts(url: str, bodies: list[bytes], total: int, concurrency: int) -> float:
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
        return time.perf_counter() - t0


async def silent_server() -> tuple[asyncio.Server, int]:
    """Accepts connections, reads, never answers: an endpoint that is there and dead."""

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.read(65536):
                pass
        finally:
            writer.close()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def bench_webhooks(
    service: NotificationsService, url: str, slow_url: str, sizes: dict[str, int]
) -> dict[str, Any]:
    n_endpoints, events = sizes["endpoints"], sizes["events"]
    concurrency = service.settings.webhook_concurrency

    # recording: many events, as the consumer records them
    await new_endpoints(service, [url] * n_endpoints)
    recorded = [partner_event(n) for n in range(sizes["recorded_events"])]
    record_s = await record(service, recorded)
    log(f"webhooks: {len(recorded)} events x {n_endpoints} endpoints recorded in {record_s:.2f}s")

    # delivering: every endpoint healthy, then the raw baseline at the same concurrency
    healthy = await new_endpoints(service, [url] * n_endpoints)
    batch = [partner_event(n) for n in range(events)]
    await record(service, batch)
    bodies = [json.dumps(ce.structured()).encode() for ce in batch]
    total = n_endpoints * events
    dispatch_s = await deliver(service, healthy, total)
    log(f"webhooks: {total} delivered in {dispatch_s:.1f}s")
    raw_s = await raw_posts(url, bodies, total, concurrency)
    log(f"webhooks: {total} raw posts in {raw_s:.1f}s")

    # one endpoint of ten slow (answers after 10 s), then one dead (never answers): the
    # other nine's messages, timed until all of them are delivered
    server, silent_port = await silent_server()
    faulty: dict[str, Any] = {}
    try:
        for name, bad_url in (
            ("slow_10s", slow_url),
            ("dead_never_answers", f"http://127.0.0.1:{silent_port}/hooks"),
        ):
            ids = await new_endpoints(service, [url] * (n_endpoints - 1) + [bad_url])
            await record(service, [partner_event(n) for n in range(events)])
            others = ids[:-1]
            others_total = len(others) * events
            seconds = await deliver(service, others, others_total)
            faulty[name] = {
                "others_delivered": others_total,
                "others_deliveries_per_s": round(others_total / seconds, 1),
                "bad_endpoint_attempts_failed": await retried(service, ids[-1:]),
            }
            log(
                f"webhooks ({name}): the other {len(others)} endpoints' {others_total} "
                f"in {seconds:.1f}s"
            )
    finally:
        server.close()
    healthy_rate = total / dispatch_s
    for found in faulty.values():
        found["ratio_to_all_healthy_rate"] = round(
            found["others_deliveries_per_s"] / healthy_rate, 3
        )
    return {
        "messages": total,
        "endpoints": n_endpoints,
        "events": events,
        "concurrency": concurrency,
        "concurrency_per_endpoint": service.settings.webhook_concurrency_per_endpoint,
        "failed_attempts_retried": await retried(service, healthy),
        "recorded_events": len(recorded),
        "recording_events_per_s": round(len(recorded) / record_s, 1),
        "recording_batch": service.settings.consumer_batch_max_records,
        "service_deliveries_per_s": round(healthy_rate, 1),
        "raw_posts_per_s": round(total / raw_s, 1),
        "ratio_service_to_raw": round(healthy_rate / (total / raw_s), 3),
        "one_endpoint_faulty": faulty,
    }


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def add_audience(service: NotificationsService, members: int) -> None:
    """``members`` people who want newsletters (recipients and audience projections), by
    COPY: what the consumers would have built from profiles' events."""
    url = plain_url(service.settings.database_url)
    conn = await asyncpg.connect(url)
    try:
        people = [uuid.uuid4() for _ in range(members)]
        await conn.copy_records_to_table(
            "recipients",
            schema_name="notifications",
            records=[
                (p, f"m{i}@example.org", f"Member {i}", ("fr", "en", "es", "ar")[i % 4], 1)
                for i, p in enumerate(people)
            ],
            columns=["account_id", "email", "display_name", "locale", "version"],
        )
        await conn.copy_records_to_table(
            "audience_members",
            schema_name="notifications",
            records=[(p, "HT", '["investment"]', "[]", 1) for p in people],
            columns=["person_id", "country_of_origin", "interests", "languages", "version"],
        )
        await conn.execute("ANALYZE notifications.recipients")
        await conn.execute("ANALYZE notifications.audience_members")
    finally:
        await conn.close()


def start_dispatcher(service: NotificationsService) -> subprocess.Popen[bytes]:
    """The worker's email dispatcher loop (``run_email_dispatcher``) in a process of its
    own, so it can be killed (-9) and measured (RSS) like a real worker."""
    s = service.settings
    env = {
        **os.environ,
        "DATABASE_URL": s.database_url,
        "KAFKA_BOOTSTRAP_SERVERS": s.kafka_bootstrap_servers,
        "SMTP_PORT": str(s.smtp_port),
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "false",
        "DISPATCH_POLL_INTERVAL_S": "0.2",
    }
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--email-dispatcher"], env=env
    )


async def run_dispatcher_here() -> None:
    service = NotificationsService(NotificationsSettings())
    await run_email_dispatcher(service.uow, service.email_sender, service.settings, asyncio.Event())


async def progress(service: NotificationsService, newsletter_id: uuid.UUID) -> dict[str, int]:
    async with service.uow() as uow:
        return await uow.deliveries.campaign_progress(newsletter_id)


def mail_seen(maildir: Path) -> dict[str, int]:
    """What people got: messages per recipient, distinct Message-IDs per recipient (mail
    software drops a copy with a Message-ID it already has)."""
    parser = HeaderParser()
    ids_by_person: dict[str, set[str]] = {}
    files = 0
    for path in maildir.glob("*.eml"):
        with path.open("rb") as f:
            head = parser.parsestr(f.read(8192).decode("utf-8", "replace"))
        files += 1
        ids_by_person.setdefault(str(head["To"]), set()).add(str(head["Message-ID"]))
    return {
        "messages_at_the_sink": files,
        "people_reached": len(ids_by_person),
        "people_with_two_different_mails": sum(1 for ids in ids_by_person.values() if len(ids) > 1),
        "copies_with_a_repeated_message_id": files - sum(len(i) for i in ids_by_person.values()),
    }


async def bench_newsletter(
    service: NotificationsService, sink: Any, sizes: dict[str, int]
) -> dict[str, Any]:
    members = sizes["members"]
    settings = service.settings
    log(f"newsletter: an audience of {members:,}")
    await add_audience(service, members)
    newsletter = Newsletter(
        created_by=uuid.uuid4(),
        content={
            language: LocalisedContent(subject=f"News ({language})", intro="What moved " * 20)
            for language in ("en", "fr", "es", "ar")
        },
        segment=Segment(interests=["investment"]),
        # not paced: the bench measures how fast it can go (the API allows 10,000 a minute)
        per_minute=100_000_000,
    )
    newsletter.schedule(datetime.now(UTC))
    async with service.uow() as uow:
        await uow.audience.add_newsletter(newsletter)
        await uow.commit()

    # recording the audience's deliveries, a chunk at a time, RSS sampled
    me = os.getpid()
    samples = [rss_mib(me)]
    queuing = asyncio.create_task(
        send_due_newsletters(service.uow, service.notifier, settings, datetime.now(UTC))
    )
    t0 = time.perf_counter()
    while not queuing.done():
        samples.append(rss_mib(me))
        await asyncio.wait({queuing}, timeout=0.5)
    await queuing
    queue_s = time.perf_counter() - t0
    queued = (await progress(service, newsletter.id))["pending"]
    log(
        f"newsletter: {queued:,} deliveries recorded in {queue_s:.1f}s, "
        f"RSS {samples[0]}->{max(samples)} MiB"
    )

    # sending, by the dispatcher in its own process: killed (-9) part-way, then restarted
    sink.clear()
    kill_at = members * 2 // 5
    rss: list[tuple[float, float]] = []
    t0 = time.perf_counter()
    proc = start_dispatcher(service)
    sent = 0
    killed_at_sent: int | None = None
    first_run_s = 0.0
    restarted = 0.0
    try:
        while sent < members:
            await asyncio.sleep(0.5)
            if proc.poll() is None:
                rss.append((round(time.perf_counter() - t0, 1), rss_mib(proc.pid)))
            sent = (await progress(service, newsletter.id))["sent"]
            if killed_at_sent is None and sent >= kill_at:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                first_run_s = time.perf_counter() - t0
                killed_at_sent = sent
                log(f"newsletter: dispatcher killed (-9) after {sent:,} sent; restarting")
                restarted = time.perf_counter()
                proc = start_dispatcher(service)
            if time.perf_counter() - t0 > 3600:
                raise RuntimeError(f"only {sent} of {members} sent in an hour")
        second_run_s = time.perf_counter() - restarted
    finally:  # never leave a dispatcher behind (it would send from the next run's rows)
        proc.terminate()
        proc.wait(10)
    assert killed_at_sent is not None
    final = await progress(service, newsletter.id)
    log(f"newsletter: {final}; reading the sink")
    seen = mail_seen(sink.maildir)
    service_rate = members / (first_run_s + second_run_s)
    log(f"newsletter: {members:,} sent at {service_rate:.1f}/s; {seen}")

    # raw aiosmtplib at the same connection count, the same kind of message
    raw_count = sizes["raw_emails"]
    message = templates.render(
        "newsletter", "fr", unsubscribe_url="https://u.test/x", name="Amina",
        subject="Nouvelles", intro="What moved " * 20, resources=[], events=[],
    )  # fmt: skip
    limit = asyncio.Semaphore(settings.email_concurrency)

    async def send(i: int) -> None:
        # a raw sender builds each mail too (the same EmailMessage the service composes)
        mail = service.email_sender.compose(
            f"raw{i}@example.org", message, delivery_id=uuid.uuid4()
        )
        async with limit:
            await aiosmtplib.send(mail, hostname="127.0.0.1", port=settings.smtp_port)

    t0 = time.perf_counter()
    await asyncio.gather(*(send(i) for i in range(raw_count)))
    raw_rate = raw_count / (time.perf_counter() - t0)
    log(f"newsletter: raw aiosmtplib {raw_rate:.1f}/s")
    sink.clear()
    peak = max(r for _, r in rss)
    return {
        "members": members,
        "queue_s": round(queue_s, 1),
        "queued_per_s": round(members / queue_s, 1),
        "queuing_rss_mib": {"start": samples[0], "peak": max(samples)},
        "concurrency": settings.email_concurrency,
        "killed_after_sent": killed_at_sent,
        "service_emails_per_s": round(service_rate, 1),
        "raw_emails": raw_count,
        "raw_sends_per_s": round(raw_rate, 1),
        "ratio_service_to_raw": round(service_rate / raw_rate, 3),
        "dispatcher_rss_mib": {
            "first_sample": rss[0][1],
            "peak": peak,
            "last_sample": rss[-1][1],
            "samples": rss[:: max(1, len(rss) // 40)],
        },
        "final": final,
        "sink": seen,
    }


def report(result: dict[str, Any], command: str) -> str:
    w, e = result["webhooks"], result["newsletter"]
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
            f"| newsletter emails/s ({e['members']:,} members, to the local SMTP sink, "
            f"{e['concurrency']} connections at a time; the dispatcher killed -9 after "
            f"{e['killed_after_sent']:,} and restarted) | {e['service_emails_per_s']} | "
            f"{e['raw_sends_per_s']} raw aiosmtplib sends/s ({e['raw_emails']:,}) | "
            f"{e['ratio_service_to_raw']} |",
            "",
            f"Recording (the consumer's way: a batch of up to {w['recording_batch']} events in "
            f"one transaction, ONE statement per event for the event and all its deliveries): "
            f"{w['recorded_events']} events x {w['endpoints']} endpoints at "
            f"{w['recording_events_per_s']} events/s.",
            "",
            f"One endpoint of {w['endpoints']} faulty (at most {w['concurrency_per_endpoint']} "
            f"messages in flight per endpoint, {w['concurrency']} overall; each endpoint its "
            "own kept-alive connections): the other endpoints' messages, timed until all "
            "were delivered, against the all-healthy rate above:",
            "",
            "| faulty endpoint | the others' deliveries/s | ratio to all healthy | the faulty "
            "one's failed attempts meanwhile |",
            "|---|---:|---:|---:|",
            *(
                f"| {name.replace('_', ' ')} | {f['others_deliveries_per_s']} | "
                f"{f['ratio_to_all_healthy_rate']} | {f['bad_endpoint_attempts_failed']} |"
                for name, f in w["one_endpoint_faulty"].items()
            ),
            "",
            f"Load average at end: {result['machine'].get('loadavg_at_end')}.",
            "",
            f"Newsletter: the audience's {e['members']:,} deliveries recorded a chunk at a "
            f"time in {e['queue_s']} s ({e['queued_per_s']}/s; the scheduler's RSS "
            f"{e['queuing_rss_mib']['start']} -> {e['queuing_rss_mib']['peak']} MiB peak). "
            f"The dispatcher's RSS while sending: {e['dispatcher_rss_mib']['first_sample']} MiB "
            f"at first, {e['dispatcher_rss_mib']['peak']} MiB peak, "
            f"{e['dispatcher_rss_mib']['last_sample']} MiB last (sampled every 0.5 s, in the "
            f"JSON). Final: {e['final']}. At the sink: {e['sink']['messages_at_the_sink']:,} "
            f"messages to {e['sink']['people_reached']:,} people; "
            f"{e['sink']['people_with_two_different_mails']} got two different mails; "
            f"{e['sink']['copies_with_a_repeated_message_id']} copies repeat a Message-ID "
            "(the mails in flight at the kill, sent again with the same Message-ID, which "
            "mail software drops).",
            "",
            "The service path includes what the baseline does not: leasing rows from Postgres, "
            "signing (Standard Webhooks), the attempt log and the outcome row per message; for "
            "email, claiming, composing and marking each delivery, one short transaction per "
            "mail. The SMTP sink writes every "
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
    parser.add_argument("--email-dispatcher", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.email_dispatcher:  # the process start_dispatcher runs
        await run_dispatcher_here()
        return
    size = "quick" if args.quick else "default"
    sizes = SIZES[size]
    home = REPO / ".local" / "bench_notifications"
    home.mkdir(parents=True, exist_ok=True)
    port, slow_port = free_port(), free_port()
    receiver = start_receiver(port, home)
    slow_receiver = start_receiver(slow_port, home, SLOW_RECEIVER_APP, "bench_slow_receiver_app")
    info = machine()
    try:
        with start_smtp_sink(maildir=home / "mail") as sink:
            sink.clear()
            service = await fresh_service(sink.port, "127.0.0.1")
            try:
                webhooks = await bench_webhooks(
                    service,
                    f"http://127.0.0.1:{port}/hooks",
                    f"http://127.0.0.1:{slow_port}/hooks",
                    sizes,
                )
                email = await bench_newsletter(service, sink, sizes)
            finally:
                await service.chassis.dispose()
            sink.clear()
    finally:
        for proc in (receiver, slow_receiver):
            proc.terminate()
            proc.wait(10)
    command = "uv run python bench/bench_notifications_fanout.py" + (
        " --quick" if args.quick else ""
    )
    info["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result = {
        "benchmark": "notifications_fanout",
        "command": command,
        "size": size,
        "sizes": sizes,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "webhooks": webhooks,
        "newsletter": email,
    }
    out = REPO / "docs" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    (out / "notifications_fanout.json").write_text(json.dumps(result, indent=2) + "\n")
    text = report(result, command)
    (out / "notifications_fanout.md").write_text(text)
    print(text)


if __name__ == "__main__":
    asyncio.run(main())
