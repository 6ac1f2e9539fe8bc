"""Two-step sign-in in the account area: turn on an authenticator app (its secret shown as
text and as an ``otpauth://`` link), confirm it with a first code, see and renew the recovery
codes, turn it off. The sign-in's own second step is in :mod:`web.pages.account`."""

from __future__ import annotations

from typing import Any

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


async def confirm(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    # the page shows the secret again after a wrong code: it came back with the form
    enrolment = {k: str(form.get(k, "")) for k in ("secret", "otpauth_uri")}
    code = str(form.get("code", "")).strip()
    errors = check({"code": code}, {"code": [required]})
    if not errors:
        try:
            codes = await web.api.post(visit, "/v1/auth/2fa/totp/confirm", json={"code": code})
            return _codes_page(request, codes, "two-factor-on")
        except ApiProblem as problem:
            if problem.status == 409:  # nothing pending: started elsewhere or already on
                return redirect(HOME)
            errors = _code_errors(problem)
    return _enrolment_page(request, enrolment, errors)


def _codes_page(request: Request, answer: dict[str, Any], notice: str) -> Response:
    """The recovery codes, shown this once (every page is ``no-store``: not kept either)."""
    return render(
        request,
        "account/two_factor_codes.html",
        {"codes": answer.get("recovery_codes", []), "notice": NOTICES[notice]},
    )


async def renew_codes(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    code = str(form.get("code", "")).strip()
    errors = check({"code": code}, {"code": [required]})
    if not errors:
        try:
            codes = await web.api.post(visit, "/v1/auth/2fa/recovery-codes", json={"code": code})
            return _codes_page(request, codes, "recovery-codes-renewed")
        except ApiProblem as problem:
            errors = _code_errors(problem)
    return await overview(request, errors)


async def turn_off(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    code = str(form.get("off_code", "")).strip()
    errors = check({"off_code": code}, {"off_code": [required]})
    if not errors:
        try:
            await web.api.call(visit, "POST", "/v1/auth/2fa/totp/remove", json={"code": code})
            return flash_redirect(HOME, "two-factor-off")
        except ApiProblem as problem:
            found = _code_errors(problem)  # this form's field is off_code, not code
            errors = FormErrors(general=found.general)
            for message in found.fields.values():
                errors.add("off_code", message)
    return await overview(request, errors)


ROUTES = [
    Route(HOME, overview, methods=["GET"]),
    Route(f"{HOME}/app", start, methods=["POST"]),
    Route(f"{HOME}/app/confirm", confirm, methods=["POST"]),
    Route(f"{HOME}/recovery-codes", renew_codes, methods=["POST"]),
    Route(f"{HOME}/app/remove", turn_off, methods=["POST"]),
]
