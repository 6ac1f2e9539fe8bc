"""Contribute -> submit -> publish / reject -> archive, reports and hiding, through HTTP against
the real app and Postgres; every transition checked in the history and the outbox."""

from __future__ import annotations

import httpx
from resources_testkit import assert_problem, new_id, outbox, resource_body

from devstack.testing import TokenIssuer
from resources.bootstrap import ResourcesService


async def test_member_contributes_and_a_moderator_publishes(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    author, moderator = new_id(), new_id()
    as_author = tokens.headers(author)
    as_moderator = tokens.headers(moderator, roles=("member", "moderator"))

    created = await client.post("/v1/resources", json=resource_body(), headers=as_author)
    assert created.status_code == 201, created.text
    rid = created.json()["id"]
    assert created.headers["location"] == f"/v1/resources/{rid}"

    # a draft is visible to its contributor and moderators only (404 to others: no leak)
    assert (await client.get(f"/v1/resources/{rid}", headers=as_author)).status_code == 200
    assert_problem(await client.get(f"/v1/resources/{rid}"), 404)
    assert_problem(await client.get(f"/v1/resources/{rid}", headers=tokens.headers(new_id())), 404)

    # only the contributor submits; a member cannot publish
    submitted = await client.post(f"/v1/resources/{rid}/submit", headers=as_author)
    assert submitted.json()["status"] == "submitted"
    body = assert_problem(await client.post(f"/v1/resources/{rid}/publish", headers=as_author), 403)
    assert "moderator" in body["detail"]

    queue = await client.get("/v1/resources/moderation-queue", headers=as_moderator)
    assert rid in [item["id"] for item in queue.json()]
    assert_problem(await client.get("/v1/resources/moderation-queue", headers=as_author), 403)

    published = await client.post(f"/v1/resources/{rid}/publish", headers=as_moderator)
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published"
    assert published.headers["etag"] == 'W/"3"'

    public = await client.get(f"/v1/resources/{rid}")
    assert public.status_code == 200
    assert public.json()["title"] == "Diaspora mapping toolkit"
    assert public.json()["published_at"] is not None

    # publishing twice is not a transition the workflow has
    assert_problem(await client.post(f"/v1/resources/{rid}/publish", headers=as_moderator), 409)

    archived = await client.post(f"/v1/resources/{rid}/archive", headers=as_moderator)
    assert archived.json()["status"] == "archived"
    assert_problem(await client.get(f"/v1/resources/{rid}"), 404)

    history = (await client.get(f"/v1/resources/{rid}/history", headers=as_author)).json()
    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("drafted", None, "draft"),
        ("submitted", "draft", "submitted"),
        ("published", "submitted", "published"),
        ("archived", "published", "archived"),
    ]
    assert history[2]["actor_id"] == str(moderator)
    assert history[0]["snapshot"]["translations"]["en"]["title"] == "Diaspora mapping toolkit"

    events = await outbox(resources_service, rid)
    assert [(e["type"], e["sequence"]) for e in events] == [
        ("resources.resource.drafted", 1),
        ("resources.resource.submitted", 2),
        ("resources.resource.published", 3),
        ("resources.resource.archived", 4),
    ]
    assert events[2]["data"]["actor_id"] == str(moderator)
    assert events[2]["data"]["contributor_id"] == str(author)


