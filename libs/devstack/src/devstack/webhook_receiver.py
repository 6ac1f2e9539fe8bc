"""An example webhook receiver for partners trying the platform locally (``make webhook-receiver``).

It listens on 127.0.0.1, verifies every delivery's Standard Webhooks signature with the
``standardwebhooks`` package (what a partner's own receiver should do), answers 204 to a good
one and 401 to a bad one, and prints what it received. Partner events are structured-mode
CloudEvents (``docs/api/notifications.openapi.json``, section ``webhooks``).

``--register`` does a partner's first steps through the gateway too: it signs in (the demo
administrator of ``make run`` unless ``--email``/``--password``), registers this receiver as a
webhook endpoint (the secret comes back once, in that answer), and asks for a replay of the
last days' events, so deliveries arrive at once. The platform refuses loopback URLs unless the
operator allows them: start it with ``make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1``.

    python -m devstack.webhook_receiver --register            # the whole local demo
    python -m devstack.webhook_receiver --secret whsec_...    # verify for an endpoint you made
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from devstack import paths
from devstack.stack import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

PATH = "/webhooks"


class Receiver:
    """A verifying receiver on ``127.0.0.1:port``; ``on_event`` gets each verified event."""

    def __init__(self, port: int, on_event: Callable[[dict[str, Any], str], None]) -> None:
        self.on_event = on_event
        self.secret: str | None = None
        self.rejected = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                status = receiver.receive(self.path, body, dict(self.headers.items()))
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the receiver prints what matters itself

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{PATH}"

    def receive(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        if path != PATH:
            return 404
        if self.secret is None:
            return 503  # not registered yet: the platform retries later
        try:
            event = Webhook(self.secret).verify(body, {k.lower(): v for k, v in headers.items()})
        except WebhookVerificationError as exc:
            self.rejected += 1
            print(f"REJECTED (bad signature: {exc})", flush=True)
            return 401
        self.on_event(event, headers.get("webhook-id") or headers.get("Webhook-Id") or "")
        return 204

    def serve_in_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def register(
    gateway: str, email: str, password: str, url: str, replay_days: float
) -> dict[str, Any]:
    """Sign in, register ``url`` for every partner event type, replay recent events."""
    with httpx.Client(base_url=gateway, timeout=30) as http:
        login = http.post("/v1/auth/login", json={"email": email, "password": password})
        _expect(login, 200, "sign in")
        auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
        created = http.post(
            "/v1/webhooks/endpoints",
            headers=auth,
            json={"url": url, "description": "devstack example receiver"},
        )
        _expect(created, 201, "register the endpoint")
        endpoint: dict[str, Any] = created.json()
        if replay_days > 0:
            since = datetime.now(UTC) - timedelta(days=replay_days)
            replay = http.post(
                f"/v1/webhooks/endpoints/{endpoint['id']}/replay",
                headers=auth,
                json={"since": since.isoformat()},
            )
            _expect(replay, 202, "replay recent events")
            endpoint["replayed"] = replay.json()["queued"]
        return endpoint


def _expect(response: httpx.Response, status: int, what: str) -> None:
    if response.status_code != status:
        detail = response.text[:500]
        hint = (
            "\nThe platform refuses loopback receivers unless allowed: "
            "make run WEBHOOK_ALLOWED_PRIVATE=127.0.0.1"
            if "Unsafe webhook URL" in detail
            else ""
        )
        raise SystemExit(f"could not {what}: HTTP {response.status_code} {detail}{hint}")


def _print_event(event: dict[str, Any], message_id: str) -> None:
    print(
        f"{event.get('time', '')}  {event.get('type')}  subject={event.get('subject')}  "
        f"webhook-id={message_id}  (signature verified)",
        flush=True,
    )
    print("  " + json.dumps(event.get("data", {}), ensure_ascii=False)[:300], flush=True)


def main(argv: list[str] | None = None) -> int:
    gateway_port = paths.env_port("DEVSTACK_GATEWAY_PORT", paths.GATEWAY_PORT)
    parser = argparse.ArgumentParser(prog="python -m devstack.webhook_receiver")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RECEIVER_PORT", 9000)))
    parser.add_argument("--secret", help="the endpoint's whsec_... secret (without --register)")
    parser.add_argument("--register", action="store_true", help="register through the gateway")
    parser.add_argument("--gateway", default=f"http://127.0.0.1:{gateway_port}")
    parser.add_argument("--email", default=os.environ.get("ADMIN_EMAIL", DEMO_ADMIN_EMAIL))
    parser.add_argument("--password", default=os.environ.get("ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD))
    parser.add_argument("--replay-days", type=float, default=30.0)
    parser.add_argument("--count", type=int, default=0, help="exit after N deliveries")
    args = parser.parse_args(argv)
    if not args.register and not args.secret:
        parser.error("give --secret whsec_... or --register")

    received = threading.Semaphore(0)

    def on_event(event: dict[str, Any], message_id: str) -> None:
        _print_event(event, message_id)
        received.release()

    receiver = Receiver(args.port, on_event)
    receiver.secret = args.secret
    receiver.serve_in_background()
    print(f"listening on {receiver.url}", flush=True)
    try:
        if args.register:
            endpoint = register(
                args.gateway, args.email, args.password, receiver.url, args.replay_days
            )
            receiver.secret = endpoint["secret"]
            print(
                f"registered endpoint {endpoint['id']} (secret shown once: {endpoint['secret']}); "
                f"{endpoint.get('replayed', 0)} recent events queued for delivery",
                flush=True,
            )
        for _ in range(args.count) if args.count else iter(int, 1):
            received.acquire()
    except KeyboardInterrupt:
        pass
    finally:
        receiver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
