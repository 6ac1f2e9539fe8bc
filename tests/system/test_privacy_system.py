"""Issue #8, proved over all four services as real processes, the real broker and Postgres:
a person with data everywhere exports it (one archive holding every service's slice), then
erases it; afterwards no table of any service schema and no byte on any Kafka topic still
holds the person's identifying values, and the audit log showed who looked at what.

This test is written against the privacy protocol (``contracts.events.privacy``); it passes
only once every participant (resources, alliance, notifications) takes part in the sagas and
profiles encrypts personal event fields under the subject key it destroys on erasure.
"""

from __future__ import annotations

import email.message
import io
import json
import re
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from privacy_scan import (
    leaks_in_bucket,
    leaks_in_database,
    leaks_in_files,
    leaks_in_search,
    leaks_on_kafka,
    search_endpoints,
)

from conftest import Platform, start_platform
from contracts.events.privacy import PARTICIPANTS
from devstack.harness import TestInfra
from devstack.postgres import plain_url
from devstack.waiting import free_port, run_sync, wait_until

SERVICES = ("profiles", "resources", "alliance", "notifications")
ADMIN_EMAIL = "privacy-admin@example.org"
ADMIN_PASSWORD = "privacy system admin passphrase"
PASSWORD = "a long enough passphrase"
#: the person's audit log (kept by profiles from <service>.privacy.data_accessed)
AUDIT_LOG_PATH = "/v1/me/audit-log"

# four services x (migrate, api, relay, worker) on a shared 2-core machine start slowly
pytestmark = pytest.mark.timeout(1800)


#: every file the services store during the test (attachments, export archives) is kept
#: under here, so the post-erasure scan can read all of them
STORAGE = Path(tempfile.mkdtemp(prefix="privacy-storage-"))


@dataclass
class AttachmentBucket:
    """An S3-compatible object store (moto's server, the one the resources tests use) whose
    bucket holds resources' attachments here: the scan must read it like any store."""

    url: str
    s3: Any
    name: str = "privacy-attachments"
    region: str = "eu-west-3"

    def env(self) -> dict[str, str]:
        return {
            "ATTACHMENT_STORAGE": "s3",
            "ATTACHMENT_S3_ENDPOINT": self.url,
            "ATTACHMENT_S3_BUCKET": self.name,
            "ATTACHMENT_S3_REGION": self.region,
            "ATTACHMENT_S3_ACCESS_KEY_ID": "privacy-test",
            "ATTACHMENT_S3_SECRET_ACCESS_KEY": "privacy-test-secret",
        }


@pytest.fixture(scope="module")
def attachment_bucket() -> Iterator[AttachmentBucket]:
    import boto3

    url = f"http://127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", url.rsplit(":", 1)[1]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _answers(url), 120, what="the object store")
        s3 = boto3.client(
            "s3",
            endpoint_url=url,
            region_name="eu-west-3",
            aws_access_key_id="privacy-test",
            aws_secret_access_key="privacy-test-secret",
        )
        bucket = AttachmentBucket(url, s3)
        s3.create_bucket(
            Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": bucket.region}
        )
        yield bucket
    finally:
        server.terminate()
        server.wait(30)


def _answers(url: str) -> bool:
    try:
        httpx.get(f"{url}/moto-api/", timeout=2)
    except httpx.HTTPError:
        return False
    return True


@pytest.fixture(scope="module")
def full_platform(infra: TestInfra, attachment_bucket: AttachmentBucket) -> Iterator[Platform]:
    profiles_env = {
        "EXPORT_ARCHIVE_DIR": str(STORAGE / "profiles-exports"),
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST_KIB": "8192",
        "PRIVACY_RETRY_AFTER_S": "5",
        "PRIVACY_JOBS_INTERVAL_S": "0.5",
    }
    # attachments in an S3-compatible bucket, as a scaled-out deployment keeps them; the
    # local folder stays set so a file written there by mistake is scanned too
    resources_env = {
        **attachment_bucket.env(),
        "ATTACHMENT_DIR": str(STORAGE / "resources-attachments"),
    }
    with start_platform(
        infra, SERVICES, {"profiles": profiles_env, "resources": resources_env}
    ) as p:
        yield p


