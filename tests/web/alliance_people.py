"""The people of the secretariat's browser tests, set up as outside clients would: an officer
holding the alliance_secretariat role (granted by the platform administrator on /admin,
``staff_roles``)
and a future representative, both signed in; and the alliance API's POST in one line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from web_stack import Api, World, unique, verified_member

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


@dataclass(frozen=True)
class Seat:
    """A member state (Fiji) admitted to a new alliance on its representative's application,
    seated on a steering committee, with a meeting of that body starting in ten minutes (its
    session, attendance and ballots, already open) and a commitment of the state's."""

    people: AlliancePeople
    state: dict[str, Any]
    body: dict[str, Any]
    meeting: dict[str, Any]
    commitment: dict[str, Any]


def seat_a_representative(world: World, grant: Callable[..., None], label: str = "State") -> Seat:
    people = alliance_people(world, label, grant)
    sec, rep = people.secretariat, people.representative
    alliance = people.post(
        "/alliances",
        sec,
        {
            "slug": unique("gdpa").lower().replace("_", "-"),
            "name": "Policy Alliance",
            "pillars": [{"code": "networks", "title": "Digitalise networks"}],
        },
    )
    state = people.post(
        "/members/applications",
        rep,
        {"alliance_id": alliance["id"], "kind": "member_state", "name": "Fiji", "country": "FJ"},
    )
    people.post(f"/members/{state['id']}/review", sec, {"decision": "admit"}, status=200)
    body = people.post(
        "/bodies",
        sec,
        {"alliance_id": alliance["id"], "kind": "steering_committee", "name": "Steering Committee"},
    )
    people.post(
        f"/bodies/{body['id']}/memberships", sec, {"member_id": state["id"], "role": "member"}
    )
    starts = datetime.now(UTC) + timedelta(minutes=10)
    meeting = people.post(
        "/meetings",
        sec,
        {
            "body_id": body["id"],
            "title": "Spring session",
            "starts_at": starts.isoformat(),
            "location": "Online",
            "agenda": [{"title": "Endorsements", "kind": "decision"}],
        },
    )
    commitment = people.post(
        "/commitments",
        rep,
        {
            "member_id": state["id"],
            "title": "A diaspora desk in every consulate",
            "pillar": "networks",
            "indicators": [
                {
                    "name": "Consulates with a desk",
                    "unit": "consulates",
                    "baseline": "0",
                    "target": "12",
                    "due_on": (starts + timedelta(days=365)).date().isoformat(),
                }
            ],
        },
    )
    return Seat(people, state, body, meeting, commitment)
