"""The partner's console (issue 28): webhook endpoints (created with event types from the
catalogue, the signing secret shown once, rotated), each endpoint's delivery log with status
and attempts, redelivering one, replaying everything since a moment; links to the AsyncAPI
and webhook documents of the developer portal.

For holders of the partner role (the API's ``notifications.subscribe_webhooks``). A secret is
shown on the answer of the form that made it and nowhere else: it is never put in a link, a
cookie or a redirect, and the page is not cached (``Cache-Control: no-store``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_, SUBSCRIBE_WEBHOOKS
from web.pages.events import viewer_zone
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of

DELIVERY_STATUSES: dict[str, str] = {
    "pending": N_("Being delivered"),
    "succeeded": N_("Delivered"),
    "dead": N_("Given up"),
}
ENDPOINT_STATUSES: dict[str, str] = {"active": N_("On"), "disabled": N_("Off")}
#: the settings form's choice between them, in words
ENDPOINT_SWITCH: dict[str, str] = {
    "active": N_("On: events are sent to it"),
    "disabled": N_("Off: nothing is sent until it is turned on again"),
}
#: the developer portal's documents (served by the gateway at /developers)
DOCS = {
    "events": "/developers/events/",
    "webhooks": "/developers/webhooks/",
    "guide": "/developers/guides/webhooks.html",
}


def require_partner(request: Request) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(SUBSCRIBE_WEBHOOKS):
        raise HTTPException(403)
    return visit


# ---- endpoints ------------------------------------------------------------------------------
async def _endpoints_context(request: Request, visit: Visit) -> dict[str, Any]:
    api = web_of(request).api
    return {
        "endpoints": await api.get(visit, "/v1/webhooks/endpoints"),
        "event_types": await api.get(visit, "/v1/webhooks/event-types"),
        "endpoint_statuses": ENDPOINT_STATUSES,
        "docs": DOCS,
        "chosen": [],
    }


async def endpoints_page(request: Request) -> Response:
    visit = require_partner(request)
    return render(request, "consoles/partner.html", await _endpoints_context(request, visit))


def _url_problem(problem: ApiProblem) -> FormErrors:
    errors = FormErrors()
    if problem.status == 422 and "event type" in problem.detail.lower():
        errors.add("event_types", N_("Choose event types from the list."))
    elif problem.status == 422:
        errors.add(
            "url",
            N_("Enter a public https:// address we can reach (not a private network)."),
        )
    else:
        errors = problem_errors(problem)
    return errors


async def create_endpoint(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_partner(request)
    values = {
        "url": str(form.get("url", "")).strip(),
        "description": str(form.get("description", "")).strip(),
    }
    chosen = [str(t) for t in form.getlist("event_types")]
    errors = check(values, {"url": [required]})
    if not errors and not chosen:
        errors.add("event_types", N_("Choose at least one event type."))
    if not errors:
        try:
            created = await web.api.post(
                visit, "/v1/webhooks/endpoints", json={**values, "event_types": chosen}
            )
            # the one time the secret is shown: on this answer, never in a link
            return render(
                request,
                "consoles/partner_secret.html",
                {"endpoint": created, "secret": created["secret"], "rotated": False},
                status=201,
            )
        except ApiProblem as problem:
            errors = _url_problem(problem)
    context = await _endpoints_context(request, visit)
    context.update(errors=errors, values=values, chosen=chosen)
    return render(request, "consoles/partner.html", context, status=422)


# ---- one endpoint: its deliveries, rotate, redeliver, replay ------------------------------
async def _endpoint_context(request: Request, visit: Visit, endpoint_id: str) -> dict[str, Any]:
    api = web_of(request).api
    params = request.query_params
    status = params.get("status", "") if params.get("status") in DELIVERY_STATUSES else ""
    query: dict[str, str] = {"limit": "50"}
    if status:
        query["status"] = status
    if params.get("cursor", "").isdigit():
        query["cursor"] = params["cursor"]
    endpoint = await api.get(visit, f"/v1/webhooks/endpoints/{endpoint_id}")
    page = await api.get(visit, f"/v1/webhooks/endpoints/{endpoint_id}/deliveries", params=query)
    return {
        "endpoint": endpoint,
        "event_types": await api.get(visit, "/v1/webhooks/event-types"),
        "endpoint_switch": ENDPOINT_SWITCH,
        "settings": {"status": endpoint["status"]},
        "chosen": endpoint["event_types"],
        "deliveries": page.get("items", []),
        "next_cursor": page.get("next_cursor"),
        "status": status,
        "delivery_statuses": DELIVERY_STATUSES,
        "endpoint_statuses": ENDPOINT_STATUSES,
        "zone": await viewer_zone(api, visit),
        "docs": DOCS,
    }


async def endpoint_page(request: Request) -> Response:
    visit = require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    return render(
        request,
        "consoles/partner_endpoint.html",
        await _endpoint_context(request, visit, endpoint_id),
    )


async def save_settings(request: Request) -> Response:
    """On or off, and which event types: a PATCH naming the version the form showed, so a
    change made meanwhile (turned off after failed deliveries) is not overwritten unseen."""
    form = await read_form(request)
    web, visit = web_of(request), require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    status = str(form.get("status", ""))
    chosen = [str(t) for t in form.getlist("event_types")]
    version = str(form.get("version", ""))
    errors = FormErrors()
    if status not in ENDPOINT_SWITCH:
        errors.add(None, N_("Choose on or off."))
    if not chosen:
        errors.add("event_types", N_("Choose at least one event type."))
    if not errors:
        try:
            await web.api.call(
                visit,
                "PATCH",
                f"/v1/webhooks/endpoints/{endpoint_id}",
                json={"status": status, "event_types": chosen},
                headers={"If-Match": f'W/"{version}"'} if version.isdigit() else None,
            )
            return flash_redirect(f"/partner/endpoints/{endpoint_id}", "webhook-settings-saved")
        except ApiProblem as problem:
            if problem.status == 412:
                errors.add(
                    None,
                    N_(
                        "The endpoint changed since this page was shown (it may have been "
                        "turned off after failed deliveries): check it and save again."
                    ),
                )
            elif problem.status == 422 and "event type" in problem.detail.lower():
                errors.add("event_types", N_("Choose event types from the list."))
            else:
                errors = problem_errors(problem)
    context = await _endpoint_context(request, visit, endpoint_id)
    context.update(errors=errors, chosen=chosen, settings={"status": status})
    return render(request, "consoles/partner_endpoint.html", context, status=422)


async def rotate_secret(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    rotated = await web.api.post(visit, f"/v1/webhooks/endpoints/{endpoint_id}/rotate-secret")
    return render(
        request,
        "consoles/partner_secret.html",
        {"endpoint": rotated, "secret": rotated["secret"], "rotated": True},
    )


async def redeliver(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    delivery_id = str(request.path_params["delivery_id"])
    await web.api.post(visit, f"/v1/webhooks/deliveries/{delivery_id}/redeliver")
    return flash_redirect(f"/partner/endpoints/{endpoint_id}", "webhook-redelivered")


def _moment(typed: str, zone: str) -> datetime | None:
    """A day and time typed in the person's time zone, as an aware moment."""
    try:
        moment = datetime.fromisoformat(typed)
    except ValueError:
        return None
    try:
        return moment.replace(tzinfo=moment.tzinfo or ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.replace(tzinfo=ZoneInfo("UTC"))


async def replay(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    values = {"since": str(form.get("since", "")).strip()}
    errors = check(values, {"since": [required]})
    zone = await viewer_zone(web.api, visit)
    since = _moment(values["since"], zone) if not errors else None
    if not errors and since is None:
        errors.add("since", N_("Enter a day and a time."))
    if since is not None:
        try:
            result = await web.api.post(
                visit,
                f"/v1/webhooks/endpoints/{endpoint_id}/replay",
                json={"since": since.isoformat()},
            )
            context = await _endpoint_context(request, visit, endpoint_id)
            context["replayed"] = int(result.get("queued", 0))
            return render(request, "consoles/partner_endpoint.html", context, status=202)
        except ApiProblem as problem:
            errors = FormErrors()
            if problem.status == 409:
                errors.add(None, N_("Turn the endpoint on before replaying to it."))
            else:
                errors = problem_errors(problem)
    context = await _endpoint_context(request, visit, endpoint_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/partner_endpoint.html", context, status=422)


async def delivery_page(request: Request) -> Response:
    web, visit = web_of(request), require_partner(request)
    endpoint_id = str(request.path_params["endpoint_id"])
    delivery_id = str(request.path_params["delivery_id"])
    delivery = await web.api.get(visit, f"/v1/webhooks/deliveries/{delivery_id}")
    return render(
        request,
        "consoles/partner_delivery.html",
        {
            "endpoint_id": endpoint_id,
            "delivery": delivery,
            "delivery_statuses": DELIVERY_STATUSES,
            "zone": await viewer_zone(web.api, visit),
        },
    )


ROUTES = [
    Route("/partner", endpoints_page, methods=["GET"]),
    Route("/partner/endpoints", create_endpoint, methods=["POST"]),
    Route("/partner/endpoints/{endpoint_id:uuid}", endpoint_page, methods=["GET"]),
    Route("/partner/endpoints/{endpoint_id:uuid}/secret", rotate_secret, methods=["POST"]),
    Route("/partner/endpoints/{endpoint_id:uuid}/settings", save_settings, methods=["POST"]),
    Route("/partner/endpoints/{endpoint_id:uuid}/replay", replay, methods=["POST"]),
    Route(
        "/partner/endpoints/{endpoint_id:uuid}/deliveries/{delivery_id:uuid}",
        delivery_page,
        methods=["GET"],
    ),
    Route(
        "/partner/endpoints/{endpoint_id:uuid}/deliveries/{delivery_id:uuid}/redeliver",
        redeliver,
        methods=["POST"],
    ),
]