@dataclass
class Person:
    """Unique values: finding one of them anywhere after erasure is a leak."""

    account_id: str
    email: str
    given_name: str
    family_name: str
    token: str
    secret_phrase: str  # in a private message they sent
    interest_note: str  # in an expression of interest
    survey_note: str  # free text in a survey response

    @property
    def names(self) -> dict[str, str]:
        """What someone who knows the person would type into a search box."""
        return {
            "given name": self.given_name,
            "family name": self.family_name,
            "full name": f"{self.given_name} {self.family_name}",
            "email": self.email,
        }

    @property
    def identifying(self) -> dict[str, str]:
        return {
            "email": self.email,
            "given name": self.given_name,
            "family name": self.family_name,
            "private message": self.secret_phrase,
            "expression of interest": self.interest_note,
            "survey answer": self.survey_note,
        }


class Api:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.base = platform.gateway_url
        self.http = httpx.Client(base_url=self.base, timeout=20)

    def close(self) -> None:
        self.http.close()

    def call(
        self, method: str, path: str, token: str | None = None, expect: int | None = None, **kw: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(kw.pop("headers", {}))
        r = self.http.request(method, path, headers=headers, **kw)
        if expect is not None:
            assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text}"
        return r

    def register(self, name: str, email_: str | None = None) -> tuple[str, str]:
        address = email_ or f"{uuid.uuid4().hex[:10]}@example.org"
        r = self.call(
            "POST",
            "/v1/auth/register",
            json={"email": address, "password": PASSWORD, "display_name": name},
            expect=201,
        )
        account_id = r.json()["account_id"]
        # what reaches other people (connections, messages, resources) needs a verified email
        self.call(
            "POST",
            "/v1/auth/verify-email",
            json={"token": self.platform.smtp.link_token(address)},
            expect=200,
        )
        return account_id, address

    def login(self, address: str, password: str = PASSWORD) -> str:
        r = self.call(
            "POST", "/v1/auth/login", json={"email": address, "password": password}, expect=200
        )
        return str(r.json()["access_token"])

    def official(self, role: str, admin: str) -> tuple[str, str]:
        account, address = self.register(f"Official {role}")
        self.call("PUT", f"/v1/auth/accounts/{account}/roles/{role}", admin, expect=200)
        return account, self.login(address)  # the new role is in the next token


def unique_word(prefix: str) -> str:
    """A capitalised word no other test writes (letters only: survives any normalisation)."""
    return prefix + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10])


def build_person(api: Api) -> Person:
    given, family = unique_word("Zai"), unique_word("Quill")
    address = f"{given.lower()}.{family.lower()}@example.org"
    account_id, _ = api.register(f"{given} {family}", address)
    token = api.login(address)
    person = Person(
        account_id=account_id,
        email=address,
        given_name=given,
        family_name=family,
        token=token,
        secret_phrase=unique_word("Secretphrase"),
        interest_note=unique_word("Interestnote"),
        survey_note=unique_word("Surveynote"),
    )
    return person


