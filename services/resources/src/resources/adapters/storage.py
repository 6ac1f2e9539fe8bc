"""Pluggable attachment storage; the local filesystem is the default."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Protocol


class AttachmentStorage(Protocol):
    async def put(self, key: str, content: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...


class LocalFileStorage:
    """Content-addressed files under one directory (keys are sha256 digests)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key.isalnum():  # keys are ours (hex digests); never a path from a request
            raise ValueError("invalid storage key")
        return self.root / key[:2] / key

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
        return await asyncio.to_thread(self._path(key).read_bytes)
