"""A moderator's path: a member contributes a resource and submits it; the moderator (granted
by the platform admin; a platform admin may moderate too) finds it in the moderation queue
and publishes it; the contributor is told in their language; anyone finds it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from journeys.kit import Person, assert_localised, eventually, grant


def test_a_contribution_is_reviewed_published_and_found(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    author = newcomer("Aïcha Autrice", "fr")
    title = f"Guide des transferts d'argent {uuid.uuid4().hex[:6]}"
    created = author.post(
        "/v1/resources",
        {"kind": "toolkit", "language": "fr", "title": title, "summary": "Comparer les frais."},
        expect=201,
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    path = f"/v1/resources/{created['id']}"
    author.post(f"{path}/submit", headers=author.etag(path))

    member = newcomer("Mo Member")
    assert member.call("GET", "/v1/resources/moderation-queue").status_code == 403
    moderator = grant(admin, member, "moderator")
    queue = moderator.get("/v1/resources/moderation-queue")
    assert created["id"] in [item["id"] for item in queue]
    assert admin.call("GET", "/v1/resources/moderation-queue").status_code == 200

    moderator.post(f"{path}/publish", headers=moderator.etag(path))
    told = author.mail(lambda m: title in str(m["Subject"]), "of the publication")
    assert_localised(told, "fr")
    eventually(
        lambda: (
            created["id"]
            in [
                r["id"]
                for r in author.http.get("/v1/resources", params={"q": title}).json()["items"]
            ]
        ),
        "the resource found by anyone",
    )
