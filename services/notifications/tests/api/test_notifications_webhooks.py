"""Partner webhooks end to end: events through the real broker fan out to endpoints; a real
receiver process verifies every message with the independent ``standardwebhooks`` package;
retries grow; a receiver down for a while gets everything once back; dead letters alert
through the outbox and can be redelivered or replayed; SSRF targets are refused."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from conftest import (
    TEST_CATALOGUE,
    PartnerThingPublished,
    Receiver,
    create_topic,
    publish,
    settings_for,
)
from contracts.envelope import CloudEvent
from contracts.events import privacy
from contracts.vocabulary import Permission, holding
from devstack.harness import SmtpSink, TestInfra
from devstack.testing import TokenIssuer, api_client, eventually, running_worker, skip_history
from notifications.bootstrap import NotificationsService
from notifications.service_layer.webhooks import run_webhook_dispatcher

#: a role that operates every partner's endpoints
OPERATOR = holding(Permission.NOTIFICATIONS_OPERATE_WEBHOOKS)[0]

pytestmark = pytest.mark.timeout(120)
TYPE = PartnerThingPublished.type_name


@pytest.fixture(scope="module")
def issuer() -> TokenIssuer:
    return TokenIssuer()


@pytest.fixture(scope="module")
async def service(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink
) -> AsyncIterator[NotificationsService]:
    """Consumers (fan-out) only: each test runs the webhook dispatcher it needs."""
    svc = NotificationsService(
        settings_for(notifications_db, infra, smtp.port, worker_jobs=[]),
        partner_catalogue=TEST_CATALOGUE,
    )
    await create_topic(infra, PartnerThingPublished.topic)
    dispatcher = svc.dispatcher()
    assert dispatcher is not None
    await skip_history(infra.kafka_bootstrap, svc.settings.consumer_group, dispatcher.topics())
    async with running_worker(svc):
        yield svc
    await svc.chassis.dispose()


@pytest.fixture(scope="module")
async def api(
    service: NotificationsService, issuer: TokenIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    app = service.create_app()
    issuer.install(app)
    async with api_client(app) as client:
        yield client


@pytest.fixture
def partner(issuer: TokenIssuer) -> dict[str, str]:
    return issuer.headers(uuid.uuid4(), roles=("member", "partner"))


@contextlib.asynccontextmanager
async def dispatching(
    notifications_db: str, infra: TestInfra, smtp: SmtpSink, **overrides: Any
) -> AsyncIterator[NotificationsService]:
    """A webhook dispatcher with the retry settings a test needs, until the block ends."""
    svc = NotificationsService(
        settings_for(notifications_db, infra, smtp.port, **overrides),
        partner_catalogue=TEST_CATALOGUE,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_webhook_dispatcher(svc.webhook_dispatcher(), stop))
    try:
        yield svc
    finally:
        stop.set()
        await task
        await svc.chassis.dispose()


@pytest.fixture
async def endpoints(api: httpx.AsyncClient) -> AsyncIterator[list[tuple[str, dict[str, str]]]]:
    """Endpoints a test registers; disabled at the end so later tests' events skip them."""
    made: list[tuple[str, dict[str, str]]] = []
    yield made
    for endpoint_id, headers in made:
        await api.patch(
            f"/v1/webhooks/endpoints/{endpoint_id}",
            json={"status": "disabled"},
            headers={**headers, "If-Match": "*"},
        )


async def register(
    api: httpx.AsyncClient,
    headers: dict[str, str],
    url: str,
    made: list[tuple[str, dict[str, str]]],
) -> dict[str, Any]:
    r = await api.post(
        "/v1/webhooks/endpoints", json={"url": url, "event_types": [TYPE]}, headers=headers
    )
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/v1/webhooks/endpoints/{r.json()['id']}"
    made.append((r.json()["id"], headers))
    return dict(r.json())


def thing(
    title: str, author: str = "Amina Diallo", author_id: uuid.UUID | None = None
) -> PartnerThingPublished:
    return PartnerThingPublished(
        thing_id=uuid.uuid4(), title=title, author_name=author, author_id=author_id
    )


