"""A government focal point's path: granted the role by the platform admin, launches a mapping
campaign on the platform's standard questionnaire (downloaded through the gateway), imports a
KoboToolbox export, declares a sector need for the campaign, reads the gaps, and posts an
opportunity; the nurse who fits is told in French and expresses interest, and the focal point
sees it."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from journeys.kit import NURSE_PROFILE, Person, assert_localised, eventually, grant

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kobo_export(count: int) -> list[dict[str, Any]]:
    """What a KoboToolbox JSON export of the standard questionnaire holds."""
    rng = random.Random(24)
    records = []
    for n in range(1, count + 1):
        uid = str(uuid.UUID(int=rng.getrandbits(128)))
        records.append(
            {
                "_id": n,
                "_uuid": uid,
                "_submission_time": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00",
                "consent": "yes",
                "about_you/gender": rng.choice(["female", "male"]),
                "about_you/birth_year": str(rng.randint(1960, 2000)),
                "about_you/country_of_origin": "HT",
                "about_you/country_of_residence": rng.choice(["US", "CA", "FR"]),
                "about_you/generation": "first",
                "education_work/education_level": rng.choice(["4", "6", "7"]),
                "education_work/sectors": rng.choice(["Q", "P", "Q P"]),
                "education_work/skills": rng.choice(["S1", "S3", "S1 S3"]),
                "education_work/languages": "fr ht",
                "needs_group/needs": "employment",
                "contribution/willing_to_contribute": "yes",
                "contribution/contribution_modes": "mentoring",
                "meta/instanceID": f"uuid:{uid}",
            }
        )
    return records


def test_a_focal_point_maps_the_diaspora_and_reaches_the_nurse(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    nurse = newcomer("Nadine Joseph", "fr")
    nurse.fill_profile(NURSE_PROFILE)
    focal = grant(admin, newcomer("Fabrice Focal-Point"), "government_focal_point")

    template = focal.call("GET", "/v1/mapping/template.xlsx", 200).content
    survey = focal.post(
        f"/v1/mapping/surveys/xlsform?key=journey-{uuid.uuid4().hex[:6]}",
        expect=201,
        content=template,
        headers={"Content-Type": XLSX},
    )
    today = datetime.now(UTC).date()
    campaign = focal.post(
        "/v1/mapping/campaigns",
        {
            "survey_id": survey["id"],
            "name": "Cartographie de la diaspora haïtienne",
            "owner_kind": "government",
            "origin_country": "HT",
            "opens_on": (today - timedelta(days=300)).isoformat(),
            "closes_on": (today + timedelta(days=60)).isoformat(),
            "channels": ["web", "kobo"],
        },
        expect=201,
    )
    base = f"/v1/mapping/campaigns/{campaign['id']}"
    imported = focal.post(
        f"{base}/imports?format=kobo_json",
        content=json.dumps({"results": _kobo_export(40)}),
        headers={"Content-Type": "application/json"},
    )
    assert imported, imported
    focal.post(
        "/v1/mapping/needs",
        {
            "origin_country": "HT",
            "sector": "Q",
            "skill": "S3",
            "positions": 30,
            "campaign_id": campaign["id"],
        },
        expect=201,
    )
    gaps = focal.get(f"{base}/gaps")
    rows = {(r["sector"], r["skill"]): r for r in gaps["rows"]}
    assert rows[("Q", "S3")]["needed"] >= 30, gaps

    title = f"Infirmières pour Jacmel {uuid.uuid4().hex[:6]}"
    call = {
        "kind": "experts",
        "title": title,
        "organisation": "Ministère de la Santé publique et de la Population",
        "deadline": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
        "required_occupations": ["2221"],
        "required_skills": ["S3"],
        "sectors": ["Q"],
        "languages": ["fr"],
        "countries": ["HT"],
    }
    # matching reads resources' copy of the profile: wait until it has the nurse's
    probe = focal.post("/v1/opportunities", {**call, "title": f"Probe {title}"}, expect=201)
    eventually(
        lambda: any(
            o["opportunity"]["id"] == probe["id"] and o["reasons"]
            for o in nurse.get("/v1/opportunities/for-me")
        ),
        "the nurse's profile reached matching",
    )
    posted = focal.post("/v1/opportunities", call, expect=201)
    told = nurse.mail(lambda m: str(m["Subject"]).endswith(title), "about the call")
    assert_localised(told, "fr")
    nurse.post(f"/v1/opportunities/{posted['id']}/interests", {"message": "Oui"}, expect=201)
    interests = focal.get(f"/v1/opportunities/{posted['id']}/interests")
    assert [i["person_id"] for i in interests] == [nurse.account_id]
