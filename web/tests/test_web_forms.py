"""The API's problem+json mapped to messages beside the fields."""

from __future__ import annotations

from web.api import ApiProblem
from web.forms import problem_errors


def test_validation_errors_land_on_their_fields() -> None:
    problem = ApiProblem(
        422,
        "Unprocessable Content",
        errors=[
            {"loc": ["body", "title"], "type": "string_too_short"},
            {"loc": ["body", "countries", 0], "type": "string_pattern_mismatch"},
        ],
    )
    errors = problem_errors(problem)
    assert errors.fields == {
        "title": "This field is required.",
        "countries": "This value is not in the expected form.",
    }


def test_a_known_title_lands_on_the_field_the_page_names() -> None:
    errors = problem_errors(ApiProblem(422, "Weak password"), titles={"Weak password": "password"})
    assert "password" in errors.fields
    assert errors.fields["password"].startswith("Choose a longer password")


def test_anything_else_is_said_above_the_form_in_words() -> None:
    errors = problem_errors(ApiProblem(409, "Conflict"))
    assert errors.general == ["This cannot be done in its current state."]
    assert problem_errors(ApiProblem(429, "Too Many Requests", retry_after=30)).general
