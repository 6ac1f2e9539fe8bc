"""A person's account erasure (profiles.account.erased, over real Kafka) reaches the alliance."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer
from alliance_testkit import API, World

from alliance.bootstrap import AllianceService
from contracts.envelope import CloudEvent
from contracts.events import profiles
from devstack.harness import TestInfra
from devstack.testing import eventually, running_worker


async def publish_erasure(bootstrap: str, account: uuid.UUID) -> None:
    """What the profiles relay does: a binary-mode CloudEvent keyed by the account."""
    event = profiles.AccountErased(account_id=account, erased_at=datetime.now(UTC))
    ce = CloudEvent(
        source="/profiles",
        type=event.type_name,
        subject=event.subject(),
        sequence=9,
        data=event.model_dump(mode="json"),
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for _ in range(2):  # redelivered: the inbox makes it one effect
            await producer.send_and_wait(
                event.topic,
                key=ce.subject.encode(),
                value=ce.kafka_value(),
                headers=ce.kafka_headers(),
            )
    finally:
        await producer.stop()


async def test_erased_account_leaves_the_alliance_de_identified(
    world: World, client: httpx.AsyncClient, alliance_service: AllianceService, infra: TestInfra
) -> None:
    youth, youth_account = await world.member("youth_leader", "Heela Yoon", "AF")
    state, state_rep = await world.member("member_state", "Georgia", "GE")
    second = uuid.uuid4()
    await client.post(
        f"{API}/members/{state}/representatives",
        headers=world.sec,
        json={"account_id": str(second)},
    )
    async with running_worker(alliance_service):
        await publish_erasure(infra.kafka_bootstrap, youth_account)
        await publish_erasure(infra.kafka_bootstrap, second)

        async def member(member_id: str) -> dict[str, object]:
            r = await client.get(f"{API}/members/{member_id}", headers=world.sec)
            return dict(r.json())

        gone = await eventually(
            lambda: member(youth), lambda m: m["status"] == "withdrawn", timeout_s=60
        )
        await eventually(
            lambda: member(state), lambda m: m["representatives"] == [str(state_rep)], timeout_s=60
        )
    assert gone["name"] == "Erased member" and gone["country"] is None
    withdrawn = await world.events("alliance.member.withdrawn", youth)
    assert len(withdrawn) == 1 and withdrawn[0]["country"] is None
    assert (await member(state))["status"] == "admitted"  # the state keeps its seat
