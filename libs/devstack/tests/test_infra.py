"""The harness's real Kafka and Postgres: a message round-trips; schemas isolate services."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from devstack.harness import TestInfra, ensure_test_infra, start_smtp_sink
from devstack.postgres import plain_url

pytestmark = pytest.mark.infra


@pytest.fixture(scope="module")
def infra() -> TestInfra:
    return ensure_test_infra()


async def test_kafka_round_trip_on_registry_topic(infra: TestInfra) -> None:
    from contracts.registry import all_topics

    topic = all_topics()[0].name
    value = uuid.uuid4().bytes
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        meta = await producer.send_and_wait(topic, value, key=b"devstack-test")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(bootstrap_servers=infra.kafka_bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        tp = TopicPartition(topic, meta.partition)
        consumer.assign([tp])
        consumer.seek(tp, meta.offset)
        record = await consumer.getone()
    finally:
        await consumer.stop()
    assert record.value == value
    assert record.key == b"devstack-test"


async def test_provisioned_roles_are_confined_to_their_schema(infra: TestInfra) -> None:
    url_a = await infra.aservice_database_url("devstack_test_a")
    await infra.aservice_database_url("devstack_test_b")
    assert url_a == infra.service_database_url("devstack_test_a")  # idempotent
    assert url_a.startswith("postgresql+asyncpg://devstack_test_a:devstack_test_a@")

    conn = await asyncpg.connect(plain_url(url_a))
    try:
        assert await conn.fetchval("SELECT current_user") == "devstack_test_a"
        await conn.execute("CREATE TABLE IF NOT EXISTS devstack_test_a.t (id int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE devstack_test_b.t (id int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE public.t (id int)")
    finally:
        await conn.close()

    admin = await asyncpg.connect(infra.admin_database_url)
    try:
        owner = await admin.fetchval(
            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = $1",
            "devstack_test_b",
        )
    finally:
        await admin.close()
    assert owner == "devstack_test_b"


def test_smtp_sink_stores_readable_messages() -> None:
    with start_smtp_sink() as sink:
        msg = EmailMessage()
        msg["From"] = "noreply@example.org"
        msg["To"] = "ada@example.org"
        msg["Subject"] = "Willkommen ✓"
        msg.set_content("hello")
        with smtplib.SMTP(sink.host, sink.port) as client:
            client.send_message(msg, to_addrs=["ada@example.org", "bcc@example.org"])
        (got,) = sink.wait_for_messages(1)
    assert got["Subject"] == "Willkommen ✓"
    assert got["X-Envelope-To"] == "ada@example.org, bcc@example.org"
    assert got.get_content().strip() == "hello"


def test_unreachable_infrastructure_fails_the_run_instead_of_skipping() -> None:
    """CI must never turn "no broker" into skipped tests: the harness raises."""
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from devstack.harness import ensure_test_infra; ensure_test_infra()",
        ],
        env={
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1",
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/diaspora",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "TestInfraError" in result.stderr
