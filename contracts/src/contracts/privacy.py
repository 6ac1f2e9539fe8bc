"""How personal data travels inside event payloads: crypto-shredding.

Fields an event declares in ``personal_fields`` are published encrypted with a key that
belongs to the person they describe (the *subject key*, held by the profiles service). When the
person erases their account the key is destroyed: events retained on Kafka can still be
replayed, but their personal fields can no longer be read by anyone.

An encrypted field is a JSON object of this shape (AES-256-GCM; the associated data binds the
ciphertext to its subject and field, so it cannot be moved to another person or field)::

    {"$enc": "aes256gcm.v1", "key": "<subject key id>", "nonce": "<b64>", "data": "<b64>"}

This module only describes the format; ``eventkit.crypto`` implements it.
"""

from __future__ import annotations

from typing import Any

ALGORITHM = "aes256gcm.v1"
MARKER = "$enc"


def is_encrypted(value: Any) -> bool:
    return isinstance(value, dict) and value.get(MARKER) == ALGORITHM


def associated_data(subject: str, field: str) -> bytes:
    return f"{subject}\x1f{field}".encode()


def encrypted_key_ids(payload: dict[str, Any]) -> set[str]:
    return {v["key"] for v in payload.values() if is_encrypted(v)}
