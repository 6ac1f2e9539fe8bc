"""Attachments live where every API replica sees them (PostgreSQL by default), and files
kept on a local disk before move there with ``python -m resources attachments import-local``.

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

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from devstack.waiting import free_port
from resources.bootstrap import ResourcesService
from resources.config import ResourcesSettings
from resources.entrypoints.cli import import_local_files

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
        rid = (await client.post("/v1/resources", json=resource_body(), headers=author)).json()[
            "id"
        ]
        up = await client.post(
            f"/v1/resources/{rid}/attachments",
            params={"filename": "old.pdf"},
            content=content,
            headers=author,
        )
        assert up.status_code == 201, up.text
    attachment = up.json()["id"]
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
