"""Crypto-shredding settings for local runs and tests (docs/privacy.md).

profiles gets the key-encryption key and one token per consuming service; every other service
gets the key endpoint and its own token, so it can read the personal fields of profiles'
events. Local only: deploy/ takes them from Secrets.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from pathlib import Path

KEY_ENDPOINT = "/internal/subject-keys"
OWNER = "profiles"


def local_secret(home: Path | None) -> bytes:
    """32 random bytes, kept in ``<home>/secrets/subject_key_kek`` so restarts keep the keys;
    a fresh one per process when there is no home (tests)."""
    if home is None:
        return os.urandom(32)
    path = home / "secrets" / "subject_key_kek"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(base64.b64encode(os.urandom(32)).decode())
        path.chmod(0o600)
    return base64.b64decode(path.read_text().strip())


def service_token(secret: bytes, service: str) -> str:
    return hmac.new(secret, f"subject-keys:{service}".encode(), hashlib.sha256).hexdigest()


def subject_key_env(
    service: str, services: list[str], profiles_base_url: str, secret: bytes
) -> dict[str, str]:
    """The environment of ``service``: the owner's KEK and clients, or a consumer's access."""
    if service == OWNER:
        clients = {s: service_token(secret, s) for s in services if s != OWNER}
        return {
            "SUBJECT_KEY_KEK": base64.b64encode(secret).decode(),
            "SUBJECT_KEY_CLIENTS": json.dumps(clients),
        }
    return {
        "SUBJECT_KEYS_URL": profiles_base_url.rstrip("/") + KEY_ENDPOINT,
        "SUBJECT_KEYS_TOKEN": service_token(secret, service),
    }
