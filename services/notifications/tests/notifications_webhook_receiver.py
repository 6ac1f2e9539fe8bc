"""A partner's webhook receiver, run as its own process by the tests.

It verifies every message with the independent ``standardwebhooks`` implementation, against
each secret it was given, and appends what it saw to a JSON-lines file. Unverifiable messages
get 401 (and are logged as such), verified ones 204.

    python notifications_webhook_receiver.py --port P --out FILE --secret whsec_... [--secret ...]
"""

from __future__ import annotations

import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--secret", action="append", default=[])
    args = parser.parse_args()
    verifiers = [Webhook(s) for s in args.secret]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            verified_with = []
            for index, verifier in enumerate(verifiers):
                try:
                    verifier.verify(body, headers)
                    verified_with.append(index)
                except WebhookVerificationError:
                    pass
            record = {
                "id": headers.get("webhook-id"),
                "timestamp": headers.get("webhook-timestamp"),
                "signatures": headers.get("webhook-signature", "").split(),
                "verified_with": verified_with,
                "payload": json.loads(body or b"null"),
            }
            with lock, args.out.open("a") as fh:
                fh.write(json.dumps(record) + "\n")
            self.send_response(204 if verified_with else 401)
            self.end_headers()

        def log_message(self, format: str, *a: object) -> None:
            pass

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
