"""An erased account frees its seats exactly as a cancellation does: the first person on the
waitlist is promoted, with the same events (cancelled, then confirmed with ``promoted``) in
the calendar event's stream. On the real broker and Postgres: the erasure arrives on Kafka,
the worker handles it, the relay publishes the calendar events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from resources_testkit import handled, new_id, outbox, produce, profile_event, read_key

from contracts.events.profiles import AccountErased
from contracts.events.resources import CALENDAR_TOPIC
from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, eventually, running_relay
from resources.bootstrap import ResourcesService

CHANGED = "resources.calendar_event.registration_changed"


def event_body() -> dict[str, Any]:
    start = datetime.now(UTC) + timedelta(days=10)
    return {
        "kind": "consultation",
        "title": "Diaspora investment consultation",
        "organiser": "IOM",
        "time_zone": "UTC",
        "starts_at": start.replace(tzinfo=None).isoformat(),
        "ends_at": (start + timedelta(hours=2)).replace(tzinfo=None).isoformat(),
        "capacity": 2,
    }


async def full_event(client: httpx.AsyncClient, tokens: TokenIssuer, people: list[Any]) -> str:
    """Two seats taken (people 0 and 1), people 2 and 3 waiting in that order."""
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    eid: str = (await client.post("/v1/events", json=event_body(), headers=organiser)).json()["id"]
    for p in people:
        r = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(p))
        assert r.status_code == 201, r.text
    return eid


def changes(events: list[dict[str, Any]], people: list[Any]) -> list[tuple[int, str, bool]]:
    """(who: index in ``people``, status, promoted) of the registration changes."""
    index = {str(p): i for i, p in enumerate(people)}
    return [
        (index[e["data"]["person_id"]], e["data"]["status"], e["data"]["promoted"])
        for e in events
        if e["type"] == CHANGED
    ]


async def status(client: httpx.AsyncClient, tokens: TokenIssuer, eid: str, p: Any) -> Any:
    r = await client.get(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(p))
    return (r.json()["status"], r.json()["waitlist_position"]) if r.status_code == 200 else 404


async def test_erasure_promotes_the_waitlist_as_a_cancellation_does(
    resources_service: ResourcesService,
    resources_worker: None,
    infra: TestInfra,
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
) -> None:
    # the reference: a confirmed person cancels through the API
    cancelling = [new_id() for _ in range(4)]
    by_cancel = await full_event(client, tokens, cancelling)
    cancelled = await client.delete(
        f"/v1/events/{by_cancel}/registrations/me", headers=tokens.headers(cancelling[0])
    )
    assert cancelled.status_code == 204

    # the same situation, but the confirmed person's account is erased
    erasing = [new_id() for _ in range(4)]
    by_erasure = await full_event(client, tokens, erasing)
    # a second event where the erased person only waits: no seat is freed there
    waiting_only = await full_event(client, tokens, [new_id(), new_id(), erasing[0], new_id()])
    erased = profile_event(
        AccountErased, erasing[0], 5, erased_at=datetime.now(UTC), erasure_id=new_id()
    )
    await produce(infra.kafka_bootstrap, erased)
    await eventually(lambda: handled(resources_service, erased.id))

    # the first waitlisted person got the seat, the second moved up; the erased person's
    # registration is gone (erasure deletes it), not kept as "cancelled"
    assert await status(client, tokens, by_erasure, erasing[2]) == ("confirmed", None)
    assert await status(client, tokens, by_erasure, erasing[3]) == ("waitlisted", 1)
    assert await status(client, tokens, by_erasure, erasing[0]) == 404
    seats = (await client.get(f"/v1/events/{by_erasure}")).json()["seats_left"]
    assert seats == 0

    # the same events, in the same order, with the same sequences as the cancellation's
    reference, after_erasure = (
        await outbox(resources_service, by_cancel),
        await outbox(resources_service, by_erasure),
    )
    assert changes(after_erasure, erasing) == changes(reference, cancelling)
    assert changes(after_erasure, erasing)[-2:] == [(0, "cancelled", False), (2, "confirmed", True)]
    assert [(e["type"], e["sequence"]) for e in after_erasure] == [
        (e["type"], e["sequence"]) for e in reference
    ]

    # where the erased person was only waiting, nobody is promoted
    waited = [
        (e["data"]["person_id"], e["data"]["status"], e["data"]["promoted"])
        for e in await outbox(resources_service, waiting_only)
        if e["type"] == CHANGED
    ]
    assert waited[-1] == (str(erasing[0]), "cancelled", False)
    assert not any(promoted for _, _, promoted in waited)

    # and the relay publishes the promotion on the calendar topic, keyed by the event
    async with running_relay(resources_service):
        published = await read_key(
            infra.kafka_bootstrap, CALENDAR_TOPIC, by_erasure, len(after_erasure)
        )
    promoted = [p for t, p in published if t == CHANGED and p["promoted"]]
    assert [p["person_id"] for p in promoted] == [str(erasing[2])]
