"""RFC 9457 problem details for every error path: never a stack trace, never a 500 for bad input."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventkit.errors import is_invalid_data, is_transient
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
    body: dict[str, Any] = {"type": type_, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.url.path
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    428: "Precondition Required",
    429: "Too Many Requests",
}


def install_problem_handlers(app: FastAPI) -> None:
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

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = _TITLES.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        return problem_response(
            request, exc.status_code, title, detail, headers=dict(exc.headers or {})
        )

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg")), "type": e.get("type")}
            for e in exc.errors()
        ]
        return problem_response(
            request, 422, "Unprocessable Content", "The request is not valid.", errors=errors
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        if is_invalid_data(exc):  # the database refused a value the client sent: bad input
            log.info("http.invalid_data", path=request.url.path, error=type(exc).__name__)
            return problem_response(
                request,
                422,
                "Unprocessable Content",
                "A value in the request cannot be stored or searched "
                "(e.g. a NUL character, or a number out of range).",
            )
        if is_transient(exc):  # database or broker away: the client may retry
            log.warning(
                "http.dependency_unavailable", path=request.url.path, error=type(exc).__name__
            )
            return problem_response(
                request,
                503,
                "Service Unavailable",
                "A dependency is temporarily unavailable; retry shortly.",
                headers={"Retry-After": "2"},
            )
        log.exception("http.unhandled_error", path=request.url.path)
        return problem_response(request, 500, "Internal Server Error")


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
