"""Governance rules with holes, closed: minutes wait for open votes; attendance and ballots
are taken only while the meeting is in session (from 30 minutes before its start).

Found from the outside: approving a meeting's minutes left its open motions taking ballots
(they closed as carried after minutes saying "No decision taken"), and attendance and
ballots were accepted for a meeting starting in 300 days."""

from __future__ import annotations

from datetime import timedelta

import httpx
from alliance_testkit import API, World
from test_alliance_recommendations import draft, pipeline
from test_alliance_votes import committee

from alliance.domain.meeting import SESSION_OPENS_BEFORE, SESSION_WITHOUT_END


async def test_minutes_wait_until_every_vote_of_the_meeting_is_closed(
    world: World, client: httpx.AsyncClient
) -> None:
    c = await committee(world)
    states = c["states"]
    meeting = await world.meeting(c["sc"], "June meeting")
    mid = meeting["id"]
    await world.attend(mid, [states[s][0] for s in ("SV", "FJ", "GE")])
    motion = (await world.motion(mid, "Adopt the workplan")).json()
    assert (await world.vote(motion["id"], states["SV"][1], "yes")).status_code == 201
    drafted = await client.put(
        f"{API}/meetings/{mid}/minutes", headers=world.sec, json={"text": "Workplan discussed"}
    )
    assert drafted.status_code == 200, drafted.text

    refused = await client.post(f"{API}/meetings/{mid}/minutes/approval", headers=world.sec)
    assert refused.status_code == 409, refused.text
    assert "still open" in refused.json()["detail"]
    assert refused.headers["content-type"].startswith("application/problem+json")
    # the vote goes on meanwhile, and is closed by its own result, not by the minutes
    assert (await world.vote(motion["id"], states["FJ"][1], "yes")).status_code == 201
    assert (await world.close(motion["id"])).status_code == 200
    approved = await client.post(f"{API}/meetings/{mid}/minutes/approval", headers=world.sec)
    assert approved.status_code == 200, approved.text
    late = await world.vote(motion["id"], states["GE"][1], "no")
    assert late.status_code == 409


async def test_attendance_and_ballots_only_while_the_meeting_is_in_session(
    world: World, client: httpx.AsyncClient
) -> None:
    c = await committee(world)
    states = c["states"]
    sv, fj, ge = (states[s][0] for s in ("SV", "FJ", "GE"))
    meeting = await world.meeting(c["sc"], "Far away", ends_at=None)
    mid, starts = meeting["id"], world.starts[meeting["id"]]

    async def attend(present: list[str]) -> httpx.Response:
        return await client.post(
            f"{API}/meetings/{mid}/attendance", headers=world.sec, json={"present": present}
        )

    world.clock.set(starts - timedelta(days=300))
    early = await attend([sv])
    assert early.status_code == 409 and "session" in early.json()["detail"]
    world.clock.set(starts - SESSION_OPENS_BEFORE - timedelta(minutes=1))
    assert (await attend([sv])).status_code == 409
    world.clock.set(starts - SESSION_OPENS_BEFORE + timedelta(minutes=1))  # the tolerance
    assert (await attend([sv, fj, ge])).status_code == 200

    motion = (await client.post(
        f"{API}/meetings/{mid}/motions", headers=world.sec, json={"title": "Adopt"}
    )).json()  # fmt: skip
    ballot = {"choice": "yes", "on_behalf_of": None}
    r = await client.post(
        f"{API}/motions/{motion['id']}/ballots", headers=world.as_(states["SV"][1]), json=ballot
    )
    assert r.status_code == 201, r.text
    world.clock.set(starts + SESSION_WITHOUT_END + timedelta(minutes=1))  # no end given
    r = await client.post(
        f"{API}/motions/{motion['id']}/ballots", headers=world.as_(states["FJ"][1]), json=ballot
    )
    assert r.status_code == 409 and "session" in r.json()["detail"]
    assert (await attend([sv])).status_code == 409


async def test_a_seat_on_the_alliances_own_secretariat_sees_what_its_role_needs(
    world: World, client: httpx.AsyncClient
) -> None:
    """Found from the outside: a secretariat seat saw 0 of 9 actors (only the platform-wide
    role did). The seat's holder now sees who acted in the trail, members' files and who
    cast each ballot; a representative without such a seat still does not."""
    p = await pipeline(world)
    iom, iom_rep = await world.member("organisation", "IOM")
    secretariat = await world.body("secretariat", "Technical Secretariat")
    await world.seat(secretariat, iom, "member")
    rec = await draft(world, p)
    clerk, plain = world.as_(iom_rep), world.as_(p["org"][1])

    seen = (await client.get(f"{API}/recommendations/{rec['id']}", headers=clerk)).json()
    assert all("by" in step for step in seen["trail"]) and seen["trail"]
    hidden = (await client.get(f"{API}/recommendations/{rec['id']}", headers=plain)).json()
    assert not any("by" in step for step in hidden["trail"])

    youth = p["youth"][0]
    file = (await client.get(f"{API}/members/{youth}", headers=clerk)).json()
    assert "representatives" in file and "history" in file
    assert (
        "representatives" not in (await client.get(f"{API}/members/{youth}", headers=plain)).json()
    )
    listed = (
        await client.get(f"{API}/members", params={"alliance_id": world.id}, headers=clerk)
    ).json()
    assert all("representatives" in m for m in listed["items"])

    meeting = await world.meeting(p["sc"], "Vote")
    states = p["states"]
    await world.attend(meeting["id"], [states[s][0] for s in ("SV", "FJ", "GE")])
    motion = (await world.motion(meeting["id"], "Adopt")).json()
    await world.vote(motion["id"], states["SV"][1], "yes")
    await world.close(motion["id"])
    ballots = (await client.get(f"{API}/motions/{motion['id']}", headers=clerk)).json()["ballots"]
    assert "cast_by" in ballots[states["SV"][0]]
    ballots = (await client.get(f"{API}/motions/{motion['id']}", headers=plain)).json()["ballots"]
    assert "cast_by" not in ballots[states["SV"][0]]
