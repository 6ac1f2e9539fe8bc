"""Where attachment contents live, behind one port (``AttachmentStorage``).

Keys are the sha256 hex digests of the contents: the same file uploaded twice is stored once,
and a key never comes from a request.

* ``PostgresAttachmentStorage`` (the default, ``ATTACHMENT_STORAGE=postgres``): a row per file
  in the service's own schema. Every API replica sees every file, CloudNativePG replicates
  them and its backups include them: one place to back up. Up to ``ATTACHMENT_MAX_BYTES``
  (20 MiB) a file, held in memory while it is stored or served.
* ``LocalFileStorage`` (``ATTACHMENT_STORAGE=local``): files under ``ATTACHMENT_DIR``. Only
  for a single process on a persistent disk; ``python -m resources attachments import-local``
  moves such files into PostgreSQL.

* ``S3ObjectStorage`` (``ATTACHMENT_STORAGE=s3``): objects ``<prefix><key>`` in a bucket of
  an S3-compatible store (AWS S3, MinIO, Ceph RGW…), path-style, signed with SigV4
  (``sigv4.py``): for installations whose files outgrow the database (deploy/README.md,
  "Attachments"). The store checks each upload's sha256. ``python -m resources attachments
  move-to-s3`` moves contents kept in PostgreSQL there.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from resources.adapters import sigv4
from resources.adapters.orm import attachment_blobs, attachments


class ContentMissing(LookupError):
    """The storage holds no content under this key."""


class ObjectStoreUnavailable(ConnectionError):
    """The object store answered 5xx (busy, restarting): transient, the API answers 503
    with Retry-After (eventkit.errors) and nothing is recorded."""


class ObjectStoreRefused(RuntimeError):
    """The object store refused a request (wrong credentials, missing bucket): a
    misconfiguration for the operator, logged with the store's own error code."""


class AttachmentStorage(Protocol):
    async def put(self, key: str, content: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...


def _checked(key: str) -> str:
    if not key.isalnum():  # keys are ours (hex digests); never a path from a request
        raise ValueError("invalid storage key")
    return key


class PostgresAttachmentStorage:
    """Contents as rows of ``attachment_blobs``; ``engine`` is asked for at each call (the
    service's engine is replaced when the database comes back after an outage)."""

    def __init__(self, engine: Callable[[], AsyncEngine]) -> None:
        self._engine = engine

    async def put(self, key: str, content: bytes) -> None:
        statement = (
            insert(attachment_blobs)
            .values(
                storage_key=_checked(key),
                content=content,
                size=len(content),
                stored_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["storage_key"])  # same digest, same bytes
        )
        async with self._engine().begin() as conn:
            await conn.execute(statement)

    async def get(self, key: str) -> bytes:
        query = select(attachment_blobs.c.content).where(
            attachment_blobs.c.storage_key == _checked(key)
        )
        async with self._engine().connect() as conn:
            content = await conn.scalar(query)
        if content is None:
            raise ContentMissing(key)
        return bytes(content)

    async def has(self, key: str) -> bool:
        query = select(attachment_blobs.c.size).where(
            attachment_blobs.c.storage_key == _checked(key)
        )
        async with self._engine().connect() as conn:
            return await conn.scalar(query) is not None

    async def keys_after(self, after: str, limit: int) -> list[str]:
        """Stored keys in order, the ``limit`` after ``after`` (a move reads a batch at a time)."""
        query = (
            select(attachment_blobs.c.storage_key)
            .where(attachment_blobs.c.storage_key > after)
            .order_by(attachment_blobs.c.storage_key)
            .limit(limit)
        )
        async with self._engine().connect() as conn:
            return [row[0] for row in await conn.execute(query)]

    async def delete(self, key: str) -> None:
        statement = attachment_blobs.delete().where(attachment_blobs.c.storage_key == _checked(key))
        async with self._engine().begin() as conn:
            await conn.execute(statement)

    async def referenced_keys(self) -> list[str]:
        """Every key an attachment refers to, sorted."""
        async with self._engine().connect() as conn:
            query = select(attachments.c.storage_key).distinct().order_by(attachments.c.storage_key)
            return [row[0] for row in await conn.execute(query)]

    async def keys_missing(self) -> list[str]:
        """Keys that attachments refer to and no row of ``attachment_blobs`` holds, sorted."""
        stored = select(attachment_blobs.c.storage_key)
        query = select(attachments.c.storage_key).where(attachments.c.storage_key.not_in(stored))
        async with self._engine().connect() as conn:
            return sorted({row[0] for row in await conn.execute(query)})


class LocalFileStorage:
    """Content-addressed files under one directory: ``<root>/<key[:2]>/<key>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _checked(key)[:2] / key

    async def put(self, key: str, content: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), content)

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        if path.exists():
            return  # same digest, same bytes
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, path)  # atomic: readers never see half a file

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError as exc:
            raise ContentMissing(key) from exc

    def keys(self) -> list[str]:
        """Every stored key (the files named like their digest; leftovers are skipped)."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name
            for p in self.root.glob("??/*")
            if p.is_file() and p.name.isalnum() and p.parent.name == p.name[:2]
        )


class S3ObjectStorage:
    """Content-addressed objects ``<prefix><key>`` in one bucket of an S3-compatible store."""

    def __init__(
        self,
        *,
        endpoint: str,
        bucket: str,
        region: str,
        access_key_id: str,
        secret_access_key: str,
        prefix: str = "attachments/",
        timeout_s: float = 60.0,
    ) -> None:
        self._endpoint = endpoint.rstrip("/")
        self._host = urlsplit(self._endpoint).netloc
        self._bucket = bucket
        self._region = region
        self._credentials = (access_key_id, secret_access_key)
        self._prefix = prefix
        self._timeout_s = timeout_s

    async def _send(self, method: str, key: str, content: bytes = b"") -> httpx.Response:
        path = f"/{self._bucket}/{self._prefix}{_checked(key)}"
        headers = sigv4.signed_headers(
            method=method,
            host=self._host,
            path=path,
            payload_sha256=hashlib.sha256(content).hexdigest() if content else sigv4.EMPTY_SHA256,
            access_key_id=self._credentials[0],
            secret_access_key=self._credentials[1],
            region=self._region,
            now=datetime.now(UTC),
        )
        # one client per call: uploads are rare and large, and no connection outlives a loop
        async with httpx.AsyncClient(timeout=self._timeout_s) as client:
            response = await client.request(
                method, self._endpoint + path, content=content or None, headers=headers
            )
        if response.status_code >= 500:
            raise ObjectStoreUnavailable(f"{method} {path}: {response.status_code}")
        return response

    def _refused(self, method: str, response: httpx.Response) -> ObjectStoreRefused:
        code = response.text[:300] if method != "HEAD" else ""
        return ObjectStoreRefused(f"{method} answered {response.status_code} {code}".strip())

    async def put(self, key: str, content: bytes) -> None:
        if await self.has(key):
            return  # same digest, same bytes: not sent twice
        response = await self._send("PUT", key, content)
        if response.status_code != 200:
            raise self._refused("PUT", response)

    async def get(self, key: str) -> bytes:
        response = await self._send("GET", key)
        if response.status_code == 404:
            raise ContentMissing(key)
        if response.status_code != 200:
            raise self._refused("GET", response)
        return response.content

    async def has(self, key: str) -> bool:
        response = await self._send("HEAD", key)
        if response.status_code in (200, 404):
            return response.status_code == 200
        raise self._refused("HEAD", response)
