"""The web application: Starlette, the session/language middleware, errors as pages."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie

import httpx
import structlog
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web import pages
from web.api import Api, ApiProblem, SignInRequired, Visit
from web.forms import status_message
from web.i18n import LANG_COOKIE, negotiate
from web.navigation import N_
from web.runtime import STATIC_DIR, CsrfRejected, Web, render, sign_in_url
from web.session import COOKIE, Session
from web.settings import WebSettings

log = structlog.get_logger("web")

#: pages load nothing from anywhere else, and nothing may frame them
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)
#: the gateway's own answer for an API path no service handles (the web answers /v1/* alike)
API_NOT_FOUND = {
    "type": "about:blank",
    "title": "Not Found",
    "status": 404,
    "detail": "No service handles this path.",
}


class VisitMiddleware:
    """Opens the session cookie, picks the language, writes the cookie back when it changed,
    and sets the security headers of every page."""

    def __init__(self, app: ASGIApp, web: Web) -> None:
        self.app, self.web = app, web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(("/static/", "/v1/")):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        opened = self.web.sealer.open(request.cookies.get(COOKIE))
        session = opened or Session()
        locale = negotiate(
            request.cookies.get(LANG_COOKIE),
            session.locale or None,
            request.headers.get("accept-language"),
        )
        visit = Visit(
            session,
            locale,
            request.headers.get("x-request-id") or uuid.uuid4().hex,
            session_changed=opened is None,
        )
        scope.setdefault("state", {})["visit"] = visit

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if visit.session_changed:
                    headers.append((b"set-cookie", self._cookie(visit.session).encode()))
                for name, value in (
                    (b"content-security-policy", CSP),
                    (b"x-content-type-options", "nosniff"),
                    (b"referrer-policy", "no-referrer"),
                    (b"x-frame-options", "DENY"),
                    (b"cache-control", "no-store"),
                ):
                    if name not in names:
                        headers.append((name, value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie(self, session: Session) -> str:
        cookie: SimpleCookie = SimpleCookie()
        cookie[COOKIE] = self.web.sealer.seal(session)
        morsel = cookie[COOKIE]
        morsel["path"] = "/"
        morsel["httponly"] = True
        morsel["samesite"] = "Lax"
        morsel["max-age"] = str(session.max_age())
        if self.web.settings.cookie_secure:
            morsel["secure"] = True
        return morsel.OutputString()


class StaticCacheMiddleware:
    """Versioned static URLs (``?v=<digest>``) are kept by browsers for a year."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"cache-control", b"public, max-age=31536000, immutable"),
                    (b"x-content-type-options", b"nosniff"),
                ]
            await send(message)

        await self.app(scope, receive, send_cached)


# ---- errors as pages --------------------------------------------------------------------
def _wants_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


async def on_sign_in_required(request: Request, exc: Exception) -> Response:
    target = sign_in_url(request)
    if _wants_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def on_csrf(request: Request, exc: Exception) -> Response:
    return render(
        request,
        "error.html",
        {"message": N_("This form was open too long. Go back, reload it and send it again.")},
        status=403,
    )


async def on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiProblem)
    status = exc.status if 400 <= exc.status < 500 else 503
    if status >= 500:
        log.warning("web.api_problem", path=request.url.path, status=exc.status)
    return render(request, "error.html", {"message": status_message(status)}, status=status)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if "visit" not in request.scope.get("state", {}):
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
    message = (
        N_("This page does not exist.")
        if exc.status_code == 404
        else N_("This cannot be done here.")
    )
    return render(request, "error.html", {"message": message}, status=exc.status_code)


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.error("web.unexpected", path=request.url.path, error=type(exc).__name__, exc_info=exc)
    if "visit" not in request.scope.get("state", {}):
        return PlainTextResponse("Internal Server Error", status_code=500)
    return render(
        request,
        "error.html",
        {"message": N_("Something went wrong on our side. Try again in a moment.")},
        status=500,
    )


# ---- plumbing routes --------------------------------------------------------------------
async def api_not_found(request: Request) -> Response:
    return JSONResponse(API_NOT_FOUND, status_code=404, media_type="application/problem+json")


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def create_app(
    settings: WebSettings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    """The app; ``transport`` stands in for the network in fast tests."""
    settings = settings or WebSettings.from_env()
    client = httpx.AsyncClient(
        base_url=settings.api_base_url,
        transport=transport,
        timeout=settings.api_timeout_s,
        limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
    )
    web = Web.build(settings, Api(client))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await client.aclose()

    routes = [
        Route("/healthz", healthz),
        Route("/readyz", healthz),
        Route("/livez", healthz),
        Route("/v1/{path:path}", api_not_found, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
        *pages.routes(),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(GZipMiddleware, minimum_size=600),
            Middleware(StaticCacheMiddleware),
            Middleware(VisitMiddleware, web=web),
        ],
        exception_handlers={
            SignInRequired: on_sign_in_required,
            CsrfRejected: on_csrf,
            ApiProblem: on_problem,
            HTTPException: on_http,
            Exception: on_unexpected,
        },
        lifespan=lifespan,
    )
    app.state.web = web
    return app
