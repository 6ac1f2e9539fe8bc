"""Crypto-shredding of personal fields in event payloads (format: ``contracts.privacy``).

Producers that own subject keys (profiles) encrypt an event's ``personal_fields`` before the
payload reaches the outbox; consumers decrypt them with keys fetched through a narrow, audited
path and cached briefly. A destroyed key means the person was erased: ``SubjectErased`` tells
the consumer to skip the personal effect rather than fail.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any, Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from contracts.privacy import ALGORITHM, MARKER, associated_data, is_encrypted

KEY_BYTES = 32


class SubjectErased(Exception):
    """A field's key was destroyed: the subject erased their data."""


class KeyResolver(Protocol):
    async def key(self, key_id: str) -> bytes | None:
        """The key's bytes, or None when it was destroyed (subject erased)."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def encrypt_value(
    value: Any, *, key_id: str, key: bytes, subject: str, field: str
) -> dict[str, str]:
    nonce = os.urandom(12)
    plaintext = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, associated_data(subject, field))
    return {MARKER: ALGORITHM, "key": key_id, "nonce": _b64(nonce), "data": _b64(ciphertext)}


def decrypt_value(envelope: dict[str, str], *, key: bytes, subject: str, field: str) -> Any:
    plaintext = AESGCM(key).decrypt(
        base64.b64decode(envelope["nonce"]),
        base64.b64decode(envelope["data"]),
        associated_data(subject, field),
    )
    return json.loads(plaintext)


def encrypt_fields(
    payload: dict[str, Any], fields: Iterable[str], *, key_id: str, key: bytes, subject: str
) -> dict[str, Any]:
    """A copy of ``payload`` with the given fields encrypted (None stays None)."""
    out = dict(payload)
    for field in fields:
        if out.get(field) is not None:
            out[field] = encrypt_value(
                out[field], key_id=key_id, key=key, subject=subject, field=field
            )
    return out


async def decrypt_fields(
    payload: dict[str, Any], subject: str, keys: KeyResolver
) -> dict[str, Any]:
    """A copy of ``payload`` with every encrypted field decrypted.

    Raises ``SubjectErased`` if a field's key no longer exists.
    """
    out = dict(payload)
    for field, value in payload.items():
        if not is_encrypted(value):
            continue
        key = await keys.key(value["key"])
        if key is None:
            raise SubjectErased(subject)
        out[field] = decrypt_value(value, key=key, subject=subject, field=field)
    return out


class CachingKeyResolver:
    """Caches keys for a short time; destroyed keys are re-checked soon after.

    The TTL bounds how long a consumer may keep decrypting after an erasure.
    """

    def __init__(self, inner: KeyResolver, ttl_s: float = 5.0) -> None:
        self.inner = inner
        self.ttl_s = ttl_s
        #: oldest fetch first: expired entries leave from the front (one TTL for all), so a
        #: long-running consumer holds the keys of the last TTL only, not of everyone it met
        self._cache: OrderedDict[str, tuple[float, bytes | None]] = OrderedDict()

    async def key(self, key_id: str) -> bytes | None:
        hit = self._cache.get(key_id)
        if hit and time.monotonic() - hit[0] < self.ttl_s:
            return hit[1]
        value = await self.inner.key(key_id)
        now = time.monotonic()
        self._cache[key_id] = (now, value)
        self._cache.move_to_end(key_id)
        while now - next(iter(self._cache.values()))[0] >= self.ttl_s:
            self._cache.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._cache)

    async def aclose(self) -> None:
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()
