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

Large installations can put the contents in S3-compatible object storage instead by adding
an adapter with the same two methods (deploy/README.md, "Attachments").
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from resources.adapters.orm import attachment_blobs, attachments


class ContentMissing(LookupError):
    """The storage holds no content under this key."""


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
