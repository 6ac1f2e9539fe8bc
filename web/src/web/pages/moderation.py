"""The moderator's console (issue 28): the queue with filters and counts, a resource's preview
in each of its languages with its full history (reports and their reasons included), and the
decisions: publish, reject with a reason, hide, restore, archive.

Moderators and platform administrators only; the API decides too (a 403 from it is shown as
such). Each decision carries the version the moderator saw (If-Match), so two moderators
never overwrite each other's decision unseen."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import MODERATE, N_
from web.pages.library import KINDS, STATUSES, resource_context
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of

#: why a resource is in the queue (the API's ``reason`` filter)
REASONS: dict[str, str] = {
    "submitted": N_("Waiting for review"),
    "reported": N_("Reported"),
    "hidden": N_("Hidden"),
}
#: the history's actions, in words
ACTIONS: dict[str, str] = {
    "drafted": N_("Drafted"),
    "edited": N_("Edited"),
    "submitted": N_("Sent for review"),
    "published": N_("Published"),
    "rejected": N_("Returned to the contributor"),
    "archived": N_("Archived"),
    "reported": N_("Reported"),
    "hidden": N_("Hidden"),
    "restored": N_("Restored"),
}
#: decisions, and the statuses each is offered in (the API has the last word)
DECISIONS = ("publish", "reject", "hide", "restore", "archive")
DONE = {
    "publish": "moderation-published",
    "reject": "moderation-rejected",
    "hide": "moderation-hidden",
    "restore": "moderation-restored",
    "archive": "moderation-archived",
}


def require_moderator(request: Request) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(MODERATE):
        raise HTTPException(403)
    return visit


async def queue_page(request: Request) -> Response:
    web, visit = web_of(request), require_moderator(request)
    params = request.query_params
    reason = params.get("reason", "") if params.get("reason") in REASONS else ""
    kind = params.get("kind", "") if params.get("kind") in KINDS else ""
    query: dict[str, str] = {"lang": visit.locale, "limit": "100"}
    if reason:
        query["reason"] = reason
    if kind:
        query["kind"] = kind
    items = await web.api.get(visit, "/v1/resources/moderation-queue", params=query)
    counts = await web.api.get(
        visit, "/v1/resources/moderation-queue/counts", params={"kind": kind} if kind else {}
    )
    return render(
        request,
        "consoles/moderation_queue.html",
        {
            "items": items,
            "counts": counts,
            "total": sum(counts.values()),
            "reason": reason,
            "kind": kind,
            "reasons": REASONS,
            "kinds": KINDS,
            "statuses": STATUSES,
            "reason_url": lambda r: (
                "/moderation?"
                + urlencode([(k, v) for k, v in (("reason", r), ("kind", kind)) if v])
            ),
        },
    )


async def _item_context(request: Request, resource_id: str) -> dict[str, Any]:
    web, visit = web_of(request), require_moderator(request)
    lang = request.query_params.get("lang") or visit.locale
    resource = await web.api.get(visit, f"/v1/resources/{resource_id}", params={"lang": lang})
    history = await web.api.get(visit, f"/v1/resources/{resource_id}/history")
    return {
        **await resource_context(request, resource),
        "history": list(reversed(history)),
        "reports": [h for h in history if h.get("action") == "reported"],
        "actions": ACTIONS,
    }


async def item_page(request: Request) -> Response:
    resource_id = str(request.path_params["resource_id"])
    return render(
        request, "consoles/moderation_item.html", await _item_context(request, resource_id)
    )


async def decide(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_moderator(request)
    resource_id = str(request.path_params["resource_id"])
    action = str(request.path_params["action"])
    if action not in DECISIONS:
        raise HTTPException(404)
    reason = str(form.get("reason", "")).strip()
    version = str(form.get("version", "")).strip()
    errors = (
        check({"reason": reason}, {"reason": [required]}) if action == "reject" else FormErrors()
    )
    if not errors:
        try:
            await web.api.call(
                visit,
                "POST",
                f"/v1/resources/{resource_id}/{action}",
                json={"reason": reason} if reason else None,
                headers={"If-Match": f'W/"{version}"'} if version.isdigit() else None,
            )
            return flash_redirect(f"/moderation/{resource_id}", DONE[action])
        except ApiProblem as problem:
            if problem.status == 412:
                errors.add(
                    None,
                    N_("Someone changed this resource while you were reading it. Look again."),
                )
            elif problem.status == 409:
                errors.add(None, N_("This cannot be done in the resource's status now."))
            else:
                errors = problem_errors(problem, fields={"reason": "reason"})
    context = await _item_context(request, resource_id)
    context.update(errors=errors, values={"reason": reason})
    return render(request, "consoles/moderation_item.html", context, status=422)


ROUTES = [
    Route("/moderation", queue_page, methods=["GET"]),
    Route("/moderation/{resource_id:uuid}", item_page, methods=["GET"]),
    Route("/moderation/{resource_id:uuid}/{action}", decide, methods=["POST"]),
]
