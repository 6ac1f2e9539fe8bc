"""Calendar entries edited and cancelled by their organiser or a moderator, through HTTP:
ETag / If-Match, error paths, the published events, iCalendar SEQUENCE and STATUS, and the
registered people's record after a cancellation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from resources_testkit import assert_problem, new_id, outbox, outbox_of_type

from devstack.testing import TokenIssuer
from resources.bootstrap import ResourcesService


def event_body(**overrides: Any) -> dict[str, Any]:
    start = (datetime.now(UTC) + timedelta(days=30)).replace(
        hour=0, minute=0, second=0, microsecond=0, tzinfo=None
    )
    body: dict[str, Any] = {
        "kind": "consultation",
        "title": "Consultation on diaspora bonds",
        "description": "Ministries and diaspora investors",
        "organiser": "Ministry of Finance",
        "time_zone": "Europe/Dublin",
        "starts_at": start.replace(hour=9).isoformat(),
        "ends_at": start.replace(hour=11).isoformat(),
        "capacity": 3,
    }
    body.update(overrides)
    return body


async def test_the_organiser_edits_with_if_match_and_others_cannot(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    created = await client.post("/v1/events", json=event_body(), headers=organiser)
    assert created.status_code == 201, created.text
    eid = created.json()["id"]
    read = await client.get(f"/v1/events/{eid}")
    etag = read.headers["ETag"]
    assert read.json()["revision"] == 0 and read.json()["status"] == "scheduled"

    change = {"title": "Consultation on diaspora bonds (new date)", "starts_at": None}
    url = f"/v1/events/{eid}"
    # someone else, even another organisation, may not edit it
    other = tokens.headers(new_id(), roles=("organisation_admin",))
    assert_problem(
        await client.patch(url, json={"title": "x"}, headers={**other, "If-Match": etag}), 403
    )
    assert_problem(await client.patch(url, json={"title": "x"}, headers=organiser), 428)
    assert_problem(
        await client.patch(url, json={"title": "x"}, headers={**organiser, "If-Match": '"9"'}),
        412,
    )
    assert_problem(
        await client.patch(url, json=change, headers={**organiser, "If-Match": etag}), 422
    )
    assert_problem(
        await client.patch(url, json={"colour": "red"}, headers={**organiser, "If-Match": etag}),
        422,
    )
    backwards = {"ends_at": event_body()["starts_at"]}
    assert_problem(
        await client.patch(url, json=backwards, headers={**organiser, "If-Match": etag}), 422
    )
    assert_problem(
        await client.patch(f"/v1/events/{new_id()}", json={"title": "x"}, headers=organiser), 404
    )

    # two confirmed seats: the capacity cannot drop below them
    for _ in range(2):
        r = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(new_id()))
        assert r.json()["status"] == "confirmed"
    assert_problem(
        await client.patch(url, json={"capacity": 1}, headers={**organiser, "If-Match": etag}),
        422,
    )

    later = (datetime.fromisoformat(event_body()["starts_at"]) + timedelta(days=1)).isoformat()
    ends = (datetime.fromisoformat(event_body()["ends_at"]) + timedelta(days=1)).isoformat()
    changed = await client.patch(
        url,
        json={"title": "Consultation on diaspora bonds (new date)", "starts_at": later,
              "ends_at": ends, "capacity": 2},
        headers={**organiser, "If-Match": etag},
    )  # fmt: skip
    assert changed.status_code == 200, changed.text
    after = changed.json()
    assert after["revision"] == 1 and changed.headers["ETag"] != etag
    assert after["seats_left"] == 0
    assert (
        datetime.fromisoformat(after["local_starts_at"]).replace(tzinfo=None).isoformat() == later
    )
    # the ETag read before the change is stale now
    assert_problem(
        await client.patch(url, json={"title": "y"}, headers={**organiser, "If-Match": etag}), 412
    )
    # a moderator may edit too
    moderator = tokens.headers(new_id(), roles=("moderator",))
    by_mod = await client.patch(
        url, json={"location": "Dublin Castle"}, headers={**moderator, "If-Match": '"1"'}
    )
    assert by_mod.status_code == 200, by_mod.text

    types = [e["type"] for e in await outbox(resources_service, eid)]
    assert types.count("resources.calendar_event.updated") == 2
    updated = [
        p for p in await outbox_of_type(resources_service, "resources.calendar_event.updated")
        if p["event_id"] == eid
    ]  # fmt: skip
    assert updated[0]["title"] == "Consultation on diaspora bonds (new date)"
    assert updated[0]["capacity"] == 2

    ics = (await client.get(f"/v1/events/{eid}/ics")).text
    assert "SEQUENCE:2\r\n" in ics and "STATUS:CONFIRMED\r\n" in ics
    assert "(new date)" in ics


async def test_cancellation_refuses_registrations_and_keeps_the_record(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    organiser_id = new_id()
    organiser = tokens.headers(organiser_id, roles=("government_focal_point",))
    eid = (await client.post("/v1/events", json=event_body(), headers=organiser)).json()["id"]
    attendee = new_id()
    r = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(attendee))
    assert r.status_code == 201

    member = tokens.headers(new_id())
    reason = {"reason": "The venue is unavailable"}
    assert_problem(await client.post(f"/v1/events/{eid}/cancel", json=reason, headers=member), 403)
    assert_problem(
        await client.post(f"/v1/events/{new_id()}/cancel", json=reason, headers=organiser), 404
    )
    assert_problem(
        await client.post(
            f"/v1/events/{eid}/cancel", json=reason, headers={**organiser, "If-Match": '"7"'}
        ),
        412,
    )
    assert_problem(
        await client.post(
            f"/v1/events/{eid}/cancel", json={"reason": "x" * 501}, headers=organiser
        ),
        422,
    )
    cancelled = await client.post(f"/v1/events/{eid}/cancel", json=reason, headers=organiser)
    assert cancelled.status_code == 200, cancelled.text
    body = cancelled.json()
    assert body["status"] == "cancelled"
    assert body["cancellation_reason"] == "The venue is unavailable"
    assert body["cancelled_at"] is not None

    # no new registrations, no edits, no second cancellation
    late = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(new_id()))
    assert "cancelled" in assert_problem(late, 409)["detail"]
    etag = (await client.get(f"/v1/events/{eid}")).headers["ETag"]
    assert_problem(
        await client.patch(
            f"/v1/events/{eid}", json={"title": "x"}, headers={**organiser, "If-Match": etag}
        ),
        409,
    )
    assert_problem(await client.post(f"/v1/events/{eid}/cancel", json={}, headers=organiser), 409)

    # the registered person keeps the record of having registered
    mine = await client.get(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(attendee))
    assert mine.status_code == 200 and mine.json()["status"] == "confirmed"

    found = [
        p for p in await outbox_of_type(resources_service, "resources.calendar_event.cancelled")
        if p["event_id"] == eid
    ]  # fmt: skip
    assert len(found) == 1 and found[0]["reason"] == "The venue is unavailable"

    ics = (await client.get(f"/v1/events/{eid}/ics")).text
    assert "STATUS:CANCELLED\r\n" in ics and "SEQUENCE:1\r\n" in ics
    feed = (await client.get("/v1/events/calendar.ics")).text
    assert f"UID:{eid}@diaspora-platform" in feed

    # the organiser reading who registered is recorded in the person's audit log
    listed = await client.get(f"/v1/events/{eid}/registrations", headers=organiser)
    assert [r["person_id"] for r in listed.json()] == [str(attendee)]
    accessed = [
        p for p in await outbox_of_type(resources_service, "resources.privacy.data_accessed")
        if p["person_id"] == str(attendee)
    ]  # fmt: skip
    assert len(accessed) == 1
    assert accessed[0]["accessor_id"] == str(organiser_id)
    assert accessed[0]["accessor_role"] == "government_focal_point"
    assert accessed[0]["record_type"] == "event_registration"


async def test_more_capacity_promotes_the_waitlist_in_order(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    eid = (await client.post("/v1/events", json=event_body(capacity=1), headers=organiser)).json()[
        "id"
    ]
    people = [new_id() for _ in range(4)]
    for p in people:
        await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(p))
    etag = (await client.get(f"/v1/events/{eid}")).headers["ETag"]
    bigger = await client.patch(
        f"/v1/events/{eid}", json={"capacity": 3}, headers={**organiser, "If-Match": etag}
    )
    assert bigger.status_code == 200, bigger.text
    assert bigger.json()["seats_left"] == 0
    statuses = []
    for p in people:
        me = await client.get(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(p))
        statuses.append((me.json()["status"], me.json()["waitlist_position"]))
    assert statuses == [("confirmed", None)] * 3 + [("waitlisted", 1)]
    promoted = [
        e["data"]["person_id"]
        for e in await outbox(resources_service, eid)
        if e["type"] == "resources.calendar_event.registration_changed" and e["data"]["promoted"]
    ]
    assert promoted == [str(people[1]), str(people[2])]


async def test_the_organiser_lists_their_events_with_seats_left(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    """An organiser's console: their own events, cancelled ones too, with seats left."""
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    kept = (await client.post("/v1/events", json=event_body(), headers=organiser)).json()["id"]
    dropped = (
        await client.post("/v1/events", json=event_body(title="Dropped"), headers=organiser)
    ).json()["id"]
    await client.post(f"/v1/events/{kept}/registrations", headers=tokens.headers(new_id()))
    cancelled = await client.post(
        f"/v1/events/{dropped}/cancel", json={"reason": "x"}, headers=organiser
    )
    assert cancelled.status_code == 200, cancelled.text
    mine = (await client.get("/v1/events/organised", headers=organiser)).json()["items"]
    assert {e["id"]: (e["status"], e["seats_left"]) for e in mine} == {
        kept: ("scheduled", 2),
        dropped: ("cancelled", 3),
    }
    assert (await client.get("/v1/events/organised", headers=tokens.headers(new_id()))).json()[
        "items"
    ] == []
