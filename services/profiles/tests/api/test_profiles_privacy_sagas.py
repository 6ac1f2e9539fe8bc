"""The erasure and export sagas end to end: HTTP in, the real outbox relay and consumer, the
real broker. The participants (resources, alliance, notifications) are played by a Kafka
producer writing the CloudEvents a participant's relay would write."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from profiles_testkit import PASSWORD, bearer, login, member, outbox_events, unique_email
from sqlalchemy import text

from contracts.base import IntegrationEvent
from contracts.events import privacy
from devstack.harness import TestInfra
from devstack.testing import (
    api_client,
    eventually,
    publish_event,
    running_relay,
    running_worker,
    skip_history,
)
from eventkit.privacy import slice_parts
from eventkit.sealed import seal
from profiles.bootstrap import ProfilesService, bootstrap
from profiles.domain.privacy import MESSAGE_TOMBSTONE

PROFILE = {
    "display_name": "Amina Diallo",
    "given_name": "Amina",
    "family_name": "Diallo",
    "city": "Lyon",
    "gender": "female",
    "birth_year": 1988,
}


@pytest.fixture(scope="module")
async def sagas(
    infra: TestInfra, profiles_service: ProfilesService
) -> AsyncIterator[ProfilesService]:
    """profiles with its worker (consumers + saga jobs, fast retries) and relay running."""
    group = f"profiles-{uuid.uuid4().hex[:8]}"
    service = bootstrap(
        profiles_service.settings.model_copy(
            update={
                "kafka_consumer_group": group,
                "privacy_retry_after_s": 2.0,
                "privacy_jobs_interval_s": 0.3,
            }
        )
    )
    dispatcher = service.dispatcher()
    assert dispatcher is not None
    await skip_history(infra.kafka_bootstrap, group, dispatcher.topics())
    async with running_relay(service), running_worker(service):
        yield service
    await service.chassis.dispose()


@pytest.fixture
async def api(sagas: ProfilesService) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(sagas.create_app()) as c:
        yield c


@pytest.fixture(scope="module")
async def producer(infra: TestInfra) -> AsyncIterator[AIOKafkaProducer]:
    p = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, enable_idempotence=True)
    await p.start()
    yield p
    await p.stop()


async def publish(producer: AIOKafkaProducer, event: IntegrationEvent, source: str) -> None:
    """What a participant's outbox relay writes."""
    await publish_event(producer, event, source=f"/{source}")


async def confirm(
    producer: AIOKafkaProducer, service: str, person_id: str, erasure_id: str
) -> None:
    answers = privacy.PARTICIPANT_EVENTS[service]
    await publish(
        producer,
        answers.erased(
            person_id=uuid.UUID(person_id),
            erasure_id=uuid.UUID(erasure_id),
            service=service,
            deleted={"things": 2},
            erased_at=datetime.now(UTC),
        ),
        service,
    )


async def rows(service: ProfilesService, sql: str, **params: Any) -> list[Any]:
    async with service.chassis.engine.connect() as conn:
        return list((await conn.execute(text(sql), params)).all())


async def person_with_data(api: httpx.AsyncClient) -> tuple[str, str, str, str]:
    """(person id, token, the other person's id and token): profile, connection, messages."""
    person_id, token = await member(api, "Amina Diallo")
    assert (await api.put("/v1/me/profile", json=PROFILE, headers=bearer(token))).status_code == 201
    other_id, other = await member(api, "Jean Martin")
    cid = (
        await api.post("/v1/connections", json={"person_id": other_id}, headers=bearer(token))
    ).json()["connection_id"]
    assert (
        await api.post(f"/v1/connections/{cid}/accept", headers=bearer(other))
    ).status_code == 200
    sent = await api.post(
        "/v1/conversations",
        json={"person_id": other_id, "body": "Je vis rue des Lilas, appelle-moi"},
        headers=bearer(token),
    )
    assert sent.status_code == 201, sent.text
    conv = sent.json()["conversation_id"]
    reply = await api.post(
        f"/v1/conversations/{conv}/messages", json={"body": "D'accord !"}, headers=bearer(other)
    )
    assert reply.status_code == 201, reply.text
    return person_id, token, other_id, other


# ---- erasure ------------------------------------------------------------------------------
async def test_erasure_needs_the_password_again(api: httpx.AsyncClient) -> None:
    _, token = await member(api)
    wrong = await api.post("/v1/me/erasure", json={"password": "nope"}, headers=bearer(token))
    assert wrong.status_code == 403
    assert wrong.headers["content-type"] == "application/problem+json"
    assert (await api.post("/v1/me/erasure", json={})).status_code == 401
    assert (await api.get("/v1/auth/me", headers=bearer(token))).status_code == 200


