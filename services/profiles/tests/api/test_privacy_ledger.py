"""Consent ledger, directory listing, audit log and the subject-key endpoint, through HTTP on
the real service (real Postgres; the audit log also from a real broker)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import yaml
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from profiles_testkit import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    KEY_CLIENT_TOKEN,
    bearer,
    login,
    member,
    outbox_events,
    register,
    verify,
)

from contracts.envelope import CloudEvent
from contracts.events import privacy
from devstack.harness import TestInfra
from devstack.paths import routes_path
from devstack.testing import eventually, running_worker
from profiles.bootstrap import ProfilesService
from profiles.service_layer import identity

PROBLEM = "application/problem+json"


async def _consents(client: httpx.AsyncClient, token: str) -> dict[str, Any]:
    r = await client.get("/v1/me/consents", headers=bearer(token))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _state(body: dict[str, Any], purpose: str, recipient_id: str | None = None) -> dict[str, Any]:
    [state] = [
        c for c in body["consents"] if c["purpose"] == purpose and c["recipient_id"] == recipient_id
    ]
    return state


async def test_consent_is_given_withdrawn_and_kept_as_history(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    person, token = await member(client)
    start = await _consents(client, token)
    assert start["history"] == []
    listing = _state(start, privacy.DIRECTORY_LISTING)
    assert listing["granted"] is True and listing["by_default"] is True
    assert _state(start, privacy.NEWSLETTERS)["granted"] is False

    given = await client.post(
        "/v1/me/consents", json={"purpose": "newsletters"}, headers=bearer(token)
    )
    assert given.status_code == 200, given.text
    assert given.json()["changed"] is True
    assert given.json()["consent"]["policy_version"] == "2026-11"
    again = await client.post(
        "/v1/me/consents", json={"purpose": "newsletters"}, headers=bearer(token)
    )
    assert again.json()["changed"] is False  # already in force under this notice
    withdrawn = await client.post(
        "/v1/me/consents/withdrawals",
        json={"purpose": "newsletters", "channel": "email"},
        headers=bearer(token),
    )
    assert withdrawn.json()["changed"] is True
    assert withdrawn.json()["consent"]["granted"] is False

    body = await _consents(client, token)
    assert [(h["purpose"], h["action"], h["channel"]) for h in body["history"]] == [
        ("newsletters", "withdrawn", "email"),
        ("newsletters", "given", "web"),
    ]
    assert _state(body, privacy.NEWSLETTERS)["granted"] is False

    # the ledger is published: every service honours the withdrawal
    [g] = await outbox_events(profiles_service, "profiles.consent.given", person)
    [w] = await outbox_events(profiles_service, "profiles.consent.withdrawn", person)
    assert g["purpose"] == w["purpose"] == "newsletters" and g["policy_version"] == "2026-11"
    assert w["channel"] == "email" and w["consent_id"] == body["history"][0]["id"]


async def test_consent_towards_a_named_organisation_and_bad_requests(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    _, founder = await member(client, "Founder")
    org = await client.post(
        "/v1/organisations",
        json={"name": f"Consulat {uuid.uuid4().hex[:6]}", "kind": "consulate", "country": "fr"},
        headers=bearer(founder),
    )
    assert org.status_code == 201, org.text
    org_id = org.json()["organisation_id"]
    person, token = await member(client)

    contact = {
        "purpose": "government_contact",
        "recipient_kind": "organisation",
        "recipient_id": org_id,
        "policy_version": "2026-12",
    }
    r = await client.post("/v1/me/consents", json=contact, headers=bearer(token))
    assert r.status_code == 200, r.text
    state = _state(await _consents(client, token), "government_contact", org_id)
    assert state["granted"] is True and state["policy_version"] == "2026-12"

    bad = [
        ({"purpose": "selling_data"}, "purpose"),
        ({"purpose": "newsletters", "recipient_kind": "ministry"}, "recipient_kind"),
        ({"purpose": "mapping_sharing"}, "recipient_kind"),  # needs a named recipient
        (
            {"purpose": "newsletters", "recipient_kind": "organisation", "recipient_id": org_id},
            "recipient_kind",
        ),
        ({"purpose": "government_contact", "recipient_kind": "organisation"}, "recipient_id"),
        ({"purpose": "newsletters", "channel": "carrier pigeon"}, "channel"),
        (
            {
                "purpose": "government_contact",
                "recipient_kind": "organisation",
                "recipient_id": str(uuid.uuid4()),
            },
            "recipient_id",
        ),
    ]
    for body, field in bad:
        for path in ("/v1/me/consents", "/v1/me/consents/withdrawals"):
            r = await client.post(path, json=body, headers=bearer(token))
            assert r.status_code == 422, (path, body, r.text)
            assert r.headers["content-type"] == PROBLEM
            assert r.json()["errors"][0]["loc"][-1] == field, (body, r.json())
    assert (
        await client.post("/v1/me/consents", json={"purpose": "newsletters"})
    ).status_code == 401
    assert len((await _consents(client, token))["history"]) == 1  # nothing else recorded
    del person


async def _find(client: httpx.AsyncClient, token: str, q: str) -> list[str]:
    r = await client.get("/v1/directory/people", params={"q": q}, headers=bearer(token))
    assert r.status_code == 200, r.text
    return [i["person_id"] for i in r.json()["items"]]


async def test_withdrawing_directory_listing_hides_the_person_and_stops_matching(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    surname = f"Zq{uuid.uuid4().hex[:8]}"
    person, token = await member(client, f"Awa {surname}")
    _, searcher = await member(client, "Searcher")
    r = await client.put(
        "/v1/me/profile",
        json={"display_name": f"Awa {surname}", "open_to_opportunities": True},
        headers=bearer(token),
    )
    assert r.status_code == 201, r.text
    assert await _find(client, searcher, surname) == [person]

    r = await client.post(
        "/v1/me/consents/withdrawals",
        json={"purpose": "directory_listing"},
        headers=bearer(token),
    )
    assert r.status_code == 200 and r.json()["changed"] is True
    assert await _find(client, searcher, surname) == []
    # the next snapshot tells matching services the person is no longer open to offers
    snapshots = await outbox_events(profiles_service, "profiles.person.updated", person)
    assert snapshots[-1]["open_to_opportunities"] is False
    # editing the profile does not bring the person back into the directory
    mine = await client.get("/v1/me/profile", headers=bearer(token))
    r = await client.patch(
        "/v1/me/profile",
        json={"city": "Lyon"},
        headers={**bearer(token), "If-Match": mine.headers["ETag"]},
    )
    assert r.status_code == 200, r.text
    assert await _find(client, searcher, surname) == []

    r = await client.post(
        "/v1/me/consents", json={"purpose": "directory_listing"}, headers=bearer(token)
    )
    assert r.json()["changed"] is True
    assert await _find(client, searcher, surname) == [person]
    snapshots = await outbox_events(profiles_service, "profiles.person.updated", person)
    assert snapshots[-1]["open_to_opportunities"] is True


async def test_withdrawn_before_the_profile_exists_stays_unlisted(
    client: httpx.AsyncClient,
) -> None:
    surname = f"Zq{uuid.uuid4().hex[:8]}"
    person, token = await member(client, f"Ali {surname}")
    _, searcher = await member(client, "Searcher")
    await client.post(
        "/v1/me/consents/withdrawals", json={"purpose": "directory_listing"}, headers=bearer(token)
    )
    r = await client.put(
        "/v1/me/profile", json={"display_name": f"Ali {surname}"}, headers=bearer(token)
    )
    assert r.status_code == 201
    assert await _find(client, searcher, surname) == []
    del person


async def _admin_token(client: httpx.AsyncClient, service: ProfilesService) -> str:
    await identity.seed_admin(service.uow(), service.settings, service.clock.now())
    r = await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)
    assert r.status_code == 200, r.text
    token: str = r.json()["access_token"]
    return token


async def _ensure_topics(infra: TestInfra, names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=infra.kafka_bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        new = [NewTopic(n, 3, 1) for n in names if n not in existing]
        if new:
            await admin.create_topics(new)
    finally:
        await admin.close()


async def test_the_person_sees_who_read_their_data_here_and_in_other_services(
    client: httpx.AsyncClient, profiles_service: ProfilesService, infra: TestInfra
) -> None:
    person, token = await member(client)
    admin = await _admin_token(client, profiles_service)
    r = await client.get(f"/v1/auth/accounts/{person}", headers=bearer(admin))
    assert r.status_code == 200 and r.json()["email"].endswith("@example.org")
    _, other = await member(client)
    assert (
        await client.get(f"/v1/auth/accounts/{person}", headers=bearer(other))
    ).status_code == 403

    # a moderator read something in resources: reported on the real broker
    topic = privacy.RESOURCES.topic.name
    await _ensure_topics(infra, [topic, topic + ".dlq"])
    moderator = uuid.uuid4()
    report = privacy.RESOURCES.accessed(
        person_id=uuid.UUID(person),
        access_id=uuid.uuid4(),
        service="resources",
        accessor_id=moderator,
        accessor_role="moderator",
        record_type="expression_of_interest",
        record_id="eoi-1",
        accessed_at=datetime.now(UTC),
    )
    ce = CloudEvent(
        source="/resources",
        type=report.type_name,
        subject=report.subject(),
        data=report.model_dump(mode="json"),
    )
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    await producer.start()
    try:
        async with running_worker(profiles_service):
            for _ in range(2):  # redelivered: recorded once
                await producer.send_and_wait(
                    topic,
                    key=ce.subject.encode(),
                    value=ce.kafka_value(),
                    headers=ce.kafka_headers(),
                )

            async def log() -> list[dict[str, Any]]:
                r = await client.get("/v1/me/audit-log", headers=bearer(token))
                items: list[dict[str, Any]] = r.json()["items"]
                return items

            items = await eventually(log, lambda i: len(i) >= 2, timeout_s=60)
    finally:
        await producer.stop()
    await eventually(log, lambda i: len(i) == 2, timeout_s=2)
    newest, oldest = items
    assert (newest["service"], newest["accessor_role"], newest["record_type"]) == (
        "resources",
        "moderator",
        "expression_of_interest",
    )
    assert newest["accessor_id"] == str(moderator)
    assert (oldest["service"], oldest["accessor_role"], oldest["record_type"]) == (
        "profiles",
        "platform_admin",
        "account",
    )
    # paginated, newest first
    page = (await client.get("/v1/me/audit-log?limit=1", headers=bearer(token))).json()
    assert [i["id"] for i in page["items"]] == [newest["id"]]
    rest = await client.get(
        "/v1/me/audit-log",
        params={"limit": 1, "cursor": page["next_cursor"]},
        headers=bearer(token),
    )
    assert [i["id"] for i in rest.json()["items"]] == [oldest["id"]]
    assert rest.json()["next_cursor"] is None
    bad = await client.get("/v1/me/audit-log?cursor=nonsense", headers=bearer(token))
    assert bad.status_code == 400 and bad.headers["content-type"] == PROBLEM
    # nobody else sees it; people reading their own data are not logged
    assert (await client.get("/v1/me/audit-log", headers=bearer(other))).json()["items"] == []


async def test_subject_keys_are_served_only_to_services_and_every_fetch_is_audited(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    person, _ = await member(client)
    [registered] = await outbox_events(
        profiles_service, "profiles.account.registered", person, raw=True
    )
    key_id = registered["email"]["key"]  # encrypted on the way out
    assert registered["verification_url"]["key"] == key_id
    url = f"/internal/subject-keys/{key_id}"

    assert (await client.get(url)).status_code == 401
    r = await client.get(url, headers=bearer("not-a-service"))
    assert r.status_code == 401 and r.headers["content-type"] == PROBLEM
    _, member_token = await member(client)
    assert (await client.get(url, headers=bearer(member_token))).status_code == 401
    served = await client.get(url, headers=bearer(KEY_CLIENT_TOKEN))
    assert served.status_code == 200 and len(served.json()["key"]) == 44  # 32 bytes, base64
    unknown = await client.get("/internal/subject-keys/abc123", headers=bearer(KEY_CLIENT_TOKEN))
    assert unknown.status_code == 404

    keys = profiles_service.subject_keys
    assert keys is not None
    async with profiles_service.chassis.sessions() as session:
        assert await keys.destroy(session, person)
        await session.commit()
    gone = await client.get(url, headers=bearer(KEY_CLIENT_TOKEN))
    assert gone.status_code == 410 and gone.headers["content-type"] == PROBLEM

    async with profiles_service.uow() as uow:
        fetches = await uow.key_fetches.fetches(key_id)
    assert [(f["caller"], f["outcome"]) for f in fetches] == [
        ("notifications", "served"),
        ("notifications", "destroyed"),
    ]


def test_the_key_endpoint_is_not_routed_by_the_public_gateway() -> None:
    """No route sends /internal to a service: the only prefix that covers it is the web
    client's catch-all /, which serves pages and proxies nothing."""
    table = yaml.safe_load(routes_path().read_text())
    covering = [r for r in table["routes"] if "/internal".startswith(r["prefix"].rstrip("/"))]
    assert all(r["service"] == "web" and r["prefix"] == "/" for r in covering), covering


