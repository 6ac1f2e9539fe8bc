"""A diaspora member's path: registers in French and is welcomed in French, confirms the
address from the mail, fills the profile with codes the vocabulary serves (and labels in their
language), finds a course in the catalogue by language and theme, completes it and an
employer verifies the completion code, which can be reissued when lost."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from journeys.kit import Person, assert_localised, grant


def test_a_new_member_is_welcomed_learns_and_proves_it(
    newcomer: Callable[..., Person], admin: Person
) -> None:
    amina = newcomer("Amina Diallo", "fr")
    welcome = amina.mail(lambda m: "Bienvenue" in str(m["Subject"]), "of welcome")
    assert_localised(welcome, "fr")

    # the vocabulary speaks French, and the profile takes its codes in any accepted form
    occupations = amina.get("/v1/vocabulary/occupations", params={"lang": "fr", "q": "2221"})
    assert any(t["code"] == "2221" for t in occupations["terms"]), occupations
    fields = {
        "occupations": ["2221"],
        "skills": ["s3"],
        "sectors": ["q"],
        "languages": [{"code": "fra"}],
        "country_of_origin": "sn",
        "country_of_residence": "FR",
    }
    amina.fill_profile(fields)
    profile = amina.get("/v1/me/profile")
    assert profile["skills"] == ["S3"] and profile["sectors"] == ["Q"], profile
    bad = amina.call(
        "PUT",
        "/v1/me/profile",
        422,
        json={"display_name": amina.name, **fields, "occupations": ["nurse"]},
        headers=amina.etag("/v1/me/profile"),
    )
    assert bad.headers["content-type"].startswith("application/problem+json")

    # an organisation publishes a course; Amina finds it by language and theme
    author = grant(admin, newcomer("Omar Course-Author"), "organisation_admin")
    tag = uuid.uuid4().hex[:8]
    course = author.post(
        "/v1/courses",
        {
            "title": f"Soins à distance {tag}",
            "language": "fr",
            "themes": ["health"],
            "modules": [{"title": "Un", "lessons": [{"id": "a", "title": "Accueil"}]}],
        },
        expect=201,
    )
    found = amina.get("/v1/courses", params={"language": "fr", "theme": "health", "q": tag})
    assert [c["id"] for c in found["items"]] == [course["id"]]

    amina.post(f"/v1/courses/{course['id']}/enrolments", expect=201)
    done = amina.post(f"/v1/courses/{course['id']}/lessons/a/complete")
    code = done["verification_code"]
    employer = Person(amina.platform, "employer@example.org", "Employer", "en")
    checked = employer.http.get(f"/v1/courses/completions/{code}")
    assert checked.status_code == 200 and checked.json()["course_title"].endswith(tag)

    # the code was lost: a new one is issued and the old one stops verifying
    again = amina.post(f"/v1/courses/{course['id']}/enrolments/me/verification-code")
    assert employer.http.get(f"/v1/courses/completions/{again['verification_code']}").is_success
    assert employer.http.get(f"/v1/courses/completions/{code}").status_code == 404
