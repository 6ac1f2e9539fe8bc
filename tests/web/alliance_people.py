"""The people of the secretariat's browser tests, set up as outside clients would: an officer
holding the alliance_secretariat role (granted by the platform administrator on /admin,
``staff_roles``)
and a future representative, both signed in; and the alliance API's POST in one line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from web_stack import Api, World, verified_member

ALLIANCE = "/v1/alliance"


@dataclass(frozen=True)
class AlliancePeople:
    api: Api
    secretariat_id: str
    secretariat_email: str
    secretariat: str  # the officer's access token
    representative_id: str
    representative_email: str
    representative: str

    def post(self, path: str, token: str, body: dict[str, Any], status: int = 201) -> Any:
        """``POST /v1/alliance{path}`` as the holder of ``token``, expecting ``status``."""
        return self.api.call("POST", f"{ALLIANCE}{path}", token, json=body, expect=status).json()


def alliance_people(world: World, label: str, grant: Callable[..., None]) -> AlliancePeople:
    """``grant``: ``staff_roles.grant`` (the admin console)."""
    api = world.api
    sec_id, sec_email, _ = verified_member(api, world.mail, f"{label} Secretariat")
    grant(sec_email, "alliance_secretariat")
    rep_id, rep_email, _ = verified_member(api, world.mail, f"{label} Representative")
    return AlliancePeople(
        api, sec_id, sec_email, api.login(sec_email), rep_id, rep_email, api.login(rep_email)
    )
