"""A partner during the faults: it subscribes a webhook receiver to the platform's sector needs,
a government declares needs at a steady pace while the fault strikes, and the receiver counts
what arrives per ``webhook-id``.

The promise to partners (docs/promises.md, Standard Webhooks): every event they subscribe to
arrives, and a message sent more than once (a worker killed after the receiver answered,
before the delivery was marked) carries the same ``webhook-id``, so the receiver drops the
copy. One event under two webhook-ids would reach the partner twice: counted as a duplicate
effect, like a second welcome email."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from devstack.load import LoadResult, Step, _paced, _request
from devstack.platform import CHAOS_ADMIN, ChaosPlatform
from devstack.waiting import free_port
from devstack.webhook_receiver import Receiver

#: the partner-visible event the faults' declarations publish (profiles' outbox, relay,
#: Kafka, notifications' worker, its webhook dispatcher)
NEED_DECLARED = "profiles.sector_need.declared"
#: declarations per second while the fault strikes (beside the members' traffic)
NEEDS_PER_S = 1.0


@dataclass(frozen=True)
class WebhookCount:
    """What reached the partner for the needs a run declared."""

    missing: int  # acknowledged declarations with no webhook at the receiver
    #: events received under more than one webhook-id (the partner sees them twice)
    duplicated: int
    #: receipts again under a webhook-id already received (the receiver drops them)
    copies_with_same_id: int


@dataclass
class PartnerReceiver:
    """A verifying receiver (``devstack.webhook_receiver``) that counts every receipt."""

    receiver: Receiver = field(init=False)
    #: webhook-id -> receipts
    receipts: Counter[str] = field(default_factory=Counter)
    #: need id (the event's subject) -> the webhook-ids it arrived under
    ids_of: dict[str, set[str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.receiver = Receiver(free_port(), self._received)

    def _received(self, event: dict[str, Any], webhook_id: str) -> None:
        with self._lock:
            self.receipts[webhook_id] += 1
            self.ids_of.setdefault(str(event.get("subject")), set()).add(webhook_id)

    def subscribe(self, platform: ChaosPlatform) -> None:
        """Listen, and register as the admin's endpoint for declared needs."""
        self.receiver.serve_in_background()
        with httpx.Client(base_url=platform.gateway.url, timeout=30) as http:
            created = http.post(
                "/v1/webhooks/endpoints",
                headers=_signed_in(http),
                json={
                    "url": self.receiver.url,
                    "event_types": [NEED_DECLARED],
                    "description": "chaos suite partner",
                },
            )
            assert created.status_code == 201, created.text
            self.receiver.secret = created.json()["secret"]

    def close(self) -> None:
        self.receiver.close()

    def count(self, declared: Step) -> WebhookCount:
        need_ids = set(declared.acknowledged.values())
        with self._lock:
            ids = {n: set(self.ids_of.get(n, ())) for n in need_ids}
            receipts = Counter(self.receipts)
        return WebhookCount(
            missing=sum(1 for n in need_ids if not ids[n]),
            duplicated=sum(1 for n in need_ids if len(ids[n]) > 1),
            copies_with_same_id=sum(receipts[w] - 1 for n in need_ids for w in ids[n]),
        )

    async def wait_for(self, declared: Step, timeout_s: float) -> None:
        """Until every acknowledged declaration reached the receiver (or ``timeout_s``)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not self.count(declared).missing:
                return
            await asyncio.sleep(0.25)

    @property
    def bad_signatures(self) -> int:
        return self.receiver.rejected


def _signed_in(http: httpx.Client) -> dict[str, str]:
    login = http.post("/v1/auth/login", json={"email": CHAOS_ADMIN[0], "password": CHAOS_ADMIN[1]})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def declare_needs(
    gateway_url: str, *, duration_s: float, until: asyncio.Event | None = None
) -> Step:
    """A government declaring sector needs at NEEDS_PER_S for ``duration_s`` and until
    ``until``: each acknowledged one is a promised webhook."""
    declared = Step()
    with httpx.Client(base_url=gateway_url, timeout=30) as http:
        auth = await asyncio.to_thread(_signed_in, http)
    async with httpx.AsyncClient(base_url=gateway_url, timeout=30.0) as client:

        async def one(i: int) -> None:
            await _request(
                client,
                LoadResult(),  # the members' load keeps the statuses; these are counted apart
                declared,
                f"need-{i}",
                "POST",
                "/v1/mapping/needs",
                ok=201,
                answer=lambda r: str(r.json()["id"]),
                json={"origin_country": "HT", "sector": "Q", "skill": "S3", "positions": i + 1},
                headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
            )

        await _paced(NEEDS_PER_S, duration_s, one, until)
    return declared
