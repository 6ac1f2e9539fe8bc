"""The alliance secretariat and a member's representative: the secretariat (a role the
platform admin grants) finds the seeded alliance by listing, not through the database; an
organisation applies and its representative is told each step in Spanish, in words; the
secretariat seats the member on a body and schedules a meeting, and the representative is
invited; a vote opens (told), the representative votes during the session, the vote closes
(told the result); partners get the meeting and vote as signed webhooks."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from journeys.kit import Person, assert_localised, eventually, grant

API = "/v1/alliance"


def test_a_representative_is_admitted_invited_and_votes(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    secretariat = grant(admin, newcomer("Sofia Secretariat"), "alliance_secretariat")
    rep = newcomer("Lucía Representante", "es")

    alliances = rep.get(f"{API}/alliances", params={"limit": 200})["items"]
    assert alliances, "the seeded alliance is listed"
    alliance_id, theme = alliances[0]["id"], alliances[0]["themes"][0]["code"]

    name = f"Red de la diáspora {uuid.uuid4().hex[:6]}"
    member = rep.post(
        f"{API}/members/applications",
        {"alliance_id": alliance_id, "kind": "organisation", "name": name, "country": "CO"},
        expect=201,
    )
    applied = rep.mail(lambda m: "alianza" in str(m["Subject"]).lower(), "of the application")
    assert_localised(applied, "es")

    secretariat.post(f"{API}/members/{member['id']}/review", {"decision": "admit"})
    eventually(
        lambda: len([m for m in rep.mails() if "alianza" in str(m["Subject"]).lower()]) >= 2,
        "the admission told",
    )
    for told in rep.mails():
        assert_localised(told, "es")

    body = secretariat.post(
        f"{API}/bodies",
        {
            "alliance_id": alliance_id,
            "kind": "working_group",
            "name": f"Salud {name}",
            "theme": theme,
        },
        expect=201,
    )
    secretariat.post(
        f"{API}/bodies/{body['id']}/memberships",
        {"member_id": member["id"], "role": "member"},
        expect=201,
    )
    # in session from 30 minutes before the start (alliance README): ballots are taken now
    meeting_title = f"Sesión de trabajo {uuid.uuid4().hex[:6]}"
    meeting = secretariat.post(
        f"{API}/meetings",
        {
            "body_id": body["id"],
            "title": meeting_title,
            "starts_at": (datetime.now(UTC) + timedelta(minutes=10)).isoformat(),
            "timezone": "America/Bogota",
        },
        expect=201,
    )
    invitation = rep.mail(lambda m: meeting_title in str(m["Subject"]), "of the invitation")
    assert_localised(invitation, "es")

    secretariat.post(f"{API}/meetings/{meeting['id']}/attendance", {"present": [member["id"]]})
    motion_title = f"Plan de trabajo {uuid.uuid4().hex[:6]}"
    motion = secretariat.post(
        f"{API}/meetings/{meeting['id']}/motions", {"title": motion_title}, expect=201
    )
    opened = rep.mail(lambda m: motion_title in str(m["Subject"]), "of the vote opening")
    assert_localised(opened, "es")

    rep.post(
        f"{API}/motions/{motion['id']}/ballots",
        {"choice": "yes", "on_behalf_of": member["id"]},
        expect=201,
    )
    secretariat.post(f"{API}/motions/{motion['id']}/close")
    eventually(
        lambda: len([m for m in rep.mails() if motion_title in str(m["Subject"])]) >= 2,
        "the result told",
    )
    result = [m for m in rep.mails() if motion_title in str(m["Subject"])][-1]
    assert_localised(result, "es")
