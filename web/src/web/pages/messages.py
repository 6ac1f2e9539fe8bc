"""Messages: conversations with unread counts, one conversation, write, reply; a
conversation refreshes itself when the notifications stream says something arrived."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, check, problem_errors, required
from web.people import people_cards
from web.runtime import flash_redirect, read_form, redirect, render, require_sign_in, web_of


async def inbox(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    conversations = await web.api.get(visit, "/v1/conversations")
    cards = await people_cards(web.api, visit, [c["person_id"] for c in conversations])
    return render(request, "portal/messages.html", {"conversations": conversations, "cards": cards})


async def new_conversation_page(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    person = request.query_params.get("person", "")
    conversations = await web.api.get(visit, "/v1/conversations")
    existing = next((c for c in conversations if c["person_id"] == person), None)
    if existing:
        return redirect(f"/messages/{existing['conversation_id']}")
    cards = await people_cards(web.api, visit, [person]) if person else {}
    return render(
        request, "portal/message_new.html", {"person": person, "card": cards.get(person, {})}
    )


async def write(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    person, body = str(form.get("person_id", "")), str(form.get("body", ""))
    errors = check({"body": body}, {"body": [required]})
    if not errors:
        try:
            message = await web.api.post(
                visit, "/v1/conversations", json={"person_id": person, "body": body}
            )
            return flash_redirect(f"/messages/{message['conversation_id']}", "message-sent")
        except ApiProblem as problem:
            errors = problem_errors(problem)
    cards = await people_cards(web.api, visit, [person]) if person else {}
    return render(
        request,
        "portal/message_new.html",
        {
            "person": person,
            "card": cards.get(person, {}),
            "values": {"body": body},
            "errors": errors,
        },
        status=422,
    )


async def _thread(request: Request, errors: FormErrors | None = None, typed: str = "") -> Response:
    web, visit = web_of(request), require_sign_in(request)
    conversation = str(request.path_params["conversation_id"])
    params = {"limit": 30}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]  # type: ignore[assignment]
    page = await web.api.get(visit, f"/v1/conversations/{conversation}/messages", params=params)
    await web.api.call(visit, "POST", f"/v1/conversations/{conversation}/read", ok=(404,))
    conversations = await web.api.get(visit, "/v1/conversations")
    other = next(
        (c["person_id"] for c in conversations if c["conversation_id"] == conversation), ""
    )
    cards = await people_cards(web.api, visit, [other]) if other else {}
    context = {
        "conversation": conversation,
        "messages": list(reversed(page["items"])),
        "next_cursor": page.get("next_cursor"),
        "other": other,
        "card": cards.get(other, {}),
        "values": {"body": typed},
        "errors": errors or FormErrors(),
    }
    if request.headers.get("hx-request") and request.method == "GET":
        return render(request, "portal/message_list.html", context)
    return render(request, "portal/conversation.html", context, status=422 if errors else 200)


async def conversation_page(request: Request) -> Response:
    return await _thread(request)


async def reply(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    conversation = str(request.path_params["conversation_id"])
    body = str(form.get("body", ""))
    errors = check({"body": body}, {"body": [required]})
    if not errors:
        try:
            await web.api.post(
                visit, f"/v1/conversations/{conversation}/messages", json={"body": body}
            )
            return flash_redirect(f"/messages/{conversation}", "message-sent")
        except ApiProblem as problem:
            errors = problem_errors(problem)
    return await _thread(request, errors, body)


ROUTES = [
    Route("/messages", inbox, methods=["GET"]),
    Route("/messages/new", new_conversation_page, methods=["GET"]),
    Route("/messages/new", write, methods=["POST"]),
    Route("/messages/{conversation_id:uuid}", conversation_page, methods=["GET"]),
    Route("/messages/{conversation_id:uuid}", reply, methods=["POST"]),
]
