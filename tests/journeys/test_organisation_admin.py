"""An organisation administrator's path: the platform admin grants the role through the admin
API; the organisation posts a call for nurses; of the people who said they are open to
opportunities, the nurse who fits is told in French (and the teacher who does not fit is not);
she expresses interest, the organisation sees it and shortlists her, and she is told the new
status in words. Then an event with one seat: the waitlisted person is told when the seat
frees up, and everyone registered is told when the event is cancelled."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from journeys.kit import NURSE_PROFILE, Person, assert_localised, eventually, grant

TEACHER_PROFILE: dict[str, Any] = {
    "occupations": ["2341"],
    "sectors": ["P"],
    "languages": [{"code": "en"}],
    "country_of_origin": "KE",
    "country_of_residence": "GB",
    "open_to_opportunities": True,
}


def _call(title: str) -> dict[str, Any]:
    return {
        "kind": "experts",
        "title": title,
        "organisation": "Ministère de la Santé publique",
        "deadline": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
        "required_occupations": ["2221"],
        "required_skills": ["s3"],
        "sectors": ["Q"],
        "languages": ["fra"],
        "countries": ["HT"],
        "contribution_modes": ["short_assignment"],
    }


def _titled(title: str) -> Callable[[Any], bool]:
    return lambda m: title in str(m["Subject"])


def test_an_organisation_posts_a_call_and_the_nurse_who_fits_is_told(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    nadege = newcomer("Nadège Pierre", "fr")
    nadege.fill_profile(NURSE_PROFILE)
    kamau = newcomer("Kamau Otieno", "en")
    kamau.fill_profile(TEACHER_PROFILE)

    org = newcomer("Oriane Org-Admin")
    refused = org.call("POST", "/v1/opportunities", json=_call("too early"))
    assert refused.status_code == 403  # a member posts nothing
    org = grant(admin, org, "organisation_admin")

    # matching reads resources' copy of the profiles: a first call shows when it has them
    tag = uuid.uuid4().hex[:6]
    probe = org.post("/v1/opportunities", _call(f"Probe {tag}"), expect=201)["id"]
    eventually(
        lambda: any(
            o["opportunity"]["id"] == probe and o["reasons"]
            for o in nadege.get("/v1/opportunities/for-me")
        ),
        "Nadège's profile reached matching",
    )
    title = f"Infirmières pour l'hôpital de Jacmel {tag}"
    posted = org.post("/v1/opportunities", _call(title), expect=201)["id"]

    told = nadege.mail(_titled(title), "about the call")
    assert_localised(told, "fr")
    ranked = org.get(f"/v1/opportunities/{posted}/matches", params={"lang": "fr"})
    # other journeys' people share the platform (another nurse fits as well as she does)
    scores = {p["person_id"]: p for p in ranked}
    her = scores[nadege.account_id]
    assert her["score"] == ranked[0]["score"], ranked
    assert kamau.account_id not in scores or scores[kamau.account_id]["score"] < her["score"]
    assert not [m for m in kamau.mails() if title in str(m["Subject"])]
    labels = [label["label"] for r in her["reasons"] for label in r.get("labels", [])]
    assert labels, her  # reasons in words, not only codes

    # she is interested; the organisation sees it and shortlists her
    interest = nadege.post(
        f"/v1/opportunities/{posted}/interests", {"message": "Disponible en mars"}, expect=201
    )
    org.mail(lambda m: "interest" in str(m["Subject"]).lower(), "of the interest")
    seen = org.get(f"/v1/opportunities/{posted}/interests")
    assert [i["person_id"] for i in seen] == [nadege.account_id]
    org.post(
        f"/v1/opportunities/{posted}/interests/{interest['id']}/status", {"status": "shortlisted"}
    )
    status = nadege.mail(lambda m: "manifestation d'intérêt" in str(m["Subject"]), "of status")
    assert_localised(status, "fr")
    assert "présélectionn" in str(status["Subject"]).lower(), status["Subject"]
    assert any("intérêt" in item["title"] for item in nadege.feed())  # and in her feed


def test_a_freed_seat_and_a_cancelled_event_are_told(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    organiser = grant(admin, newcomer("Ola Organiser"), "organisation_admin")
    starts = datetime.now(UTC) + timedelta(days=10)
    title = f"Atelier diaspora {uuid.uuid4().hex[:6]}"
    event = organiser.post(
        "/v1/events",
        {
            "kind": "workshop",
            "title": title,
            "language": "fr",
            "organiser": "Diaspora Org",
            "time_zone": "Europe/Paris",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "capacity": 1,
        },
        expect=201,
    )
    path = f"/v1/events/{event['id']}"
    first = newcomer("Fatou Seat", "fr")
    waiting = newcomer("Youssef Attente", "ar")
    assert first.post(f"{path}/registrations", expect=201)["status"] == "confirmed"
    assert waiting.post(f"{path}/registrations", expect=201)["status"] == "waitlisted"

    first.call("DELETE", f"{path}/registrations/me", 204)
    seat = waiting.mail(_titled(title), "of the seat")
    assert_localised(seat, "ar")
    assert waiting.get(f"{path}/registrations/me")["status"] == "confirmed"

    organiser.post(f"{path}/cancel", {"reason": "salle indisponible"}, headers=organiser.etag(path))
    cancelled = waiting.mail(
        lambda m: title in str(m["Subject"]) and m["Subject"] != seat["Subject"], "of cancelling"
    )
    assert_localised(cancelled, "ar")
    assert not [m for m in first.mails() if title in str(m["Subject"])]  # she left before
