"""The events calendar through HTTP: time zones, capacity, waitlist with promotion on
cancellation, a full event without waitlist, iCalendar export; events in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from resources_testkit import assert_problem, new_id, outbox

from devstack.testing import TokenIssuer
from eventkit.clock import FixedClock
from resources.bootstrap import ResourcesService


def event_body(**overrides: Any) -> dict[str, Any]:
    start = (datetime.now(UTC) + timedelta(days=20)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    body: dict[str, Any] = {
        "kind": "virtual_exchange",
        "title": "Global Diaspora Virtual Exchange: communication to boost development",
        "description": "Impactful skills, effective strategies, innovative tools; Q&A, open mic",
        "language": "en",
        "organiser": "IOM",
        "time_zone": "America/Port-au-Prince",
        "starts_at": start.replace(tzinfo=None, hour=10).isoformat(),  # wall-clock, Haiti
        "ends_at": start.replace(tzinfo=None, hour=12).isoformat(),
        "online_url": "https://meet.example.org/exchange",
        "capacity": 2,
    }
    body.update(overrides)
    return body


async def test_time_zones_are_kept_and_converted(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    assert_problem(
        await client.post("/v1/events", json=event_body(), headers=tokens.headers(new_id())), 403
    )
    assert_problem(
        await client.post(
            "/v1/events", json=event_body(time_zone="Mars/Olympus"), headers=organiser
        ),
        422,
    )
    backwards = event_body(ends_at=event_body()["starts_at"], starts_at=event_body()["ends_at"])
    assert_problem(await client.post("/v1/events", json=backwards, headers=organiser), 422)

    created = await client.post("/v1/events", json=event_body(), headers=organiser)
    assert created.status_code == 201, created.text
    e = created.json()
    starts = datetime.fromisoformat(e["starts_at"])
    local = datetime.fromisoformat(e["local_starts_at"])
    assert local.hour == 10 and local.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
    assert starts.astimezone(UTC) == local.astimezone(UTC)
    dublin = (await client.get(f"/v1/events/{e['id']}", params={"tz": "Europe/Dublin"})).json()
    assert datetime.fromisoformat(dublin["viewer_starts_at"]) == starts
    assert dublin["seats_left"] == 2
    assert_problem(await client.get(f"/v1/events/{e['id']}", params={"tz": "Nowhere/Land"}), 422)

    events = await outbox(resources_service, e["id"])
    assert events[0]["type"] == "resources.calendar_event.scheduled"
    assert events[0]["data"]["time_zone"] == "America/Port-au-Prince"


async def test_capacity_waitlist_and_promotion_when_someone_cancels(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    organiser_id = new_id()
    organiser = tokens.headers(organiser_id, roles=("organisation_admin",))
    eid = (await client.post("/v1/events", json=event_body(), headers=organiser)).json()["id"]
    people = [new_id() for _ in range(4)]
    results = []
    for p in people:
        r = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(p))
        assert r.status_code == 201, r.text
        assert r.headers["location"] == f"/v1/events/{eid}/registrations/me"
        results.append((r.json()["status"], r.json()["waitlist_position"]))
    assert results == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    assert_problem(
        await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(people[0])), 409
    )
    assert (await client.get(f"/v1/events/{eid}")).json()["seats_left"] == 0

    # a confirmed person cancels: the first on the waitlist gets the seat
    cancelled = await client.delete(
        f"/v1/events/{eid}/registrations/me", headers=tokens.headers(people[1])
    )
    assert cancelled.status_code == 204
    third = (
        await client.get(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(people[2]))
    ).json()
    assert third["status"] == "confirmed"
    fourth = (
        await client.get(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(people[3]))
    ).json()
    assert (fourth["status"], fourth["waitlist_position"]) == ("waitlisted", 1)

    # a waitlisted person cancelling frees no seat
    await client.delete(f"/v1/events/{eid}/registrations/me", headers=tokens.headers(people[3]))
    assert_problem(
        await client.delete(
            f"/v1/events/{eid}/registrations/me", headers=tokens.headers(people[3])
        ),
        409,
    )
    # the canceller may register again: at the end of the queue
    again = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(people[1]))
    assert (again.json()["status"], again.json()["waitlist_position"]) == ("waitlisted", 1)

    listed = (await client.get(f"/v1/events/{eid}/registrations", headers=organiser)).json()
    assert sorted(r["status"] for r in listed) == [
        "cancelled",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    assert_problem(
        await client.get(f"/v1/events/{eid}/registrations", headers=tokens.headers(people[0])), 403
    )

    changes = [
        (e["data"]["person_id"], e["data"]["status"], e["data"]["promoted"])
        for e in await outbox(resources_service, eid)
        if e["type"] == "resources.calendar_event.registration_changed"
    ]
    assert changes[4:7] == [
        (str(people[1]), "cancelled", False),
        (str(people[2]), "confirmed", True),
        (str(people[3]), "cancelled", False),
    ]


async def test_registration_beyond_capacity_without_waitlist_is_refused(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    organiser = tokens.headers(new_id(), roles=("government_focal_point",))
    body = event_body(kind="consultation", capacity=1, waitlist=False, title="Consultation")
    eid = (await client.post("/v1/events", json=body, headers=organiser)).json()["id"]
    assert (
        await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(new_id()))
    ).status_code == 201
    full = await client.post(f"/v1/events/{eid}/registrations", headers=tokens.headers(new_id()))
    assert assert_problem(full, 409)["title"] == "Event full"


async def test_icalendar_export(client: httpx.AsyncClient, tokens: TokenIssuer) -> None:
    organiser = tokens.headers(new_id(), roles=("organisation_admin",))
    title = "Sommet mondial de la diaspora; Dublin, jour 1 — " + "très long titre " * 6
    eid = (
        await client.post(
            "/v1/events",
            json=event_body(title=title, time_zone="Europe/Dublin", location="Dublin Castle"),
            headers=organiser,
        )
    ).json()["id"]
    r = await client.get(f"/v1/events/{eid}/ics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    raw = r.content.decode()
    lines = raw.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode()) <= 75 for line in lines)  # folded
    unfolded = raw.replace("\r\n ", "")
    assert f"UID:{eid}@diaspora-platform" in unfolded
    assert "SUMMARY:Sommet mondial de la diaspora\\; Dublin\\, jour 1 — très long titre" in unfolded
    assert "LOCATION:Dublin Castle" in unfolded
    start = next(line for line in unfolded.split("\r\n") if line.startswith("DTSTART:"))
    assert (start.endswith("Z") and "T09" in start) or "T10" in start  # 10:00 Dublin in UTC
    feed = await client.get("/v1/events/calendar.ics")
    assert f"UID:{eid}@diaspora-platform" in feed.text.replace("\r\n ", "")


async def test_what_is_upcoming_is_decided_by_the_service_clock(
    client: httpx.AsyncClient,
    tokens: TokenIssuer,
    resources_service: ResourcesService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    organiser = tokens.headers(new_id(), ("moderator",))
    title = f"Clock-bound exchange {new_id().hex[:8]}"
    created = await client.post("/v1/events", json=event_body(title=title), headers=organiser)
    assert created.status_code == 201, created.text
    assert title in (await client.get("/v1/events/calendar.ics")).text
    # a month on (the event was 20 days ahead): it is over, on the service's clock
    monkeypatch.setattr(
        resources_service.chassis, "clock", FixedClock(datetime.now(UTC) + timedelta(days=30))
    )
    assert title not in (await client.get("/v1/events/calendar.ics")).text
