"""Where assembled export archives live until they expire (pluggable: database or files)."""

from __future__ import annotations

import asyncio
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from profiles.adapters.orm import privacy_archives

_KEY = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


class ArchiveStore(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None: ...


class LocalArchiveStore:
    """One file per archive under ``root`` (owner-only permissions); keys are plain names."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key) or key.startswith("."):
            raise ValueError("invalid archive key")
        return self.root / key

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(path.suffix + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.replace(path)  # atomic: a reader never sees half an archive

    async def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None

    async def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class SqlArchiveStore:
    """Archives as rows of profiles' own schema: API replicas and workers share nothing else."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def put(self, key: str, data: bytes) -> None:
        statement = insert(privacy_archives).values(key=key, data=data, stored_at=datetime.now(UTC))
        async with self.engine.begin() as conn:
            await conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["key"],
                    set_={
                        "data": statement.excluded.data,
                        "stored_at": statement.excluded.stored_at,
                    },
                )
            )

    async def get(self, key: str) -> bytes | None:
        async with self.engine.connect() as conn:
            data: bytes | None = (
                await conn.execute(
                    select(privacy_archives.c.data).where(privacy_archives.c.key == key)
                )
            ).scalar()
        return data

    async def delete(self, key: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(privacy_archives).where(privacy_archives.c.key == key))
