"""One-click unsubscribe links (RFC 8058) that work without login and cannot be forged.

A token is ``<base64url payload>.<base64url HMAC-SHA256(key, payload)>`` with payload
``person_id:category`` (``*`` = every non-transactional email). Only the service knows the key,
so a token names exactly the person and category it was issued for; comparing MACs in constant
time keeps the check from leaking how much of a forgery was right.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from uuid import UUID

from eventkit.domain_errors import BadRequest, Forbidden
from notifications.domain.preferences import Category

ALL = "*"


class InvalidToken(BadRequest, ValueError):
    """Malformed: not a token at all."""


class ForgedToken(Forbidden, ValueError):
    """Well-formed but the signature does not match: forged or tampered with."""


@dataclass(frozen=True)
class Unsubscription:
    person_id: UUID
    category: Category | None  # None: all non-transactional email


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class UnsubscribeSigner:
    def __init__(self, key: str) -> None:
        if len(key) < 16:
            raise ValueError("the unsubscribe signing key must have at least 16 characters")
        self._key = key.encode()

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._key, b"unsubscribe:" + payload, hashlib.sha256).digest()

    def token(self, person_id: UUID, category: Category | None) -> str:
        payload = f"{person_id}:{category.value if category else ALL}".encode()
        return f"{_b64(payload)}.{_b64(self._mac(payload))}"

    def verify(self, token: str) -> Unsubscription:
        try:
            encoded, mac = token.split(".")
            payload, signature = _unb64(encoded), _unb64(mac)
        except (ValueError, TypeError) as exc:
            raise InvalidToken("This is not an unsubscribe link.") from exc
        if not hmac.compare_digest(signature, self._mac(payload)):
            raise ForgedToken("This unsubscribe link is not valid.")
        try:
            person, _, category = payload.decode().partition(":")
            return Unsubscription(UUID(person), None if category == ALL else Category(category))
        except (ValueError, UnicodeDecodeError) as exc:  # signed by us, so never in practice
            raise InvalidToken("This is not an unsubscribe link.") from exc
