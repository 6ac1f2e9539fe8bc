"""The landing page: Connect · Learn · Contribute, recent public resources and events."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.i18n import LANG_COOKIE
from web.pages.library import KINDS
from web.runtime import redirect, render, safe_next, visit_of, web_of
from web.settings import LOCALES


async def landing(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    resources: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    try:
        found = await web.api.get(
            visit, "/v1/resources", params={"lang": visit.locale, "limit": 4}, auth=False
        )
        resources = found.get("items", [])
        listed = await web.api.get(visit, "/v1/events", params={"limit": 4}, auth=False)
        events = listed.get("items", [])
    except ApiProblem:
        pass  # the landing page still shows, without the lists
    return render(request, "home.html", {"resources": resources, "events": events, "kinds": KINDS})


async def choose_language(request: Request) -> Response:
    code = request.path_params["code"]
    response = redirect(safe_next(request.query_params.get("next")))
    if code in LOCALES:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=365 * 86400,
            samesite="lax",
            httponly=True,
            secure=web_of(request).settings.cookie_secure,
        )
    return response


ROUTES = [
    Route("/", landing),
    Route("/language/{code}", choose_language),
]