def data_everywhere(api: Api, person: Person) -> dict[str, str]:
    """Profile, messages, a resource they authored, an expression of interest, a survey
    response, an alliance membership they represent, notifications (the welcome email)."""
    admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    me = person.token
    ids: dict[str, str] = {}
    api.call(
        "PUT",
        "/v1/me/profile",
        me,
        json={
            "display_name": f"{person.given_name} {person.family_name}",
            "given_name": person.given_name,
            "family_name": person.family_name,
            "city": "Montréal",
            "gender": "female",
            "birth_year": 1990,
        },
        expect=201,
    )
    friend_id, friend_email = api.register("Jean Martin")
    friend = api.login(friend_email)
    cid = api.call("POST", "/v1/connections", me, json={"person_id": friend_id}, expect=201).json()[
        "connection_id"
    ]
    api.call("POST", f"/v1/connections/{cid}/accept", friend, expect=200)
    api.call(
        "POST",
        "/v1/conversations",
        me,
        json={"person_id": friend_id, "body": f"My address: {person.secret_phrase}"},
        expect=201,
    )

    # resources: a resource they authored (kept de-identified), an expression of interest
    ids["resource"] = api.call(
        "POST",
        "/v1/resources",
        me,
        json={
            "kind": "research",
            "language": "en",
            "title": "Remittances and small business in the Haitian diaspora",
            "summary": "A short study.",
            "authors": [
                {
                    "name": f"{person.given_name} {person.family_name}",
                    "kind": "person",
                    "person_id": person.account_id,
                }
            ],
        },
        expect=201,
    ).json()["id"]
    _, poster = api.official("moderator", admin)
    # published, so that anyone's search finds it (and, before the erasure, by its author)
    # a stored file (the scan reads every file the services keep)
    api.call(
        "POST",
        f"/v1/resources/{ids['resource']}/attachments",
        me,
        params={"filename": "study.txt"},
        content=b"Remittances fund small shops; data from a public survey.",
        headers={"Content-Type": "application/octet-stream"},
        expect=201,
    )
    api.call("POST", f"/v1/resources/{ids['resource']}/submit", me, expect=200)
    api.call("POST", f"/v1/resources/{ids['resource']}/publish", poster, expect=200)
    ids["opportunity"] = api.call(
        "POST",
        "/v1/opportunities",
        poster,
        json={
            "kind": "experts",
            "title": "Data experts for the diaspora mapping",
            "description": "Analyse survey data with the ministry.",
            "organisation": "Ministry of Haitians Living Abroad",
            "deadline": "2099-01-01T00:00:00+00:00",
            "work_mode": "remote",
            "required_skills": [],
            "countries": [],
            "contribution_modes": ["skills_transfer"],
            "languages": ["fr"],
        },
        expect=201,
    ).json()["id"]
    ids["interest"] = api.call(
        "POST",
        f"/v1/opportunities/{ids['opportunity']}/interests",
        me,
        json={"message": f"I can help. {person.interest_note}"},
        expect=201,
    ).json()["id"]
    # an official reads the identified expression of interest: the person's audit log shows it
    api.call("GET", f"/v1/opportunities/{ids['opportunity']}/interests", poster, expect=200)

    # profiles' mapping: a survey response linked to their profile
    _, focal = api.official("government_focal_point", admin)
    from profiles.mapping.adapters.template import TEMPLATE

    survey = api.call(
        "POST",
        f"/v1/mapping/surveys/xlsform?key=privacy-{uuid.uuid4().hex[:6]}",
        focal,
        content=TEMPLATE.read_bytes(),
        headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        },
    )
    assert survey.status_code == 201, survey.text
    campaign = api.call(
        "POST",
        "/v1/mapping/campaigns",
        focal,
        json={
            "survey_id": survey.json()["id"],
            "name": "Diaspora mapping 2026",
            "owner_kind": "government",
            "origin_country": "ht",
            "opens_on": "2026-01-01",
            "closes_on": "2099-12-31",
            "channels": ["web"],
        },
        expect=201,
    ).json()
    ids["response"] = api.call(
        "POST",
        f"/v1/mapping/campaigns/{campaign['id']}/responses",
        me,
        json={
            "answers": {
                "consent": "yes",
                "gender": "female",
                "birth_year": 1990,
                "country_of_origin": "HT",
                "country_of_residence": "CA",
                "skills": ["S1"],
                "needs": ["other"],
                "needs_other": person.survey_note,
            },
            "link_to_profile": True,
        },
        expect=201,
    ).json()["response_id"]

    # alliance: they represent an admitted individual member
    _, secretariat = api.official("alliance_secretariat", admin)
    alliance_id = api.call(
        "POST",
        "/v1/alliance/alliances",
        secretariat,
        json={
            "slug": f"privacy-{uuid.uuid4().hex[:8]}",
            "name": "Diaspora Alliance",
            "pillars": [{"code": "networks", "title": "Digitalise networks"}],
            "themes": [{"code": "climate_action", "title": "Climate action"}],
        },
        expect=201,
    ).json()["id"]
    ids["member"] = api.call(
        "POST",
        "/v1/alliance/members/applications",
        me,
        json={
            "alliance_id": alliance_id,
            "kind": "youth_leader",
            "name": f"{person.given_name} {person.family_name}",
            "country": "HT",
        },
        expect=201,
    ).json()["id"]
    api.call(
        "POST",
        f"/v1/alliance/members/{ids['member']}/review",
        secretariat,
        json={"decision": "admit"},
        expect=200,
    )
    return ids


