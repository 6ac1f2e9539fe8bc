"""A partner sees webhook deliveries on their own machine within a minute: the example
receiver (``make webhook-receiver``: devstack.webhook_receiver) registers itself through the
gateway, asks for a replay of the seeded alliance's events and verifies each delivery's
Standard Webhooks signature with the ``standardwebhooks`` package. On the journeys' shared
platform (a partner developer's first steps)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook

from devstack.system import ADMIN, Platform
from devstack.waiting import free_port
from devstack.webhook_receiver import Receiver


def test_the_example_receiver_gets_a_verified_delivery_within_a_minute(
    journey_platform: Platform,
) -> None:
    started = time.monotonic()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "devstack.webhook_receiver",
            "--register",
            "--gateway",
            journey_platform.gateway_url,
            "--email",
            ADMIN[0],
            "--password",
            ADMIN[1],
            "--port",
            str(free_port()),
            "--count",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert run.returncode == 0, run.stdout + run.stderr + journey_platform.logs()
    assert "registered endpoint" in run.stdout
    assert "(signature verified)" in run.stdout
    # the replay holds the seeded alliance's partner events (and, on the journeys' shared
    # platform, those of the journeys that ran before): one of them arrived
    assert "alliance." in run.stdout or "profiles." in run.stdout, run.stdout
    assert elapsed < 60


def test_the_receiver_refuses_a_forged_or_unsigned_delivery() -> None:
    got: list[dict[str, object]] = []
    receiver = Receiver(free_port(), lambda event, _id: got.append(event))
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    receiver.secret = secret
    receiver.serve_in_background()
    try:
        body = json.dumps({"type": "alliance.meeting.scheduled", "data": {}})
        now = datetime.now(UTC)
        headers = {"webhook-id": "msg_1", "webhook-timestamp": str(int(now.timestamp()))}
        signed = {**headers, "webhook-signature": Webhook(secret).sign("msg_1", now, body)}
        ok = httpx.post(receiver.url, content=body, headers=signed)
        assert ok.status_code == 204 and len(got) == 1

        forged = {**headers, "webhook-signature": "v1,AAAA"}
        assert httpx.post(receiver.url, content=body, headers=forged).status_code == 401
        assert httpx.post(receiver.url, content=body, headers=headers).status_code == 401
        assert len(got) == 1 and receiver.rejected == 2
    finally:
        receiver.close()
