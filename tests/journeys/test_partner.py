"""A partner's path: the platform admin grants the role; the partner reads which event types
it may subscribe to, is refused one that is not partner-visible (a problem document), and
registers its receiver for the alliance's meetings. The secretariat schedules a meeting; the
partner's receiver gets it as a Standard Webhooks delivery whose signature verifies with the
secret it was shown once, and whose ``webhook-id`` is the one the delivery log shows. Asked
for again, the delivery comes with the same ``webhook-id``: a receiver that drops repeated
ids sees the meeting once."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from devstack.waiting import free_port
from devstack.webhook_receiver import Receiver
from journeys.kit import Person, eventually, grant

API = "/v1/alliance"
MEETINGS = "alliance.meeting.scheduled"


def test_a_partner_receives_a_meeting_once_as_a_signed_webhook(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    partner = newcomer("Pat Partner")
    assert partner.call("GET", "/v1/webhooks/event-types").status_code == 403
    partner = grant(admin, partner, "partner")
    types = partner.get("/v1/webhooks/event-types")
    assert MEETINGS in types
    assert "alliance.member.applied" not in types  # members include individuals: internal

    receipts: list[tuple[str, dict[str, Any]]] = []
    lock = threading.Lock()

    def received(event: dict[str, Any], webhook_id: str) -> None:
        with lock:
            receipts.append((webhook_id, event))

    receiver = Receiver(free_port(), received)
    receiver.serve_in_background()
    try:
        refused = partner.call(
            "POST",
            "/v1/webhooks/endpoints",
            422,
            json={"url": receiver.url, "event_types": ["alliance.member.applied"]},
        )
        assert refused.headers["content-type"].startswith("application/problem+json")
        endpoint = partner.post(
            "/v1/webhooks/endpoints",
            {"url": receiver.url, "event_types": [MEETINGS], "description": "journey"},
            expect=201,
        )
        receiver.secret = endpoint["secret"]

        secretariat = grant(admin, newcomer("Sam Secretariat"), "alliance_secretariat")
        alliance = secretariat.get(f"{API}/alliances")["items"][0]
        body = secretariat.post(
            f"{API}/bodies",
            {
                "alliance_id": alliance["id"],
                "kind": "working_group",
                "name": f"WG {uuid.uuid4()}",
                "theme": alliance["themes"][0]["code"],
            },
            expect=201,
        )
        meeting = secretariat.post(
            f"{API}/meetings",
            {
                "body_id": body["id"],
                "title": f"Partner briefing {uuid.uuid4().hex[:6]}",
                "starts_at": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
                "timezone": "Europe/Brussels",
            },
            expect=201,
        )

        def ours() -> list[tuple[str, dict[str, Any]]]:
            with lock:
                return [
                    (wid, e)
                    for wid, e in receipts
                    if e.get("type") == MEETINGS and meeting["id"] in json.dumps(e)
                ]

        [(webhook_id, _)] = eventually(ours, "the meeting delivered to the partner")
        assert receiver.rejected == 0  # every delivery verified against the shown secret

        log = f"/v1/webhooks/endpoints/{endpoint['id']}/deliveries"
        delivered = eventually(
            lambda: [
                d
                for d in partner.get(log)["items"]
                if d["message_id"] == webhook_id and d["status"] == "succeeded"
            ],
            "the delivery in the partner's log",
        )
        partner.post(f"/v1/webhooks/deliveries/{delivered[0]['id']}/redeliver", expect=202)
        eventually(lambda: len(ours()) >= 2, "the redelivery")
        assert {wid for wid, _ in ours()} == {webhook_id}  # the same id: seen once
    finally:
        receiver.close()