# ---- evidence: tests/system/privacy_scan.py -------------------------------------------------


def _text_of(message: email.message.Message) -> str:
    if message.is_multipart():
        return "".join(_text_of(part) for part in message.get_payload())  # type: ignore[arg-type]
    payload = message.get_payload(decode=True)
    return payload.decode(errors="replace") if isinstance(payload, bytes) else str(payload)


# ---- the tests (in order, on one person) ------------------------------------------------------
@dataclass
class Scene:
    api: Api
    person: Person
    ids: dict[str, str]
    erasure: dict[str, Any] | None = None


@pytest.fixture(scope="module")
def scene(full_platform: Platform) -> Iterator[Scene]:
    api = Api(full_platform)
    try:
        person = build_person(api)
        yield Scene(api, person, data_everywhere(api, person))
    finally:
        api.close()


def test_the_audit_log_shows_who_looked_at_what(scene: Scene, full_platform: Platform) -> None:
    """The moderator's read of the expression of interest (resources -> profiles)."""
    api, person = scene.api, scene.person

    def resources_read() -> list[dict[str, object]]:
        items = api.call("GET", AUDIT_LOG_PATH, person.token, expect=200).json()["items"]
        return [e for e in items if e["service"] == "resources"]

    # the entry travels resources' outbox -> Kafka -> profiles' worker: wait for it, not for
    # the (always present) page around it
    wait_until(
        lambda: resources_read() != [],
        30,
        what="the audit log to show the official's read",
        on_timeout=full_platform.logs,
    )
    assert all(e["record_type"] for e in resources_read())


def test_the_export_archive_holds_every_slice(scene: Scene, full_platform: Platform) -> None:
    api, person = scene.api, scene.person
    started = api.call("POST", "/v1/me/exports", person.token, expect=202)
    progress_url = started.headers["location"]
    wait_until(
        lambda: api.call("GET", progress_url, person.token).json()["status"] == "ready",
        60,
        what="the export to be assembled (every participant's slice)",
        on_timeout=lambda: json.dumps(api.call("GET", progress_url, person.token).json()),
    )
    # notifications emails the expiring link (DataExportReady) to the web client's page
    link_pattern = re.compile(r"https?://\S+/privacy/exports/[\w\-]+\?token=[\w\-]+")

    def emailed_link() -> str | None:
        for m in full_platform.smtp.messages():
            if m["To"] == person.email:
                found = link_pattern.search(_text_of(m))
                if found:
                    return found.group(0)
        return None

    wait_until(lambda: emailed_link() is not None, 60, what="the export email with the link")
    link = httpx.URL(emailed_link() or "")
    export_id = link.path.rsplit("/", 1)[-1]
    archive = api.call(
        "GET",
        f"/v1/me/exports/{export_id}/archive",
        params={"token": link.params["token"]},
        expect=200,
    )
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        data = json.loads(z.read("data.json"))
        assert "summary.html" in z.namelist()
    slices = data["services"]
    assert sorted(slices) == sorted(["profiles", *PARTICIPANTS])
    everything = json.dumps(slices)
    missing = [what for what, value in person.identifying.items() if value not in everything]
    missing += [kind for kind, record_id in scene.ids.items() if record_id not in everything]
    assert missing == [], f"the archive lacks: {missing}"


#: a call per service that needs the caller's access token (creating a resource is how an
#: erased person's data would come back)
TOKEN_CHECKS = {
    "profiles": ("GET", "/v1/me/consents", None),
    "resources": ("POST", "/v1/resources", {}),
    "alliance": ("GET", f"/v1/alliance/alliances/{uuid.uuid4()}", None),
    "notifications": ("GET", "/v1/notifications/feed", None),
}


def _token_statuses(api: Api, token: str) -> dict[str, int]:
    return {
        service: api.call(method, path, token, json=body).status_code
        for service, (method, path, body) in TOKEN_CHECKS.items()
    }


