"""The platform administrator's path: reads which roles exist and what each permits, verifies
an organisation a member registered (the member may not verify it), grants a role that is
not in the vocabulary (refused with a problem document) and one that is (the person can then
moderate), and revokes it (after signing in again, the person cannot any more)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from journeys.kit import Person, grant

QUEUE = "/v1/resources/moderation-queue"


def test_the_platform_admin_verifies_an_organisation_and_grants_and_revokes_roles(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    roles = {r["role"]: r for r in admin.get("/v1/vocabulary/roles", params={"lang": "fr"})}
    assert {"platform_admin", "moderator", "organisation_admin", "partner"} <= set(roles)
    assert roles["moderator"]["permits"], roles["moderator"]  # what it allows, per service

    founder = newcomer("Awa Fondatrice", "fr")
    org = founder.post(
        "/v1/organisations",
        {"name": f"Association {uuid.uuid4().hex[:6]}", "kind": "ngo", "country": "sn"},
        expect=201,
    )
    assert org["country"] == "SN" and not org["verified"]
    verify = f"/v1/organisations/{org['organisation_id']}/verification"
    assert founder.call("POST", verify).status_code == 403
    admin.post(verify)
    assert founder.get(f"/v1/organisations/{org['organisation_id']}")["verified"]

    helper = newcomer("Hugo Helper")
    unknown = admin.call("PUT", f"/v1/auth/accounts/{helper.account_id}/roles/admin")
    assert unknown.status_code == 422, unknown.text
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert helper.call("GET", QUEUE).status_code == 403

    helper = grant(admin, helper, "moderator")
    assert helper.call("GET", QUEUE).status_code == 200
    account = admin.get(f"/v1/auth/accounts/{helper.account_id}")
    assert "moderator" in account["roles"]

    admin.call("DELETE", f"/v1/auth/accounts/{helper.account_id}/roles/moderator", 200)
    assert helper.sign_in().call("GET", QUEUE).status_code == 403
