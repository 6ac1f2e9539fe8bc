"""What a member's own pages need from the API: my contributions with their moderation
status, the course catalogue, my expressions of interest, and open opportunities filtered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from resources_testkit import assert_problem, new_id, resource_body

from devstack.testing import TokenIssuer


async def test_my_contributions_show_each_status_and_the_moderators_note(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    me, someone = tokens.headers(new_id()), tokens.headers(new_id())
    moderator = tokens.headers(new_id(), roles=("moderator",))
    draft = (
        await client.post("/v1/resources", json=resource_body(title="Draft"), headers=me)
    ).json()
    returned = (
        await client.post(
            "/v1/resources", json=resource_body(title="Guide", language="fr"), headers=me
        )
    ).json()
    await client.post(f"/v1/resources/{returned['id']}/submit", headers=me)
    await client.post(
        f"/v1/resources/{returned['id']}/reject", json={"reason": "Add sources"}, headers=moderator
    )
    await client.put(
        f"/v1/resources/{returned['id']}/translations/es",
        json={"title": "Guía"},
        headers=me,
    )
    await client.post("/v1/resources", json=resource_body(title="Not mine"), headers=someone)

    mine = await client.get("/v1/resources/mine", params={"lang": "es"}, headers=me)
    assert mine.status_code == 200, mine.text
    items = {i["id"]: i for i in mine.json()["items"]}
    assert set(items) == {draft["id"], returned["id"]}
    assert items[draft["id"]]["status"] == "draft"
    assert items[returned["id"]]["status"] == "rejected"
    assert items[returned["id"]]["moderation_note"] == "Add sources"
    assert items[returned["id"]]["title"] == "Guía"  # the asked language, when translated
    in_french = await client.get("/v1/resources/mine", params={"lang": "de"}, headers=me)
    titles = {i["id"]: i["title"] for i in in_french.json()["items"]}
    assert titles[returned["id"]] == "Guide"  # else the original
    assert_problem(await client.get("/v1/resources/mine"), 401)


async def test_the_course_catalogue_pages_newest_first_without_repeats(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    moderator = tokens.headers(new_id(), roles=("moderator",))
    mark = uuid.uuid4().hex[:8]
    made = []
    for n in range(3):
        body = {
            "title": f"Course {mark} {n}",
            "modules": [
                {"title": "M", "lessons": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]}
            ],
        }
        made.append((await client.post("/v1/courses", json=body, headers=moderator)).json()["id"])
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await client.get(
            "/v1/courses", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        seen += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    ids = [c["id"] for c in seen]
    assert len(ids) == len(set(ids))
    ours = [c for c in seen if c["id"] in made]
    assert [c["id"] for c in ours] == list(reversed(made))
    assert ours[0]["lessons"] == 2
    assert_problem(await client.get("/v1/courses", params={"cursor": "nonsense"}), 400)


def _opportunity(**overrides: Any) -> dict[str, Any]:
    body = {
        "kind": "mentors",
        "title": "Mentors",
        "organisation": "Desk",
        "deadline": (datetime.now(UTC) + timedelta(days=10)).isoformat(),
        "sectors": ["p"],
        "countries": ["HT"],
        "contribution_modes": ["mentoring"],
    }
    body.update(overrides)
    return body


async def test_open_opportunities_filter_and_my_interests(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    poster = tokens.headers(new_id(), roles=("moderator",))
    mark = uuid.uuid4().hex[:6]
    posted = await client.post(
        "/v1/opportunities", json=_opportunity(title=f"M {mark}"), headers=poster
    )
    assert posted.status_code == 201, posted.text
    mentors = posted.json()["id"]
    investors = (
        await client.post(
            "/v1/opportunities",
            json=_opportunity(
                kind="investment",
                title=f"I {mark}",
                sectors=["k"],
                countries=["SN"],
                contribution_modes=["investment"],
            ),
            headers=poster,
        )
    ).json()["id"]

    async def listed(**filters: str) -> set[str]:
        found = await client.get("/v1/opportunities", params={"limit": 100, **filters})
        assert found.status_code == 200, found.text
        return {o["id"] for o in found.json()["items"]} & {mentors, investors}

    assert await listed() == {mentors, investors}
    assert await listed(kind="investment") == {investors}
    assert await listed(sector="p") == {mentors}
    assert await listed(country="SN") == {investors}
    assert await listed(mode="mentoring") == {mentors}
    assert_problem(await client.get("/v1/opportunities", params={"kind": "nonsense"}), 422)

    person = new_id()
    me = tokens.headers(person)
    sent = await client.post(
        f"/v1/opportunities/{mentors}/interests", json={"message": "Hi"}, headers=me
    )
    assert sent.status_code == 201, sent.text
    mine = await client.get("/v1/opportunities/interests/mine", headers=me)
    assert mine.status_code == 200, mine.text
    [interest] = mine.json()["items"]
    assert interest["opportunity_id"] == mentors
    assert interest["opportunity_title"] == f"M {mark}"
    assert interest["status"] == "submitted"
    other = await client.get("/v1/opportunities/interests/mine", headers=tokens.headers(new_id()))
    assert other.json()["items"] == []
