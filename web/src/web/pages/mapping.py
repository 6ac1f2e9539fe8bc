"""The government focal point's console (issue 28), diaspora mapping: the campaigns they run,
a new campaign from a form (on the platform's questionnaire template, or on a questionnaire
they uploaded and mapped), a campaign's status and protection as the API enforces them,
closing it, and importing KoboToolbox/ODK exports with a result summary.

Only for those whose role permits government campaigns (``profiles.run_government_campaigns``);
the API decides too. Every number shown is the API's: the console computes no count.
The table builder is :mod:`web.pages.mapping_tables`, sector needs :mod:`web.pages.mapping_needs`.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_, RUN_GOVERNMENT_CAMPAIGNS
from web.notices import NOTICES
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of
from web.vocabulary import countries, country_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: how a campaign reaches respondents (the API's channels)
CHANNELS: dict[str, str] = {
    "web": N_("This website"),
    "kobo": N_("KoboToolbox"),
    "odk": N_("ODK Collect"),
    "consulate": N_("Consulates"),
    "association": N_("Diaspora associations"),
    "social_media": N_("Social media"),
    "event": N_("Events"),
}
STATUSES: dict[str, str] = {"open": N_("Open"), "closed": N_("Closed")}
#: the API's reasons for refusing an imported row, in words
REJECTIONS: dict[str, str] = {
    "not a submission object": N_("Not a submission."),
    "no _uuid or meta/instanceID": N_("No submission id (_uuid or meta/instanceID)."),
    "submitted outside the campaign period": N_("Submitted outside the campaign's dates."),
    "invalid answers": N_("Some answers are not valid for this questionnaire."),
    "no consent": N_("The respondent did not consent."),
}
#: the export formats the API reads, by what the file is
IMPORT_FORMATS: dict[str, str] = {"kobo_json": N_("JSON export"), "kobo_csv": N_("CSV export")}
MAX_IMPORT_BYTES = 20 * 1024 * 1024

NOTICES.update(
    {
        "campaign-launched": N_("The campaign is open. Share its link with respondents."),
        "campaign-closed": N_("The campaign is closed: it takes no more answers."),
    }
)


def require_focal_point(request: Request) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(RUN_GOVERNMENT_CAMPAIGNS):
        raise HTTPException(403)
    return visit


def campaign_id_of(request: Request) -> str:
    return str(request.path_params["campaign_id"])


async def load_campaign(request: Request) -> dict[str, Any]:
    """The campaign as its owner sees it (404 for another's: the API does not tell them apart),
    with its public protection statement in the reader's language."""
    web, visit = web_of(request), require_focal_point(request)
    campaign_id = campaign_id_of(request)
    campaign: dict[str, Any] = await web.api.get(visit, f"/v1/mapping/campaigns/{campaign_id}")
    public = await web.api.get(visit, f"/v1/mapping/campaigns/{campaign_id}/questionnaire")
    promise = public.get("protection", {}).get("promise", {})
    campaign["promise"] = promise.get(visit.locale) or promise.get("en", "")
    campaign["max_noise"] = public.get("protection", {}).get("max_noise")
    return campaign


def campaign_context(request: Request, campaign: dict[str, Any]) -> dict[str, Any]:
    """What every page about one campaign shows in its header."""
    locale = require_focal_point(request).locale
    return {
        "campaign": campaign,
        "country_name": lambda code: country_name(code, locale),
        "statuses": STATUSES,
        "channels": CHANNELS,
    }


# ---- the list ------------------------------------------------------------------------------
async def campaigns_page(request: Request) -> Response:
    web, visit = web_of(request), require_focal_point(request)
    mine = await web.api.get(visit, "/v1/mapping/campaigns/mine")
    return render(
        request,
        "consoles/mapping_campaigns.html",
        {
            "campaigns": mine.get("items", []),
            "statuses": STATUSES,
            "country_name": lambda code: country_name(code, visit.locale),
        },
    )


# ---- a new campaign ------------------------------------------------------------------------
def _new_context(request: Request, values: dict[str, Any], survey: dict[str, Any] | None) -> Any:
    visit = require_focal_point(request)
    return {
        "values": values,
        "survey": survey,
        "countries": countries(visit.locale),
        "channels": CHANNELS,
    }


async def _survey_of(request: Request, survey_id: str) -> dict[str, Any] | None:
    if not re.fullmatch(r"[0-9a-fA-F-]{36}", survey_id):
        return None
    web, visit = web_of(request), require_focal_point(request)
    try:
        survey: dict[str, Any] = await web.api.get(visit, f"/v1/mapping/surveys/{survey_id}")
    except ApiProblem as problem:
        if problem.status in (404, 422):
            return None
        raise
    return survey


async def new_page(request: Request) -> Response:
    survey_id = request.query_params.get("survey", "")
    survey = await _survey_of(request, survey_id) if survey_id else None
    today = date.today()
    values = {
        "opens_on": today.isoformat(),
        "closes_on": date(today.year, 12, 31).isoformat(),
        "channels": ["web"],
        "survey_id": survey["id"] if survey else "",
    }
    return render(request, "consoles/mapping_new.html", _new_context(request, values, survey))


def _campaign_checks(values: dict[str, Any]) -> FormErrors:
    errors = check(
        values,
        {
            "name": [required],
            "origin_country": [required],
            "opens_on": [required],
            "closes_on": [required],
        },
    )
    k = str(values.get("k", "")).strip()
    if k and not k.isdigit():
        errors.add("k", N_("Enter a whole number."))
    try:
        if date.fromisoformat(values["closes_on"]) < date.fromisoformat(values["opens_on"]):
            errors.add("closes_on", N_("The campaign must close on or after the day it opens."))
    except (KeyError, ValueError):
        for name in ("opens_on", "closes_on"):
            if values.get(name):
                try:
                    date.fromisoformat(values[name])
                except ValueError:
                    errors.add(name, N_("Enter a date like 2026-12-31."))
    return errors


def _campaign_problem(problem: ApiProblem) -> FormErrors:
    """The API's refusal beside the field it concerns (its words are English: ours are shown)."""
    detail = problem.detail
    errors = FormErrors()
    if "k must be" in detail:
        floor = re.search(r"at least (\d+)", detail)
        errors.add(
            "k",
            N_("The platform publishes no count below its floor: choose a larger number.")
            if floor
            else N_("Choose a number between the platform's floor and 100."),
        )
    elif "origin_country" in detail:
        errors.add("origin_country", N_("Choose a country from the list."))
    elif "closes before" in detail:
        errors.add("closes_on", N_("The campaign must close on or after the day it opens."))
    elif "statistic" in detail or "dimension" in detail:
        errors.add(None, N_("Map the questionnaire's questions to statistics first."))
    if not errors:
        errors = problem_errors(
            problem,
            fields={"name": "name", "k": "k", "opens_on": "opens_on", "closes_on": "closes_on"},
        )
    return errors


async def _template_survey(request: Request) -> str:
    """A fresh version of the platform's questionnaire template (the API's own workbook)."""
    web, visit = web_of(request), require_focal_point(request)
    workbook = await web.api.call(visit, "GET", "/v1/mapping/template.xlsx")
    survey = await web.api.post(
        visit,
        "/v1/mapping/surveys/xlsform",
        params={"key": f"campaign-{uuid.uuid4().hex[:12]}"},
        content=workbook.content,
        headers={"Content-Type": XLSX},
    )
    return str(survey["id"])


async def create_campaign(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    values: dict[str, Any] = {
        name: str(form.get(name, "")).strip()
        for name in ("name", "origin_country", "opens_on", "closes_on", "k", "survey_id")
    }
    values["channels"] = [c for c in form.getlist("channels") if c in CHANNELS]
    survey = await _survey_of(request, values["survey_id"]) if values["survey_id"] else None
    errors = _campaign_checks(values)
    if not errors:
        try:
            survey_id = survey["id"] if survey else await _template_survey(request)
            body: dict[str, Any] = {
                "survey_id": survey_id,
                "name": values["name"],
                "owner_kind": "government",
                "origin_country": values["origin_country"],
                "opens_on": values["opens_on"],
                "closes_on": values["closes_on"],
                "channels": values["channels"],
            }
            if values["k"]:
                body["k"] = int(values["k"])
            launched = await web.api.post(visit, "/v1/mapping/campaigns", json=body)
            return flash_redirect(f"/mapping/{launched['id']}", "campaign-launched")
        except ApiProblem as problem:
            if problem.status not in (400, 409, 422):
                raise
            errors = _campaign_problem(problem)
    context = _new_context(request, values, survey)
    context["errors"] = errors
    return render(request, "consoles/mapping_new.html", context, status=422)


# ---- one campaign --------------------------------------------------------------------------
async def campaign_page(request: Request) -> Response:
    campaign = await load_campaign(request)
    return render(
        request,
        "consoles/mapping_campaign.html",
        {**campaign_context(request, campaign), "formats": IMPORT_FORMATS},
    )


async def close_campaign(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    campaign_id = campaign_id_of(request)
    try:
        await web.api.post(visit, f"/v1/mapping/campaigns/{campaign_id}/close")
    except ApiProblem as problem:
        if problem.status != 409 and problem.status != 422:
            raise
        campaign = await load_campaign(request)
        errors = FormErrors()
        errors.add(None, N_("This campaign is already closed."))
        context = {
            **campaign_context(request, campaign),
            "formats": IMPORT_FORMATS,
            "errors": errors,
        }
        return render(request, "consoles/mapping_campaign.html", context, status=409)
    return flash_redirect(f"/mapping/{campaign_id}", "campaign-closed")


# ---- imports -------------------------------------------------------------------------------
def _import_format(upload: UploadFile, chosen: str) -> str:
    if chosen in IMPORT_FORMATS:
        return chosen
    name = (upload.filename or "").lower()
    return "kobo_csv" if name.endswith(".csv") else "kobo_json"


async def read_upload(
    form: FormData, name: str, limit: int, missing: str, errors: FormErrors
) -> tuple[UploadFile | None, bytes]:
    """The file posted as ``name`` and its bytes; a missing, empty or too large one is said
    in ``errors`` beside the field."""
    upload = form.get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.add(name, missing)
        return None, b""
    content = await upload.read(limit + 1)
    if len(content) > limit:
        errors.add(name, N_("This file is too large."))
    elif not content.strip():
        errors.add(name, N_("This file is empty."))
    return upload, content


async def import_submissions(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    campaign_id = campaign_id_of(request)
    chosen = str(form.get("format", ""))
    errors = FormErrors()
    report: dict[str, Any] | None = None
    upload, content = await read_upload(
        form, "export", MAX_IMPORT_BYTES, N_("Choose the export file to import."), errors
    )
    if not errors and upload is not None:
        fmt = _import_format(upload, chosen)
        try:
            report = await web.api.post(
                visit,
                f"/v1/mapping/campaigns/{campaign_id}/imports",
                params={"format": fmt},
                content=content,
                headers={"Content-Type": "text/csv" if fmt == "kobo_csv" else "application/json"},
            )
        except ApiProblem as problem:
            if problem.status == 409:
                errors.add("export", N_("This campaign is closed: it takes no more answers."))
            elif problem.status in (400, 413, 415, 422):
                errors.add(
                    "export",
                    N_("This file is not a KoboToolbox or ODK export this campaign can read."),
                )
            else:
                raise
    campaign = await load_campaign(request)
    context = {
        **campaign_context(request, campaign),
        "formats": IMPORT_FORMATS,
        "errors": errors,
        "values": {"format": chosen},
        "report": report,
        "rejections": REJECTIONS,
    }
    return render(request, "consoles/mapping_campaign.html", context, status=422 if errors else 200)


ROUTES = [
    Route("/mapping", campaigns_page, methods=["GET"]),
    Route("/mapping/new", new_page, methods=["GET"]),
    Route("/mapping/new", create_campaign, methods=["POST"]),
    Route("/mapping/{campaign_id:uuid}", campaign_page, methods=["GET"]),
    Route("/mapping/{campaign_id:uuid}/close", close_campaign, methods=["POST"]),
    Route("/mapping/{campaign_id:uuid}/imports", import_submissions, methods=["POST"]),
]
