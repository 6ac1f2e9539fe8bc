"""Attachments live where every API replica sees them (PostgreSQL by default, or an
S3-compatible object store), files kept on a local disk before move there with
``python -m resources attachments import-local``, and contents kept in PostgreSQL move to a
bucket with ``... attachments move-to-s3``.

Two real API processes share the database; each has a local folder of its own, like the
in-memory /tmp of a pod. A file uploaded through one is downloaded through the other after
the first was restarted."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from resources_testkit import ATTACHMENT_LIMIT, new_id, resource_body
from sqlalchemy import text

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from devstack.waiting import free_port
from resources.adapters.storage import PostgresAttachmentStorage, S3ObjectStorage
from resources.bootstrap import ResourcesService
from resources.config import ResourcesSettings
from resources.entrypoints.cli import import_local_files, move_to_object_store

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + os.urandom(4096)


@pytest.fixture(scope="module")
def jwks_url(tokens: TokenIssuer) -> Iterator[str]:
    """The test issuer's keys over HTTP, where the API processes fetch them."""
    body = json.dumps(tokens.jwks()).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()


class ApiReplica:
    """``python -m resources api`` on a port of its own, with a local folder of its own."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.port = free_port()
        self.env = {**env, "ATTACHMENT_DIR": str(folder)}
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "resources", "api", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 240  # a loaded machine imports slowly
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read().decode()[-2000:]  # type: ignore[union-attr]
            try:
                if httpx.get(self.url + "/livez", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"resources API on {self.port} did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if self.proc is not None and self.proc.stderr is not None:
            self.proc.stderr.close()


@pytest.fixture
def replicas(
    resources_service: ResourcesService, infra: TestInfra, jwks_url: str, tmp_path: Path
) -> Iterator[tuple[ApiReplica, ApiReplica]]:
    env = {
        **os.environ,
        "DATABASE_URL": resources_service.settings.database_url,
        "KAFKA_BOOTSTRAP_SERVERS": infra.kafka_bootstrap,
        "JWKS_URL": jwks_url,
        "ATTACHMENT_MAX_BYTES": str(ATTACHMENT_LIMIT),
        "LOG_LEVEL": "WARNING",
    }
    one = ApiReplica(env, tmp_path / "pod-1-tmp")
    two = ApiReplica(env, tmp_path / "pod-2-tmp")
    try:
        one.start()
        two.start()
        yield one, two
    finally:
        one.stop()
        two.stop()


def test_upload_through_one_replica_restart_it_download_through_the_other(
    replicas: tuple[ApiReplica, ApiReplica], tokens: TokenIssuer
) -> None:
    one, two = replicas
    author = tokens.headers(new_id())
    created = httpx.post(
        one.url + "/v1/resources", json=resource_body(), headers=author, timeout=30
    )
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    uploaded = httpx.post(
        f"{one.url}/v1/resources/{rid}/attachments",
        params={"filename": "rapport.pdf"},
        content=PDF,
        headers=author,
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    attachment = uploaded.json()["id"]

    one.stop()  # the pod goes away with its /tmp
    one.start()
    for replica in (two, one):
        got = httpx.get(
            f"{replica.url}/v1/resources/{rid}/attachments/{attachment}", headers=author
        )
        assert got.status_code == 200, got.text
        assert got.content == PDF
        assert got.headers["etag"] == f'"{hashlib.sha256(PDF).hexdigest()}"'
    for folder in (Path(one.env["ATTACHMENT_DIR"]), Path(two.env["ATTACHMENT_DIR"])):
        assert not folder.exists() or not any(folder.rglob("*")), "nothing on the local disk"


async def resource_with_attachment(
    client: httpx.AsyncClient, author: dict[str, str], filename: str, content: bytes
) -> tuple[str, str]:
    """A new resource of ``author`` with one attachment uploaded: (resource id, its id)."""
    created = await client.post("/v1/resources", json=resource_body(), headers=author)
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    up = await client.post(
        f"/v1/resources/{rid}/attachments",
        params={"filename": filename},
        content=content,
        headers=author,
    )
    assert up.status_code == 201, up.text
    return rid, up.json()["id"]


class ObjectStore:
    """An S3-compatible server (moto's, in a process of its own) that checks SigV4
    signatures: its first four requests (made here) create a user with an access key and a
    policy, and the bucket; every request after them must be signed with that key."""

    BUCKET = "diaspora-attachments"

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            env={**os.environ, "INITIAL_NO_AUTH_ACTION_COUNT": "4"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(self.url + "/moto-api/", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the object store did not start"
                time.sleep(0.2)
        import boto3

        admin = {
            "endpoint_url": self.url,
            "region_name": "eu-west-3",
            "aws_access_key_id": "bootstrap",
            "aws_secret_access_key": "bootstrap",
        }
        iam = boto3.client("iam", **admin)
        iam.create_user(UserName="resources")
        self.key = iam.create_access_key(UserName="resources")["AccessKey"]
        iam.put_user_policy(
            UserName="resources",
            PolicyName="attachments",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
                }
            ),
        )
        self.s3 = boto3.client(
            "s3",
            **{
                **admin,
                "aws_access_key_id": self.key["AccessKeyId"],
                "aws_secret_access_key": self.key["SecretAccessKey"],
            },
        )
        boto3.client("s3", **admin).create_bucket(
            Bucket=self.BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
        )

    def env(self, secret: str | None = None) -> dict[str, str]:
        return {
            "ATTACHMENT_STORAGE": "s3",
            "ATTACHMENT_S3_ENDPOINT": self.url,
            "ATTACHMENT_S3_BUCKET": self.BUCKET,
            "ATTACHMENT_S3_REGION": "eu-west-3",
            "ATTACHMENT_S3_ACCESS_KEY_ID": self.key["AccessKeyId"],
            "ATTACHMENT_S3_SECRET_ACCESS_KEY": secret or self.key["SecretAccessKey"],
        }

    def keys(self) -> list[str]:
        listed = self.s3.list_objects_v2(Bucket=self.BUCKET).get("Contents", [])
        return [item["Key"] for item in listed]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


@pytest.fixture
def object_store() -> Iterator[ObjectStore]:
    store = ObjectStore()
    try:
        yield store
    finally:
        store.stop()


async def test_with_an_object_store_replicas_share_files_and_a_store_outage_is_a_503(
    resources_service: ResourcesService, tokens: TokenIssuer, object_store: ObjectStore
) -> None:
    """ATTACHMENT_STORAGE=s3: the file goes to the bucket (in requests a real SigV4 check
    accepts), not the database; another replica serves it; while the store is down an
    upload is a 503 problem that records nothing. (Two services in this process: the
    restart across processes is the PostgreSQL test's, above.)"""
    settings = {
        **resources_service.settings.model_dump(),
        **{k.lower(): v for k, v in object_store.env().items()},
    }
    one, two = (
        ResourcesService(ResourcesSettings(**settings)),
        ResourcesService(ResourcesSettings(**settings)),
    )
    author = tokens.headers(new_id())
    # content of its own: the PostgreSQL test above stored PDF in this database already
    pdf = PDF + os.urandom(64)
    apps = [one.create_app(), two.create_app()]
    for app in apps:
        tokens.install(app)
    try:
        async with api_client(apps[0]) as first, api_client(apps[1]) as second:
            rid, attachment = await resource_with_attachment(first, author, "rapport.pdf", pdf)
            got = await second.get(f"/v1/resources/{rid}/attachments/{attachment}", headers=author)
            assert got.status_code == 200 and got.content == pdf
            digest = hashlib.sha256(pdf).hexdigest()
            assert object_store.keys() == [f"attachments/{digest}"]
            async with resources_service.chassis.engine.connect() as conn:
                in_db = await conn.scalar(
                    text("SELECT count(*) FROM resources.attachment_blobs WHERE storage_key = :k"),
                    {"k": digest},
                )
            assert in_db == 0

            object_store.stop()
            refused = await first.post(
                f"/v1/resources/{rid}/attachments",
                params={"filename": "later.pdf"},
                content=pdf + b"another",
                headers=author,
            )
            assert refused.status_code == 503, refused.text
            assert refused.headers["content-type"] == "application/problem+json"
            assert "retry-after" in refused.headers
            seen = await second.get(f"/v1/resources/{rid}", headers=author)
            assert [a["filename"] for a in seen.json()["attachments"]] == ["rapport.pdf"]
    finally:
        await one.chassis.dispose()
        await two.chassis.dispose()


async def test_contents_in_postgres_move_to_the_bucket_and_are_served_from_there(
    resources_service: ResourcesService, tokens: TokenIssuer, object_store: ObjectStore
) -> None:
    """The documented order: copy while the API reads PostgreSQL, switch the API to the
    bucket, copy again deleting the rows. A row whose content does not match its name stays
    for a person; a second run sends nothing twice."""
    author = tokens.headers(new_id())
    content = PDF + os.urandom(64)
    digest = hashlib.sha256(content).hexdigest()
    app = resources_service.create_app()
    tokens.install(app)
    async with api_client(app) as client:
        rid, attachment = await resource_with_attachment(client, author, "archive.pdf", content)
    bogus = "cd" + "0" * 62
    async with resources_service.chassis.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO resources.attachment_blobs (storage_key, content, size, stored_at)"
                " VALUES (:k, 'not what the name says', 22, now())"
            ),
            {"k": bogus},
        )
    database = PostgresAttachmentStorage(lambda: resources_service.chassis.engine)
    settings = ResourcesSettings(
        **{
            **resources_service.settings.model_dump(),
            **{k.lower(): v for k, v in object_store.env().items()},
        }
    )
    on_s3 = ResourcesService(settings)
    assert isinstance(on_s3.storage, S3ObjectStorage)

    first = await move_to_object_store(database, on_s3.storage, progress=False, batch=2)
    assert first.moved >= 1 and first.corrupt == [bogus] and first.deleted == 0
    in_bucket = object_store.keys()
    assert f"attachments/{digest}" in in_bucket and f"attachments/{bogus}" not in in_bucket
    assert await database.has(digest)  # still served by an API reading PostgreSQL

    second = await move_to_object_store(database, on_s3.storage, delete=True, progress=False)
    assert second.moved == 0 and second.already_there == first.moved
    assert not await database.has(digest) and await database.has(bogus)
    assert digest not in second.missing

    s3_app = on_s3.create_app()
    tokens.install(s3_app)
    try:
        async with api_client(s3_app) as client:
            got = await client.get(f"/v1/resources/{rid}/attachments/{attachment}", headers=author)
            assert got.status_code == 200 and got.content == content
    finally:
        await on_s3.chassis.dispose()
        await database.delete(bogus)


