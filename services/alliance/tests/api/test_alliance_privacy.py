"""The alliance's part in the privacy sagas, over the real broker: erasure answered with
counts and no trace of the account left, export sealed to the requester's key, and reads of
an individual's file by the secretariat recorded for the person's audit log."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from alliance_testkit import API, World
from sqlalchemy import String, select

from alliance.adapters import orm
from alliance.bootstrap import AllianceService
from contracts.base import IntegrationEvent
from contracts.events import privacy, profiles
from devstack.harness import TestInfra
from devstack.testing import eventually, publish_event, running_worker
from eventkit.sealed import new_keypair, open_sealed


async def publish(bootstrap: str, event: IntegrationEvent) -> None:
    """What the profiles relay does (``devstack.testing.publish_event``)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        await publish_event(producer, event, source="/profiles", sequence=1)
    finally:
        await producer.stop()


async def mentions(service: AllianceService, account: uuid.UUID) -> list[str]:
    """Document tables still holding the account id anywhere."""
    found = []
    async with service.chassis.engine.connect() as conn:
        for table in orm.metadata.sorted_tables:
            if "data" not in table.c:
                continue
            hit = await conn.execute(
                select(table.c.id).where(table.c.data.cast(String).like(f"%{account}%")).limit(1)
            )
            if hit.first() is not None:
                found.append(table.name)
    return found


async def test_erasure_is_answered_and_leaves_no_trace_of_the_account(
    world: World, client: httpx.AsyncClient, alliance_service: AllianceService, infra: TestInfra
) -> None:
    wg = await world.body("working_group", "Skills", theme="gender_youth")
    youth, youth_account = await world.member("youth_leader", "Heela Yoon", "AF")
    await world.seat(wg, youth)
    meeting = await world.meeting(wg, "Kick-off")
    await world.attend(meeting["id"], present=[youth])
    motion = (await world.motion(meeting["id"], "Adopt the plan")).json()
    assert (await world.vote(motion["id"], youth_account, "yes")).status_code == 201
    assert await mentions(alliance_service, youth_account)  # the ballot and the member

    erasure_id = uuid.uuid4()
    erased = profiles.AccountErased(
        account_id=youth_account, erased_at=datetime.now(UTC), erasure_id=erasure_id
    )
    async with running_worker(alliance_service):
        await publish(infra.kafka_bootstrap, erased)
        answers = await eventually(
            lambda: world.events("alliance.privacy.data_erased", str(youth_account)),
            lambda found: len(found) >= 1,
            timeout_s=60,
        )
    answer = answers[0]
    assert answer["erasure_id"] == str(erasure_id) and answer["service"] == "alliance"
    assert answer["de_identified"]["members"] == 1
    assert answer["de_identified"]["motions_mentions"] == 1
    assert await mentions(alliance_service, youth_account) == []
    member = (await client.get(f"{API}/members/{youth}", headers=world.sec)).json()
    assert member["name"] == "Erased member" and member["representatives"] == []
    seats = await world.events("alliance.member.representatives_changed", youth)
    assert seats[-1]["representative_ids"] == []


async def test_export_is_sealed_to_the_requesters_key(
    world: World, alliance_service: AllianceService, infra: TestInfra
) -> None:
    youth, youth_account = await world.member("youth_leader", "Amara Okafor", "NG")
    private, public = new_keypair()
    export_id = uuid.uuid4()
    request = privacy.DataExportRequested(
        person_id=youth_account,
        export_id=export_id,
        public_key=public,
        participants=list(privacy.PARTICIPANTS),
        requested_at=datetime.now(UTC),
    )
    async with running_worker(alliance_service):
        await publish(infra.kafka_bootstrap, request)
        parts = await eventually(
            lambda: world.events("alliance.privacy.data_exported", str(youth_account)),
            lambda found: len(found) >= 1,
            timeout_s=60,
        )
    assert {p["export_id"] for p in parts} == {str(export_id)}
    assert "Amara Okafor" not in json.dumps(parts)  # sealed, not readable on the topic
    slice_ = json.loads(b"".join(open_sealed(private, p["sealed_slice"]) for p in parts))
    assert slice_["service"] == "alliance"
    [mine] = slice_["data"]["members_you_act_for"]
    assert mine["id"] == youth and mine["name"] == "Amara Okafor"


async def test_the_secretariat_reading_an_individuals_file_is_recorded(
    world: World, client: httpx.AsyncClient
) -> None:
    youth, youth_account = await world.member("youth_leader", "Ilyas Benali", "MA")
    state, _ = await world.member("member_state", "Morocco", "MA")

    r = await client.get(f"{API}/members/{youth}", headers=world.as_(youth_account))
    assert r.status_code == 200  # reading your own file is not an official's access
    assert await world.events("alliance.privacy.data_accessed", str(youth_account)) == []

    assert (await client.get(f"{API}/members/{youth}", headers=world.sec)).status_code == 200
    assert (await client.get(f"{API}/members/{state}", headers=world.sec)).status_code == 200
    [access] = await world.events("alliance.privacy.data_accessed", str(youth_account))
    assert access["accessor_id"] == str(world.secretariat_account)
    assert access["record_type"] == "alliance_member" and access["record_id"] == youth
