"""The recommendation pipeline over HTTP, with returns, quorum and the audit trail."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from alliance_testkit import API, World


async def pipeline(world: World) -> dict[str, Any]:
    states = {}
    for code, name in (("SV", "El Salvador"), ("FJ", "Fiji"), ("GE", "Georgia")):
        states[code] = await world.member("member_state", name, code)
    org, org_rep = await world.member("organisation", "Diaspora Network")
    youth, youth_rep = await world.member("youth_leader", "Young Leader", "MX")
    wg = await world.body("working_group", "TWG Gender and youth", "gender_youth")
    await world.seat(wg, states["SV"][0], "chair")
    await world.seat(wg, org, "member")
    ag = await world.body("advisory_group", "Stakeholders Advisory Group")
    await world.seat(ag, org, "chair")
    sc = await world.body("steering_committee", "Steering Committee", voting_kinds=["member_state"])
    for i, (m, _) in enumerate(states.values()):
        await world.seat(sc, m, "chair" if i == 0 else "member")
    return {
        "states": states,
        "org": (org, org_rep),
        "youth": (youth, youth_rep),
        "wg": wg,
        "ag": ag,
        "sc": sc,
    }


async def draft(world: World, p: dict[str, Any]) -> dict[str, Any]:
    r = await world.client.post(
        f"{API}/recommendations",
        headers=world.as_(p["youth"][1]),  # a youth leader co-authors and files it
        json={
            "working_group_id": p["wg"],
            "title": "Include diaspora youth in national strategies",
            "text": "Reserve places for young diaspora leaders in consultations.",
            "sector": "governance",
            "author_ids": [p["states"]["SV"][0], p["youth"][0]],
        },
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def endorsement_vote(
    world: World, p: dict[str, Any], rec_id: str, present: list[str]
) -> tuple[str, str]:
    mid = (await world.meeting(p["sc"], "Steering committee"))["id"]
    await world.attend(mid, present)
    r = await world.motion(mid, "Endorse", recommendation_id=rec_id)
    assert r.status_code == 201, r.text
    return mid, r.json()["id"]


async def test_recommendation_through_the_whole_pipeline(
    world: World, client: httpx.AsyncClient
) -> None:
    p = await pipeline(world)
    sv_rep = p["states"]["SV"][1]
    rec = await draft(world, p)
    rid = rec["id"]
    assert rec["stage"] == "draft" and rec["theme"] == "gender_youth"
    assert rec["awaiting"] == "working_group"

    # a stranger cannot adopt it, nor can the advisory group skip ahead
    r = await client.post(
        f"{API}/recommendations/{rid}/adoption", headers=world.as_(uuid.uuid4()), json={}
    )
    assert r.status_code == 403
    advice = {"advisory_group_id": p["ag"], "position": "support", "text": "Good"}
    r = await client.post(
        f"{API}/recommendations/{rid}/advice", headers=world.as_(p["org"][1]), json=advice
    )
    assert r.status_code == 409

    r = await client.patch(
        f"{API}/recommendations/{rid}",
        headers=world.as_(sv_rep),
        json={"text": "Reserve 20 % of places."},
    )
    assert r.status_code == 200 and r.json()["text"] == "Reserve 20 % of places."
    r = await client.post(
        f"{API}/recommendations/{rid}/adoption", headers=world.as_(sv_rep), json={}
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "adopted" and r.json()["awaiting"] == "advisory_group"

    r = await client.post(
        f"{API}/recommendations/{rid}/advice",
        headers=world.as_(p["org"][1]),
        json={**advice, "position": "support_with_changes", "text": "Add a gender target."},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "reviewed"
    assert r.json()["advice"][0]["position"] == "support_with_changes"

    states = [m for m, _ in p["states"].values()]
    _, motion = await endorsement_vote(world, p, rid, states)
    # endorsing needs the closed, carried vote
    r = await client.post(
        f"{API}/recommendations/{rid}/endorsement", headers=world.sec, json={"motion_id": motion}
    )
    assert r.status_code == 409
    for code in ("SV", "FJ"):
        assert (await world.vote(motion, p["states"][code][1], "yes")).status_code == 201
    assert (await world.close(motion)).json()["result"]["outcome"] == "carried"
    r = await client.post(
        f"{API}/recommendations/{rid}/endorsement",
        headers=world.as_(sv_rep),
        json={"motion_id": motion},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "endorsed" and r.json()["endorsed_by_motion"] == motion

    r = await client.post(f"{API}/recommendations/{rid}/publication", headers=world.as_(sv_rep))
    assert r.status_code == 403
    r = await client.post(f"{API}/recommendations/{rid}/publication", headers=world.sec)
    assert r.status_code == 200 and r.json()["stage"] == "published"
    r = await client.post(
        f"{API}/recommendations/{rid}/return", headers=world.sec, json={"reason": "x"}
    )
    assert r.status_code == 409

    trail = r = (await client.get(f"{API}/recommendations/{rid}", headers=world.sec)).json()[
        "trail"
    ]
    assert [s["action"] for s in trail] == [
        "drafted",
        "revised",
        "adopted",
        "reviewed",
        "endorsed",
        "published",
    ]
    assert trail[0]["by"] == str(p["youth"][1]) and trail[2]["by"] == str(sv_rep)
    assert trail[4]["motion_id"] == motion
    public = (await client.get(f"{API}/recommendations/{rid}", headers=world.as_(sv_rep))).json()
    assert all("by" not in step for step in public["trail"])  # accounts: secretariat only
    assert public["trail"][4]["body_id"] == p["sc"]
    moved = await world.events("alliance.recommendation.moved", rid)
    assert [(e["action"], e["to_stage"]) for e in moved] == [
        ("drafted", "draft"),
        ("adopted", "adopted"),
        ("reviewed", "reviewed"),
        ("endorsed", "endorsed"),
        ("published", "published"),
    ]
    assert all("authors" not in e for e in moved)


async def test_returned_recommendation_goes_back_to_the_right_step(
    world: World, client: httpx.AsyncClient
) -> None:
    p = await pipeline(world)
    sv_rep = p["states"]["SV"][1]
    rid = (await draft(world, p))["id"]
    await client.post(f"{API}/recommendations/{rid}/adoption", headers=world.as_(sv_rep), json={})

    # the advisory group returns it: back to the working group's draft
    r = await client.post(
        f"{API}/recommendations/{rid}/return",
        headers=world.as_(p["org"][1]),
        json={"reason": "Needs evidence", "body_id": p["ag"]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "draft" and r.json()["awaiting"] == "working_group"
    # the steering committee cannot return what is not before it
    r = await client.post(
        f"{API}/recommendations/{rid}/return",
        headers=world.as_(sv_rep),
        json={"reason": "No", "body_id": p["sc"]},
    )
    assert r.status_code == 409

    await client.post(f"{API}/recommendations/{rid}/adoption", headers=world.as_(sv_rep), json={})
    await client.post(
        f"{API}/recommendations/{rid}/advice",
        headers=world.as_(p["org"][1]),
        json={"advisory_group_id": p["ag"], "position": "support", "text": "Now fine"},
    )
    # the steering committee returns it: by default back to advisory review (adopted)...
    r = await client.post(
        f"{API}/recommendations/{rid}/return",
        headers=world.as_(sv_rep),
        json={"reason": "Ask the advisory group about costs", "body_id": p["sc"]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "adopted" and r.json()["awaiting"] == "advisory_group"
    await client.post(
        f"{API}/recommendations/{rid}/advice",
        headers=world.as_(p["org"][1]),
        json={"advisory_group_id": p["ag"], "position": "support", "text": "Costs are low"},
    )
    # ...or, when it says so, all the way back to the working group
    r = await client.post(
        f"{API}/recommendations/{rid}/return",
        headers=world.as_(sv_rep),
        json={"reason": "Redraft", "body_id": p["sc"], "to_stage": "draft"},
    )
    assert r.json()["stage"] == "draft"
    r = await client.post(
        f"{API}/recommendations/{rid}/return",
        headers=world.sec,
        json={"reason": "x", "to_stage": "published"},
    )
    assert r.status_code == 409  # a draft cannot be returned

    returned = [
        e
        for e in await world.events("alliance.recommendation.moved", rid)
        if e["action"] == "returned"
    ]
    assert [(e["from_stage"], e["to_stage"], e["reason"]) for e in returned] == [
        ("adopted", "draft", "Needs evidence"),
        ("reviewed", "adopted", "Ask the advisory group about costs"),
        ("reviewed", "draft", "Redraft"),
    ]
    trail = (await client.get(f"{API}/recommendations/{rid}", headers=world.sec)).json()["trail"]
    assert trail[-1]["note"] == "Redraft" and trail[-1]["body_id"] == p["sc"]


async def test_endorsement_without_quorum_fails(world: World, client: httpx.AsyncClient) -> None:
    p = await pipeline(world)
    sv, sv_rep = p["states"]["SV"]
    fj = p["states"]["FJ"][0]
    rid = (await draft(world, p))["id"]
    await client.post(f"{API}/recommendations/{rid}/adoption", headers=world.as_(sv_rep), json={})
    await client.post(
        f"{API}/recommendations/{rid}/advice",
        headers=world.as_(p["org"][1]),
        json={"advisory_group_id": p["ag"], "position": "support", "text": "ok"},
    )
    # with one of three states present the vote does not even open
    mid = (await world.meeting(p["sc"]))["id"]
    await world.attend(mid, [sv])
    r = await world.motion(mid, "Endorse", recommendation_id=rid)
    assert r.status_code == 409 and r.json()["title"] == "No quorum"

    # quorum present at the opening but lost before the close: the vote is invalid
    await world.attend(mid, [fj])
    motion = (await world.motion(mid, "Endorse", recommendation_id=rid)).json()["id"]
    assert (await world.vote(motion, sv_rep, "yes")).status_code == 201
    assert (await world.vote(motion, p["states"]["FJ"][1], "yes")).status_code == 201
    await world.attend(mid, [], absent=[fj])
    assert (await world.close(motion)).json()["result"]["outcome"] == "invalid"
    r = await client.post(
        f"{API}/recommendations/{rid}/endorsement", headers=world.sec, json={"motion_id": motion}
    )
    assert r.status_code == 409
    assert r.json()["title"] == "No quorum"
    r = await client.get(f"{API}/recommendations/{rid}", headers=world.sec)
    assert r.json()["stage"] == "reviewed"


async def test_concurrent_edits_need_the_current_etag(
    world: World, client: httpx.AsyncClient
) -> None:
    p = await pipeline(world)
    sv_rep = p["states"]["SV"][1]
    rid = (await draft(world, p))["id"]
    r = await client.get(f"{API}/recommendations/{rid}", headers=world.as_(sv_rep))
    tag = r.headers["etag"]
    r = await client.patch(
        f"{API}/recommendations/{rid}",
        headers={**world.as_(sv_rep), "If-Match": tag},
        json={"title": "A"},
    )
    assert r.status_code == 200 and r.headers["etag"] != tag
    # the youth co-author edits with the tag read before: refused, nothing lost
    r = await client.patch(
        f"{API}/recommendations/{rid}",
        headers={**world.as_(p["youth"][1]), "If-Match": tag},
        json={"title": "B"},
    )
    assert r.status_code == 412
    assert (await client.get(f"{API}/recommendations/{rid}", headers=world.sec)).json()[
        "title"
    ] == "A"
