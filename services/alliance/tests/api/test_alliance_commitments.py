"""Commitments and M&E over HTTP: pledges, progress, computed status, dashboards, CSV."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import httpx
from alliance_testkit import API, World

from alliance.bootstrap import AllianceService, bootstrap
from devstack.testing import eventually, running_worker
from eventkit.clock import FixedClock


async def pledge(
    world: World,
    member: str,
    rep: uuid.UUID,
    *,
    due_in_days: int,
    pillar: str = "institutionalise",
    theme: str | None = "gender_youth",
    target: str = "10",
) -> dict[str, object]:
    due = (world_today(world) + timedelta(days=due_in_days)).isoformat()
    r = await world.client.post(
        f"{API}/commitments",
        headers=world.as_(rep),
        json={
            "member_id": member,
            "title": "Youth diaspora council",
            "pillar": pillar,
            "theme": theme,
            "indicators": [
                {
                    "name": "Meetings held",
                    "unit": "meetings",
                    "baseline": "0",
                    "target": target,
                    "due_on": due,
                }
            ],
        },
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def world_today(world: World):  # type: ignore[no-untyped-def]
    return world.clock.today()


async def test_status_turns_late_when_the_due_date_passes(
    world: World, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    world.clock = clock
    sv, sv_rep = await world.member("member_state", "El Salvador", "SV")
    c = await pledge(world, sv, sv_rep, due_in_days=100)
    cid = str(c["id"])
    indicator = c["indicators"][0]["id"]  # type: ignore[index]
    assert c["status"] == "on_track"
    pledged = await world.events("alliance.commitment.pledged", cid)
    assert pledged[0]["pillar"] == "institutionalise" and pledged[0]["indicators"] == 1

    # someone else cannot report on El Salvador's commitment
    report = {
        "indicator_id": indicator,
        "value": "3",
        "evidence_links": ["https://example.org/r.pdf"],
    }
    r = await client.post(
        f"{API}/commitments/{cid}/progress", headers=world.as_(uuid.uuid4()), json=report
    )
    assert r.status_code == 403
    r = await client.post(
        f"{API}/commitments/{cid}/progress",
        headers=world.as_(sv_rep),
        json={**report, "evidence_links": ["javascript:alert(1)"]},
    )
    assert r.status_code == 422

    clock.advance(timedelta(days=50))
    r = await client.post(
        f"{API}/commitments/{cid}/progress", headers=world.as_(sv_rep), json=report
    )
    assert r.status_code == 201, r.text
    assert (
        r.json()["commitment"]["status"] == "on_track"
    )  # 30 % done at half time: within tolerance
    progress = await world.events("alliance.commitment.progress_reported", cid)
    assert progress[0]["value"] == "3" and progress[0]["evidence_links"] == 1

    # time passes without the target being reached: late, announced by the status review
    clock.advance(timedelta(days=51))
    r = await client.get(f"{API}/commitments/{cid}", headers=world.sec)
    assert r.json()["status"] == "late"
    assert r.json()["indicators"][0]["status"] == "late"
    r = await client.post(f"{API}/commitments/status-review", headers=world.as_(sv_rep))
    assert r.status_code == 403
    r = await client.post(f"{API}/commitments/status-review", headers=world.sec)
    assert r.status_code == 200 and r.json()["changed"] >= 1
    changed = await world.events("alliance.commitment.status_changed", cid)
    assert [(e["from_status"], e["to_status"]) for e in changed] == [("on_track", "late")]
    # a second review announces nothing new
    await client.post(f"{API}/commitments/status-review", headers=world.sec)
    assert len(await world.events("alliance.commitment.status_changed", cid)) == 1

    # reaching the target, even late, is an achievement
    r = await client.post(
        f"{API}/commitments/{cid}/progress",
        headers=world.as_(sv_rep),
        json={"indicator_id": indicator, "value": "10"},
    )
    assert r.json()["commitment"]["status"] == "achieved"
    changed = await world.events("alliance.commitment.status_changed", cid)
    assert changed[-1]["to_status"] == "achieved"


async def test_at_risk_dashboards_and_export(
    world: World, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    world.clock = clock
    sv, sv_rep = await world.member("member_state", "El Salvador", "SV")
    ge, ge_rep = await world.member("member_state", "Georgia", "GE")
    pending, pending_rep = await world.apply("member_state", "Peru", "PE")
    r = await client.post(
        f"{API}/commitments",
        headers=world.as_(pending_rep),
        json={
            "member_id": pending,
            "title": "x",
            "pillar": "networks",
            "indicators": [
                {"name": "n", "unit": "u", "baseline": 0, "target": 1, "due_on": "2099-01-01"}
            ],
        },
    )
    assert r.status_code == 409  # not admitted
    r = await client.post(
        f"{API}/commitments",
        headers=world.as_(sv_rep),
        json={
            "member_id": sv,
            "title": "x",
            "pillar": "no-such-pillar",
            "indicators": [
                {"name": "n", "unit": "u", "baseline": 0, "target": 1, "due_on": "2099-01-01"}
            ],
        },
    )
    assert r.status_code == 422

    a = await pledge(world, sv, sv_rep, due_in_days=100)
    b = await pledge(world, ge, ge_rep, due_in_days=400, pillar="networks", theme="climate_action")
    clock.advance(timedelta(days=80))  # 80 % of a's time gone, nothing reported: at risk
    r = await client.get(f"{API}/commitments/{a['id']}", headers=world.sec)
    assert r.json()["status"] == "at_risk"

    r = await client.get(
        f"{API}/dashboards/commitments",
        headers=world.sec,
        params={"alliance_id": world.id, "by": "pillar"},
    )
    rows = {row["pillar"]: row for row in r.json()["rows"]}
    assert rows["institutionalise"]["at_risk"] == 1 and rows["institutionalise"]["commitments"] == 1
    assert rows["networks"]["on_track"] == 1
    r = await client.get(
        f"{API}/dashboards/commitments",
        headers=world.sec,
        params={"alliance_id": world.id, "by": "member"},
    )
    assert {row["member"] for row in r.json()["rows"]} == {sv, ge}
    r = await client.get(
        f"{API}/dashboards/commitments",
        headers=world.sec,
        params={"alliance_id": world.id, "by": "theme"},
    )
    assert {row["theme"] for row in r.json()["rows"]} == {"gender_youth", "climate_action"}
    r = await client.get(
        f"{API}/dashboards/commitments",
        headers=world.sec,
        params={"alliance_id": world.id, "by": "colour"},
    )
    assert r.status_code == 422

    r = await client.get(
        f"{API}/commitments/export.csv", headers=world.sec, params={"alliance_id": world.id}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows_csv = list(csv.DictReader(io.StringIO(r.text)))
    by_id = {row["commitment_id"]: row for row in rows_csv}
    assert by_id[str(a["id"])]["indicator_status"] == "at_risk"
    assert by_id[str(a["id"])]["member"] == "El Salvador"
    assert by_id[str(b["id"])]["pillar"] == "networks"


async def test_the_worker_reviews_statuses_as_time_passes(
    world: World, alliance_service: AllianceService, clock: FixedClock
) -> None:
    world.clock = clock
    sv, sv_rep = await world.member("member_state", "El Salvador", "SV")
    cid = str((await pledge(world, sv, sv_rep, due_in_days=30))["id"])
    later = FixedClock(clock.now() + timedelta(days=31))
    settings = alliance_service.settings.model_copy(update={"status_review_interval_s": 0.2})
    worker = bootstrap(settings, clock=later)
    try:
        async with running_worker(worker):
            changed = await eventually(
                lambda: world.events("alliance.commitment.status_changed", cid)
            )
    finally:
        await worker.chassis.dispose()
    assert changed[-1]["to_status"] == "late"
    assert changed[-1]["as_of"] == later.today().isoformat()