def test_search_finds_their_work_by_their_name_before_the_erasure(
    scene: Scene, full_platform: Platform
) -> None:
    """The search scan is not vacuous: while the person exists, searching for their family
    name finds the resource they wrote (a control for the scan after the erasure)."""
    assert "/v1/resources" in search_endpoints()
    api, person = scene.api, scene.person
    found = api.call("GET", "/v1/resources", params={"q": person.family_name}, expect=200)
    assert scene.ids["resource"] in found.text, found.text[:500]
    leaks = leaks_in_search(api.http, person.token, person.names, [scene.ids["resource"]])
    assert any("/v1/resources" in leak for leak in leaks), leaks


def test_every_service_confirms_the_erasure(scene: Scene) -> None:
    api, person = scene.api, scene.person
    before = _token_statuses(api, person.token)
    assert 401 not in before.values(), f"the token was refused before the erasure: {before}"
    scene.erasure = accepted = api.call(
        "POST", "/v1/me/erasure", person.token, json={"password": PASSWORD}, expect=202
    ).json()
    wait_until(
        lambda: api.call("GET", accepted["status_url"]).json()["status"] == "completed",
        60,
        what="every participant to confirm the erasure",
        on_timeout=lambda: json.dumps(api.call("GET", accepted["status_url"]).json()),
    )
    status = api.call("GET", accepted["status_url"]).json()
    assert {s for s, a in status["services"].items() if a["status"] == "confirmed"} == {
        "profiles",
        *PARTICIPANTS,
    }


def test_the_erased_persons_access_token_opens_no_service(scene: Scene) -> None:
    """The token was issued before the erasure and its signature is still valid: every
    service refuses it once it erased its part (within its revocation refresh interval)."""
    assert scene.erasure is not None, "the erasure was not requested"
    api, person = scene.api, scene.person
    wait_until(
        lambda: set(_token_statuses(api, person.token).values()) == {401},
        15,
        what="every service to refuse the erased account's access token",
        on_timeout=lambda: json.dumps(_token_statuses(api, person.token)),
    )


def test_no_table_in_any_schema_holds_the_person(scene: Scene, full_platform: Platform) -> None:
    assert scene.erasure is not None, "the erasure was not requested"
    leaks = run_sync(
        lambda: leaks_in_database(full_platform.infra.admin_database_url, scene.person.identifying)
    )
    assert leaks == [], "identifying values left in the database:\n" + "\n".join(leaks)


def test_no_public_search_matches_their_names(scene: Scene, full_platform: Platform) -> None:
    """Every search endpoint, anonymously and as a member, queried with each of the person's
    names and their email: no answer holds them or lists one of the person's records (their
    resource is still published, by "Former member": finding it by their name would link
    the name to the work again)."""
    assert scene.erasure is not None, "the erasure was not requested"
    api = scene.api
    _, member_email = api.register("Search Member")
    member = api.login(member_email)
    records = [v for k, v in scene.ids.items() if k in ("resource", "member", "response")]
    leaks = leaks_in_search(api.http, member, scene.person.names, records)
    assert leaks == [], "search still matches the erased person:\n" + "\n".join(leaks)


def test_no_stored_file_holds_the_person(
    scene: Scene, full_platform: Platform, attachment_bucket: AttachmentBucket
) -> None:
    """Every file the services store (export archives: the person exported their data before
    the erasure), every file they wrote (logs), zip members included, and every object of
    the attachment bucket."""
    assert scene.erasure is not None, "the erasure was not requested"
    leaks = leaks_in_files([STORAGE, full_platform.home], scene.person.identifying)
    assert leaks == [], "identifying values left in files:\n" + "\n".join(leaks)
    listed = attachment_bucket.s3.list_objects_v2(Bucket=attachment_bucket.name)
    assert listed.get("Contents"), "the resource's attachment is not in the bucket: nothing read"
    in_bucket = leaks_in_bucket(
        attachment_bucket.s3, attachment_bucket.name, scene.person.identifying
    )
    assert in_bucket == [], "identifying values left in the bucket:\n" + "\n".join(in_bucket)


def test_kafka_replayed_from_the_beginning_reveals_nothing(
    scene: Scene, full_platform: Platform
) -> None:
    assert scene.erasure is not None, "the erasure was not requested"
    leaks = run_sync(
        lambda: leaks_on_kafka(full_platform.infra.kafka_bootstrap, scene.person.identifying)
    )
    assert leaks == [], "identifying values readable on Kafka:\n" + "\n".join(leaks)


