"""Access-token signing keys (ES256, P-256): generation, JWK export and signing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

ALGORITHM = "ES256"


@dataclass(kw_only=True)
class SigningKey:
    kid: str
    private_pem: str
    public_jwk: dict[str, Any]
    created_at: datetime
    algorithm: str = ALGORITHM
    retired_at: datetime | None = None
    expires_at: datetime | None = None


def generate_signing_key(now: datetime) -> SigningKey:
    private = ec.generate_private_key(ec.SECP256R1())
    kid = f"{now:%Y%m%d}-{secrets.token_hex(6)}"
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    jwk = jwt.algorithms.ECAlgorithm.to_jwk(private.public_key(), as_dict=True)
    public_jwk = {**jwk, "kid": kid, "use": "sig", "alg": ALGORITHM}
    return SigningKey(kid=kid, private_pem=pem, public_jwk=public_jwk, created_at=now)


@lru_cache(maxsize=16)
def _private_key(pem: str) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def sign(key: SigningKey, claims: dict[str, Any]) -> str:
    return jwt.encode(
        claims, _private_key(key.private_pem), algorithm=key.algorithm, headers={"kid": key.kid}
    )
