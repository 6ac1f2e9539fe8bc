"""Courses through HTTP: modules of lessons referencing published resources, enrolment,
progress, completion (event) and a verification code anyone can check."""

from __future__ import annotations

import httpx
from resources_testkit import assert_problem, new_id, outbox, resource_body

from devstack.testing import TokenIssuer
from resources.bootstrap import ResourcesService


async def test_enrol_progress_complete_and_verify(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    author = tokens.headers(new_id())
    moderator = tokens.headers(new_id(), roles=("moderator",))
    rid = (
        await client.post("/v1/resources", json=resource_body(kind="training"), headers=author)
    ).json()["id"]
    body = {
        "title": "Diaspora mapping: online training",
        "language": "fr",
        "modules": [
            {
                "title": "Why map",
                "lessons": [{"id": "intro", "title": "Intro", "resource_id": rid}],
            },
            {
                "title": "How",
                "lessons": [{"id": "survey", "title": "Surveys"}, {"id": "data", "title": "Data"}],
            },
        ],
    }
    # lessons must reference published resources
    assert_problem(await client.post("/v1/courses", json=body, headers=moderator), 422)
    await client.post(f"/v1/resources/{rid}/submit", headers=author)
    await client.post(f"/v1/resources/{rid}/publish", headers=moderator)
    assert_problem(await client.post("/v1/courses", json=body, headers=author), 403)
    dup = {
        **body,
        "modules": [
            {"title": "x", "lessons": [{"id": "a", "title": "a"}, {"id": "a", "title": "b"}]}
        ],
    }
    assert_problem(await client.post("/v1/courses", json=dup, headers=moderator), 422)
    created = await client.post("/v1/courses", json=body, headers=moderator)
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    assert (await client.get(f"/v1/courses/{cid}")).json()["modules"][1]["lessons"][1][
        "id"
    ] == "data"

    learner_id = new_id()
    learner = tokens.headers(learner_id)
    assert_problem(
        await client.post(f"/v1/courses/{cid}/lessons/intro/complete", headers=learner), 404
    )
    enrolled = await client.post(f"/v1/courses/{cid}/enrolments", headers=learner)
    assert enrolled.status_code == 201 and enrolled.json()["progress"] == 0
    assert enrolled.headers["location"] == f"/v1/courses/{cid}/enrolments/me"
    mine = await client.get(enrolled.headers["location"], headers=learner)
    assert mine.json() == enrolled.json()
    assert_problem(await client.post(f"/v1/courses/{cid}/enrolments", headers=learner), 409)

    step = (await client.post(f"/v1/courses/{cid}/lessons/intro/complete", headers=learner)).json()
    assert step["progress"] == round(1 / 3, 4) and step["verification_code"] is None
    again = (await client.post(f"/v1/courses/{cid}/lessons/intro/complete", headers=learner)).json()
    assert again["progress"] == round(1 / 3, 4)  # idempotent
    assert_problem(
        await client.post(f"/v1/courses/{cid}/lessons/nope/complete", headers=learner), 404
    )
    await client.post(f"/v1/courses/{cid}/lessons/survey/complete", headers=learner)
    done = (await client.post(f"/v1/courses/{cid}/lessons/data/complete", headers=learner)).json()
    assert done["progress"] == 1.0 and done["completed_at"] is not None
    code = done["verification_code"]
    assert code

    me = (await client.get(f"/v1/courses/{cid}/enrolments/me", headers=learner)).json()
    assert me["verification_code"] is None  # shown once; only its digest is kept

    verified = (await client.get(f"/v1/courses/completions/{code}")).json()
    assert verified == {
        "completion_id": done["completion_id"],
        "course_id": cid,
        "course_title": "Diaspora mapping: online training",
        "completed_at": verified["completed_at"],
        "valid": True,
    }
    assert "person_id" not in verified
    assert_problem(await client.get(f"/v1/courses/completions/{'x' * 24}"), 404)

    # enrolment, progress (one event per lesson) and completion, in order on one key
    events = await outbox(resources_service, done["completion_id"])
    assert [e["type"] for e in events] == [
        "resources.course.enrolled",
        *["resources.course.lesson_completed"] * 3,
        "resources.course.completed",
    ]
    assert [e["data"]["completed_lessons"] for e in events[1:4]] == [1, 2, 3]
    assert {e["data"]["total_lessons"] for e in events[1:4]} == {3}
    assert events[0]["data"]["course_title"] == "Diaspora mapping: online training"
    assert events[-1]["data"]["person_id"] == str(learner_id)
    assert events[-1]["data"]["course_id"] == cid
    assert [e["sequence"] for e in events] == sorted(e["sequence"] for e in events)
    published = await outbox(resources_service, cid)
    assert [e["type"] for e in published] == ["resources.course.published"]
    assert published[0]["data"]["lesson_count"] == 3


async def test_the_catalogue_finds_courses_by_language_theme_and_words(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    """Found from the outside: GET /v1/courses answered 405; a course could not be found."""
    author = tokens.headers(new_id(), roles=("organisation_admin",))
    tag = new_id().hex[:8]
    made = []
    for title, language, themes in (
        (f"Mentorat à distance {tag}", "fr", ["mentoring", f"t-{tag}"]),
        (f"Remote mentoring {tag}", "en", ["mentoring", f"t-{tag}"]),
        (f"Diaspora bonds {tag}", "en", ["investment", f"t-{tag}"]),
    ):
        body = {
            "title": title,
            "language": language,
            "themes": themes,
            "modules": [{"title": "One", "lessons": [{"id": "a", "title": "A"}]}],
        }
        r = await client.post("/v1/courses", json=body, headers=author)
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])

    def ids(r: httpx.Response) -> list[str]:
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["items"]]

    ours = await client.get("/v1/courses", params={"theme": f"t-{tag}"})
    assert sorted(ids(ours)) == sorted(made)  # anonymous: the catalogue is public
    french = await client.get("/v1/courses", params={"theme": f"t-{tag}", "language": "fra"})
    assert ids(french) == [made[0]]
    bonds = await client.get("/v1/courses", params={"q": f"BONDS {tag}"})
    assert ids(bonds) == [made[2]]
    seen: list[str] = []
    params: dict[str, str | int] = {"theme": f"t-{tag}", "limit": 2}
    while True:
        page = (await client.get("/v1/courses", params=params)).json()
        seen += [c["id"] for c in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(seen) == sorted(made) and len(seen) == 3
    assert (await client.get("/v1/courses", params={"language": "xx"})).status_code == 422


async def test_a_lost_completion_code_can_be_reissued(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    """Found from the outside: the completion code was shown once and never again."""
    author = tokens.headers(new_id(), roles=("moderator",))
    body = {"title": "Short", "modules": [{"title": "M", "lessons": [{"id": "a", "title": "A"}]}]}
    cid = (await client.post("/v1/courses", json=body, headers=author)).json()["id"]
    learner = tokens.headers(new_id())
    reissue = f"/v1/courses/{cid}/enrolments/me/verification-code"
    assert (await client.post(reissue, headers=learner)).status_code == 404  # not enrolled
    await client.post(f"/v1/courses/{cid}/enrolments", headers=learner)
    assert (await client.post(reissue, headers=learner)).status_code == 409  # not completed
    done = await client.post(f"/v1/courses/{cid}/lessons/a/complete", headers=learner)
    first = done.json()["verification_code"]
    again = await client.post(reissue, headers=learner)
    assert again.status_code == 200, again.text
    second = again.json()["verification_code"]
    assert second and second != first
    assert (await client.get(f"/v1/courses/completions/{second}")).status_code == 200
    assert (await client.get(f"/v1/courses/completions/{first}")).status_code == 404
