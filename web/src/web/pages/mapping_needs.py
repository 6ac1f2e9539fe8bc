"""Sector needs and the supply-vs-needs dashboard of one campaign: what the government
declares it needs (positions per sector and skill, with a priority), beside the diaspora's
published supply of those skills (the API's protected counts and gaps, its chart inline);
declare, correct and withdraw a need (each change names the version read: If-Match)."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_
from web.notices import NOTICES
from web.pages.mapping import campaign_context, campaign_id_of, load_campaign, require_focal_point
from web.pages.mapping_tables import questionnaire_choices
from web.runtime import flash_redirect, read_form, render, web_of

PRIORITIES: dict[str, str] = {
    "5": N_("5 — highest"),
    "4": N_("4"),
    "3": N_("3"),
    "2": N_("2"),
    "1": N_("1 — lowest"),
}
SCOPES: dict[str, str] = {
    "campaign": N_("This campaign only"),
    "country": N_("Every campaign of this country"),
}
FIELDS = ("sector", "skill", "region", "positions", "priority")

NOTICES.update(
    {
        "need-declared": N_("The need is declared."),
        "need-corrected": N_("The need is corrected."),
        "need-withdrawn": N_("The need is withdrawn: it no longer counts."),
    }
)


async def _needs(request: Request, campaign: dict[str, Any]) -> list[dict[str, Any]]:
    """The campaign's own needs and the country's standing ones (every page of each)."""
    web, visit = web_of(request), require_focal_point(request)
    found: dict[str, dict[str, Any]] = {}
    for scope in ({"campaign_id": campaign["id"]}, {}):
        cursor = ""
        while True:
            params = {"origin": campaign["origin_country"], "limit": "200", **scope}
            if cursor:
                params["cursor"] = cursor
            page = await web.api.get(visit, "/v1/mapping/needs", params=params)
            found.update({n["id"]: n for n in page.get("items", [])})
            cursor = page.get("next_cursor") or ""
            if not cursor:
                break
    return sorted(found.values(), key=lambda n: (-n["priority"], n["sector"], n["skill"] or ""))


async def _context(request: Request, campaign: dict[str, Any]) -> dict[str, Any]:
    web, visit = web_of(request), require_focal_point(request)
    choices = await questionnaire_choices(request, campaign)
    gaps: dict[str, Any] | None = None
    try:
        gaps = await web.api.get(visit, f"/v1/mapping/campaigns/{campaign['id']}/gaps")
    except ApiProblem as problem:
        if problem.status != 422:
            raise
    return {
        **campaign_context(request, campaign),
        "needs": await _needs(request, campaign),
        "gaps": gaps,
        "sectors": choices.get("sector", {}),
        "skills": choices.get("skill", {}),
        "priorities": PRIORITIES,
        "scopes": SCOPES,
    }


async def needs_page(request: Request) -> Response:
    campaign = await load_campaign(request)
    context = await _context(request, campaign)
    context["values"] = {"priority": "3", "scope": "campaign"}
    return render(request, "consoles/mapping_needs.html", context)


def _need_values(form: Any) -> dict[str, str]:
    return {name: str(form.get(name, "")).strip() for name in (*FIELDS, "scope", "version")}


def _need_checks(values: dict[str, str], sectors: dict[str, str]) -> FormErrors:
    errors = check(values, {"sector": [required], "positions": [required]})
    if values["sector"] and values["sector"] not in sectors:
        errors.add("sector", N_("Choose a sector from the list."))
    if values["positions"] and (not values["positions"].isdigit() or int(values["positions"]) < 1):
        errors.add("positions", N_("Enter a whole number of at least 1."))
    return errors


def _need_body(values: dict[str, str]) -> dict[str, Any]:
    return {
        "sector": values["sector"],
        "skill": values["skill"] or None,
        "region": values["region"] or None,
        "positions": int(values["positions"]),
        "priority": int(values["priority"] or 3),
    }


NEED_FIELDS = {name: name for name in FIELDS}


async def declare(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    campaign = await load_campaign(request)
    context = await _context(request, campaign)
    values = _need_values(form)
    errors = _need_checks(values, context["sectors"])
    if not errors:
        body = {**_need_body(values), "origin_country": campaign["origin_country"]}
        if values["scope"] != "country":
            body["campaign_id"] = campaign["id"]
        try:
            await web.api.post(visit, "/v1/mapping/needs", json=body)
            return flash_redirect(f"/mapping/{campaign['id']}/needs", "need-declared")
        except ApiProblem as problem:
            if problem.status not in (400, 422):
                raise
            errors = problem_errors(problem, fields=NEED_FIELDS)
    context.update(values=values, errors=errors)
    return render(request, "consoles/mapping_needs.html", context, status=422)


async def _the_need(request: Request, campaign: dict[str, Any]) -> dict[str, Any]:
    need_id = str(request.path_params["need_id"])
    for need in await _needs(request, campaign):
        if need["id"] == need_id:
            return need
    raise HTTPException(404)


def _changed(problem: ApiProblem, errors: FormErrors) -> FormErrors:
    if problem.status == 412:
        errors.add(None, N_("Someone changed this need while you were reading it. Look again."))
        return errors
    if problem.status not in (400, 422, 428):
        raise problem
    return problem_errors(problem, fields=NEED_FIELDS)


async def need_page(request: Request) -> Response:
    campaign = await load_campaign(request)
    need = await _the_need(request, campaign)
    context = await _context(request, campaign)
    values = {k: "" if need.get(k) is None else str(need[k]) for k in FIELDS}
    context.update(need=need, values={**values, "version": str(need["version"])})
    return render(request, "consoles/mapping_need.html", context)


async def correct(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    campaign = await load_campaign(request)
    need = await _the_need(request, campaign)
    context = await _context(request, campaign)
    values = _need_values(form)
    errors = _need_checks(values, context["sectors"])
    if not errors:
        try:
            await web.api.call(
                visit,
                "PATCH",
                f"/v1/mapping/needs/{need['id']}",
                json=_need_body(values),
                headers={"If-Match": f'W/"{values["version"]}"'},
            )
            return flash_redirect(f"/mapping/{campaign['id']}/needs", "need-corrected")
        except ApiProblem as problem:
            errors = _changed(problem, errors)
            if problem.status == 412:
                values["version"] = str(need["version"])
    context.update(need=need, values=values, errors=errors)
    return render(request, "consoles/mapping_need.html", context, status=422)


async def withdraw(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_focal_point(request)
    campaign = await load_campaign(request)
    need = await _the_need(request, campaign)
    version = str(form.get("version", "")).strip()
    try:
        await web.api.call(
            visit,
            "DELETE",
            f"/v1/mapping/needs/{need['id']}",
            headers={"If-Match": f'W/"{version}"'},
        )
    except ApiProblem as problem:
        context = await _context(request, campaign)
        values = {k: "" if need.get(k) is None else str(need[k]) for k in FIELDS}
        context.update(
            need=need,
            values={**values, "version": str(need["version"])},
            errors=_changed(problem, FormErrors()),
        )
        return render(request, "consoles/mapping_need.html", context, status=409)
    return flash_redirect(f"/mapping/{campaign_id_of(request)}/needs", "need-withdrawn")


ROUTES = [
    Route("/mapping/{campaign_id:uuid}/needs", needs_page, methods=["GET"]),
    Route("/mapping/{campaign_id:uuid}/needs", declare, methods=["POST"]),
    Route("/mapping/{campaign_id:uuid}/needs/{need_id:uuid}", need_page, methods=["GET"]),
    Route("/mapping/{campaign_id:uuid}/needs/{need_id:uuid}", correct, methods=["POST"]),
    Route("/mapping/{campaign_id:uuid}/needs/{need_id:uuid}/withdraw", withdraw, methods=["POST"]),
]