def partner_consent(
    person: uuid.UUID, partner: uuid.UUID, *, given: bool, purpose: str = privacy.PARTNER_SHARING
) -> privacy.ConsentGiven | privacy.ConsentWithdrawn:
    common: dict[str, Any] = {
        "person_id": person,
        "consent_id": uuid.uuid4(),
        "purpose": purpose,
        "recipient_kind": privacy.RECIPIENT_PARTNER,
        "recipient_id": partner,
        "channel": "web",
    }
    if given:
        return privacy.ConsentGiven(**common, policy_version="2026-01", given_at=datetime.now(UTC))
    return privacy.ConsentWithdrawn(**common, withdrawn_at=datetime.now(UTC))


async def handled(service: NotificationsService, ce: CloudEvent) -> None:
    async def probe() -> int:
        async with service.chassis.engine.connect() as conn:
            return int(
                (
                    await conn.execute(
                        text("SELECT count(*) FROM notifications.inbox WHERE event_id = :id"),
                        {"id": ce.id},
                    )
                ).scalar_one()
            )

    await eventually(probe, lambda n: n == 1, timeout_s=30)


async def received(receiver: Receiver, count: int, timeout_s: float = 30) -> list[dict[str, Any]]:
    async def probe() -> list[dict[str, Any]]:
        return receiver.received()

    return await eventually(probe, lambda r: len(r) >= count, timeout_s=timeout_s)