def planted_zip(name: str) -> bytes:
    """A zip archive whose one member names ``name`` (compressed: only reading the
    archive's members finds it, not the raw bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("note.txt", f"written by {name}")
    return buffer.getvalue()


def test_the_scanners_do_find_a_planted_value(
    full_platform: Platform, attachment_bucket: AttachmentBucket
) -> None:
    """The leak scanners are not vacuous: a fresh registration is found in the database; a
    name planted in a column of each kind (a schema of the test's own) is found in each (a
    search index's stemmed lexemes, bytes, json, an array, a large object); a planted file is
    found in a zip archive in storage, and in the attachment bucket under another prefix."""
    api = Api(full_platform)
    name = unique_word("Planted")
    try:
        api.register(name)
    finally:
        api.close()

    def found() -> bool:
        tables = run_sync(
            lambda: leaks_in_database(full_platform.infra.admin_database_url, {"name": name})
        )
        return any("profiles" in leak for leak in tables)

    wait_until(found, 30, what="the planted name in a table")
    every_kind = run_sync(lambda: _planted_in_every_column_type(full_platform, name))
    assert sorted(every_kind) == sorted(f"{kind}: name" for kind in PLANTED_KINDS), every_kind
    planted = STORAGE / "planted" / "notes.zip"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(planted_zip(name))
    assert leaks_in_files([STORAGE], {"name": name}) == [f"{planted}!note.txt: name"]
    planted.unlink()
    bucket, s3 = attachment_bucket.name, attachment_bucket.s3
    s3.put_object(Bucket=bucket, Key="elsewhere/notes.zip", Body=planted_zip(name))
    try:
        assert leaks_in_bucket(s3, bucket, {"name": name}) == [
            f"s3://{bucket}/elsewhere/notes.zip!note.txt: name"
        ]
    finally:
        s3.delete_object(Bucket=bucket, Key="elsewhere/notes.zip")
    on_kafka = run_sync(lambda: leaks_on_kafka(full_platform.infra.kafka_bootstrap, {"name": name}))
    # before profiles encrypts personal event fields the name is on Kafka in clear; after, it
    # is not: either way the scanner ran over every topic without failing
    assert isinstance(on_kafka, list)


#: column kinds the database scan must read, each planted with a name by the control below
PLANTED_KINDS = (
    '"scan_control"."planted"."words" (tsvector)',
    '"scan_control"."planted"."raw" (bytea)',
    '"scan_control"."planted"."doc" (jsonb)',
    '"scan_control"."planted"."tags" (ARRAY)',
    '"scan_control"."planted"."label" (USER-DEFINED)',
    "large object",
)


async def _planted_in_every_column_type(platform: Platform, name: str) -> list[str]:
    """Plants ``name`` in a column of every kind the scan reads (and in a large object),
    scans, and removes what it planted: the findings outside the profiles schema."""
    conn = await asyncpg.connect(plain_url(platform.infra.admin_database_url))
    try:
        await conn.execute(
            "DROP SCHEMA IF EXISTS scan_control CASCADE; CREATE SCHEMA scan_control;"
            " CREATE TYPE scan_control.label AS (note text);"
            " CREATE TABLE scan_control.planted (words tsvector, raw bytea, doc jsonb,"
            " tags text[], label scan_control.label)"
        )
        await conn.execute(
            "INSERT INTO scan_control.planted VALUES (to_tsvector('english', $1 || ' wrote it'),"
            " convert_to('by ' || $1, 'UTF8'), jsonb_build_object('author', $1),"
            " ARRAY['x', $1], ROW('by ' || $1)::scan_control.label)",
            name,
        )
        oid = await conn.fetchval("SELECT lo_from_bytea(0, convert_to($1, 'UTF8'))", name)
        try:
            leaks = await leaks_in_database(platform.infra.admin_database_url, {"name": name})
        finally:
            await conn.execute("SELECT lo_unlink($1)", oid)
            await conn.execute("DROP SCHEMA scan_control CASCADE")
    finally:
        await conn.close()
    return [
        "large object: name" if leak.startswith("large object") else leak.rsplit(" (", 1)[0]
        for leak in leaks
        if "scan_control" in leak or leak.startswith("large object")
    ]
