"""Connections: requests with a note, accept, decline, withdraw, remove, block, unblock."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, problem_errors
from web.people import people_cards
from web.runtime import flash_redirect, read_form, render, require_sign_in, safe_next, web_of

ACTIONS = ("accept", "decline", "withdraw")


async def connections_page(request: Request, errors: FormErrors | None = None) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    found = await web.api.get(visit, "/v1/connections")
    blocks = await web.api.get(visit, "/v1/connections/blocks")
    cards = await people_cards(web.api, visit, [c["person_id"] for c in found])
    groups = {
        "incoming": [c for c in found if c["status"] == "pending" and c["direction"] == "incoming"],
        "outgoing": [c for c in found if c["status"] == "pending" and c["direction"] == "outgoing"],
        "accepted": [c for c in found if c["status"] == "accepted"],
    }
    return render(
        request,
        "portal/connections.html",
        {"groups": groups, "cards": cards, "blocks": blocks, "errors": errors or FormErrors()},
        status=422 if errors else 200,
    )


async def request_connection(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    person = str(form.get("person_id", ""))
    note = str(form.get("note", "")).strip() or None
    back = safe_next(str(form.get("next", "")), f"/people/{person}")
    try:
        await web.api.post(visit, "/v1/connections", json={"person_id": person, "note": note})
    except ApiProblem as problem:
        return flash_redirect(
            back, "connection-failed" if problem.status != 409 else "request-exists"
        )
    return flash_redirect(back, "request-sent")


async def answer(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    connection = request.path_params["connection_id"]
    action = request.path_params["action"]
    try:
        if action == "remove":
            await web.api.call(visit, "DELETE", f"/v1/connections/{connection}")
        elif action in ACTIONS:
            await web.api.post(visit, f"/v1/connections/{connection}/{action}")
    except ApiProblem as problem:
        return await connections_page(request, problem_errors(problem))
    return flash_redirect("/connections", "connection-updated")


async def block(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    person = str(form.get("person_id", ""))
    if form.get("undo") == "1":
        await web.api.call(visit, "DELETE", f"/v1/connections/blocks/{person}", ok=(404,))
    else:
        try:
            await web.api.call(visit, "POST", "/v1/connections/blocks", json={"person_id": person})
        except ApiProblem as problem:
            return await connections_page(request, problem_errors(problem))
    return flash_redirect("/connections", "connection-updated")


ROUTES = [
    Route("/connections", connections_page, methods=["GET"]),
    Route("/connections", request_connection, methods=["POST"]),
    Route("/connections/{connection_id:uuid}/{action}", answer, methods=["POST"]),
    Route("/connections/blocks", block, methods=["POST"]),
]
