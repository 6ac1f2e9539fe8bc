"""Crypto-shredding switched on: profiles' events reach Kafka with their personal fields
encrypted; a consumer with the generic key resolver (HTTP to the audited key endpoint) reads
them, and after the key is destroyed the same record has no personal effect."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from profiles_testkit import KEY_CLIENT_TOKEN, member
from sqlalchemy import MetaData

from contracts.envelope import CloudEvent
from contracts.events import profiles
from devstack.harness import TestInfra
from devstack.testing import api_client, running_relay
from eventkit.consumer import EventDispatcher
from eventkit.crypto import CachingKeyResolver
from eventkit.service import Chassis
from eventkit.settings import ServiceSettings
from eventkit.subject_keys import HttpKeyResolver
from profiles.bootstrap import ProfilesService


async def _record_of(infra: TestInfra, topic: str, subject: str) -> ConsumerRecord[Any, Any]:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=infra.kafka_bootstrap,
        group_id=f"test-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        # generous: under load the relay may first drain other tests' backlog of this schema
        for _ in range(360):
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    if record.key == subject.encode():
                        return record
        raise AssertionError(f"no record about {subject} on {topic}")
    finally:
        await consumer.stop()


async def test_personal_fields_are_encrypted_on_kafka_and_readable_with_the_key_resolver(
    profiles_service: ProfilesService, infra: TestInfra
) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        if profiles.ACCOUNT_TOPIC not in await admin.list_topics():
            await admin.create_topics([NewTopic(profiles.ACCOUNT_TOPIC, 3, 1)])
    finally:
        await admin.close()

    app = profiles_service.create_app()
    transport = httpx.ASGITransport(app=app)
    async with api_client(app) as client:
        person, _ = await member(client, name="Fatou Sow")
        email = await profiles_service_email(profiles_service, person)
        async with running_relay(profiles_service):
            record = await _record_of(infra, profiles.ACCOUNT_TOPIC, person)

        raw = bytes(record.value)
        assert email.encode() not in raw and b"Fatou" not in raw and b"verify-email" not in raw

        # the generic wiring every consuming service gets from SUBJECT_KEYS_URL/_TOKEN
        settings = ServiceSettings(
            service_name="notifications",
            subject_keys_url="http://testserver/internal/subject-keys",
            subject_keys_token=KEY_CLIENT_TOKEN,
        )
        resolver = Chassis(settings, MetaData()).key_resolver()
        assert isinstance(resolver, CachingKeyResolver)
        assert isinstance(resolver.inner, HttpKeyResolver)
        resolver.inner.transport = transport

        seen: list[profiles.AccountRegistered] = []
        dispatcher = EventDispatcher("notifications", profiles_service.uow)
        dispatcher.key_resolver = resolver

        @dispatcher.on(profiles.AccountRegistered)
        async def welcome(event: profiles.AccountRegistered, _: CloudEvent, uow: Any) -> None:
            seen.append(event)

        assert await dispatcher.handle_record(record) == "handled"
        [event] = seen
        assert event.email == email and event.display_name == "Fatou Sow"
        assert event.verification_url and "/verify?token=" in event.verification_url

        # erasure destroys the key: a replay of the same record reveals nothing
        keys = profiles_service.subject_keys
        assert keys is not None
        async with profiles_service.chassis.sessions() as session:
            await keys.destroy(session, person)
            await session.commit()
        replay = EventDispatcher("notifications", profiles_service.uow)
        replay.key_resolver = Chassis(settings, MetaData()).key_resolver()
        assert isinstance(replay.key_resolver, CachingKeyResolver)
        assert isinstance(replay.key_resolver.inner, HttpKeyResolver)
        replay.key_resolver.inner.transport = transport
        replay.on(profiles.AccountRegistered)(welcome)
        assert await replay.handle_record(record) == "erased"
        assert len(seen) == 1


async def profiles_service_email(service: ProfilesService, person: str) -> str:
    async with service.uow() as uow:
        account = await uow.accounts.get(uuid.UUID(person))
    assert account is not None
    return account.email