def test_an_incomplete_object_store_setting_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="ATTACHMENT_S3_BUCKET"):
        ResourcesSettings(
            attachment_storage="s3",
            attachment_s3_endpoint="https://s3.example",
            attachment_s3_access_key_id="id",
            attachment_s3_secret_access_key="secret",
        )


async def test_local_files_are_imported_into_postgres(
    resources_service: ResourcesService, tokens: TokenIssuer, tmp_path: Path
) -> None:
    """An attachment uploaded while files lived on a local disk is missing for a replica
    reading PostgreSQL until the import; the import checks each file against its name,
    skips what is stored already, and can delete the files."""
    folder = tmp_path / "attachments"
    old = ResourcesService(
        ResourcesSettings(
            **{**resources_service.settings.model_dump(), "attachment_storage": "local"},
        )
    )
    old.settings.attachment_dir = folder
    old.storage = old._storage()
    author = tokens.headers(new_id())
    content = PDF + os.urandom(64)
    app = old.create_app()
    tokens.install(app)
    async with api_client(app) as client:
        rid, attachment = await resource_with_attachment(client, author, "old.pdf", content)
    digest = hashlib.sha256(content).hexdigest()
    assert (folder / digest[:2] / digest).read_bytes() == content
    bogus = "ab" + "0" * 62  # a file whose content does not match its name
    (folder / "ab").mkdir()
    (folder / "ab" / bogus).write_bytes(b"not what the name says")

    current = resources_service.create_app()
    tokens.install(current)
    async with api_client(current) as client:
        path = f"/v1/resources/{rid}/attachments/{attachment}"
        missing = await client.get(path, headers=author)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"

        report = await import_local_files(resources_service, folder, delete=True, progress=False)
        assert report.stored == 1 and report.bytes_stored == len(content)
        assert report.corrupt == [bogus]
        assert digest not in report.missing
        assert not (folder / digest[:2] / digest).exists()  # deleted once stored
        assert (folder / "ab" / bogus).exists()  # a corrupt file is left for a person

        got = await client.get(path, headers=author)
        assert got.status_code == 200 and got.content == content

    again = await import_local_files(resources_service, folder, progress=False)
    assert again.stored == 0 and again.corrupt == [bogus]
    await old.chassis.dispose()