async def test_erasure_forgets_the_idempotency_key_of_the_persons_registration(
    api: httpx.AsyncClient, sagas: ProfilesService
) -> None:
    """A registration's key is kept a day with its answer (the account id) and a hash of the
    address and name: the person's erasure deletes it, and no one else's."""
    keys, emails = {}, {}
    for who in ("erased", "other"):
        keys[who], emails[who] = str(uuid.uuid4()), unique_email()
        body = {"email": emails[who], "password": PASSWORD, "display_name": "Amina Diallo"}
        r = await api.post("/v1/auth/register", json=body, headers={"Idempotency-Key": keys[who]})
        assert r.status_code == 201, r.text
    token = (await login(api, emails["erased"])).json()["access_token"]
    kept = "SELECT key FROM profiles.idempotency_keys WHERE key = ANY(:k)"
    assert len(await rows(sagas, kept, k=list(keys.values()))) == 2
    r = await api.post("/v1/me/erasure", json={"password": PASSWORD}, headers=bearer(token))
    assert r.status_code == 202, r.text
    assert [k for (k,) in await rows(sagas, kept, k=list(keys.values()))] == [keys["other"]]


async def test_erasure_saga_completes_when_every_participant_confirmed(
    api: httpx.AsyncClient, sagas: ProfilesService, producer: AIOKafkaProducer
) -> None:
    person_id, token, other_id, other = await person_with_data(api)
    email = (await api.get("/v1/auth/me", headers=bearer(token))).json()["email"]
    # someone tries their address: the owner's notice is throttled through account_notices
    attempt = {"email": email, "password": "another long passphrase", "display_name": "X"}
    assert (await api.post("/v1/auth/register", json=attempt)).status_code == 201
    assert await rows(
        sagas, "SELECT 1 FROM profiles.account_notices WHERE account_id = :i", i=person_id
    )
    r = await api.post("/v1/me/erasure", json={"password": PASSWORD}, headers=bearer(token))
    assert r.status_code == 202, r.text
    accepted = r.json()
    erasure_id, status_url = accepted["erasure_id"], accepted["status_url"]
    assert r.headers["location"] == status_url

    # profiles' own part is done in the request's transaction
    [account] = await rows(
        sagas,
        "SELECT email, display_name, password_hash, status FROM profiles.accounts WHERE id = :i",
        i=person_id,
    )
    assert account.status == "erased" and account.password_hash is None
    assert email not in account.email and "Amina" not in account.display_name
    for table, column in (
        ("person_profiles", "person_id"),
        ("directory_people", "person_id"),
        ("connections", "requester_id"),
        ("refresh_tokens", "account_id"),
        ("account_notices", "account_id"),
    ):
        assert (
            await rows(sagas, f"SELECT 1 FROM profiles.{table} WHERE {column} = :i", i=person_id)
            == []
        )
    bodies = await rows(
        sagas,
        "SELECT m.sender_id::text, m.body FROM profiles.messages m JOIN profiles.conversations c"
        " ON c.id = m.conversation_id WHERE c.person_a = :i OR c.person_b = :i ORDER BY sent_at",
        i=person_id,
    )
    assert [b.body for b in bodies] == [MESSAGE_TOMBSTONE, "D'accord !"]  # the other's stays
    assert (
        await api.post("/v1/auth/login", json={"email": email, "password": PASSWORD})
    ).status_code == 401

    # the request went out with the saga's id
    erased = await outbox_events(sagas, "profiles.account.erased", person_id)
    assert [e["erasure_id"] for e in erased] == [erasure_id]

    pending = (await api.get(status_url)).json()
    assert pending["status"] == "pending"
    assert pending["services"]["profiles"]["status"] == "confirmed"
    assert {s for s, a in pending["services"].items() if a["status"] == "pending"} == set(
        privacy.PARTICIPANTS
    )
    assert (await api.get(status_url.replace(accepted["receipt"], "guess"))).status_code == 404

    for service in privacy.PARTICIPANTS:
        await confirm(producer, service, person_id, erasure_id)
    done = await eventually(
        lambda: _json(api, status_url), lambda v: v["status"] == "completed", timeout_s=30
    )
    assert all(a["status"] == "confirmed" for a in done["services"].values())
    assert done["services"]["resources"]["deleted"] == {"things": 2}
    [completed] = await outbox_events(sagas, "profiles.privacy.erasure_completed", person_id)
    assert completed["erasure_id"] == erasure_id
    assert sorted(completed["confirmed_by"]) == sorted(privacy.PARTICIPANTS)

    # a late repeat of an answer changes nothing (and publishes nothing twice)
    await confirm(producer, "alliance", person_id, erasure_id)
    await confirm(producer, "alliance", person_id, str(uuid.uuid4()))  # an unknown saga
    await eventually(
        lambda: rows(
            sagas, "SELECT count(*) FROM profiles.inbox WHERE type = 'alliance.privacy.data_erased'"
        ),
        lambda v: v[0][0] >= 3,
    )
    assert len(await outbox_events(sagas, "profiles.privacy.erasure_completed", person_id)) == 1
    assert other_id and other  # the other person keeps their account
    assert (await api.get("/v1/auth/me", headers=bearer(other))).status_code == 200


