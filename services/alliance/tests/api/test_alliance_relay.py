"""Alliance events leave through the outbox relay onto the real Kafka topics, keyed by aggregate."""

from __future__ import annotations

import json
import time

import httpx
from aiokafka import AIOKafkaConsumer
from alliance_testkit import API, World

from alliance.bootstrap import AllianceService
from devstack.harness import TestInfra
from devstack.testing import running_relay


async def read_key(
    bootstrap: str, topic: str, key: str, want: int, timeout_s: float = 30.0
) -> list[tuple[str, dict[str, object]]]:
    """(ce_type, payload) of the records with ``key`` on ``topic``, from the beginning."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[tuple[str, dict[str, object]]] = []
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and len(found) < want:
            for records in (await consumer.getmany(timeout_ms=300)).values():
                for rec in records:
                    if rec.key is not None and rec.key.decode() == key:
                        ce_type = dict(rec.headers)["ce_type"].decode()
                        found.append((ce_type, json.loads(rec.value)))
    finally:
        await consumer.stop()
    return found


async def test_commitment_events_reach_kafka(
    world: World, client: httpx.AsyncClient, alliance_service: AllianceService, infra: TestInfra
) -> None:
    sv, sv_rep = await world.member("member_state", "El Salvador", "SV")
    r = await client.post(
        f"{API}/commitments",
        headers=world.as_(sv_rep),
        json={
            "member_id": sv,
            "title": "Council",
            "pillar": "institutionalise",
            "indicators": [
                {
                    "name": "Meetings",
                    "unit": "meetings",
                    "baseline": 0,
                    "target": 4,
                    "due_on": "2099-01-01",
                }
            ],
        },
    )
    assert r.status_code == 201
    cid = r.json()["id"]
    async with running_relay(alliance_service):
        found = await read_key(infra.kafka_bootstrap, "alliance.commitment.v1", cid, want=1)
    assert [t for t, _ in found] == ["alliance.commitment.pledged"]
    assert found[0][1]["pillar"] == "institutionalise"
    admitted = await read_key(infra.kafka_bootstrap, "alliance.member.v1", sv, want=2, timeout_s=10)
    assert [t for t, _ in admitted] == ["alliance.member.applied", "alliance.member.admitted"]
