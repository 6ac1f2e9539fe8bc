"""Backend-for-frontend sessions: the tokens live in a sealed cookie the browser cannot read.

The cookie holds the access and refresh tokens encrypted and authenticated with AES-GCM
under a key derived from ``WEB_SESSION_SECRET``; the browser holds an httpOnly, Secure,
SameSite=Lax cookie it can neither read nor forge. Every visitor gets a session (signed in or
not) so that every form, sign-in and registration included, carries a CSRF token bound to it.

Lax, not Strict: a person following an emailed link arrives from their mail client and must
arrive signed in; the CSRF token protects every state-changing request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

COOKIE = "dep_session"
#: an anonymous session lives a day; a signed-in one as long as its refresh token
ANONYMOUS_TTL_S = 86_400


@dataclass(frozen=True)
class Session:
    sid: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    access_token: str = ""
    refresh_token: str = ""
    #: epoch seconds the access token stops being valid (refreshed a little before)
    access_expires_at: float = 0.0
    refresh_expires_at: float = 0.0
    account_id: str = ""
    display_name: str = ""
    roles: tuple[str, ...] = ()
    #: what the roles permit, ``service.permission`` (the API's role catalogue, read at
    #: sign-in): consoles are gated by permission, never by a role's name
    permissions: tuple[str, ...] = ()
    locale: str = ""
    status: str = ""
    #: a sign-in whose password was right and which waits for the second factor's code:
    #: the API's single-use challenge for its second step (never the password), for as long
    #: as the API says it is good; dropped when the session signs in or out
    pending_challenge: str = ""
    pending_next: str = ""
    pending_until: float = 0.0

    @property
    def signed_in(self) -> bool:
        return bool(self.refresh_token)

    def awaiting_code(self, now: float | None = None) -> bool:
        """Whether a sign-in waits for its second factor (and has not run out of time)."""
        now = time.time() if now is None else now
        return bool(self.pending_challenge) and self.pending_until > now

    def waiting_for_code(
        self, challenge: str, expires_in: int, next_url: str, now: float | None = None
    ) -> Session:
        """A fresh anonymous session holding a sign-in that waits for its code."""
        now = time.time() if now is None else now
        return replace(
            Session(),
            pending_challenge=challenge,
            pending_next=next_url,
            pending_until=now + expires_in,
        )

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    def signed_out(self) -> Session:
        """A fresh anonymous session (new id: the old CSRF tokens die with the old one)."""
        return Session()

    def with_tokens(self, pair: dict[str, Any], now: float | None = None) -> Session:
        now = time.time() if now is None else now
        return replace(
            self,
            access_token=pair["access_token"],
            refresh_token=pair["refresh_token"],
            # a margin so a token is never sent in its last seconds
            access_expires_at=now + int(pair["expires_in"]) - 20,
            refresh_expires_at=now + int(pair["refresh_expires_in"]),
        )

    def with_account(self, me: dict[str, Any], permissions: tuple[str, ...] = ()) -> Session:
        return replace(
            self,
            account_id=str(me["account_id"]),
            display_name=str(me.get("display_name", "")),
            roles=tuple(me.get("roles", ())),
            permissions=permissions,
            locale=str(me.get("locale", "")),
            status=str(me.get("status", "")),
        )

    def max_age(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        if self.signed_in:
            return max(int(self.refresh_expires_at - now), 0)
        return ANONYMOUS_TTL_S


class SessionSealer:
    """Seals a :class:`Session` into a cookie value and opens it again (or refuses it)."""

    def __init__(self, secret: str) -> None:
        root = hashlib.sha256(secret.encode()).digest()
        self._aead = AESGCM(hmac.new(root, b"session-cookie", hashlib.sha256).digest())
        self._csrf_key = hmac.new(root, b"csrf", hashlib.sha256).digest()

    def seal(self, session: Session) -> str:
        nonce = os.urandom(12)
        plain = json.dumps(asdict(session), separators=(",", ":")).encode()
        sealed = self._aead.encrypt(nonce, plain, COOKIE.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")

    def open(self, value: str | None) -> Session | None:
        if not value or len(value) > 4096:
            return None
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            plain = self._aead.decrypt(raw[:12], raw[12:], COOKIE.encode())
            data = json.loads(plain)
            data["roles"] = tuple(data.get("roles", ()))
            data["permissions"] = tuple(data.get("permissions", ()))
            session = Session(**data)
        except (ValueError, InvalidTag, TypeError, KeyError):
            return None
        if session.signed_in and session.refresh_expires_at < time.time():
            return None
        return session

    def csrf_token(self, session: Session) -> str:
        mac = hmac.new(self._csrf_key, session.sid.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def csrf_valid(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf_token(session), str(token))
