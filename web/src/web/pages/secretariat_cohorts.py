"""The secretariat's youth leader cohorts (issue 28): open a cohort for a year, nominate
members to it, accept or decline each nomination, and see the sessions each accepted leader
attended.

Decision where issue 28 is silent: the members offered for nomination are the alliance's
admitted youth leaders (the API has the last word on who may be nominated)."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import check, required
from web.navigation import N_
from web.pages.secretariat import LABELS, members_of, refused, require_secretariat, typed
from web.runtime import flash_redirect, read_form, render, web_of

NOMINATION_STATUSES: dict[str, str] = {
    "nominated": N_("Nominated"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
}
COHORT_LABELS = {"nomination_statuses": NOMINATION_STATUSES, **LABELS}


def a_year(value: str) -> str | None:
    if not (value.isdigit() and 1900 <= int(value) <= 2200):
        return N_("Enter a year like 2027.")
    return None


async def _cohorts_context(request: Request, visit: Visit, alliance_id: str) -> dict[str, Any]:
    api = web_of(request).api
    alliance = await api.get(visit, f"/v1/alliance/alliances/{alliance_id}")
    cohorts = await api.get(
        visit, "/v1/alliance/cohorts", params={"alliance_id": alliance_id, "limit": "200"}
    )
    return {
        "alliance": alliance,
        "cohorts": cohorts["items"],
        "values": {"year": str(date.today().year)},
        **COHORT_LABELS,
    }


async def cohorts_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _cohorts_context(request, visit, str(request.path_params["alliance_id"]))
    return render(request, "consoles/secretariat_cohorts.html", context)


async def open_cohort(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    alliance_id = str(request.path_params["alliance_id"])
    values = typed(form, ("name", "year"))
    errors = check(values, {"name": [required], "year": [required, a_year]})
    if not errors:
        try:
            cohort = await web.api.post(
                visit,
                "/v1/alliance/cohorts",
                json={"alliance_id": alliance_id, "name": values["name"], "year": values["year"]},
            )
            return flash_redirect(f"/secretariat/cohorts/{cohort['id']}", "cohort-opened")
        except ApiProblem as problem:
            errors = refused(problem)
    context = await _cohorts_context(request, visit, alliance_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_cohorts.html", context, status=422)


async def _cohort_context(request: Request, visit: Visit, cohort_id: str) -> dict[str, Any]:
    api = web_of(request).api
    cohort = await api.get(visit, f"/v1/alliance/cohorts/{cohort_id}")
    alliance = await api.get(visit, f"/v1/alliance/alliances/{cohort['alliance_id']}")
    participation = await api.get(visit, f"/v1/alliance/cohorts/{cohort_id}/participation")
    members = await members_of(request, visit, cohort["alliance_id"])
    nominated = {n["member_id"] for n in cohort["nominations"]}
    return {
        "alliance": alliance,
        "cohort": cohort,
        "leaders": participation["leaders"],
        "names": {m["id"]: m["name"] for m in members},
        "member_options": [
            (m["id"], m["name"])
            for m in members
            if m["kind"] == "youth_leader"
            and m["status"] == "admitted"
            and m["id"] not in nominated
        ],
        "values": {},
        **COHORT_LABELS,
    }


async def cohort_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _cohort_context(request, visit, str(request.path_params["cohort_id"]))
    return render(request, "consoles/secretariat_cohort.html", context)


async def nominate(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    cohort_id = str(request.path_params["cohort_id"])
    values = typed(form, ("member_id",))
    errors = check(values, {"member_id": [required]})
    if not errors:
        try:
            await web.api.post(visit, f"/v1/alliance/cohorts/{cohort_id}/nominations", json=values)
            return flash_redirect(f"/secretariat/cohorts/{cohort_id}", "nominated")
        except ApiProblem as problem:
            errors = refused(problem)
    context = await _cohort_context(request, visit, cohort_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_cohort.html", context, status=422)


async def decide(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    cohort_id = str(request.path_params["cohort_id"])
    nomination_id = str(request.path_params["nomination_id"])
    accept = form.get("accept") == "yes"
    try:
        await web.api.post(
            visit,
            f"/v1/alliance/cohorts/{cohort_id}/nominations/{nomination_id}/decision",
            json={"accept": accept},
        )
    except ApiProblem as problem:
        context = await _cohort_context(request, visit, cohort_id)
        context.update(errors=refused(problem))
        return render(request, "consoles/secretariat_cohort.html", context, status=422)
    notice = "nomination-accepted" if accept else "nomination-declined"
    return flash_redirect(f"/secretariat/cohorts/{cohort_id}", notice)


ROUTES = [
    Route("/secretariat/alliances/{alliance_id:uuid}/cohorts", cohorts_page, methods=["GET"]),
    Route("/secretariat/alliances/{alliance_id:uuid}/cohorts", open_cohort, methods=["POST"]),
    Route("/secretariat/cohorts/{cohort_id:uuid}", cohort_page, methods=["GET"]),
    Route("/secretariat/cohorts/{cohort_id:uuid}/nominations", nominate, methods=["POST"]),
    Route(
        "/secretariat/cohorts/{cohort_id:uuid}/nominations/{nomination_id:uuid}/decision",
        decide,
        methods=["POST"],
    ),
]