async def test_rejection_needs_a_reason_and_the_contributor_can_resubmit(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    author = new_id()
    as_author = tokens.headers(author)
    as_moderator = tokens.headers(new_id(), roles=("moderator",))
    rid = (await client.post("/v1/resources", json=resource_body(), headers=as_author)).json()["id"]
    await client.post(f"/v1/resources/{rid}/submit", headers=as_author)

    assert_problem(await client.post(f"/v1/resources/{rid}/reject", headers=as_moderator), 409)
    rejected = await client.post(
        f"/v1/resources/{rid}/reject", json={"reason": "Missing sources"}, headers=as_moderator
    )
    assert rejected.json()["status"] == "rejected"
    mine = (await client.get(f"/v1/resources/{rid}", headers=as_author)).json()
    assert mine["moderation_note"] == "Missing sources"

    # the contributor fixes it (a new version in the history) and submits again
    fixed = await client.put(
        f"/v1/resources/{rid}/translations/en",
        json={"title": "Diaspora mapping toolkit (with sources)"},
        headers=as_author,
    )
    assert fixed.status_code == 200, fixed.text
    # somebody else may not edit it
    assert_problem(
        await client.put(
            f"/v1/resources/{rid}/translations/en",
            json={"title": "vandalised"},
            headers=tokens.headers(new_id()),
        ),
        404,
    )
    resubmitted = await client.post(f"/v1/resources/{rid}/submit", headers=as_author)
    assert resubmitted.json()["status"] == "submitted"

    # a lost update is refused: If-Match with a stale version
    stale = await client.post(
        f"/v1/resources/{rid}/publish", headers={**as_moderator, "If-Match": '"1"'}
    )
    assert_problem(stale, 412)
    current = resubmitted.headers["etag"]
    ok = await client.post(
        f"/v1/resources/{rid}/publish", headers={**as_moderator, "If-Match": current}
    )
    assert ok.json()["status"] == "published"

    events = await outbox(resources_service, rid)
    types = [e["type"].rsplit(".", 1)[1] for e in events]
    assert types == ["drafted", "submitted", "rejected", "revised", "submitted", "published"]
    assert events[2]["data"]["reason"] == "Missing sources"
    assert events[3]["data"]["what"] == "translation:en"
    assert events[3]["data"]["languages"] == ["en"]
    history = (await client.get(f"/v1/resources/{rid}/history", headers=as_author)).json()
    assert [h["action"] for h in history] == [
        "drafted",
        "submitted",
        "rejected",
        "edited",
        "submitted",
        "published",
    ]
    assert history[3]["snapshot"]["translations"]["en"]["title"].endswith("(with sources)")


async def test_reported_resources_are_hidden_and_moderators_restore_them(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    as_moderator = tokens.headers(new_id(), roles=("moderator",))
    author = tokens.headers(new_id())
    rid = (await client.post("/v1/resources", json=resource_body(), headers=author)).json()["id"]
    await client.post(f"/v1/resources/{rid}/submit", headers=author)
    await client.post(f"/v1/resources/{rid}/publish", headers=as_moderator)

    first_reporter = tokens.headers(new_id())
    r1 = await client.post(
        f"/v1/resources/{rid}/reports", json={"reason": "spam"}, headers=first_reporter
    )
    assert r1.status_code == 202
    assert_problem(
        await client.post(
            f"/v1/resources/{rid}/reports", json={"reason": "spam"}, headers=first_reporter
        ),
        409,
    )
    assert (await client.get(f"/v1/resources/{rid}")).status_code == 200
    # the second distinct report reaches the threshold (2 in tests): hidden pending review
    await client.post(
        f"/v1/resources/{rid}/reports",
        json={"reason": "offensive"},
        headers=tokens.headers(new_id()),
    )
    assert_problem(await client.get(f"/v1/resources/{rid}"), 404)
    queue = (await client.get("/v1/resources/moderation-queue", headers=as_moderator)).json()
    assert {"id": rid, "hidden": True, "reports": 2}.items() <= next(
        q for q in queue if q["id"] == rid
    ).items()

    # members cannot hide or restore
    assert_problem(await client.post(f"/v1/resources/{rid}/restore", headers=author), 403)
    restored = await client.post(f"/v1/resources/{rid}/restore", headers=as_moderator)
    assert restored.json()["hidden"] is False
    assert (await client.get(f"/v1/resources/{rid}")).status_code == 200
    hidden = await client.post(
        f"/v1/resources/{rid}/hide", json={"reason": "under review"}, headers=as_moderator
    )
    assert hidden.json()["hidden"] is True

    types = [e["type"].rsplit(".", 1)[1] for e in await outbox(resources_service, rid)]
    assert types[-5:] == ["reported", "reported", "hidden", "restored", "hidden"]
    history = (await client.get(f"/v1/resources/{rid}/history", headers=author)).json()
    reports = [h for h in history if h["action"] == "reported"]
    assert len(reports) == 2 and all(h["actor_id"] is None for h in reports)  # anonymous


async def test_translations_fall_back_along_the_readers_languages(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    author = tokens.headers(new_id())
    moderator = tokens.headers(new_id(), roles=("moderator",))
    rid = (
        await client.post(
            "/v1/resources",
            json=resource_body(language="fr", title="Guide de cartographie", summary="Résumé"),
            headers=author,
        )
    ).json()["id"]
    await client.put(
        f"/v1/resources/{rid}/translations/en", json={"title": "Mapping guide"}, headers=author
    )
    await client.post(f"/v1/resources/{rid}/submit", headers=author)
    await client.post(f"/v1/resources/{rid}/publish", headers=moderator)

    async def served(**kwargs: object) -> tuple[str, str]:
        r = await client.get(f"/v1/resources/{rid}", **kwargs)  # type: ignore[arg-type]
        body = r.json()
        assert r.headers["content-language"] == body["language"]
        return body["language"], body["title"]

    assert await served() == ("fr", "Guide de cartographie")  # original language
    assert await served(headers={"Accept-Language": "es-ES, en;q=0.8"}) == ("en", "Mapping guide")
    assert await served(headers={"Accept-Language": "ar"}) == ("fr", "Guide de cartographie")
    assert await served(params={"lang": "fr"}, headers={"Accept-Language": "en"}) == (
        "fr",
        "Guide de cartographie",
    )
    body = (await client.get(f"/v1/resources/{rid}")).json()
    assert body["available_languages"] == ["en", "fr"]


async def test_bad_input_is_a_problem_never_a_500(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    member = tokens.headers(new_id())
    assert_problem(await client.post("/v1/resources", json=resource_body()), 401)
    bad_country = await client.post(
        "/v1/resources", json=resource_body(countries=["XX"]), headers=member
    )
    assert_problem(bad_country, 422)
    assert_problem(
        await client.post("/v1/resources", json=resource_body(sdgs=[18]), headers=member), 422
    )
    assert_problem(
        await client.post("/v1/resources", json=resource_body(kind="novel"), headers=member), 422
    )
    wrong_kind = await client.post(
        "/v1/resources", json=resource_body(project={"project_id": "X.1"}), headers=member
    )
    assert_problem(wrong_kind, 409)
    assert_problem(await client.get("/v1/resources/not-a-uuid"), 422)
    assert_problem(await client.get(f"/v1/resources/{new_id()}"), 404)
    assert_problem(await client.get("/v1/resources", params={"cursor": "%%%"}), 400)


async def test_classification_edits_are_versions_in_the_history(
    client: httpx.AsyncClient, tokens: TokenIssuer
) -> None:
    author = tokens.headers(new_id())
    moderator = tokens.headers(new_id(), roles=("moderator",))
    rid = (await client.post("/v1/resources", json=resource_body(), headers=author)).json()["id"]
    patched = await client.patch(
        f"/v1/resources/{rid}",
        json={"themes": ["youth", "gender"], "countries": ["SN"], "year": 2024},
        headers={**author, "If-Match": '"1"'},
    )
    assert patched.status_code == 200, patched.text
    assert patched.headers["etag"] == 'W/"2"'
    body = (await client.get(f"/v1/resources/{rid}", headers=author)).json()
    assert (body["themes"], body["countries"], body["year"], body["sdgs"]) == (
        ["youth", "gender"],
        ["SN"],
        2024,
        [10, 17],  # untouched: not sent
    )
    assert_problem(
        await client.patch(
            f"/v1/resources/{rid}", json={"year": 2020}, headers={**author, "If-Match": '"1"'}
        ),
        412,
    )
    assert_problem(
        await client.patch(
            f"/v1/resources/{rid}", json={"project": {"project_id": "X"}}, headers=author
        ),
        409,
    )
    await client.post(f"/v1/resources/{rid}/submit", headers=author)
    await client.post(f"/v1/resources/{rid}/publish", headers=moderator)
    # published: the contributor can no longer change it, a moderator can
    assert_problem(
        await client.patch(f"/v1/resources/{rid}", json={"year": 2020}, headers=author), 409
    )
    fixed = await client.patch(f"/v1/resources/{rid}", json={"sdgs": [5]}, headers=moderator)
    assert fixed.status_code == 200
    history = (await client.get(f"/v1/resources/{rid}/history", headers=author)).json()
    edits = [h for h in history if h["action"] == "edited"]
    assert [e["snapshot"]["themes"] for e in edits] == [["youth", "gender"], ["youth", "gender"]]
    assert [e["snapshot"]["sdgs"] for e in edits] == [[10, 17], [5]]


async def test_idempotency_key_makes_creating_posts_safe_to_retry(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    member_id = new_id()
    member = {**tokens.headers(member_id), "Idempotency-Key": f"k-{new_id()}"}
    first = await client.post("/v1/resources", json=resource_body(title="Once"), headers=member)
    again = await client.post("/v1/resources", json=resource_body(title="Once"), headers=member)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert len(await outbox(resources_service, first.json()["id"])) == 1  # created once
    other = await client.post("/v1/resources", json=resource_body(title="Other"), headers=member)
    assert_problem(other, 422)
    # the key is the caller's own: someone else's request with the same key is separate
    someone = {**tokens.headers(new_id()), "Idempotency-Key": member["Idempotency-Key"]}
    theirs = await client.post("/v1/resources", json=resource_body(title="Once"), headers=someone)
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    # a failed request releases its key
    bad = {**tokens.headers(member_id), "Idempotency-Key": "bad-then-good"}
    wrong = resource_body(title="x", project={"project_id": "X"})
    assert_problem(await client.post("/v1/resources", json=wrong, headers=bad), 409)
    ok = await client.post("/v1/resources", json=resource_body(title="x"), headers=bad)
    assert ok.status_code == 201


async def test_the_moderation_queue_filters_by_reason_and_kind_and_counts_each_reason(
    client: httpx.AsyncClient, tokens: TokenIssuer, resources_service: ResourcesService
) -> None:
    as_moderator = tokens.headers(new_id(), roles=("moderator",))
    author = tokens.headers(new_id())
    queue = "/v1/resources/moderation-queue"

    async def counts(**params: str) -> dict[str, int]:
        answer = await client.get(f"{queue}/counts", params=params, headers=as_moderator)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    before, videos_before = await counts(), await counts(kind="video")

    async def contributed(kind: str, title: str, english: str = "") -> str:
        body = resource_body(kind=kind, title=title, language="fr")
        rid = str((await client.post("/v1/resources", json=body, headers=author)).json()["id"])
        if english:
            translated = await client.put(
                f"/v1/resources/{rid}/translations/en", json={"title": english}, headers=author
            )
            assert translated.status_code in (200, 201), translated.text
        await client.post(f"/v1/resources/{rid}/submit", headers=author)
        return rid

    waiting = await contributed("video", "Vidéo en attente", english="A waiting video")
    reported = await contributed("toolkit", "Guide signalé")
    await client.post(f"/v1/resources/{reported}/publish", headers=as_moderator)
    await client.post(
        f"/v1/resources/{reported}/reports",
        json={"reason": "spam"},
        headers=tokens.headers(new_id()),
    )
    hidden = await contributed("toolkit", "Guide caché")
    await client.post(f"/v1/resources/{hidden}/publish", headers=as_moderator)
    await client.post(f"/v1/resources/{hidden}/hide", headers=as_moderator)

    after = await counts()
    assert {k: after[k] - before[k] for k in after} == {"submitted": 1, "reported": 1, "hidden": 1}
    videos = await counts(kind="video")
    assert videos["submitted"] - videos_before["submitted"] == 1

    async def ids(**params: str) -> dict[str, dict[str, object]]:
        answer = await client.get(queue, params={"limit": "200", **params}, headers=as_moderator)
        assert answer.status_code == 200, answer.text
        return {item["id"]: item for item in answer.json()}

    assert waiting in await ids(reason="submitted")
    assert reported not in await ids(reason="submitted")
    assert reported in await ids(reason="reported") and hidden not in await ids(reason="reported")
    assert hidden in await ids(reason="hidden")
    assert waiting not in await ids(kind="toolkit")
    # titles in the moderator's language when translated, else the original's
    assert (await ids(reason="submitted", lang="en"))[waiting]["title"] == "A waiting video"
    assert (await ids(reason="reported", lang="en"))[reported]["title"] == "Guide signalé"
    # bad filters are the caller's mistake, and members see none of it
    assert_problem(await client.get(queue, params={"reason": "all"}, headers=as_moderator), 422)
    assert_problem(await client.get(f"{queue}/counts", headers=author), 403)
