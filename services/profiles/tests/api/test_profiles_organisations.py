"""Organisations through HTTP: founding, editing with If-Match, invitations, join requests,
roles, verification by a platform admin, the public directory (events in the outbox)."""

from __future__ import annotations

import uuid

import httpx
from profiles_testkit import ADMIN_EMAIL, ADMIN_PASSWORD, bearer, login, member, outbox_events

from profiles.bootstrap import ProfilesService
from profiles.service_layer import identity

ORG = {
    "name": "Association des Ingénieurs Sénégalais de France",
    "kind": "diaspora_association",
    "country": "fr",
    "city": "Paris",
    "description": {"fr": "Transfert de compétences vers le Sénégal."},
}


async def test_organisation_lifecycle(
    client: httpx.AsyncClient, profiles_service: ProfilesService
) -> None:
    founder_id, founder = await member(client, "Awa Ndiaye")
    created = await client.post("/v1/organisations", json=ORG, headers=bearer(founder))
    assert created.status_code == 201, created.text
    org = created.json()
    org_id = org["organisation_id"]
    assert org["country"] == "FR" and org["verified"] is False and org["member_count"] == 1
    [snapshot] = await outbox_events(profiles_service, "profiles.organisation.created", org_id)
    assert snapshot["name"] == ORG["name"] and snapshot["verified"] is False
    joined = await outbox_events(
        profiles_service, "profiles.organisation.membership_changed", org_id
    )
    assert joined[0]["person_id"] == founder_id and joined[0]["role"] == "admin"

    # editing: admins only, with the current ETag
    patch_headers = {**bearer(founder), "Content-Type": "application/merge-patch+json"}
    assert (
        await client.patch(
            f"/v1/organisations/{org_id}", content='{"city": "Lyon"}', headers=patch_headers
        )
    ).status_code == 428
    ok = await client.patch(
        f"/v1/organisations/{org_id}",
        content='{"city": "Lyon"}',
        headers={**patch_headers, "If-Match": created.headers["etag"]},
    )
    assert ok.status_code == 200 and ok.json()["city"] == "Lyon"
    stale = await client.patch(
        f"/v1/organisations/{org_id}",
        content='{"city": "Nice"}',
        headers={**patch_headers, "If-Match": created.headers["etag"]},
    )
    assert stale.status_code == 412
    assert await outbox_events(profiles_service, "profiles.organisation.updated", org_id)

    # an invitation is answered by the invitee only
    invitee_id, invitee = await member(client, "Moussa Sow")
    outsider_id, outsider = await member(client, "Outsider")
    not_admin = await client.post(
        f"/v1/organisations/{org_id}/invitations",
        json={"person_id": outsider_id},
        headers=bearer(invitee),
    )
    assert not_admin.status_code == 403
    invitation = await client.post(
        f"/v1/organisations/{org_id}/invitations",
        json={"person_id": invitee_id, "role": "member", "message": "Rejoins-nous !"},
        headers=bearer(founder),
    )
    assert invitation.status_code == 201
    rid = invitation.json()["request_id"]
    assert invitation.headers["location"] == f"/v1/organisations/{org_id}/requests/{rid}"
    for reader in (founder, invitee):
        read = await client.get(invitation.headers["location"], headers=bearer(reader))
        assert read.status_code == 200 and read.json()["kind"] == "invitation"
    hidden = await client.get(invitation.headers["location"], headers=bearer(outsider))
    assert hidden.status_code == 404  # neither an administrator nor the invitee
    again = await client.post(
        f"/v1/organisations/{org_id}/invitations",
        json={"person_id": invitee_id},
        headers=bearer(founder),
    )
    assert again.status_code == 409
    by_admin = await client.post(
        f"/v1/organisations/{org_id}/requests/{rid}/accept", headers=bearer(founder)
    )
    assert by_admin.status_code == 403  # the admin cannot accept on the invitee's behalf
    accepted = await client.post(
        f"/v1/organisations/{org_id}/requests/{rid}/accept", headers=bearer(invitee)
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"

    # a join request is answered by an administrator
    join = await client.post(
        f"/v1/organisations/{org_id}/join-requests",
        json={"message": "Je suis ingénieur à Lyon"},
        headers=bearer(outsider),
    )
    assert join.status_code == 201
    jid = join.json()["request_id"]
    assert join.headers["location"] == f"/v1/organisations/{org_id}/requests/{jid}"
    mine = (
        await client.get(f"/v1/organisations/{org_id}/requests", headers=bearer(outsider))
    ).json()
    assert [r["request_id"] for r in mine] == [jid]  # only their own
    self_accept = await client.post(
        f"/v1/organisations/{org_id}/requests/{jid}/accept", headers=bearer(outsider)
    )
    assert self_accept.status_code == 403
    declined = await client.post(
        f"/v1/organisations/{org_id}/requests/{jid}/decline", headers=bearer(founder)
    )
    assert declined.json()["status"] == "declined"
    bogus = await client.post(
        f"/v1/organisations/{org_id}/requests/{jid}/maybe", headers=bearer(founder)
    )
    assert bogus.status_code == 422

    members = (
        await client.get(f"/v1/organisations/{org_id}/members", headers=bearer(invitee))
    ).json()
    assert {m["person_id"]: m["role"] for m in members} == {
        founder_id: "admin",
        invitee_id: "member",
    }

    # each person's organisations and their role in each (a console starts from it)
    for token, role in ((founder, "admin"), (invitee, "member")):
        listed = (await client.get("/v1/me/organisations", headers=bearer(token))).json()
        assert [(o["organisation_id"], o["role"]) for o in listed["items"]] == [(org_id, role)]
        assert listed["items"][0]["name"] == ORG["name"] and not listed["items"][0]["verified"]
    assert (await client.get("/v1/me/organisations", headers=bearer(outsider))).json() == {
        "items": []
    }

    # the last administrator cannot leave; after promoting someone they can
    leave = await client.delete(
        f"/v1/organisations/{org_id}/members/{founder_id}", headers=bearer(founder)
    )
    assert leave.status_code == 409
    promote = await client.put(
        f"/v1/organisations/{org_id}/members/{invitee_id}",
        json={"role": "admin"},
        headers=bearer(founder),
    )
    assert promote.status_code == 200
    left = await client.delete(
        f"/v1/organisations/{org_id}/members/{founder_id}", headers=bearer(founder)
    )
    assert left.status_code == 200 and left.json()["member_count"] == 1
    changes = await outbox_events(
        profiles_service, "profiles.organisation.membership_changed", org_id
    )
    assert changes[-1] == {**changes[-1], "person_id": founder_id, "role": None}

    # verification by a platform admin only
    denied = await client.post(f"/v1/organisations/{org_id}/verification", headers=bearer(invitee))
    assert denied.status_code == 403
    await identity.seed_admin(
        profiles_service.uow(), profiles_service.settings, profiles_service.clock.now()
    )
    admin = (await login(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()["access_token"]
    verified = await client.post(f"/v1/organisations/{org_id}/verification", headers=bearer(admin))
    assert verified.status_code == 200 and verified.json()["verified"] is True
    assert await outbox_events(profiles_service, "profiles.organisation.verified", org_id)
    twice = await client.post(f"/v1/organisations/{org_id}/verification", headers=bearer(admin))
    assert twice.status_code == 409


async def test_organisation_directory_and_errors(client: httpx.AsyncClient) -> None:
    _, founder = await member(client)
    word = f"zq{uuid.uuid4().hex[:8]}"
    for name, kind, country in (
        (f"Consulat du Sénégal {word}", "consulate", "FR"),
        (f"Université {word}", "academia", "SN"),
        (f"Ángel Foundation {word}", "ngo", "ES"),
    ):
        r = await client.post(
            "/v1/organisations",
            json={"name": name, "kind": kind, "country": country},
            headers=bearer(founder),
        )
        assert r.status_code == 201
    found = (await client.get("/v1/directory/organisations", params={"q": word})).json()
    assert [o["name"].split()[0] for o in found["items"]] == ["Ángel", "Consulat", "Université"]
    senegal = await client.get("/v1/directory/organisations", params={"q": f"senegal {word}"})
    assert [o["kind"] for o in senegal.json()["items"]] == ["consulate"]
    kinds = await client.get(
        "/v1/directory/organisations",
        params={"q": word, "kind": ["academia", "ngo"], "country": "sn"},
    )
    assert [o["kind"] for o in kinds.json()["items"]] == ["academia"]
    page = (await client.get("/v1/directory/organisations", params={"q": word, "limit": 2})).json()
    rest = await client.get(
        "/v1/directory/organisations", params={"q": word, "cursor": page["next_cursor"]}
    )
    assert len(page["items"]) == 2 and len(rest.json()["items"]) == 1

    for bad in ({**ORG, "kind": "club"}, {**ORG, "country": "XX"}, {**ORG, "website": "ftp://x"}):
        r = await client.post("/v1/organisations", json=bad, headers=bearer(founder))
        assert r.status_code == 422, bad
    assert (await client.post("/v1/organisations", json=ORG)).status_code == 401
    missing = await client.get(f"/v1/organisations/{uuid.uuid4()}")
    assert missing.status_code == 404