async def test_a_silent_participant_is_asked_again_until_it_answers(
    api: httpx.AsyncClient, sagas: ProfilesService, producer: AIOKafkaProducer
) -> None:
    person_id, token = await member(api)
    r = await api.post("/v1/me/erasure", json={"password": PASSWORD}, headers=bearer(token))
    erasure_id, status_url = r.json()["erasure_id"], r.json()["status_url"]
    await confirm(producer, "resources", person_id, erasure_id)
    await confirm(producer, "alliance", person_id, erasure_id)
    # notifications stays silent: the worker republishes the request (retry after 2 s)
    retried = await eventually(
        lambda: _json(api, status_url), lambda v: v["requests"] >= 3, timeout_s=30
    )
    assert retried["status"] == "pending"
    assert retried["services"]["notifications"]["status"] == "pending"
    requests = await outbox_events(sagas, "profiles.account.erased", person_id)
    assert len(requests) >= 3 and {e["erasure_id"] for e in requests} == {erasure_id}
    # really went to the broker, not only to the outbox (the relay marks rows after the ack)
    await eventually(
        lambda: rows(
            sagas,
            "SELECT count(*) FROM profiles.outbox WHERE type = 'profiles.account.erased'"
            " AND aggregateid = :i AND published_at IS NOT NULL",
            i=person_id,
        ),
        lambda v: v[0][0] >= 2,
    )
    await confirm(producer, "notifications", person_id, erasure_id)
    done = await eventually(
        lambda: _json(api, status_url), lambda v: v["status"] == "completed", timeout_s=30
    )
    asked = done["requests"]
    await asyncio.sleep(3)  # completed: nobody is asked again
    assert (await _json(api, status_url))["requests"] == asked


# ---- export -------------------------------------------------------------------------------
async def answer_export(
    producer: AIOKafkaProducer,
    service: str,
    request: dict[str, Any],
    data: dict[str, Any],
    part_bytes: int = 10**6,
) -> None:
    answers = privacy.PARTICIPANT_EVENTS[service]
    parts = list(slice_parts({"service": service, "data": data}, part_bytes))
    for index, part in enumerate(parts):
        await publish(
            producer,
            answers.exported(
                person_id=uuid.UUID(request["person_id"]),
                export_id=uuid.UUID(request["export_id"]),
                service=service,
                part=index,
                parts=len(parts),
                sealed_slice=seal(request["public_key"], part),
                exported_at=datetime.now(UTC),
            ),
            service,
        )


