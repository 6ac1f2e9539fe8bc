"""The web process's settings, read once from the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

LOCALES = ("en", "fr", "es", "ar")
RTL_LOCALES = frozenset({"ar"})


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None else raw.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class WebSettings:
    #: where the web reaches the public API: the gateway (never a service directly)
    api_base_url: str = "http://127.0.0.1:8080"
    #: the address people see (links in pages, the OIDC hand-off); defaults to the API's
    public_base_url: str = "http://127.0.0.1:8080"
    #: seals the session cookie (AES-GCM) and keys the CSRF tokens; set it in production
    #: (every replica the same), else sessions end when the process restarts
    session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    #: False only for plain-http development on a non-localhost name (browsers accept
    #: Secure cookies on http://127.0.0.1 and http://localhost)
    cookie_secure: bool = True
    #: seconds an API call may take before the page says the platform is slow
    api_timeout_s: float = 15.0

    @classmethod
    def from_env(cls) -> WebSettings:
        api = os.environ.get("WEB_API_BASE_URL") or os.environ.get(
            "PUBLIC_BASE_URL", cls.api_base_url
        )
        public = os.environ.get("PUBLIC_BASE_URL", api)
        secret = os.environ.get("WEB_SESSION_SECRET") or secrets.token_urlsafe(32)
        return cls(
            api_base_url=api.rstrip("/"),
            public_base_url=public.rstrip("/"),
            session_secret=secret,
            cookie_secure=_flag("WEB_COOKIE_SECURE", True),
            api_timeout_s=float(os.environ.get("WEB_API_TIMEOUT_S", cls.api_timeout_s)),
        )
