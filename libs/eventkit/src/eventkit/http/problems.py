"""RFC 9457 problem details for every error path: never a stack trace, never a 500 for bad input."""

from __future__ import annotations

import functools
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.convertors import Convertor
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventkit import domain_errors as rules
from eventkit.errors import is_conflict, is_invalid_data, is_transient
from eventkit.logging import get_logger

PROBLEM_JSON = "application/problem+json"
log = get_logger(__name__)


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem+json document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        type_: str = "about:blank",
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type_
        self.headers = headers
        self.extensions = extensions


def problem_body(
    instance: str,
    status: int,
    title: str,
    detail: str | None = None,
    *,
    type_: str = "about:blank",
    **extensions: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = instance
    body.update(extensions)
    return body


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str | None = None,
    *,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body = problem_body(request.url.path, status, title, detail, type_=type_, **extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def send_problem(
    scope: Scope,
    send: Send,
    status: int,
    title: str,
    detail: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> None:
    """Answer with a problem document from ASGI middleware (no Request object at hand)."""
    body = problem_body(scope.get("path", ""), status, title, detail, **extensions)
    response = JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)
    await response(scope, _no_receive, send)


async def _no_receive() -> Message:  # a JSONResponse never reads the request
    return {"type": "http.disconnect"}


TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


#: the one status table: each kind of rule violation and its HTTP status (a service's own
#: errors subclass a kind; the nearest kind in their MRO decides)
DOMAIN_STATUS: dict[type[rules.DomainError], int] = {
    rules.BadRequest: 400,
    rules.Unauthenticated: 401,
    rules.Forbidden: 403,
    rules.NotFound: 404,
    rules.Conflict: 409,
    rules.Gone: 410,
    rules.PreconditionFailed: 412,
    rules.ContentTooLarge: 413,
    rules.UnsupportedMediaType: 415,
    rules.InvalidInput: 422,
    rules.PreconditionRequired: 428,
    rules.TooManyRequests: 429,
    rules.UpstreamFailed: 502,
    rules.DomainError: 409,
}


def domain_status(exc: rules.DomainError) -> int:
    for kind in type(exc).__mro__:
        status = DOMAIN_STATUS.get(kind)
        if status is not None:
            return status
    return 409  # pragma: no cover - DomainError itself is in the table


def install_problem_handlers(app: FastAPI) -> None:
    """Problem documents for what FastAPI and Starlette raise themselves and for ``Problem``.

    Deliberately no handler for ``Exception``: Starlette runs that one in its outermost
    middleware and then re-raises, so the server logs the error and drops the keep-alive
    connection after the answer; a gateway that already picked that pooled connection for
    someone else's request answers them 502. Unexpected errors end in ``ErrorBoundary``
    instead, which answers and raises nothing.
    """

    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            exc.title,
            exc.detail,
            type_=exc.type,
            headers=exc.headers,
            **exc.extensions,
        )

    @app.exception_handler(rules.DomainError)
    async def on_domain_error(request: Request, exc: rules.DomainError) -> JSONResponse:
        headers = (
            {"Retry-After": str(exc.retry_after_s)}
            if isinstance(exc, rules.TooManyRequests)
            else None
        )
        return problem_response(
            request,
            domain_status(exc),
            exc.title,
            exc.detail,
            type_=exc.type,
            headers=headers,
            **exc.extensions,
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = TITLES.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request.scope))
        return problem_response(request, exc.status_code, title, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")}
            for e in exc.errors()
        ]
        return problem_response(
            request, 422, "Unprocessable Content", "The request is not valid.", errors=errors
        )


def allowed_methods(app: FastAPI, scope: Scope) -> list[str]:
    """Every method some route answers at this path (Starlette's 405 names only the first
    route whose path matched, while FastAPI makes one route per method). A route whose path
    parameter cannot take this value (``/connections/blocks`` for ``/connections/{id: UUID}``)
    does not answer here."""
    path = scope.get("path", "")
    methods: set[str] = set()
    for route in iter_route_contexts(app.router.routes):
        if route.path is None or not route.methods:
            continue
        regex, _, _convertors = _compiled(route.path)
        found = regex.match(path)
        if found is None:
            continue
        original = route.original_route
        if isinstance(original, APIRoute):
            values = found.groupdict()
            if any(
                field.validate(values.get(field.alias))[1]
                for field in original.dependant.path_params
            ):
                continue
        methods |= set(route.methods)
    return sorted(methods)


@functools.cache
def _compiled(path: str) -> tuple[re.Pattern[str], str, dict[str, Convertor[Any]]]:
    return compile_path(path)


class ErrorBoundary:
    """The last line: any exception a request raises ends here in a complete problem+json
    answer, and nothing is raised to the server, so the connection stays usable for the next
    request on it (whoever's it is). Install it inside the middleware that adds the request
    id and security headers, so these answers carry them like every other."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            return  # the client went away mid-body: nobody to answer
        except Exception as exc:
            if started:
                # half an answer is out: only closing the connection can say it is broken
                log.exception("http.error_after_response_started", path=scope.get("path"))
                raise
            await _answer_unexpected(scope, send, exc)


async def _answer_unexpected(scope: Scope, send: Send, exc: Exception) -> None:
    path = scope.get("path")
    if is_invalid_data(exc):  # the database refused a value the client sent: bad input
        log.info("http.invalid_data", path=path, error=type(exc).__name__)
        await send_problem(
            scope,
            send,
            422,
            "Unprocessable Content",
            "A value in the request cannot be stored or searched "
            "(e.g. a NUL character, or a number out of range).",
        )
    elif is_conflict(exc):  # lost a race on a unique constraint: the client may retry
        log.info("http.write_conflict", path=path, error=type(exc).__name__)
        await send_problem(
            scope, send, 409, "Conflict", "A concurrent change conflicted; try again."
        )
    elif is_transient(exc):  # database or broker away: the client may retry
        log.warning("http.dependency_unavailable", path=path, error=type(exc).__name__)
        await send_problem(
            scope,
            send,
            503,
            "Service Unavailable",
            "A dependency is temporarily unavailable; retry shortly.",
            headers={"Retry-After": "2"},
        )
    else:
        log.error("http.unhandled_error", path=path, exc_info=exc)
        await send_problem(scope, send, 500, "Internal Server Error")


#: RFC 9457 problem details, as every error answer of every service is shaped
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; services may add extension members.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "for 422: what was wrong where",
            "items": {"type": "object"},
        },
    },
    "additionalProperties": True,
}
_PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def document_problems(app: FastAPI) -> None:
    """Make the OpenAPI document tell the truth about errors: FastAPI documents 422 as
    ``application/json`` HTTPValidationError, but every error here (validation included) is
    ``application/problem+json``; and every operation can answer 4XX/5XX problems."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, response in responses.items():
                    if code[0] in "45" and "content" not in response:
                        response["content"] = _PROBLEM_CONTENT
                if "422" in responses:
                    responses["422"] = {
                        "description": "Invalid request",
                        "content": _PROBLEM_CONTENT,
                    }
                responses.setdefault("4XX", {"description": "Problem", "content": _PROBLEM_CONTENT})
                responses.setdefault("5XX", {"description": "Problem", "content": _PROBLEM_CONTENT})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
