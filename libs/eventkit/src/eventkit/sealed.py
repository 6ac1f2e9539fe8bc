"""Sealed boxes: data only the holder of one private key can open (export slices).

X25519 with a fresh ephemeral key per box, HKDF-SHA256 to an AES-256-GCM key, the JSON
compressed first. Wire format (base64 of): ``ephemeral public key (32) | nonce (12) | ciphertext``.
profiles creates one key pair per export and destroys the private key when the export expires,
so the sealed slices retained on Kafka can no longer be opened by anyone.
"""

from __future__ import annotations

import base64
import os
import zlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"diaspora-platform sealed box v1"
_RAW = serialization.Encoding.Raw


class SealedBoxError(ValueError):
    """The box is malformed, was tampered with, or is sealed to another key."""


def new_keypair() -> tuple[bytes, str]:
    """(private key bytes — keep secret, public key base64 — publish)."""
    private = X25519PrivateKey.generate()
    private_raw = private.private_bytes(
        _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public_raw = private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    return private_raw, base64.b64encode(public_raw).decode()


def _box_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=_INFO,
    ).derive(shared)


def seal(public_key_b64: str, data: bytes) -> str:
    try:
        recipient_raw = base64.b64decode(public_key_b64, validate=True)
        recipient = X25519PublicKey.from_public_bytes(recipient_raw)
    except ValueError as exc:
        raise SealedBoxError("not an X25519 public key") from exc
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    key = _box_key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, zlib.compress(data, 6), ephemeral_raw)
    return base64.b64encode(ephemeral_raw + nonce + ciphertext).decode()


def open_sealed(private_key: bytes, box_b64: str) -> bytes:
    try:
        raw = base64.b64decode(box_b64, validate=True)
        ephemeral_raw, nonce, ciphertext = raw[:32], raw[32:44], raw[44:]
        private = X25519PrivateKey.from_private_bytes(private_key)
        recipient_raw = private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        key = _box_key(shared, ephemeral_raw, recipient_raw)
        return zlib.decompress(AESGCM(key).decrypt(nonce, ciphertext, ephemeral_raw))
    except Exception as exc:  # InvalidTag, bad base64, short box, bad zlib stream
        raise SealedBoxError("cannot open the sealed box") from exc
