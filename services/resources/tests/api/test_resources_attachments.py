"""Attachments through HTTP: type from the bytes, size limit, checksum, local storage."""

from __future__ import annotations

import hashlib
import io
import zipfile

import httpx
import pytest
from resources_testkit import ATTACHMENT_LIMIT, assert_problem, new_id, resource_body

from devstack.testing import TokenIssuer

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode"
)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
async def draft(client: httpx.AsyncClient, tokens: TokenIssuer) -> tuple[str, dict[str, str]]:
    author = tokens.headers(new_id())
    rid = (await client.post("/v1/resources", json=resource_body(), headers=author)).json()["id"]
    return rid, author


async def upload(
    client: httpx.AsyncClient, rid: str, headers: dict[str, str], name: str, content: bytes
) -> httpx.Response:
    return await client.post(
        f"/v1/resources/{rid}/attachments",
        params={"filename": name},
        content=content,
        headers={**headers, "Content-Type": "application/pdf"},  # what a client claims: ignored
    )


async def test_upload_checksums_stores_and_serves_the_file(
    client: httpx.AsyncClient, draft: tuple[str, dict[str, str]]
) -> None:
    rid, author = draft
    r = await upload(client, rid, author, "rapport annuel.pdf", PDF)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["media_type"] == "application/pdf"
    assert body["size"] == len(PDF)
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()

    d = await upload(client, rid, author, "plan.docx", docx())
    assert d.json()["media_type"].endswith("wordprocessingml.document")

    assert r.headers["location"] == f"/v1/resources/{rid}/attachments/{body['id']}"
    got = await client.get(r.headers["location"], headers=author)
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "rapport%20annuel.pdf" in got.headers["content-disposition"]
    listed = (await client.get(f"/v1/resources/{rid}", headers=author)).json()["attachments"]
    assert [a["id"] for a in listed] == [body["id"], d.json()["id"]]
    # not visible to others while the resource is a draft
    assert_problem(await client.get(f"/v1/resources/{rid}/attachments/{body['id']}"), 404)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXE),  # an executable renamed .pdf
        ("photo.pdf", PNG),  # a real image, but not what the name says
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 40),  # a bare ZIP
        ("notes.txt", b"\x00\x01\x02binary"),
    ],
)
async def test_types_are_sniffed_from_content_and_disguises_refused(
    client: httpx.AsyncClient, draft: tuple[str, dict[str, str]], name: str, content: bytes
) -> None:
    rid, author = draft
    assert_problem(await upload(client, rid, author, name, content), 415)
    assert (await client.get(f"/v1/resources/{rid}", headers=author)).json()["attachments"] == []


async def test_oversized_uploads_are_refused(
    client: httpx.AsyncClient, draft: tuple[str, dict[str, str]]
) -> None:
    rid, author = draft
    big = PDF + b"0" * ATTACHMENT_LIMIT
    assert_problem(await upload(client, rid, author, "big.pdf", big), 413)
    exactly = PDF + b"0" * (ATTACHMENT_LIMIT - len(PDF))
    assert (await upload(client, rid, author, "limit.pdf", exactly)).status_code == 201


async def test_only_the_contributor_or_a_moderator_attaches(
    client: httpx.AsyncClient, tokens: TokenIssuer, draft: tuple[str, dict[str, str]]
) -> None:
    rid, author = draft
    stranger = tokens.headers(new_id())
    assert_problem(await upload(client, rid, stranger, "x.pdf", PDF), 404)  # cannot see it
    moderator = tokens.headers(new_id(), roles=("moderator",))
    await client.post(f"/v1/resources/{rid}/submit", headers=author)
    await client.post(f"/v1/resources/{rid}/publish", headers=moderator)
    assert_problem(await upload(client, rid, stranger, "x.pdf", PDF), 403)
    assert_problem(await upload(client, rid, author, "x.pdf", PDF), 409)  # published: locked
    assert (await upload(client, rid, moderator, "x.pdf", PDF)).status_code == 201
    assert_problem(await upload(client, rid, author, "x.pdf", PDF), 409)
