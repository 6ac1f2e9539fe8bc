"""Subject keys: one data key per person, wrapped with a key-encryption key (KEK).

The owning service (profiles) keeps them in its own schema. Destroying a key (erasure)
overwrites the wrapped key and records when; every copy of that person's personal fields in
retained events becomes unreadable. Consumers reach keys only through ``HttpKeyResolver``,
against an endpoint the owner audits.
"""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
from datetime import UTC, datetime

import httpx
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Column, DateTime, LargeBinary, MetaData, String, Table, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.crypto import new_key


def subject_keys_table(metadata: MetaData) -> Table:
    return Table(
        "subject_keys",
        metadata,
        Column("key_id", String(64), primary_key=True),
        Column("subject", String(100), nullable=False, unique=True),
        Column("wrapped_key", LargeBinary),  # NULL once destroyed
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("destroyed_at", DateTime(timezone=True)),
    )


class KeyWrapper:
    """AES-GCM wrapping of data keys under the KEK (from a secret, never from the database)."""

    def __init__(self, kek: bytes) -> None:
        if len(kek) != 32:
            raise ValueError("the key-encryption key must be 32 bytes")
        self._aead = AESGCM(kek)

    @classmethod
    def from_b64(cls, value: str) -> KeyWrapper:
        return cls(base64.b64decode(value))

    def wrap(self, key: bytes, key_id: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, key, key_id.encode())

    def unwrap(self, blob: bytes, key_id: str) -> bytes:
        return self._aead.decrypt(blob[:12], blob[12:], key_id.encode())


class SqlSubjectKeys:
    """Key store of the owning service, used inside the caller's transaction."""

    def __init__(self, table: Table, wrapper: KeyWrapper) -> None:
        self.table = table
        self.wrapper = wrapper

    async def key_for(self, session: AsyncSession, subject: str) -> tuple[str, bytes] | None:
        """The subject's (key id, key), created on first use; None if it was destroyed."""
        t = self.table
        key_id = uuid.uuid4().hex
        key = new_key()
        await session.execute(
            insert(t)
            .values(
                key_id=key_id,
                subject=subject,
                wrapped_key=self.wrapper.wrap(key, key_id),
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["subject"])
        )
        row = (
            await session.execute(select(t.c.key_id, t.c.wrapped_key).where(t.c.subject == subject))
        ).one()
        if row.wrapped_key is None:
            return None
        return row.key_id, self.wrapper.unwrap(row.wrapped_key, row.key_id)

    async def key(self, session: AsyncSession, key_id: str) -> bytes | None:
        row = (
            await session.execute(
                select(self.table.c.wrapped_key).where(self.table.c.key_id == key_id)
            )
        ).first()
        if row is None or row.wrapped_key is None:
            return None
        return self.wrapper.unwrap(row.wrapped_key, key_id)

    async def destroy(self, session: AsyncSession, subject: str) -> bool:
        """Crypto-shred everything ever published about ``subject``. Idempotent."""
        result = await session.execute(
            self.table.update()
            .where(self.table.c.subject == subject, self.table.c.wrapped_key.is_not(None))
            .values(wrapped_key=None, destroyed_at=datetime.now(UTC))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


class HttpKeyResolver:
    """Fetches keys from the owner's audited endpoint (``GET {base}/{key_id}``).

    200 ``{"key": "<b64>"}``; 410 when destroyed. Anything else is an error (retried by the
    consumer as transient), never silently treated as erased.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        timeout_s: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s
        #: tests may route to an in-process app (``httpx.ASGITransport``)
        self.transport = transport
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None

    def _http(self) -> httpx.AsyncClient:
        """One client (its TLS context and kept-alive connections) for every fetch: building a
        client per fetch loaded the CA bundle each time, about 20 ms of CPU per key. A client
        belongs to the event loop it was made on; a worker has one loop, tests several."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            self._client = httpx.AsyncClient(
                timeout=self.timeout_s,
                transport=self.transport,
                headers={"Authorization": f"Bearer {self.token}"},
            )
            self._client_loop = loop
        return self._client

    async def aclose(self) -> None:
        if self._client is not None and self._client_loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None

    async def key(self, key_id: str) -> bytes | None:
        response = await self._http().get(f"{self.base_url}/{key_id}")
        if response.status_code == 410:
            return None
        if response.status_code != 200:
            raise ConnectionError(f"subject key service answered {response.status_code}")
        return base64.b64decode(response.json()["key"])
