"""The web client (``python -m web api``) as a process of a local platform.

The route table names it like a service (``web``, prefix ``/``) so the gateway serves its
pages at ``/`` while the API stays at ``/v1``; it is not a service, though: no database, no
broker, one process that reaches the platform through the gateway only.
"""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

import httpx

from devstack.processes import ManagedProcess

WEB = "web"


def is_web(name: str) -> bool:
    return name == WEB


def session_secret(home: Path | None) -> str:
    """The key that seals session cookies, kept in ``<home>/secrets/web_session`` so a restart
    keeps people signed in; a fresh one when there is no home."""
    if home is None:
        return base64.urlsafe_b64encode(os.urandom(32)).decode()
    path = home / "secrets" / "web_session"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(base64.urlsafe_b64encode(os.urandom(32)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


def web_env(gateway_url: str, home: Path | None) -> dict[str, str]:
    """The web's settings on a local platform: the API through the gateway, which is also
    where people reach the pages."""
    return {
        "WEB_API_BASE_URL": gateway_url,
        "PUBLIC_BASE_URL": gateway_url,
        "WEB_SESSION_SECRET": session_secret(home),
        "PYTHONUNBUFFERED": "1",
    }


def web_argv(port: int) -> list[str]:
    return [sys.executable, "-m", WEB, "api", "--port", str(port)]


def web_ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def start_web(home: Path, port: int, gateway_url: str, name: str = "web") -> ManagedProcess:
    """Start the web process (unless running) and wait until it answers."""
    from devstack.waiting import wait_until

    process = ManagedProcess(name, home)
    process.start(web_argv(port), env={**os.environ, **web_env(gateway_url, home)})
    wait_until(lambda: web_ready(port), 60, what=f"web on :{port}", on_timeout=process.tail)
    return process