async def test_an_officials_directory_search_and_profile_read_are_in_the_audit_log(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    surname = f"Zo{uuid.uuid4().hex[:8]}"
    person, token = await member(client, f"Nadia {surname}")
    r = await client.put(
        "/v1/me/profile", json={"display_name": f"Nadia {surname}"}, headers=bearer(token)
    )
    assert r.status_code == 201, r.text
    official_id, official_email = await register(client, name="Consular Officer")
    await verify(client, official_id)  # the directory waits for a verified email address
    admin = await _admin_token(client, profiles_service)
    r = await client.put(
        f"/v1/auth/accounts/{official_id}/roles/government_focal_point", headers=bearer(admin)
    )
    assert r.status_code == 200, r.text
    official = (await login(client, official_email)).json()["access_token"]  # with the role
    _, neighbour = await member(client, "Neighbour")

    async def log() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (
            await client.get("/v1/me/audit-log", headers=bearer(token))
        ).json()["items"]
        return items

    # a plain member finding and reading the person is not an official's access
    assert await _find(client, neighbour, surname) == [person]
    assert (await client.get(f"/v1/people/{person}", headers=bearer(neighbour))).status_code == 200
    assert await log() == []

    assert await _find(client, official, surname) == [person]
    assert (await client.get(f"/v1/people/{person}", headers=bearer(official))).status_code == 200
    entries = await log()
    assert [(e["record_type"], e["accessor_role"], e["accessor_id"]) for e in entries] == [
        ("profile", "government_focal_point", official_id),
        ("directory_entry", "government_focal_point", official_id),
    ]
