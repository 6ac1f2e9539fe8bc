"""Partner webhook fan-out at scale, against the real Postgres and real HTTP servers: a
consumed batch records its events and all their deliveries in one statement; each endpoint
keeps its own connections alive and gets at most its share of the concurrency; an endpoint
that answers slowly or never holds only its own slots while the others are delivered."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from conftest import TEST_CATALOGUE, PartnerThingPublished, settings_for
from contracts.envelope import CloudEvent
from devstack.harness import SmtpSink, TestInfra
from devstack.pgwire import recording
from eventkit.db import make_engine, make_session_factory
from notifications.bootstrap import NotificationsService
from notifications.domain.webhooks import Endpoint
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from notifications.service_layer.webhooks import record_partner_event, run_webhook_dispatcher

pytestmark = pytest.mark.timeout(120)


class HttpServer:
    """A partner's HTTP server in this process: answers 204 after ``delay_s`` (None: never),
    counting the connections it accepted and the most requests it had in flight at once."""

    def __init__(self, delay_s: float | None = 0.0) -> None:
        self.delay_s = delay_s
        self.connections = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.answered = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def __aenter__(self) -> HttpServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    def abort(self) -> None:
        """Drop every open connection (the client's waiting requests fail at once)."""
        for writer in self._writers:
            writer.transport.abort()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                try:
                    if self.delay_s is None:
                        await asyncio.Event().wait()  # never answers
                    await asyncio.sleep(self.delay_s)
                finally:
                    self.in_flight -= 1
                writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
                await writer.drain()
                self.answered += 1
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    svc = NotificationsService(
        settings_for(
            notifications_db,
            infra,
            smtp.port,
            worker_jobs=[],
            webhook_concurrency=6,
            webhook_concurrency_per_endpoint=2,
            webhook_timeout_s=30.0,
            webhook_slow_after_s=0.5,
        ),
        partner_catalogue=TEST_CATALOGUE,
    )
    # endpoints of other tests must not receive (nor count) these events
    async with svc.chassis.engine.begin() as conn:
        await conn.execute(text("UPDATE notifications.webhook_endpoints SET status = 'disabled'"))
    yield svc
    async with svc.chassis.engine.begin() as conn:
        await conn.execute(text("UPDATE notifications.webhook_endpoints SET status = 'disabled'"))
    await svc.chassis.dispose()


async def add_endpoints(service: NotificationsService, urls: list[str]) -> list[uuid.UUID]:
    made = [Endpoint(owner_id=uuid.uuid4(), url=url) for url in urls]
    async with service.uow() as uow:
        for endpoint in made:
            await uow.webhooks.add_endpoint(endpoint)
        await uow.commit()
    return [e.id for e in made]


def events(n: int) -> list[CloudEvent]:
    return [
        CloudEvent(
            source="/test",
            type=PartnerThingPublished.type_name,
            subject=str(uuid.uuid4()),
            data={"title": f"Thing {i}"},
        )
        for i in range(n)
    ]


async def count(service: NotificationsService, sql: str, **params: Any) -> int:
    async with service.chassis.engine.connect() as conn:
        return int((await conn.execute(text(sql), params)).scalar_one())


async def test_a_batch_of_events_and_all_their_deliveries_is_one_statement(
    service: NotificationsService,
) -> None:
    endpoints = await add_endpoints(
        service, [f"https://partner{i}.example/hooks" for i in range(10)]
    )
    batch = events(40)
    async with recording(service.settings.database_url) as wire:
        engine = make_engine(wire.database_url, pool_size=1)
        sessions = make_session_factory(engine)
        chassis = service.chassis
        try:
            async with engine.connect() as conn:  # the dialect's first-connect queries
                await conn.execute(text("SELECT 1"))
            wire.clear()
            async with NotificationsUnitOfWork(sessions, chassis.outbox, chassis.inbox) as uow:
                queued = [
                    await record_partner_event(ce, uow, TEST_CATALOGUE, datetime.now(UTC))
                    for ce in batch
                ]
                await uow.commit()
        finally:
            await engine.dispose()
    assert queued == [10] * 40
    # the active endpoints read once, then every row at commit: two statements for 400 rows
    assert wire.commands() == ["BEGIN", "SELECT", "WITH", "COMMIT"], wire.commands()
    assert (
        await count(
            service,
            "SELECT count(*) FROM notifications.webhook_deliveries"
            " WHERE endpoint_id = ANY(:ids) AND status = 'pending'",
            ids=endpoints,
        )
        == 400
    )
    # the same events again (a redelivered batch): nothing new
    async with service.uow() as uow:
        for ce in batch:
            await record_partner_event(ce, uow, TEST_CATALOGUE, datetime.now(UTC))
        await uow.commit()
    assert (
        await count(
            service,
            "SELECT count(*) FROM notifications.webhook_deliveries WHERE endpoint_id = ANY(:ids)",
            ids=endpoints,
        )
        == 400
    )


@pytest.mark.parametrize("bad_delay_s", [60.0, None], ids=["slow", "never-answers"])
async def test_a_slow_or_dead_endpoint_holds_only_its_own_slots(
    service: NotificationsService, bad_delay_s: float | None
) -> None:
    async with HttpServer() as good, HttpServer(bad_delay_s) as bad:
        healthy = await add_endpoints(service, [good.url] * 3)
        faulty = await add_endpoints(service, [bad.url])
        async with service.uow() as uow:
            for ce in events(40):
                await record_partner_event(ce, uow, TEST_CATALOGUE, datetime.now(UTC))
            await uow.commit()

        stop = asyncio.Event()
        started = time.monotonic()
        runner = asyncio.create_task(run_webhook_dispatcher(service.webhook_dispatcher(), stop))
        try:
            while (
                await count(
                    service,
                    "SELECT count(*) FROM notifications.webhook_deliveries"
                    " WHERE endpoint_id = ANY(:ids) AND status = 'succeeded'",
                    ids=healthy,
                )
                < 120
            ):
                # before the faulty endpoint's first request could end (its timeout, 30 s):
                # the healthy ones never waited for it
                assert time.monotonic() - started < 28, "the healthy endpoints were held up"
                await asyncio.sleep(0.1)
        finally:
            bad_peak, bad_answered = bad.most_in_flight, bad.answered
            bad.abort()  # its requests in flight would otherwise hold the dispatcher's stop
            stop.set()
            stopping = time.monotonic()
            await runner
            stopped_in = time.monotonic() - stopping

        # leased messages not sent yet stay unsent once it stops (a new request could take
        # the whole 30 s timeout): the dispatcher stops at once
        assert stopped_in < 10, stopped_in

        # the faulty endpoint got its share of slots, no more, and kept them all along
        assert bad_peak == 2
        assert bad_answered == 0
        # each healthy endpoint reused its own kept-alive connections
        assert good.most_in_flight <= 6
        assert good.connections <= 3 * 2, good.connections
        assert good.answered == 120
        assert (
            await count(
                service,
                "SELECT count(*) FROM notifications.webhook_attempts a"
                " JOIN notifications.webhook_deliveries d ON d.id = a.delivery_id"
                " WHERE d.endpoint_id = ANY(:ids) AND a.status_code = 204",
                ids=healthy,
            )
            == 120
        )
        assert (
            await count(
                service,
                "SELECT count(*) FROM notifications.webhook_deliveries"
                " WHERE endpoint_id = ANY(:ids) AND status = 'pending'",
                ids=faulty,
            )
            == 40
        )


async def test_a_webhook_send_is_a_span_of_the_events_trace(service: NotificationsService) -> None:
    """The send joins the trace the event carries (ce_traceparent): one trace from the
    request that made the event to the partner's webhook (in-memory exporter)."""
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from opentelemetry.trace import SpanKind

    from eventkit import tracing

    trace_id, parent_id = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    [ce] = events(1)
    ce = ce.model_copy(update={"traceparent": f"00-{trace_id}-{parent_id}-01"})
    exporter = InMemorySpanExporter()
    assert tracing.configure_tracing("webhook-trace-test", exporter=exporter)
    try:
        async with HttpServer() as partner:
            await add_endpoints(service, [partner.url])
            async with service.uow() as uow:
                await record_partner_event(ce, uow, TEST_CATALOGUE, datetime.now(UTC))
                await uow.commit()
            stop = asyncio.Event()
            runner = asyncio.create_task(run_webhook_dispatcher(service.webhook_dispatcher(), stop))
            try:
                for _ in range(300):
                    if partner.answered:
                        break
                    await asyncio.sleep(0.1)
            finally:
                stop.set()
                await runner
            assert partner.answered == 1
        sends = [s for s in exporter.get_finished_spans() if s.name == "webhook send"]
    finally:
        tracing.shutdown_tracing()
    [send] = sends
    assert send.kind is SpanKind.CLIENT
    assert f"{send.context.trace_id:032x}" == trace_id
    assert send.parent is not None and f"{send.parent.span_id:016x}" == parent_id
    assert send.attributes is not None
    assert send.attributes["webhook.event_type"] == PartnerThingPublished.type_name
