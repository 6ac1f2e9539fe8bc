"""Notifications: the feed with its unread badge, live updates (the API's Server-Sent Events,
relayed with the person's token), mark read; preferences; the one-click unsubscribe landing."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any
from zoneinfo import available_timezones

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from web.api import ApiProblem, SignInRequired
from web.forms import FormErrors, problem_errors
from web.navigation import N_
from web.runtime import flash_redirect, read_form, render, require_sign_in, visit_of, web_of
from web.settings import LOCALES

CATEGORIES: dict[str, str] = {
    "account": N_("My account"),
    "connections": N_("Connections"),
    "messages": N_("Messages"),
    "resources": N_("Library"),
    "events": N_("Events"),
    "opportunities": N_("Opportunities"),
    "alliance": N_("Alliance"),
    "newsletter": N_("Newsletter"),
}
FREQUENCIES: dict[str, str] = {
    "immediate": N_("At once"),
    "daily": N_("Once a day"),
    "weekly": N_("Once a week"),
    "off": N_("Never"),
}
CHANNELS: dict[str, str] = {"in_app": N_("On the platform"), "email": N_("By email")}
#: every IANA zone where people live (a member in Accra or Suva finds theirs), UTC first;
#: the legacy aliases (US/…, Etc/…) are left out, the API accepts any zone it knows
ZONES = (
    "UTC",
    *sorted(
        z
        for z in available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/", "posix", "right/"))
    ),
)


#: the API resources feed items name, and the page showing each
PAGE_OF_LINK = (
    (re.compile(r"^/v1/connections(/.*)?$"), "/connections"),
    (re.compile(r"^/v1/conversations/([0-9a-f-]{36})$"), "/messages/{0}"),
    (re.compile(r"^/v1/resources/([0-9a-f-]{36})$"), "/library/{0}"),
    (re.compile(r"^/v1/opportunities/([0-9a-f-]{36})$"), "/opportunities/{0}"),
    (re.compile(r"^/v1/events/([0-9a-f-]{36})$"), "/events/{0}"),
)


def page_of(link: str | None) -> str | None:
    """The web page for the API resource a feed item links to (None: no page yet)."""
    for pattern, page in PAGE_OF_LINK:
        found = pattern.match(link or "")
        if found:
            return page.format(*found.groups())
    return None


async def feed(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    params: dict[str, Any] = {"limit": 30}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]
    page = await web.api.get(visit, "/v1/notifications/feed", params=params)
    for item in page.get("items", []):
        item["page"] = page_of(item.get("link"))
    template = "portal/feed_items.html" if request.headers.get("hx-request") else "portal/feed.html"
    return render(request, template, {"page": page})


async def unread(request: Request) -> Response:
    """The badge's count: notifications and messages not read yet."""
    web, visit = web_of(request), visit_of(request)
    if not visit.session.signed_in:
        return JSONResponse({"unread": 0})
    try:
        count = await web.api.get(visit, "/v1/notifications/feed/unread-count")
    except (ApiProblem, SignInRequired):
        return JSONResponse({"unread": 0})
    return JSONResponse({"unread": int(count.get("unread", 0))})


