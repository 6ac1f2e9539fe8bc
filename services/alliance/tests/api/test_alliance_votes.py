"""Meetings and votes over HTTP: quorum, one ballot per member, immutable results."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from alliance_testkit import API, World


async def committee(world: World) -> dict[str, Any]:
    """A steering committee of four states (quorum 50 %) and an observer organisation."""
    sc = await world.body(
        "steering_committee", "Steering Committee", voting_kinds=["member_state"], quorum_percent=50
    )
    states = {}
    for i, (code, name) in enumerate(
        (("SV", "El Salvador"), ("FJ", "Fiji"), ("GE", "Georgia"), ("PE", "Peru"))
    ):
        member_id, account = await world.member("member_state", name, code)
        await world.seat(sc, member_id, "chair" if i == 0 else "member")
        states[code] = (member_id, account)
    observer, observer_account = await world.member("organisation", "Observer Org")
    await world.seat(sc, observer, "observer")
    return {"sc": sc, "states": states, "observer": (observer, observer_account)}


async def test_meeting_quorum_votes_and_minutes(world: World, client: httpx.AsyncClient) -> None:
    c = await committee(world)
    states = c["states"]
    sv, sv_rep = states["SV"]
    guest, guest_account = await world.member("guest", "Invited Guest")
    meeting = await world.meeting(
        c["sc"],
        "First meeting",
        agenda=[{"title": "Endorsements", "kind": "decision"}],
        invitees=[guest],
    )
    mid = meeting["id"]
    assert meeting["local_starts_at"] == "2030-06-01T10:00:00+01:00"  # Dublin summer time
    assert set(meeting["invitations"]) == {m for m, _ in states.values()} | {
        c["observer"][0],
        guest,
    }
    assert meeting["quorum"] == {"eligible": 4, "present": 0, "required": 2, "met": False}
    scheduled = await world.events("alliance.meeting.scheduled", mid)
    assert scheduled and scheduled[0]["timezone"] == "Europe/Dublin"

    # a representative registers their state; someone uninvited cannot register
    r = await client.post(f"{API}/meetings/{mid}/registrations", headers=world.as_(sv_rep), json={})
    assert r.status_code == 200 and r.json()["registrations"] == [sv]
    r = await client.post(
        f"{API}/meetings/{mid}/registrations", headers=world.as_(uuid.uuid4()), json={}
    )
    assert r.status_code == 403

    # the representative's own view: their state, its seat, this meeting with its registration
    r = await client.get(f"{API}/me", headers=world.as_(sv_rep))
    assert r.status_code == 200, r.text
    me = r.json()
    assert [m["id"] for m in me["members"]] == [sv]
    assert [(s["body_id"], s["role"]) for s in me["seats"]] == [(c["sc"], "chair")]
    [mine] = me["meetings"]
    assert (mine["id"], mine["invited"], mine["registered"]) == (mid, [sv], [sv])
    r = await client.get(f"{API}/me", headers=world.as_(uuid.uuid4()))
    assert r.status_code == 200 and r.json()["meetings"] == []

    # one state and the observer present: no quorum, the vote cannot even open
    att = await world.attend(mid, [sv, c["observer"][0]])
    assert att["quorum"]["met"] is False
    r = await world.motion(mid, "Adopt the workplan")
    assert r.status_code == 409
    assert r.json()["title"] == "No quorum"

    att = await world.attend(mid, [states["FJ"][0], states["GE"][0]])
    assert att["quorum"] == {"eligible": 4, "present": 3, "required": 2, "met": True}
    r = await world.motion(mid, "Adopt the workplan")
    assert r.status_code == 201, r.text
    motion = r.json()
    assert sorted(motion["electorate"]) == sorted(m for m, _ in states.values())

    # a non-member cannot vote; nor can a member without a vote in this body
    r = await world.vote(motion["id"], uuid.uuid4(), "yes")
    assert r.status_code == 403
    r = await world.vote(motion["id"], guest_account, "yes")
    assert r.status_code == 403
    r = await world.vote(motion["id"], c["observer"][1], "yes")
    assert r.status_code == 403
    r = await world.vote(motion["id"], states["PE"][1], "yes")
    assert r.status_code == 403  # Peru may vote in this body, but is not in the meeting

    # El Salvador votes once, whichever of its two representatives acts
    second_rep = uuid.uuid4()
    r = await client.post(
        f"{API}/members/{sv}/representatives",
        headers=world.sec,
        json={"account_id": str(second_rep)},
    )
    assert r.status_code == 200, r.text
    assert (await world.vote(motion["id"], sv_rep, "yes")).status_code == 201
    r = await world.vote(motion["id"], second_rep, "no")
    assert r.status_code == 409
    assert r.json()["title"] == "Already voted"
    assert (await world.vote(motion["id"], states["FJ"][1], "yes")).status_code == 201
    assert (await world.vote(motion["id"], states["GE"][1], "abstain")).status_code == 201

    r = await client.get(f"{API}/motions/{motion['id']}", headers=world.as_(sv_rep))
    assert r.json()["ballots_cast"] == 3 and "ballots" not in r.json()  # secret until closed
    # ...except to the member's own representatives (either of them): what "we" voted
    assert r.json()["own_ballots"] == {sv: {"choice": "yes"}}
    r = await client.get(f"{API}/meetings/{meeting['id']}/motions", headers=world.as_(second_rep))
    assert [m["own_ballots"] for m in r.json()["items"]] == [{sv: {"choice": "yes"}}]
    r = await client.get(f"{API}/motions/{motion['id']}", headers=world.as_(states["FJ"][1]))
    assert r.json()["own_ballots"] == {states["FJ"][0]: {"choice": "yes"}}

    # only the chair (through its representative) or the secretariat closes the vote
    r = await client.post(f"{API}/motions/{motion['id']}/close", headers=world.as_(states["FJ"][1]))
    assert r.status_code == 403
    r = await client.post(f"{API}/motions/{motion['id']}/close", headers=world.as_(sv_rep))
    assert r.status_code == 200, r.text
    result = r.json()["result"]
    assert result["outcome"] == "carried"
    assert (result["yes"], result["no"], result["abstain"]) == (2, 0, 1)
    assert r.json()["ballots"][sv] == {"choice": "yes"}

    # a closed vote cannot change
    r = await world.vote(motion["id"], states["PE"][1], "no")
    assert r.status_code == 409
    assert (await world.close(motion["id"])).status_code == 409
    r = await client.get(f"{API}/motions/{motion['id']}", headers=world.sec)
    assert r.json()["result"] == result

    closed = await world.events("alliance.motion.vote_closed", motion["id"])
    assert len(closed) == 1
    assert (
        closed[0]["outcome"] == "carried" and closed[0]["yes"] == 2 and closed[0]["eligible"] == 4
    )
    assert "ballots" not in closed[0]

    # decisions and minutes: drafted, then approved, then frozen
    r = await client.post(
        f"{API}/meetings/{mid}/decisions",
        headers=world.sec,
        json={"text": "Workplan adopted", "motion_id": motion["id"]},
    )
    assert r.status_code == 201
    r = await client.post(f"{API}/meetings/{mid}/minutes/approval", headers=world.sec)
    assert r.status_code == 409  # nothing drafted yet
    r = await client.put(
        f"{API}/meetings/{mid}/minutes", headers=world.as_(sv_rep), json={"text": "x"}
    )
    assert r.status_code == 403
    r = await client.put(
        f"{API}/meetings/{mid}/minutes", headers=world.sec, json={"text": "Minutes"}
    )
    assert r.status_code == 200 and r.json()["status"] == "draft"
    r = await client.post(f"{API}/meetings/{mid}/minutes/approval", headers=world.as_(sv_rep))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    approved = await world.events("alliance.meeting.minutes_approved", mid)
    assert approved[0]["decisions"] == 1 and approved[0]["present"] == 4
    r = await client.put(
        f"{API}/meetings/{mid}/minutes", headers=world.sec, json={"text": "Edited"}
    )
    assert r.status_code == 409
    att = await client.post(
        f"{API}/meetings/{mid}/attendance", headers=world.sec, json={"present": [states["PE"][0]]}
    )
    assert att.status_code == 409


async def test_vote_without_quorum_at_close_is_invalid(
    world: World, client: httpx.AsyncClient
) -> None:
    c = await committee(world)
    states = c["states"]
    mid = (await world.meeting(c["sc"]))["id"]
    await world.attend(mid, [states["SV"][0], states["FJ"][0]])
    motion = (await world.motion(mid, "Late-night motion")).json()
    assert (await world.vote(motion["id"], states["SV"][1], "yes")).status_code == 201
    await world.attend(mid, [], absent=[states["FJ"][0]])  # Fiji leaves: 1 of 4 present
    r = await world.close(motion["id"])
    assert r.status_code == 200
    assert r.json()["result"]["outcome"] == "invalid"
    assert r.json()["result"]["quorum_met"] is False


async def test_two_representatives_voting_at_once_cast_one_ballot(
    world: World, client: httpx.AsyncClient
) -> None:
    c = await committee(world)
    states = c["states"]
    sv, sv_rep = states["SV"]
    reps = [sv_rep, uuid.uuid4(), uuid.uuid4()]
    for rep in reps[1:]:
        r = await client.post(
            f"{API}/members/{sv}/representatives", headers=world.sec, json={"account_id": str(rep)}
        )
        assert r.status_code == 200
    mid = (await world.meeting(c["sc"]))["id"]
    await world.attend(mid, [m for m, _ in states.values()])
    motion = (await world.motion(mid, "Race")).json()["id"]
    responses = await asyncio.gather(*(world.vote(motion, rep, "yes") for rep in reps))
    assert sorted(r.status_code for r in responses) == [201, 409, 409]
    r = await world.close(motion)
    assert r.json()["result"]["yes"] == 1


async def test_meetings_are_listed_cancelled_and_their_motions_listed(
    world: World, client: httpx.AsyncClient
) -> None:
    c = await committee(world)
    ids = [
        (await world.meeting(c["sc"], f"Meeting {i}", starts_at="2030-06-01T09:00:00+00:00"))["id"]
        for i in range(3)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        params = {"body_id": c["sc"], "limit": "2", **({"cursor": cursor} if cursor else {})}
        r = await client.get(f"{API}/meetings", headers=world.sec, params=params)
        assert r.status_code == 200, r.text
        seen += [m["id"] for m in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids)  # same start time: the id breaks the tie, none skipped
    r = await client.get(
        f"{API}/meetings", headers=world.sec, params={"body_id": c["sc"], "cursor": "x"}
    )
    assert r.status_code == 422

    sv_rep = c["states"]["SV"][1]
    r = await client.post(
        f"{API}/meetings/{ids[0]}/cancellation", headers=world.as_(c["states"]["FJ"][1])
    )
    assert r.status_code == 403
    r = await client.post(f"{API}/meetings/{ids[0]}/cancellation", headers=world.as_(sv_rep))
    assert r.status_code == 200 and r.json()["cancelled"] is True
    assert len(await world.events("alliance.meeting.cancelled", ids[0])) == 1
    assert (await world.motion(ids[0], "Too late")).status_code == 409

    await world.attend(ids[1], [m for m, _ in c["states"].values()])
    motion = (await world.motion(ids[1], "Listed")).json()["id"]
    r = await client.get(f"{API}/meetings/{ids[1]}/motions", headers=world.sec)
    assert [m["id"] for m in r.json()["items"]] == [motion]
    r = await client.post(f"{API}/meetings/{ids[1]}/cancellation", headers=world.sec)
    assert r.status_code == 409  # it was held
