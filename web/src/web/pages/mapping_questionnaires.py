"""A focal point's own questionnaire: upload an XLSForm (KoboToolbox, ODK), then the mapping
step, which question feeds which of the platform's statistics (the API suggests, the person
decides; questions that feed none are named), then a campaign on the mapped version."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, problem_errors
from web.navigation import N_
from web.notices import NOTICES
from web.pages.mapping import XLSX, read_upload, require_focal_point
from web.pages.mapping_tables import DIMENSIONS
from web.pages.surveys import label as survey_label
from web.runtime import flash_redirect, read_form, render, web_of

MAX_WORKBOOK_BYTES = 5 * 1024 * 1024
#: question types that carry no answer to count
NOT_ANSWERS = {"note", "consent"}
#: what a question's answers can feed (the API's mapping step): the dimensions, except those
#: derived (age from the year of birth) or given by the import (wave)
QUESTION_DIMENSIONS: dict[str, str] = {
    **{d: text for d, text in DIMENSIONS.items() if d not in ("age_band", "wave")},
    "birth_year": N_("Year of birth (gives the age)"),
}

NOTICES.update(
    {
        "questionnaire-uploaded": N_("The questionnaire is uploaded. Map its questions below."),
        "questionnaire-mapped": N_("The mapping is saved as a new version of the questionnaire."),
    }
)


def _key(filename: str) -> str:
    """The questionnaire's key from its file's name (each upload is a new version of it)."""
    stem = re.sub(r"[^a-z0-9_.-]+", "-", PurePath(filename).stem.lower()).strip("-.")
    return stem[:60] or "questionnaire"


async def upload_page(request: Request) -> Response:
    require_focal_point(request)
    return render(request, "consoles/mapping_questionnaire_upload.html")


async def upload(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    errors = FormErrors()
    workbook, content = await read_upload(
        form,
        "workbook",
        MAX_WORKBOOK_BYTES,
        N_("Choose the XLSForm workbook (.xlsx) to upload."),
        errors,
    )
    if not errors and workbook is not None:
        try:
            survey = await web.api.post(
                visit,
                "/v1/mapping/surveys/xlsform",
                params={"key": _key(workbook.filename or "")},
                content=content,
                headers={"Content-Type": XLSX},
            )
            return flash_redirect(
                f"/mapping/questionnaires/{survey['id']}", "questionnaire-uploaded"
            )
        except ApiProblem as problem:
            if problem.status not in (400, 413, 415, 422):
                raise
            errors.add(
                "workbook",
                N_("This file is not an XLSForm workbook the platform can read."),
            )
    return render(
        request, "consoles/mapping_questionnaire_upload.html", {"errors": errors}, status=422
    )


def _questions(survey: dict[str, Any], locale: str) -> list[dict[str, Any]]:
    default = survey.get("default_language", "en")
    suggested = survey.get("statistics", {}).get("suggestions", {})
    return [
        {
            "name": q["name"],
            "text": survey_label(q.get("labels") or {}, locale, default) or q["name"],
            "dimension": q.get("dimension") or suggested.get(q["name"], ""),
        }
        for q in survey.get("questions", [])
        if q.get("type") not in NOT_ANSWERS and q["name"] != "consent"
    ]


async def _survey_context(request: Request, survey_id: str) -> dict[str, Any]:
    web, visit = web_of(request), require_focal_point(request)
    survey = await web.api.get(visit, f"/v1/mapping/surveys/{survey_id}")
    return {
        "survey": survey,
        "questions": _questions(survey, visit.locale),
        "dimensions": QUESTION_DIMENSIONS,
        "statistics": survey.get("statistics", {}),
    }


async def mapping_page(request: Request) -> Response:
    context = await _survey_context(request, str(request.path_params["survey_id"]))
    return render(request, "consoles/mapping_questionnaire.html", context)


async def save_mapping(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    survey_id = str(request.path_params["survey_id"])
    context = await _survey_context(request, survey_id)
    chosen = {
        q["name"]: (str(form.get(f"q_{q['name']}", "")) or None) for q in context["questions"]
    }
    chosen = {name: d if d in QUESTION_DIMENSIONS else None for name, d in chosen.items()}
    try:
        mapped = await web.api.post(
            visit, f"/v1/mapping/surveys/{survey_id}/dimensions", json={"dimensions": chosen}
        )
        return flash_redirect(f"/mapping/questionnaires/{mapped['id']}", "questionnaire-mapped")
    except ApiProblem as problem:
        if problem.status not in (400, 422):
            raise
        errors = problem_errors(problem, fields={name: f"q_{name}" for name in chosen})
    for q in context["questions"]:
        q["dimension"] = chosen.get(q["name"]) or ""
    context["errors"] = errors
    return render(request, "consoles/mapping_questionnaire.html", context, status=422)


ROUTES = [
    Route("/mapping/questionnaires/new", upload_page, methods=["GET"]),
    Route("/mapping/questionnaires/new", upload, methods=["POST"]),
    Route("/mapping/questionnaires/{survey_id:uuid}", mapping_page, methods=["GET"]),
    Route("/mapping/questionnaires/{survey_id:uuid}", save_mapping, methods=["POST"]),
]
