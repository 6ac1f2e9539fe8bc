"""Fixtures of the notifications tests: a migrated schema (once per session), the service
wired to the real broker, Postgres and an SMTP sink process, and a partner webhook receiver
process that verifies signatures with the independent ``standardwebhooks`` package."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from contracts.base import IntegrationEvent
from contracts.envelope import CloudEvent
from devstack.harness import SmtpSink, TestInfra, start_smtp_sink
from devstack.testing import TokenIssuer, fresh_service_database, migrate, publish_event
from devstack.waiting import free_port, wait_until
from notifications.bootstrap import NotificationsService
from notifications.config import NotificationsSettings
from notifications.service_layer.webhooks import PartnerCatalogue

RECEIVER = Path(__file__).resolve().parent / "notifications_webhook_receiver.py"
#: a partner-visible topic that exists only in these tests (the registry may have none yet)
PARTNER_TOPIC = f"notifications-test.partner.{uuid.uuid4().hex[:8]}.v1"


class PartnerThingPublished(IntegrationEvent):
    """A stand-in partner-visible event with one personal field, keyed (CloudEvents
    ``subject``) by the person that field is about, as events carrying personal data are."""

    type_name: ClassVar[str] = "testing.thing.published"
    topic: ClassVar[str] = PARTNER_TOPIC
    personal_fields: ClassVar[frozenset[str]] = frozenset({"author_name"})

    thing_id: uuid.UUID
    title: str
    author_name: str | None = None
    author_id: uuid.UUID | None = None

    def subject(self) -> str:
        return str(self.author_id or self.thing_id)


TEST_CATALOGUE = PartnerCatalogue({PartnerThingPublished.type_name: PartnerThingPublished})


@pytest.fixture(scope="session")
async def notifications_db(infra: TestInfra) -> str:
    url = await fresh_service_database(infra, "notifications")
    await migrate(NotificationsService(NotificationsSettings(database_url=url)))
    return url


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    with start_smtp_sink() as sink:
        yield sink


def settings_for(
    db_url: str, infra: TestInfra, smtp_port: int, **overrides: Any
) -> NotificationsSettings:
    values: dict[str, Any] = {
        "database_url": db_url,
        # own consumer group per run: never resume (or replay) other runs' offsets
        "service_name": f"notifications-test-{uuid.uuid4().hex[:8]}",
        "db_schema": "notifications",
        "kafka_bootstrap_servers": infra.kafka_bootstrap,
        "smtp_port": smtp_port,
        "public_base_url": "http://notifications.test",
        "unsubscribe_signing_key": "test-key-" + uuid.uuid4().hex,
        "dispatch_poll_interval_s": 0.1,
        "sse_poll_interval_s": 0.1,
        "email_retry_base_s": 0.2,
        "webhook_retry_base_s": 0.2,
        "webhook_retry_cap_s": 1.0,
        "webhook_allowed_private": ["127.0.0.1"],
        "log_json": False,
        **overrides,
    }
    return NotificationsSettings(**values)


@pytest.fixture
def tokens() -> TokenIssuer:
    return TokenIssuer()


async def create_topic(infra: TestInfra, name: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        if name not in await admin.list_topics():
            await admin.create_topics([NewTopic(name, 3, 1), NewTopic(name + ".dlq", 3, 1)])
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def producer(infra: TestInfra) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


async def publish(
    producer: AIOKafkaProducer, event: IntegrationEvent, *, sequence: int = 1
) -> CloudEvent:
    """What another service's outbox relay does (``devstack.testing.publish_event``)."""
    return await publish_event(producer, event, sequence=sequence)


class Receiver:
    """A partner's webhook receiver: a separate process (see notifications_webhook_receiver)."""

    def __init__(self, tmp: Path, secrets: list[str], port: int | None = None) -> None:
        self.port = port or free_port()
        self.secrets = secrets
        self.log = tmp / f"received-{self.port}.jsonl"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> Receiver:
        args = [sys.executable, str(RECEIVER), "--port", str(self.port), "--out", str(self.log)]
        for s in self.secrets:
            args += ["--secret", s]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until(lambda: _listening(self.port), 15, what=f"receiver on {self.port}")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def received(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def receivers(tmp_path: Path) -> Iterator[list[Receiver]]:
    """Receivers a test starts; all stopped at the end."""
    started: list[Receiver] = []
    yield started
    for r in started:
        r.stop()
