"""The organisation console's calls for contributors and events (issue 28): post and edit
them, see who expressed interest and move each expression along (shortlisted, accepted,
declined: the person is told), and who registered for each event.

What a person posted is theirs to manage (the API's rule: the poster or organiser, and
moderators); edits carry the version that was read (If-Match)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, Validator, check, problem_errors, required
from web.navigation import N_
from web.pages.opportunities import INTEREST_STATUSES, KINDS
from web.pages.organisation import (
    NO_PROFILE,
    choices,
    display_names,
    my_organisations,
    require_organiser,
)
from web.runtime import flash_redirect, read_form, render, web_of
from web.vocabulary import classifications, countries, languages

WORK_MODES: dict[str, str] = {
    "remote": N_("Remote"),
    "on_site": N_("On site"),
    "hybrid": N_("Remote and on site"),
}
EVENT_KINDS: dict[str, str] = {
    "virtual_exchange": N_("Virtual exchange"),
    "consultation": N_("Consultation"),
    "summit": N_("Summit"),
    "webinar": N_("Webinar"),
    "workshop": N_("Workshop"),
}
EVENT_STATUSES: dict[str, str] = {"scheduled": N_("Scheduled"), "cancelled": N_("Cancelled")}
REGISTRATION_STATUSES: dict[str, str] = {
    "confirmed": N_("Registered"),
    "waitlisted": N_("On the waiting list"),
    "cancelled": N_("Cancelled"),
}
#: where the poster may move an expression of interest from each status (the API decides)
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "submitted": ("shortlisted", "accepted", "declined"),
    "shortlisted": ("accepted", "declined"),
}
OPPORTUNITY_FIELDS = ("kind", "title", "description", "organisation", "deadline", "work_mode")
#: what matching compares with members' profiles: lists of the vocabulary's codes
MATCHED_LISTS = ("required_skills", "sectors", "countries", "languages")
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "organiser",
    "time_zone",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "capacity",
)


def a_day(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return N_("Enter a day like 2027-03-31.")
    return None


def a_moment(value: str) -> str | None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return N_("Enter a day and a time.")
    return None


def a_count(value: str) -> str | None:
    if value and not (value.isdigit() and int(value) > 0):
        return N_("Enter a whole number.")
    return None


def _typed(form: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {name: str(form.get(name, "")).strip() for name in names}


def _chosen(form: Any) -> dict[str, list[str]]:
    return {name: [str(v) for v in form.getlist(name) if str(v)] for name in MATCHED_LISTS}


async def _matching_options(request: Request, visit: Visit) -> dict[str, list[tuple[str, str]]]:
    """Each matched list's codes with their names in the reader's language: skills (ESCO
    groups) and sectors (ISIC sections) as the API's taxonomy labels them, countries and
    languages as CLDR names them (the standard codes the API takes)."""
    taxonomy = await classifications(request)
    return {
        "required_skills": [(i["code"], i["label"]) for i in taxonomy.get("skills", [])],
        "sectors": [(i["code"], i["label"]) for i in taxonomy.get("sectors", [])],
        "countries": countries(visit.locale),
        "languages": languages(visit.locale),
    }


def _chosen_first(
    options: dict[str, list[tuple[str, str]]], chosen: dict[str, list[str]]
) -> dict[str, list[tuple[str, str]]]:
    """Long lists show what is ticked at their top (a scrolled-away tick is easily missed)."""
    return {
        name: sorted(pairs, key=lambda pair: pair[0] not in chosen.get(name, ()))
        for name, pairs in options.items()
    }


def _organisation_names(organisations: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(o["organisation_id"], o["name"]) for o in organisations if o["role"] == "admin"]


def _date_of(moment: str) -> str:
    return moment[:10] if moment else ""


# ---- calls for contributors ---------------------------------------------------------------
async def _opportunities_context(request: Request, visit: Visit) -> dict[str, Any]:
    api = web_of(request).api
    posted = await api.get(visit, "/v1/opportunities/posted")
    organisations = _organisation_names(await my_organisations(request, visit))
    return {
        "opportunities": posted.get("items", []),
        "organisation_options": organisations,
        "kind_options": choices(request, KINDS),
        "mode_options": choices(request, WORK_MODES),
        "kinds": KINDS,
        "values": {
            "work_mode": "remote",
            "organisation": organisations[0][0] if organisations else "",
        },
        "matching": await _matching_options(request, visit),
        "chosen": {name: [] for name in MATCHED_LISTS},
    }


async def opportunities_page(request: Request) -> Response:
    visit = require_organiser(request)
    return render(
        request,
        "consoles/organisation_opportunities.html",
        await _opportunities_context(request, visit),
    )


OPPORTUNITY_RULES: dict[str, list[Validator]] = {
    "kind": [required],
    "title": [required],
    "deadline": [required, a_day],
}


async def post_opportunity(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    context = await _opportunities_context(request, visit)
    values = _typed(form, OPPORTUNITY_FIELDS)
    chosen = _chosen(form)
    named = dict(context["organisation_options"])
    rules: dict[str, list[Validator]] = {**OPPORTUNITY_RULES, "organisation": [required]}
    errors = check(values, rules)
    if not errors:
        body: dict[str, Any] = {
            "kind": values["kind"],
            "title": values["title"],
            "description": values["description"],
            "deadline": f"{values['deadline']}T23:59:59+00:00",
            "work_mode": values["work_mode"] or "remote",
            **chosen,
        }
        if values["organisation"] in named:
            body.update(
                organisation=named[values["organisation"]],
                organisation_id=values["organisation"],
            )
        else:
            body["organisation"] = values["organisation"]
        try:
            created = await web.api.post(visit, "/v1/opportunities", json=body)
            return flash_redirect(
                f"/organisation/opportunities/{created['id']}", "opportunity-posted"
            )
        except ApiProblem as problem:
            errors = problem_errors(problem)
            if problem.status == 422 and "deadline" in problem.detail:
                errors = FormErrors()
                errors.add("deadline", N_("Choose a day in the future."))
    context.update(
        errors=errors,
        values=values,
        chosen=chosen,
        matching=_chosen_first(context["matching"], chosen),
    )
    return render(request, "consoles/organisation_opportunities.html", context, status=422)


async def _opportunity_context(request: Request, visit: Visit, oid: str) -> dict[str, Any]:
    api = web_of(request).api
    opportunity = await api.get(visit, f"/v1/opportunities/{oid}")
    interests = await api.get(visit, f"/v1/opportunities/{oid}/interests")
    names = await display_names(request, visit, [i["person_id"] for i in interests])
    values = {k: str(opportunity.get(k) or "") for k in ("title", "description", "work_mode")}
    values["deadline"] = _date_of(opportunity["deadline"])
    chosen = {name: list(opportunity.get(name) or []) for name in MATCHED_LISTS}
    return {
        "o": opportunity,
        "interests": interests,
        "names": names,
        "former_member": NO_PROFILE,
        "next_statuses": NEXT_STATUSES,
        "statuses": INTEREST_STATUSES,
        "kinds": KINDS,
        "work_modes": WORK_MODES,
        "mode_options": choices(request, WORK_MODES),
        "values": values,
        "chosen": chosen,
        "matching": _chosen_first(await _matching_options(request, visit), chosen),
    }


async def opportunity_page(request: Request) -> Response:
    visit = require_organiser(request)
    oid = str(request.path_params["opportunity_id"])
    return render(
        request,
        "consoles/organisation_opportunity.html",
        await _opportunity_context(request, visit, oid),
    )


async def save_opportunity(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    oid = str(request.path_params["opportunity_id"])
    values = _typed(form, ("title", "description", "deadline", "work_mode"))
    chosen = _chosen(form)
    errors = check(values, {"title": [required], "deadline": [required, a_day]})
    if not errors:
        body: dict[str, Any] = {
            "title": values["title"],
            "description": values["description"],
            "work_mode": values["work_mode"] or "remote",
            **chosen,
        }
        context = await _opportunity_context(request, visit, oid)
        if values["deadline"] != context["values"]["deadline"]:
            body["deadline"] = f"{values['deadline']}T23:59:59+00:00"
        version = str(form.get("version", ""))
        try:
            await web.api.call(
                visit,
                "PATCH",
                f"/v1/opportunities/{oid}",
                json=body,
                headers={"If-Match": f'W/"{version}"'} if version.isdigit() else None,
            )
            return flash_redirect(f"/organisation/opportunities/{oid}", "opportunity-saved")
        except ApiProblem as problem:
            errors = problem_errors(problem)
            if "deadline" in errors.fields:
                errors.fields["deadline"] = N_("Choose a day in the future.")
    context = await _opportunity_context(request, visit, oid)
    context["values"] = {**context["values"], **values}
    context.update(
        errors=errors, chosen=chosen, matching=_chosen_first(context["matching"], chosen)
    )
    return render(request, "consoles/organisation_opportunity.html", context, status=422)


async def move_interest(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    oid = str(request.path_params["opportunity_id"])
    interest_id = str(request.path_params["interest_id"])
    status = str(form.get("status", ""))
    try:
        await web.api.post(
            visit,
            f"/v1/opportunities/{oid}/interests/{interest_id}/status",
            json={"status": status},
        )
        return flash_redirect(f"/organisation/opportunities/{oid}", "interest-moved")
    except ApiProblem as problem:
        context = await _opportunity_context(request, visit, oid)
        context["errors"] = problem_errors(problem)
        return render(request, "consoles/organisation_opportunity.html", context, status=422)


# ---- events ---------------------------------------------------------------------------------
async def _events_context(request: Request, visit: Visit) -> dict[str, Any]:
    api = web_of(request).api
    organised = await api.get(visit, "/v1/events/organised")
    organisations = _organisation_names(await my_organisations(request, visit))
    return {
        "events": organised.get("items", []),
        "organiser_options": [(name, name) for _, name in organisations],
        "kind_options": choices(request, EVENT_KINDS),
        "event_kinds": EVENT_KINDS,
        "event_statuses": EVENT_STATUSES,
        # most people run one organisation: it is chosen already
        "values": {"time_zone": "UTC", "organiser": organisations[0][1] if organisations else ""},
    }


async def events_page(request: Request) -> Response:
    visit = require_organiser(request)
    return render(
        request, "consoles/organisation_events.html", await _events_context(request, visit)
    )


EVENT_RULES: dict[str, list[Validator]] = {
    "kind": [required],
    "title": [required],
    "organiser": [required],
    "time_zone": [required],
    "starts_at": [required, a_moment],
    "ends_at": [required, a_moment],
    "capacity": [a_count],
}


def _event_problem(problem: ApiProblem) -> FormErrors:
    errors = problem_errors(problem)
    detail = problem.detail.lower()
    if problem.status == 422 and not problem.errors:
        errors = FormErrors()
        if "zone" in detail:
            errors.add("time_zone", N_("Enter a time zone like Europe/Paris or Africa/Dakar."))
        elif "end" in detail:
            errors.add("ends_at", N_("The end must come after the start."))
        else:
            errors.add(None, N_("Some values are not valid. Check the fields below."))
    return errors


async def schedule_event(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    values = _typed(form, EVENT_FIELDS)
    errors = check(values, EVENT_RULES)
    if not errors:
        body: dict[str, Any] = {k: values[k] for k in EVENT_FIELDS if values[k]}
        if "capacity" in body:
            body["capacity"] = int(body["capacity"])
        try:
            created = await web.api.post(visit, "/v1/events", json=body)
            return flash_redirect(f"/organisation/events/{created['id']}", "event-scheduled")
        except ApiProblem as problem:
            errors = _event_problem(problem)
    context = await _events_context(request, visit)
    context.update(errors=errors, values=values)
    return render(request, "consoles/organisation_events.html", context, status=422)


async def _event_context(request: Request, visit: Visit, event_id: str) -> dict[str, Any]:
    api = web_of(request).api
    event = await api.get(visit, f"/v1/events/{event_id}")
    registrations = await api.get(visit, f"/v1/events/{event_id}/registrations")
    names = await display_names(request, visit, [r["person_id"] for r in registrations])
    values = {k: str(event.get(k) or "") for k in ("title", "description", "location")}
    values.update(
        starts_at=str(event["local_starts_at"])[:16],
        ends_at=str(event["local_ends_at"])[:16],
        capacity=str(event.get("capacity") or ""),
    )
    return {
        "event": event,
        "registrations": registrations,
        "names": names,
        "former_member": NO_PROFILE,
        "event_kinds": EVENT_KINDS,
        "event_statuses": EVENT_STATUSES,
        "registration_statuses": REGISTRATION_STATUSES,
        "values": values,
    }


async def event_page(request: Request) -> Response:
    visit = require_organiser(request)
    event_id = str(request.path_params["event_id"])
    return render(
        request,
        "consoles/organisation_event.html",
        await _event_context(request, visit, event_id),
    )


async def save_event(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    event_id = str(request.path_params["event_id"])
    names = ("title", "description", "location", "starts_at", "ends_at", "capacity")
    values = _typed(form, names)
    errors = check(
        values,
        {
            "title": [required],
            "starts_at": [required, a_moment],
            "ends_at": [required, a_moment],
            "capacity": [a_count],
        },
    )
    if not errors:
        body: dict[str, Any] = {
            "title": values["title"],
            "description": values["description"],
            "location": values["location"] or None,
            "starts_at": values["starts_at"],
            "ends_at": values["ends_at"],
            "capacity": int(values["capacity"]) if values["capacity"] else None,
        }
        revision = str(form.get("revision", ""))
        try:
            await web.api.call(
                visit,
                "PATCH",
                f"/v1/events/{event_id}",
                json=body,
                headers={"If-Match": f'W/"{revision}"'} if revision.isdigit() else None,
            )
            return flash_redirect(f"/organisation/events/{event_id}", "event-saved")
        except ApiProblem as problem:
            errors = _event_problem(problem)
    context = await _event_context(request, visit, event_id)
    context["values"] = {**context["values"], **values}
    context["errors"] = errors
    return render(request, "consoles/organisation_event.html", context, status=422)


ROUTES = [
    Route("/organisation/opportunities", opportunities_page, methods=["GET"]),
    Route("/organisation/opportunities", post_opportunity, methods=["POST"]),
    Route("/organisation/opportunities/{opportunity_id:uuid}", opportunity_page, methods=["GET"]),
    Route("/organisation/opportunities/{opportunity_id:uuid}", save_opportunity, methods=["POST"]),
    Route(
        "/organisation/opportunities/{opportunity_id:uuid}/interests/{interest_id:uuid}",
        move_interest,
        methods=["POST"],
    ),
    Route("/organisation/events", events_page, methods=["GET"]),
    Route("/organisation/events", schedule_event, methods=["POST"]),
    Route("/organisation/events/{event_id:uuid}", event_page, methods=["GET"]),
    Route("/organisation/events/{event_id:uuid}", save_event, methods=["POST"]),
]