async def test_export_assembles_one_archive_from_every_slice(
    api: httpx.AsyncClient, sagas: ProfilesService, producer: AIOKafkaProducer
) -> None:
    person_id, token, other_id, _ = await person_with_data(api)
    r = await api.post("/v1/me/exports", headers=bearer(token))
    assert r.status_code == 202, r.text
    export_id = r.json()["export_id"]
    assert r.headers["location"] == f"/v1/me/exports/{export_id}"
    assert r.json()["services"]["profiles"]["status"] == "received"
    [request] = [
        e
        for e in await outbox_events(sagas, "profiles.privacy.export_requested", person_id)
        if e["export_id"] == export_id
    ]
    assert sorted(request["participants"]) == sorted(privacy.PARTICIPANTS)

    # resources answers in several parts; the others in one each, alliance last
    resources = {"resources": [{"title": "Guide <b>"}] * 40}
    expected_parts = len(list(slice_parts({"service": "resources", "data": resources}, 300)))
    assert expected_parts > 2
    await answer_export(producer, "resources", request, resources, 300)
    await answer_export(producer, "notifications", request, {"deliveries": [{"kind": "welcome"}]})
    progress = await eventually(
        lambda: _json(api, f"/v1/me/exports/{export_id}", token),
        # Kafka orders nothing across topics: wait for both answers, not for the later one
        lambda v: (
            v["services"]["notifications"]["status"] == "received"
            and v["services"]["resources"]["parts_received"] == expected_parts
        ),
    )
    assert progress["status"] == "assembling"
    assert progress["services"]["resources"]["parts_expected"] == expected_parts
    assert progress["services"]["alliance"] == {
        "status": "pending",
        "parts_received": 0,
        "parts_expected": None,
    }
    # someone else cannot see it
    _, stranger = await member(api, "Mallory")
    assert (
        await api.get(f"/v1/me/exports/{export_id}", headers=bearer(stranger))
    ).status_code == 404

    await answer_export(
        producer, "alliance", request, {"memberships": [{"body": "Diaspora Council"}]}
    )
    ready = await eventually(
        lambda: _json(api, f"/v1/me/exports/{export_id}", token),
        lambda v: v["status"] == "ready",
        timeout_s=30,
    )
    assert all(s["status"] == "received" for s in ready["services"].values())
    [announced] = await outbox_events(sagas, "profiles.privacy.export_ready", person_id)
    url = httpx.URL(announced["download_url"])
    assert url.path == f"/privacy/exports/{export_id}"  # the web client's page

    archive = await api.get(
        f"/v1/me/exports/{export_id}/archive", params={"token": url.params["token"]}
    )
    assert archive.status_code == 200, archive.text
    assert archive.headers["content-type"] == "application/zip"
    stored = await rows(
        sagas, "SELECT 1 FROM profiles.privacy_archives WHERE key = :k", k=f"{export_id}.zip"
    )
    assert stored != []  # the default store: profiles' database, shared by API and worker
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert sorted(z.namelist()) == ["data.json", "summary.html"]
        data = json.loads(z.read("data.json"))
        summary = z.read("summary.html").decode()
    slices = data["services"]
    assert sorted(slices) == sorted(["profiles", *privacy.PARTICIPANTS])
    own = slices["profiles"]
    assert own["account"]["id"] == person_id
    assert own["profile"]["gender"] == "female"  # private fields too: it is their own data
    assert own["connections"][0]["addressee_id"] == other_id
    [conversation] = own["conversations"]
    assert [m["body"] for m in conversation["messages"]] == [
        "Je vis rue des Lilas, appelle-moi",
        "D'accord !",
    ]
    assert len(slices["resources"]["resources"]) == 40
    assert slices["alliance"] == {"memberships": [{"body": "Diaspora Council"}]}
    assert "Guide &lt;b&gt;" in summary and "Guide <b>" not in summary  # escaped

    # a wrong token is refused, and so is the right one once the export expired
    assert (await api.get(url.path, params={"token": "guess"})).status_code == 404
    async with sagas.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE profiles.privacy_exports SET expires_at = now() - interval '1 second'"
                " WHERE id = :i"
            ),
            {"i": export_id},
        )
    gone = await api.get(
        f"/v1/me/exports/{export_id}/archive", params={"token": url.params["token"]}
    )
    assert gone.status_code == 410
    # the expiry job destroys the archive and the private key
    await eventually(
        lambda: rows(
            sagas,
            "SELECT status, private_key IS NULL, archive_key FROM profiles.privacy_exports"
            " WHERE id = :i",
            i=export_id,
        ),
        lambda v: v[0][0] == "expired" and v[0][1] and v[0][2] is None,
    )
    assert (
        await rows(
            sagas, "SELECT 1 FROM profiles.privacy_archives WHERE key = :k", k=f"{export_id}.zip"
        )
        == []
    )
    assert (
        await rows(
            sagas, "SELECT 1 FROM profiles.privacy_export_parts WHERE export_id = :i", i=export_id
        )
        == []
    )


async def test_a_part_sealed_to_another_key_is_dead_lettered_not_assembled(
    api: httpx.AsyncClient, sagas: ProfilesService, producer: AIOKafkaProducer
) -> None:
    from eventkit.sealed import new_keypair

    person_id, token = await member(api)
    export_id = (await api.post("/v1/me/exports", headers=bearer(token))).json()["export_id"]
    [request] = [
        e
        for e in await outbox_events(sagas, "profiles.privacy.export_requested", person_id)
        if e["export_id"] == export_id
    ]
    forged = {**request, "public_key": new_keypair()[1]}
    await answer_export(producer, "resources", forged, {"x": 1})
    await answer_export(producer, "notifications", request, {"y": 2})
    progress = await eventually(
        lambda: _json(api, f"/v1/me/exports/{export_id}", token),
        lambda v: v["services"]["notifications"]["status"] == "received",
    )
    assert progress["services"]["resources"]["status"] == "pending"


async def _json(api: httpx.AsyncClient, url: str, token: str | None = None) -> Any:
    r = await api.get(url, headers=bearer(token) if token else {})
    assert r.status_code == 200, r.text
    return r.json()
