"""Subject keys: one data key per person, wrapped with a key-encryption key (KEK).

The owning service (profiles) keeps them in its own schema. Destroying a key (erasure)
overwrites the wrapped key and records when; every copy of that person's personal fields in
retained events becomes unreadable. Consumers reach keys only through ``HttpKeyResolver``,
against an endpoint the owner audits.

KEK rotation: a ``KeyWrapper`` holds the current KEK and any previous ones. Each row records
the public id of the KEK that wrapped it (``kek_id``: the first 8 bytes of the KEK's SHA-256,
in hex; the KEK itself is never stored or logged). New keys are wrapped under the current
KEK; ``SqlSubjectKeys.rewrap`` moves old rows to it in batches, after which the previous KEK
can be dropped (docs/privacy.md, "Rotating the key-encryption key").
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import itertools
import os
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import httpx
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    LargeBinary,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
)
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
        # public id of the KEK that wrapped the key (kek_id()); NULL: wrapped before KEK ids
        # existed (unwrapped by trying every configured KEK) or destroyed before it was rewrapped
        Column("kek_id", String(16), index=True),
    )


def kek_id(kek: bytes) -> str:
    """The public id of a KEK: the first 8 bytes of its SHA-256, hex. Safe to log and store."""
    return hashlib.sha256(kek).digest()[:8].hex()


class UnwrapError(Exception):
    """No configured KEK opens a stored subject key: a KEK that wrapped it is missing from
    the configuration (or the row was tampered with). Never treated as an erasure."""


def decode_kek(value: str, what: str) -> bytes:
    """A base64 KEK from a setting; ``ValueError`` naming ``what`` (never the value)."""
    try:
        kek = base64.b64decode("".join(value.split()), validate=True)  # whitespace aside
    except (binascii.Error, ValueError):
        raise ValueError(f"{what} is not valid base64") from None
    if len(kek) != 32:
        raise ValueError(f"{what} must be 32 bytes (base64 of 32 random bytes), got {len(kek)}")
    return kek


class KeyWrapper:
    """AES-GCM wrapping of data keys under the KEK (from a secret, never from the database).

    ``kek`` wraps every new key; ``previous`` KEKs only unwrap keys wrapped before a rotation.
    AES-GCM authenticates, so a KEK that did not wrap a key fails cleanly instead of giving
    garbage.
    """

    def __init__(self, kek: bytes, previous: Iterable[bytes] = ()) -> None:
        if len(kek) != 32:
            raise ValueError("the key-encryption key must be 32 bytes")
        self.current_id = kek_id(kek)
        #: by KEK id, the current one first (the order a row without a kek_id is tried in)
        self._aeads: dict[str, AESGCM] = {self.current_id: AESGCM(kek)}
        for n, old in enumerate(previous, start=1):
            if len(old) != 32:
                raise ValueError(f"previous key-encryption key #{n} must be 32 bytes")
            self._aeads.setdefault(kek_id(old), AESGCM(old))  # a repeat changes nothing

    @classmethod
    def from_b64(cls, value: str, previous: str | Sequence[str] = ()) -> KeyWrapper:
        """The current KEK and previous ones in base64 (``previous`` may be one
        comma-separated string, as in ``SUBJECT_KEY_KEK_PREVIOUS``)."""
        if isinstance(previous, str):
            previous = [p for p in previous.split(",") if p.strip()]
        current = decode_kek(value, "the current key-encryption key")
        olds = [
            decode_kek(p, f"previous key-encryption key #{n}")
            for n, p in enumerate(previous, start=1)
        ]
        return cls(current, olds)

    @property
    def kek_ids(self) -> list[str]:
        """Every configured KEK id, the current one first."""
        return list(self._aeads)

    @property
    def previous_ids(self) -> list[str]:
        return self.kek_ids[1:]

    def wrap(self, key: bytes, key_id: str) -> bytes:
        """``key`` wrapped under the current KEK (whose id is ``current_id``)."""
        nonce = os.urandom(12)
        return nonce + self._aeads[self.current_id].encrypt(nonce, key, key_id.encode())

    def unwrap(self, blob: bytes, key_id: str, kek_id: str | None = None) -> bytes:
        """The data key, with the KEK ``kek_id`` names; every configured KEK (current first)
        when the row has none. ``UnwrapError`` when no configured KEK opens it."""
        if kek_id is not None:
            aead = self._aeads.get(kek_id)
            if aead is None:
                raise UnwrapError(
                    f"subject key {key_id} is wrapped under KEK {kek_id}, which is not "
                    f"configured (configured: {', '.join(self.kek_ids)})"
                )
            candidates = [aead]
        else:
            candidates = list(self._aeads.values())
        for aead in candidates:
            try:
                return aead.decrypt(blob[:12], blob[12:], key_id.encode())
            except InvalidTag:
                continue
        raise UnwrapError(
            f"no configured KEK ({', '.join(self.kek_ids)}) unwraps subject key {key_id}"
            + ("" if kek_id is None else f" (its row names KEK {kek_id})")
        )


class SqlSubjectKeys:
    """Key store of the owning service, used inside the caller's transaction."""

    def __init__(self, table: Table, wrapper: KeyWrapper) -> None:
        self.table = table
        self.wrapper = wrapper
        c = table.c
        # rows to rewrap: live keys not under the current KEK. Spelled so an index on kek_id
        # can serve it (NULL, below, above), once few are left and when none are
        self._not_current: ColumnElement[bool] = c.wrapped_key.is_not(None) & or_(
            c.kek_id.is_(None),
            c.kek_id < wrapper.current_id,
            c.kek_id > wrapper.current_id,
        )

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
                kek_id=self.wrapper.current_id,
                created_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing(index_elements=["subject"])
        )
        row = (
            await session.execute(
                select(t.c.key_id, t.c.wrapped_key, t.c.kek_id).where(t.c.subject == subject)
            )
        ).one()
        if row.wrapped_key is None:
            return None
        return row.key_id, self.wrapper.unwrap(row.wrapped_key, row.key_id, row.kek_id)

    async def key(self, session: AsyncSession, key_id: str) -> bytes | None:
        t = self.table
        row = (
            await session.execute(select(t.c.wrapped_key, t.c.kek_id).where(t.c.key_id == key_id))
        ).first()
        if row is None or row.wrapped_key is None:
            return None
        return self.wrapper.unwrap(row.wrapped_key, key_id, row.kek_id)

    async def destroy(self, session: AsyncSession, subject: str) -> bool:
        """Crypto-shred everything ever published about ``subject``. Idempotent."""
        result = await session.execute(
            self.table.update()
            .where(self.table.c.subject == subject, self.table.c.wrapped_key.is_not(None))
            .values(wrapped_key=None, destroyed_at=datetime.now(UTC))
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # ---- KEK rotation -----------------------------------------------------------------------
    async def rewrap(self, session: AsyncSession, limit: int) -> int:
        """Rewrap up to ``limit`` live keys not yet under the current KEK; how many it did.

        Rows are locked ``FOR UPDATE SKIP LOCKED`` (two workers take different rows) and
        rewritten in the caller's transaction; destroyed keys are never touched. A row no
        configured KEK opens raises ``UnwrapError`` (nothing is changed by the caller's
        rollback): a KEK that wrapped it is missing from the configuration.
        """
        t = self.table
        rows = (
            await session.execute(
                select(t.c.key_id, t.c.wrapped_key, t.c.kek_id)
                .where(self._not_current)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
        if not rows:
            return 0
        current = self.wrapper.current_id
        params = [
            {
                "k": row.key_id,
                "w": self.wrapper.wrap(
                    self.wrapper.unwrap(row.wrapped_key, row.key_id, row.kek_id), row.key_id
                ),
            }
            for row in rows
        ]
        await session.execute(
            t.update()
            .where(t.c.key_id == bindparam("k"), t.c.wrapped_key.is_not(None))
            .values(wrapped_key=bindparam("w"), kek_id=current),
            params,
        )
        return len(rows)

    async def check_keks(self, session: AsyncSession) -> None:
        """Refuse a configuration that cannot open the stored keys (``UnwrapError``): live keys
        under a KEK id that is not configured, or keys from before KEK ids (one is tried; a
        single KEK wrapped them all) that no configured KEK opens. Two index lookups: run it
        at startup, so a wrong or missing previous KEK stops the process, not a request."""
        t = self.table
        ids = sorted(self.wrapper.kek_ids)
        # kek_id NOT IN ids, spelled as ranges the kek_id index serves
        outside = or_(
            t.c.kek_id < ids[0],
            t.c.kek_id > ids[-1],
            *(and_(t.c.kek_id > lo, t.c.kek_id < hi) for lo, hi in itertools.pairwise(ids)),
        )
        unknown = (
            (
                await session.execute(
                    select(t.c.kek_id)
                    .where(outside, t.c.wrapped_key.is_not(None))
                    .distinct()
                    .order_by(t.c.kek_id)
                    .limit(10)
                )
            )
            .scalars()
            .all()
        )
        if unknown:
            raise UnwrapError(
                f"subject keys are wrapped under KEK ids {', '.join(unknown)}, which are not "
                f"configured (configured: {', '.join(self.wrapper.kek_ids)}): configure the "
                "KEK with that id as a previous KEK"
            )
        legacy = (
            await session.execute(
                select(t.c.key_id, t.c.wrapped_key)
                .where(t.c.kek_id.is_(None), t.c.wrapped_key.is_not(None))
                .limit(1)
            )
        ).first()
        if legacy is not None:
            try:
                self.wrapper.unwrap(legacy.wrapped_key, legacy.key_id)
            except UnwrapError:
                raise UnwrapError(
                    "subject keys from before KEK ids (no kek_id) are not opened by any "
                    f"configured KEK ({', '.join(self.wrapper.kek_ids)}): configure the KEK "
                    "that wrapped them as a previous KEK"
                ) from None

    async def left_to_rewrap(self, session: AsyncSession) -> int:
        """Live keys not under the current KEK."""
        t = self.table
        query = select(func.count()).select_from(t).where(self._not_current)
        return int((await session.execute(query)).scalar_one())

    async def kek_usage(self, session: AsyncSession) -> dict[str | None, int]:
        """Live keys per KEK id (None: rows from before KEK ids); destroyed keys not counted."""
        t = self.table
        rows = await session.execute(
            select(t.c.kek_id, func.count())
            .where(t.c.wrapped_key.is_not(None))
            .group_by(t.c.kek_id)
        )
        return {kek: int(n) for kek, n in rows.all()}

    async def destroyed_count(self, session: AsyncSession) -> int:
        t = self.table
        query = select(func.count()).select_from(t).where(t.c.wrapped_key.is_(None))
        return int((await session.execute(query)).scalar_one())


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