async def stream(request: Request) -> Response:
    """Relay the API's event stream; the browser never holds the token."""
    web, visit = web_of(request), require_sign_in(request)
    # a token for the whole stream: refreshed first if it is about to expire
    await web.api.request(visit, "GET", "/v1/notifications/feed/unread-count")
    headers = {
        "Authorization": f"Bearer {visit.session.access_token}",
        "Accept": "text/event-stream",
    }
    if request.headers.get("last-event-id"):
        headers["Last-Event-ID"] = request.headers["last-event-id"]
    upstream = web.api.client.stream(
        "GET", "/v1/notifications/stream", headers=headers, timeout=httpx.Timeout(10.0, read=None)
    )

    async def relay() -> AsyncIterator[bytes]:
        try:
            async with upstream as response:
                if response.status_code != 200:
                    return
                async for chunk in response.aiter_raw():
                    if await request.is_disconnected():
                        break
                    yield chunk
        except httpx.HTTPError:
            return  # the browser reconnects by itself

    return StreamingResponse(
        relay(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def mark_read(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    item = str(form.get("item", ""))
    if item == "all":
        await web.api.post(visit, "/v1/notifications/feed/read-all")
        return flash_redirect("/notifications", "all-read")
    await web.api.call(visit, "POST", f"/v1/notifications/feed/{item}/read", ok=(404,))
    link = str(form.get("link", ""))
    return flash_redirect(
        link if link.startswith("/") and not link.startswith("//") else "/notifications",
        "connection-updated",
    )


# ---- preferences ------------------------------------------------------------------------
def _preferences_context(prefs: dict[str, Any]) -> dict[str, Any]:
    quiet = prefs.get("quiet_hours") or {}
    return {
        "prefs": prefs,
        "categories": CATEGORIES,
        "frequencies": FREQUENCIES,
        "channels": CHANNELS,
        "zones": ZONES if prefs.get("time_zone", "UTC") in ZONES else (prefs["time_zone"], *ZONES),
        "locales": LOCALES,
        "quiet_start": str(quiet.get("start", ""))[:5],
        "quiet_end": str(quiet.get("end", ""))[:5],
    }


async def preferences_page(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    response = await web.api.call(visit, "GET", "/v1/preferences")
    prefs = response.json()
    return render(
        request,
        "portal/preferences.html",
        {**_preferences_context(prefs), "etag": response.headers.get("etag", "")},
    )


async def save_preferences(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    quiet_start, quiet_end = str(form.get("quiet_start", "")), str(form.get("quiet_end", ""))
    body: dict[str, Any] = {
        "channels": {c: form.get(f"channel_{c}") == "on" for c in CHANNELS},
        "categories": {
            c: str(form.get(f"cat_{c}", "immediate")) for c in CATEGORIES if c != "account"
        },
        "language": str(form.get("language", "")) or None,
        "time_zone": str(form.get("time_zone", "UTC")),
        "quiet_hours": {"start": quiet_start, "end": quiet_end}
        if quiet_start and quiet_end
        else None,
    }
    errors = FormErrors()
    if bool(quiet_start) != bool(quiet_end):
        errors.add(
            "quiet_end" if quiet_start else "quiet_start",
            N_("Give both the start and the end of the quiet hours."),
        )
    if not errors:
        try:
            await web.api.put(
                visit,
                "/v1/preferences",
                json=body,
                headers={"If-Match": str(form.get("etag", ""))} if form.get("etag") else {},
            )
            return flash_redirect("/notifications/preferences", "preferences-saved")
        except ApiProblem as problem:
            errors = problem_errors(
                problem,
                fields={
                    "time_zone": "time_zone",
                    "start": "quiet_start",
                    "end": "quiet_end",
                    "language": "language",
                },
            )
    prefs = {**body, "quiet_hours": None}
    context = _preferences_context(prefs)
    context.update(
        {
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
            "errors": errors,
            "etag": str(form.get("etag", "")),
        }
    )
    return render(request, "portal/preferences.html", context, status=422)


# ---- unsubscribe (the emailed link) -----------------------------------------------------
async def unsubscribe_page(request: Request) -> Response:
    """A link scanner that opens the page changes nothing: unsubscribing is the button."""
    return render(
        request, "portal/unsubscribe.html", {"token": request.query_params.get("token", "")}
    )


async def unsubscribe(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), visit_of(request)
    token = str(form.get("token", ""))
    try:
        await web.api.call(
            visit, "POST", "/v1/notifications/unsubscribe", params={"token": token}, auth=False
        )
    except ApiProblem as problem:
        return render(
            request,
            "portal/unsubscribe.html",
            {"token": "", "errors": problem_errors(problem)},
            status=400,
        )
    return render(request, "portal/unsubscribe.html", {"token": "", "done": True})


ROUTES = [
    Route("/notifications", feed, methods=["GET"]),
    Route("/notifications/unread", unread, methods=["GET"]),
    Route("/notifications/stream", stream, methods=["GET"]),
    Route("/notifications/read", mark_read, methods=["POST"]),
    Route("/notifications/preferences", preferences_page, methods=["GET"]),
    Route("/notifications/preferences", save_preferences, methods=["POST"]),
    Route("/unsubscribe", unsubscribe_page, methods=["GET"]),
    Route("/unsubscribe", unsubscribe, methods=["POST"]),
]
