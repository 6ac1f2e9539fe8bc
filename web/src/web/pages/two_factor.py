"""Two-step sign-in in the account area: turn on an authenticator app (its secret shown as
text and as an ``otpauth://`` link), confirm it with a first code, see and renew the recovery
codes, turn it off. The sign-in's own second step is in :mod:`web.pages.account`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_
from web.notices import NOTICES
from web.runtime import flash_redirect, read_form, redirect, render, require_sign_in, web_of

HOME = "/me/security"
#: the API's title for a wrong code of a signed-in person (422 beside ``code``)
WRONG_CODE = "Wrong code"


def _code_errors(problem: ApiProblem) -> FormErrors:
    if problem.title == WRONG_CODE:
        return FormErrors(fields={"code": N_("This code is not right. Try the newest one.")})
    return problem_errors(problem)


def grouped(secret: str) -> str:
    """The base-32 secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


async def overview(request: Request, errors: FormErrors | None = None) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    status = await web.api.get(visit, "/v1/auth/2fa")
    return render(
        request,
        "account/two_factor.html",
        {"status": status, "errors": errors or FormErrors()},
        status=422 if errors else 200,
    )


def _enrolment_page(
    request: Request, enrolment: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    secret = str(enrolment.get("secret", ""))
    return render(
        request,
        "account/two_factor_enrol.html",
        {
            "secret": secret,
            "grouped": grouped(secret),
            "otpauth_uri": str(enrolment.get("otpauth_uri", "")),
            "errors": errors or FormErrors(),
        },
        status=422 if errors else 200,
    )


async def start(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    try:
        enrolment = await web.api.post(visit, "/v1/auth/2fa/totp")
    except ApiProblem as problem:
        if problem.status == 409:  # already on (another tab did it)
            return redirect(HOME)
        raise
    return _enrolment_page(request, enrolment)


@dataclass
class CodeRefused(Exception):
    """The code is missing or the API refused it: the messages, beside the form's field."""

    errors: FormErrors
    status: int = 422


async def _send_code(request: Request, form: FormData, field: str, path: str) -> Any:
    """POST the form's ``field`` to the API as ``code``; its answer, or :class:`CodeRefused`."""
    web, visit = web_of(request), require_sign_in(request)
    code = str(form.get(field, "")).strip()
    errors = check({field: code}, {field: [required]})
    if errors:
        raise CodeRefused(errors)
    try:
        response = await web.api.call(visit, "POST", path, json={"code": code})
    except ApiProblem as problem:
        found = _code_errors(problem)
        errors = FormErrors(general=found.general)
        for message in found.fields.values():  # the API says `code`: this form's field
            errors.add(field, message)
        raise CodeRefused(errors, problem.status) from problem
    return response.json() if response.content else None


def _codes_page(request: Request, answer: dict[str, Any], notice: str) -> Response:
    """The recovery codes, shown this once (every page is ``no-store``: not kept either)."""
    return render(
        request,
        "account/two_factor_codes.html",
        {"codes": answer.get("recovery_codes", []), "notice": NOTICES[notice]},
    )


async def confirm(request: Request) -> Response:
    form = await read_form(request)
    try:
        codes = await _send_code(request, form, "code", "/v1/auth/2fa/totp/confirm")
    except CodeRefused as refused:
        if refused.status == 409:  # nothing pending: started elsewhere or already on
            return redirect(HOME)
        # the page shows the key again after a wrong code: it came back with the form
        enrolment = {k: str(form.get(k, "")) for k in ("secret", "otpauth_uri")}
        return _enrolment_page(request, enrolment, refused.errors)
    return _codes_page(request, codes, "two-factor-on")


async def renew_codes(request: Request) -> Response:
    form = await read_form(request)
    try:
        codes = await _send_code(request, form, "code", "/v1/auth/2fa/recovery-codes")
    except CodeRefused as refused:
        return await overview(request, refused.errors)
    return _codes_page(request, codes, "recovery-codes-renewed")


async def turn_off(request: Request) -> Response:
    form = await read_form(request)
    try:
        await _send_code(request, form, "off_code", "/v1/auth/2fa/totp/remove")
    except CodeRefused as refused:
        return await overview(request, refused.errors)
    return flash_redirect(HOME, "two-factor-off")


ROUTES = [
    Route(HOME, overview, methods=["GET"]),
    Route(f"{HOME}/app", start, methods=["POST"]),
    Route(f"{HOME}/app/confirm", confirm, methods=["POST"]),
    Route(f"{HOME}/recovery-codes", renew_codes, methods=["POST"]),
    Route(f"{HOME}/app/remove", turn_off, methods=["POST"]),
]
