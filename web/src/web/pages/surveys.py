"""Mapping surveys: answer a campaign's questionnaire in the respondent's language, with the
consent text and the campaign's protection; my responses, withdraw or unlink.

A campaign is reached by the link its owner distributes (``/surveys/<campaign id>``): the
API lists no campaigns to the public, so the page also takes a pasted link or code."""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, problem_errors
from web.navigation import N_
from web.runtime import (
    flash_redirect,
    read_form,
    redirect,
    render,
    require_sign_in,
    visit_of,
    web_of,
)
from web.vocabulary import countries, country_name, languages

UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
LIKERT = ("1", "2", "3", "4", "5")


def label(labels: dict[str, str] | str, locale: str, default: str) -> str:
    """A survey text in the respondent's language, else the survey's default, else any (a
    text given in one language only is a plain string)."""
    if isinstance(labels, str):
        return labels
    return labels.get(locale) or labels.get(default) or next(iter(labels.values()), "")


async def surveys_page(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    mine = await web.api.get(visit, "/v1/mapping/responses/mine")
    open_now = await web.api.get(visit, "/v1/mapping/campaigns", auth=False)
    return render(
        request,
        "portal/surveys.html",
        {
            "responses": mine.get("items", []),
            "open_now": open_now.get("items", []),
            "country_name": lambda code: country_name(code, visit.locale),
        },
    )


async def open_link(request: Request) -> Response:
    found = UUID_RE.search(request.query_params.get("link", ""))
    if found:
        return redirect(f"/surveys/{found.group(0).lower()}")
    return flash_redirect("/surveys", "survey-not-found")


async def _questionnaire(request: Request) -> dict[str, Any]:
    web, visit = web_of(request), visit_of(request)
    campaign_id = str(request.path_params["campaign_id"])
    found = await web.api.get(
        visit, f"/v1/mapping/campaigns/{campaign_id}/questionnaire", auth=False
    )
    survey = found["survey"]
    default = survey.get("default_language", "en")
    locale = visit.locale if visit.locale in survey.get("languages", []) else default
    return {
        "campaign": found["campaign"],
        "protection": found.get("protection") or found["campaign"].get("protection"),
        "k": found["campaign"].get("k") or (found.get("protection") or {}).get("k"),
        "survey": survey,
        "survey_lang": locale,
        "text": lambda labels: label(labels or {}, locale, default),
        "countries": countries(visit.locale),
        "languages": languages(visit.locale),
        "likert": LIKERT,
    }


async def campaign_page(request: Request) -> Response:
    return render(request, "portal/survey.html", await _questionnaire(request))


def answers_from(form: FormData, questions: list[dict[str, Any]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in questions:
        name = q["name"]
        if q["type"] == "note":
            continue
        if q.get("multiple") or q["type"] == "multiple_choice":
            values = [str(v) for v in form.getlist(f"q_{name}") if str(v)]
            if values:
                answers[name] = values
            continue
        value = str(form.get(f"q_{name}", "")).strip()
        if not value:
            continue
        if q["type"] == "number":
            try:
                answers[name] = float(value) if "." in value else int(value)
            except ValueError:
                answers[name] = value  # the API says what is wrong with it
        else:
            answers[name] = value
    return answers


async def answer(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), visit_of(request)
    context = await _questionnaire(request)
    questions = context["survey"]["questions"]
    answers = answers_from(form, questions)
    errors = FormErrors()
    for q in questions:
        if q.get("required") and q["type"] != "note" and q["name"] not in answers:
            errors.add(f"q_{q['name']}", N_("This question needs an answer."))
    link = form.get("link_to_profile") == "on" and visit.session.signed_in
    if not errors:
        try:
            await web.api.post(
                visit,
                f"/v1/mapping/campaigns/{context['campaign']['id']}/responses",
                json={"answers": answers, "link_to_profile": link},
                auth=visit.session.signed_in,
            )
            return flash_redirect("/surveys" if visit.session.signed_in else "/", "answered")
        except ApiProblem as problem:
            errors = problem_errors(
                problem, fields={q["name"]: f"q_{q['name']}" for q in questions}
            )
    return render(
        request,
        "portal/survey.html",
        {**context, "errors": errors, "answers": answers, "link": link},
        status=422,
    )


async def change_response(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    response_id = str(request.path_params["response_id"])
    try:
        if form.get("action") == "unlink":
            await web.api.call(visit, "POST", f"/v1/mapping/responses/{response_id}/unlink")
            return flash_redirect("/surveys", "response-unlinked")
        await web.api.call(visit, "DELETE", f"/v1/mapping/responses/{response_id}")
        return flash_redirect("/surveys", "response-withdrawn")
    except ApiProblem as problem:
        mine = await web.api.get(visit, "/v1/mapping/responses/mine")
        return render(
            request,
            "portal/surveys.html",
            {"responses": mine.get("items", []), "errors": problem_errors(problem)},
            status=problem.status,
        )


ROUTES = [
    Route("/surveys", surveys_page, methods=["GET"]),
    Route("/surveys/open", open_link, methods=["GET"]),
    Route("/surveys/{campaign_id:uuid}", campaign_page, methods=["GET"]),
    Route("/surveys/{campaign_id:uuid}", answer, methods=["POST"]),
    Route("/surveys/responses/{response_id:uuid}", change_response, methods=["POST"]),
]
