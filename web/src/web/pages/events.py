"""Events: the calendar with time zones, an event's page, register, waiting-list position,
cancel, and "add to my calendar" (the API's iCalendar file)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import Api, ApiProblem, Visit
from web.forms import FormErrors, problem_errors
from web.runtime import flash_redirect, read_form, render, require_sign_in, visit_of, web_of


async def viewer_zone(api: Api, visit: Visit) -> str:
    """The person's own time zone (notification preferences), else UTC."""
    if not visit.session.signed_in:
        return "UTC"
    response = await api.call(visit, "GET", "/v1/preferences", ok=(404,))
    if response.status_code != 200:
        return "UTC"
    return str(response.json().get("time_zone") or "UTC")


async def events_page(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    params: dict[str, Any] = {"limit": 20}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]
    found = await web.api.get(visit, "/v1/events", params=params, auth=False)
    return render(
        request,
        "portal/events.html",
        {
            "events": found.get("items", []),
            "next_cursor": found.get("next_cursor"),
            "zone": await viewer_zone(web.api, visit),
        },
    )


async def _event_context(request: Request) -> dict[str, Any]:
    web, visit = web_of(request), visit_of(request)
    event_id = str(request.path_params["event_id"])
    event = await web.api.get(visit, f"/v1/events/{event_id}", auth=False)
    mine = None
    if visit.session.signed_in:
        response = await web.api.call(
            visit, "GET", f"/v1/events/{event_id}/registrations/me", ok=(404,)
        )
        if response.status_code == 200:
            mine = response.json()
    return {"event": event, "mine": mine, "zone": await viewer_zone(web.api, visit)}


async def event_page(request: Request) -> Response:
    return render(request, "portal/event.html", await _event_context(request))


async def register(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    event_id = str(request.path_params["event_id"])
    errors = FormErrors()
    try:
        if form.get("cancel") == "1":
            await web.api.call(visit, "DELETE", f"/v1/events/{event_id}/registrations/me")
            return flash_redirect(f"/events/{event_id}", "registration-cancelled")
        registration = await web.api.post(visit, f"/v1/events/{event_id}/registrations")
        notice = "waitlisted" if registration.get("status") == "waitlisted" else "registered-event"
        return flash_redirect(f"/events/{event_id}", notice)
    except ApiProblem as problem:
        errors = problem_errors(problem)
    return render(
        request,
        "portal/event.html",
        {**await _event_context(request), "errors": errors},
        status=409,
    )


ROUTES = [
    Route("/events", events_page, methods=["GET"]),
    Route("/events/{event_id:uuid}", event_page, methods=["GET"]),
    Route("/events/{event_id:uuid}/registration", register, methods=["POST"]),
]
