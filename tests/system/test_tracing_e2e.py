"""One registration is one trace: the API's request span, the outbox write, the relay's
publish, notifications' handling and the welcome email's send, joined by W3C trace context
carried in the CloudEvent (``ce_traceparent``) through the real Kafka broker.

Profiles' API (a real uvicorn server: notifications fetches subject keys from it over HTTP)
and relay, notifications' worker and email dispatcher run in this process with OpenTelemetry's
SDK and an in-memory exporter (eventkit.tracing); Postgres, Kafka and SMTP are real.
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from devstack.harness import SmtpSink, TestInfra
from devstack.subject_keys import subject_key_env
from devstack.testing import (
    eventually,
    fresh_service_database,
    migrate,
    running_relay,
    running_worker,
    skip_history,
)
from devstack.waiting import free_port
from eventkit import tracing

pytestmark = pytest.mark.timeout(600)


def settings_from_env(env: dict[str, str]) -> dict[str, Any]:
    """Settings arguments from environment variables (JSON ones decoded, as from the env)."""
    return {k.lower(): json.loads(v) if k == "SUBJECT_KEY_CLIENTS" else v for k, v in env.items()}


@pytest.fixture
async def traced() -> AsyncIterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    assert tracing.configure_tracing("tracing-test", exporter=exporter)
    try:
        yield exporter
    finally:
        tracing.shutdown_tracing()


async def serve(app: Any, port: int) -> tuple[uvicorn.Server, asyncio.Task[None]]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    task = asyncio.create_task(server.serve())
    await eventually(lambda: asyncio.sleep(0, server.started), timeout_s=120)
    return server, task


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    chain = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        chain.append(span)
    return chain


async def test_a_registration_is_one_trace_from_the_api_to_the_welcome_email(
    traced: InMemorySpanExporter, infra: TestInfra, smtp_sink: SmtpSink
) -> None:
    from notifications.bootstrap import NotificationsService
    from notifications.config import NotificationsSettings
    from profiles.bootstrap import ProfilesService
    from profiles.config import ProfilesSettings

    port = free_port()
    profiles_url = f"http://127.0.0.1:{port}"
    secret = os.urandom(32)
    services = ["profiles", "notifications"]
    profiles = ProfilesService(
        ProfilesSettings(
            database_url=await fresh_service_database(infra, "profiles"),
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            relay_poll_interval_s=0.2,
            argon2_time_cost=1,
            argon2_memory_cost_kib=64,
            log_json=False,
            **settings_from_env(subject_key_env("profiles", services, profiles_url, secret)),
        )
    )
    group = f"notifications-trace-{uuid.uuid4().hex[:8]}"
    notifications = NotificationsService(
        NotificationsSettings(
            database_url=await fresh_service_database(infra, "notifications"),
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            kafka_consumer_group=group,
            smtp_port=smtp_sink.port,
            unsubscribe_signing_key="trace-test-" + uuid.uuid4().hex,
            dispatch_poll_interval_s=0.1,
            worker_jobs=["email"],
            log_json=False,
            **settings_from_env(subject_key_env("notifications", services, profiles_url, secret)),
        )
    )
    await migrate(profiles)
    await migrate(notifications)
    dispatcher = notifications.dispatcher()
    assert dispatcher is not None
    await skip_history(infra.kafka_bootstrap, group, dispatcher.topics())

    server, serving = await serve(profiles.create_app(), port)
    try:
        async with running_relay(profiles), running_worker(notifications):
            email = f"traced-{uuid.uuid4().hex[:10]}@example.org"
            async with httpx.AsyncClient(base_url=profiles_url, timeout=60) as client:
                answer = await client.post(
                    "/v1/auth/register",
                    json={
                        "email": email,
                        "password": "a long enough passphrase",
                        "display_name": "Amina",
                        "locale": "fr",
                    },
                )
            assert answer.status_code == 201, answer.text
            await asyncio.to_thread(smtp_sink.wait_for_messages, 1, 120.0)

            def sent() -> list[ReadableSpan]:
                return [s for s in traced.get_finished_spans() if s.name == "email send"]

            await eventually(lambda: asyncio.sleep(0, sent()), timeout_s=60)
    finally:
        server.should_exit = True
        await serving
        await profiles.chassis.dispose()
        await notifications.chassis.dispose()

    spans = traced.get_finished_spans()
    by_id = {s.context.span_id: s for s in spans}
    (send,) = [s for s in spans if s.name == "email send"]
    request = next(
        s
        for s in spans
        if s.kind == SpanKind.SERVER and s.attributes.get("http.route") == "/v1/auth/register"
    )
    chain = ancestors(send, by_id)
    names = [s.name for s in chain]
    # email send <- process (notifications) <- outbox write (profiles) <- ... <- the request
    assert request in chain, names
    assert send.context.trace_id == request.context.trace_id
    process = chain[0]
    assert (
        process.name == "process profiles.account.registered" and process.kind == SpanKind.CONSUMER
    )
    written = chain[1]
    assert written.name == "outbox write profiles.account.registered"
    assert written.kind == SpanKind.PRODUCER
    # the relay's publish of that row is a child of the same outbox write
    publishes = [
        s
        for s in spans
        if s.name == "publish"
        and s.parent is not None
        and s.parent.span_id == written.context.span_id
    ]
    assert len(publishes) == 1 and publishes[0].kind == SpanKind.PRODUCER
    # database work inside the request is traced (asyncpg instrumentation)
    in_request = [s for s in spans if request in ancestors(s, by_id)]
    assert any(s.attributes.get("db.system") == "postgresql" for s in in_request), [
        s.name for s in in_request
    ]
    assert send.resource.attributes["service.name"] == "tracing-test"