async def test_registration_is_for_partners_and_refuses_unsafe_targets(
    api: httpx.AsyncClient, issuer: TokenIssuer, partner: dict[str, str]
) -> None:
    member = await api.post(
        "/v1/webhooks/endpoints",
        json={"url": "https://example.org/h"},
        headers=issuer.headers(uuid.uuid4()),
    )
    assert member.status_code == 403
    for url in (
        "http://169.254.169.254/latest/meta-data",  # cloud metadata (link-local)
        "http://10.0.0.7/hook",
        "https://192.168.1.1/hook",
        "http://[::1]:8080/hook",
        "http://0.0.0.0/hook",
        "ftp://example.org/hook",
        "https://user:pw@example.org/hook",
        "not a url",
    ):
        r = await api.post("/v1/webhooks/endpoints", json={"url": url}, headers=partner)
        assert r.status_code == 422, (url, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    # only partner-visible event types can be subscribed to
    r = await api.post(
        "/v1/webhooks/endpoints",
        json={"url": "http://127.0.0.1:9/h", "event_types": ["profiles.account.registered"]},
        headers=partner,
    )
    assert r.status_code == 422 and "partner-visible" in r.json()["detail"]
    assert (await api.get("/v1/webhooks/event-types", headers=partner)).json() == [TYPE]


async def test_signed_delivery_verified_independently_without_personal_data_unless_consented(
    api: httpx.AsyncClient,
    service: NotificationsService,
    producer: AIOKafkaProducer,
    partner: dict[str, str],
    issuer: TokenIssuer,
    receivers: list[Receiver],
    endpoints: list[tuple[str, dict[str, str]]],
    tmp_path: Path,
    notifications_db: str,
    infra: TestInfra,
    smtp: SmtpSink,
) -> None:
    receiver = Receiver(tmp_path, [])
    endpoint = await register(api, partner, receiver.url, endpoints)
    receiver.secrets = [endpoint["secret"]]
    receivers.append(receiver.start())
    # another partner cannot see or touch this endpoint
    stranger = issuer.headers(uuid.uuid4(), roles=("partner",))
    assert (
        await api.get(f"/v1/webhooks/endpoints/{endpoint['id']}", headers=stranger)
    ).status_code == 404

    async with dispatching(notifications_db, infra, smtp):
        plain = thing("Open call")
        ce = await publish(producer, plain)
        [message] = await received(receiver, 1)
        assert message["verified_with"] == [0]
        assert message["payload"]["id"] == ce.id and message["payload"]["type"] == TYPE
        assert message["payload"]["data"]["title"] == "Open call"
        assert "author_name" not in message["payload"]["data"]  # no consent: withheld

        # consent of the person for THIS partner, through the consent ledger's topic
        person = uuid.uuid4()
        partner_id = issuer_subject(partner)
        other = await publish(producer, partner_consent(person, uuid.uuid4(), given=True))
        await handled(service, other)  # consent for another partner: still withheld
        await publish(producer, thing("Other partner's consent", author_id=person))
        messages = await received(receiver, 2)
        assert "author_name" not in messages[1]["payload"]["data"]

        given = await publish(producer, partner_consent(person, partner_id, given=True))
        await handled(service, given)
        await publish(producer, thing("With consent", author_id=person))
        messages = await received(receiver, 3)
        assert messages[2]["payload"]["data"]["author_name"] == "Amina Diallo"

        # withdrawal: the very next delivery carries no personal data again
        withdrawn = await publish(producer, partner_consent(person, partner_id, given=False))
        await handled(service, withdrawn)
        await publish(producer, thing("After withdrawal", author_id=person))
        messages = await received(receiver, 4)
        assert messages[3]["payload"]["data"]["title"] == "After withdrawal"
        assert "author_name" not in messages[3]["payload"]["data"]

    log = await api.get(f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", headers=partner)
    assert [d["status"] for d in log.json()["items"]] == ["succeeded"] * 4

    # an operator reading the delivery log reads no one's personal data (ids, types, status
    # codes; never a payload), so the read has nothing to put in a person's audit log
    operator = issuer.headers(uuid.uuid4(), roles=(OPERATOR,))
    page = await api.get(f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", headers=operator)
    assert page.status_code == 200 and len(page.json()["items"]) == 4
    seen = [page.text]
    for d in page.json()["items"]:
        detail = await api.get(f"/v1/webhooks/deliveries/{d['id']}", headers=operator)
        assert detail.status_code == 200
        seen.append(detail.text)
    assert not [t for t in seen if "Amina Diallo" in t or str(person) in t]


def issuer_subject(headers: dict[str, str]) -> uuid.UUID:
    import jwt

    token = headers["Authorization"].split()[1]
    return uuid.UUID(jwt.decode(token, options={"verify_signature": False})["sub"])


async def test_a_receiver_down_for_a_while_gets_everything_once_back(
    api: httpx.AsyncClient,
    producer: AIOKafkaProducer,
    partner: dict[str, str],
    receivers: list[Receiver],
    endpoints: list[tuple[str, dict[str, str]]],
    tmp_path: Path,
    notifications_db: str,
    infra: TestInfra,
    smtp: SmtpSink,
) -> None:
    receiver = Receiver(tmp_path, [])  # not started: connection refused
    endpoint = await register(api, partner, receiver.url, endpoints)
    receiver.secrets = [endpoint["secret"]]
    async with dispatching(
        notifications_db, infra, smtp, webhook_retry_base_s=0.5, webhook_retry_cap_s=4.0
    ):
        sent = [await publish(producer, thing(f"Update {n}")) for n in range(3)]

        async def attempts() -> list[dict[str, Any]]:
            page = await api.get(
                f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries", headers=partner
            )
            return list(page.json()["items"])

        # delays after attempts 1..3: [0.25, 0.5], [0.5, 1], [1, 2] s (equal jitter)
        await eventually(attempts, lambda d: len(d) == 3 and all(x["attempts"] >= 4 for x in d))
        first = (await attempts())[0]
        detail = (await api.get(f"/v1/webhooks/deliveries/{first['id']}", headers=partner)).json()
        times = [datetime.fromisoformat(a["attempted_at"]) for a in detail["attempts_log"]]
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
        # the delays grow: the third is at least 1 s, the first at least 0.25 s (a loaded
        # machine only adds to each, so compare with the bounds, not with each other)
        assert gaps[0] >= 0.25 and gaps[-1] >= 1.0, gaps
        assert all(a["error"] == "ConnectError" for a in detail["attempts_log"])

        receivers.append(receiver.start())
        messages = await received(receiver, 3)
    ids = {m["payload"]["id"] for m in messages}
    assert ids == {ce.id for ce in sent}
    assert all(m["verified_with"] == [0] for m in messages)
    assert len({m["id"] for m in messages}) == 3  # one webhook-id per message


async def test_dead_letters_alert_disable_the_endpoint_and_can_be_replayed(
    api: httpx.AsyncClient,
    service: NotificationsService,
    producer: AIOKafkaProducer,
    partner: dict[str, str],
    receivers: list[Receiver],
    endpoints: list[tuple[str, dict[str, str]]],
    tmp_path: Path,
    notifications_db: str,
    infra: TestInfra,
    smtp: SmtpSink,
) -> None:
    receiver = Receiver(tmp_path, [])
    endpoint = await register(api, partner, receiver.url, endpoints)
    receiver.secrets = [endpoint["secret"]]
    base = f"/v1/webhooks/endpoints/{endpoint['id']}"
    since = datetime.now(UTC)
    async with dispatching(
        notifications_db,
        infra,
        smtp,
        webhook_max_attempts=3,
        webhook_disable_after_dead_letters=2,
    ):
        sent = [await publish(producer, thing(f"Lost {n}")) for n in range(2)]

        async def dead() -> list[dict[str, Any]]:
            page = await api.get(f"{base}/deliveries", params={"status": "dead"}, headers=partner)
            return list(page.json()["items"])

        deliveries = await eventually(dead, lambda d: len(d) == 2)
        assert all(d["attempts"] == 3 for d in deliveries)
        assert (await api.get(base, headers=partner)).json()["status"] == "disabled"
        async with service.chassis.engine.connect() as conn:
            alerts = (
                await conn.execute(
                    text(
                        "SELECT type, payload FROM notifications.outbox WHERE aggregateid = :e"
                        " ORDER BY position"
                    ),
                    {"e": endpoint["id"]},
                )
            ).all()
        assert [a.type for a in alerts] == [
            "notifications.webhook.delivery_dead_lettered",
            "notifications.webhook.delivery_dead_lettered",
            "notifications.webhook.endpoint_disabled",
        ]

        # the partner fixes their receiver, re-enables it naming the version they read (the
        # one they registered is stale: the platform disabled it since), and asks for one
        # message again
        receivers.append(receiver.start())
        enable = {"status": "active"}
        assert (await api.patch(base, json=enable, headers=partner)).status_code == 428
        registered = {**partner, "If-Match": f'W/"{endpoint["version"]}"'}
        assert (await api.patch(base, json=enable, headers=registered)).status_code == 412
        current = (await api.get(base, headers=partner)).headers["etag"]
        enabled = await api.patch(base, json=enable, headers={**partner, "If-Match": current})
        assert enabled.status_code == 200, enabled.text
        assert enabled.headers["etag"] != current
        r = await api.post(
            f"/v1/webhooks/deliveries/{deliveries[0]['id']}/redeliver", headers=partner
        )
        assert r.status_code == 202
        [again] = await received(receiver, 1)
        assert again["id"] == deliveries[0]["message_id"]  # same webhook-id: dedupable

        # then replays everything since before the outage: both, same ids again
        r = await api.post(f"{base}/replay", json={"since": since.isoformat()}, headers=partner)
        assert r.status_code == 202 and r.json() == {"queued": 2}
        messages = await received(receiver, 3)
    assert {m["payload"]["id"] for m in messages} == {ce.id for ce in sent}
    assert {m["id"] for m in messages} == {d["message_id"] for d in deliveries}
    bad = await api.post(f"{base}/replay", json={"since": "yesterday"}, headers=partner)
    assert bad.status_code == 422


async def test_secret_rotation_signs_with_both_during_the_overlap(
    api: httpx.AsyncClient,
    service: NotificationsService,
    producer: AIOKafkaProducer,
    partner: dict[str, str],
    receivers: list[Receiver],
    endpoints: list[tuple[str, dict[str, str]]],
    tmp_path: Path,
    notifications_db: str,
    infra: TestInfra,
    smtp: SmtpSink,
) -> None:
    receiver = Receiver(tmp_path, [])
    endpoint = await register(api, partner, receiver.url, endpoints)
    old = endpoint["secret"]
    rotated = await api.post(
        f"/v1/webhooks/endpoints/{endpoint['id']}/rotate-secret", headers=partner
    )
    new = rotated.json()["secret"]
    assert new != old and rotated.json()["secret_rotation_overlap_until"]
    receiver.secrets = [old, new]
    receivers.append(receiver.start())
    async with dispatching(notifications_db, infra, smtp):
        await publish(producer, thing("During overlap"))
        [during] = await received(receiver, 1)
        assert during["verified_with"] == [0, 1] and len(during["signatures"]) == 2

        async with service.chassis.engine.begin() as conn:  # the overlap ends
            await conn.execute(
                text(
                    "UPDATE notifications.webhook_endpoints"
                    " SET previous_secret_expires_at = now() - interval '1 second' WHERE id = :e"
                ),
                {"e": endpoint["id"]},
            )
        await publish(producer, thing("After overlap"))
        after = (await received(receiver, 2))[1]
    assert after["verified_with"] == [1] and len(after["signatures"]) == 1
