"""Register, verify the email address, sign in (password or a configured OIDC provider),
forgot and reset the password, sign out."""

from __future__ import annotations

import contextlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_
from web.runtime import (
    flash_redirect,
    read_form,
    redirect,
    render,
    require_sign_in,
    safe_next,
    visit_of,
    web_of,
)
from web.settings import LOCALES
from web.vocabulary import permissions_of


async def refresh_account(request: Request, visit: Visit) -> None:
    """The session's account, roles and what they permit, as the API says now."""
    me = await web_of(request).api.get(visit, "/v1/auth/me")
    permits = await permissions_of(request, me.get("roles", []))
    visit.replace_session(visit.session.with_account(me, permits))


async def _sign_in_with(request: Request, visit: Visit, pair: dict[str, Any]) -> None:
    """Start a signed-in session from a token pair (a new session id: a fixated one dies)."""
    session = visit.session.signed_out().with_tokens(pair)
    visit.replace_session(session)
    await refresh_account(request, visit)
    if visit.session.locale in LOCALES:
        visit.locale = visit.session.locale


# ---- register ---------------------------------------------------------------------------
async def register_page(request: Request) -> Response:
    return render(request, "account/register.html")


async def register(request: Request) -> Response:
    form = await read_form(request)
    values = {k: str(form.get(k, "")) for k in ("display_name", "email")}
    password = str(form.get("password", ""))
    errors = check(
        {**values, "password": password},
        {"display_name": [required], "email": [required], "password": [required]},
    )
    web, visit = web_of(request), visit_of(request)
    if not errors:
        try:
            await web.api.post(
                visit,
                "/v1/auth/register",
                json={**values, "password": password, "locale": visit.locale},
                auth=False,
            )
            response = await web.api.call(
                visit,
                "POST",
                "/v1/auth/login",
                json={"email": values["email"], "password": password},
                auth=False,
                ok=(401,),
            )
            if response.status_code == 200:
                await _sign_in_with(request, visit, response.json())
                return flash_redirect("/me/profile", "registered")
            # the address already had an account: the owner was emailed; say the same
            return flash_redirect("/signin", "registered")
        except ApiProblem as problem:
            errors = problem_errors(
                problem,
                titles={"Weak password": "password", "Invalid email address": "email"},
            )
    return render(
        request, "account/register.html", {"values": values, "errors": errors}, status=422
    )


# ---- verify -----------------------------------------------------------------------------
async def verify(request: Request) -> Response:
    """The emailed link lands here; confirming is a POST (a link scanner that prefetches the
    page changes nothing)."""
    token = request.query_params.get("token", "")
    return render(request, "account/verify.html", {"token": token})


async def verify_confirm(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), visit_of(request)
    token = str(form.get("token", ""))
    try:
        await web.api.post(visit, "/v1/auth/verify-email", json={"token": token}, auth=False)
    except ApiProblem as problem:
        errors = problem_errors(problem)
        if problem.title != "Already verified":
            return render(
                request, "account/verify.html", {"token": "", "errors": errors}, status=400
            )
    if visit.session.signed_in:
        await refresh_account(request, visit)
        return flash_redirect("/me/profile", "verified")
    return flash_redirect("/signin", "verified")


async def resend_verification(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    try:
        await web.api.call(visit, "POST", "/v1/auth/verify-email/resend")
    except ApiProblem as problem:
        return render(
            request, "account/verify.html", {"token": "", "errors": problem_errors(problem)}
        )
    return flash_redirect(safe_next(str(form.get("next") or ""), "/me/profile"), "link-sent")


# ---- sign in / out ----------------------------------------------------------------------
async def _providers(request: Request) -> list[dict[str, Any]]:
    web, visit = web_of(request), visit_of(request)
    try:
        found = await web.api.get(visit, "/v1/auth/oidc/providers", auth=False)
    except ApiProblem:
        return []
    items = found.get("providers", found) if isinstance(found, dict) else found
    return [
        {"name": p["provider"], "label": p.get("label") or p["provider"]}
        for p in items
        if isinstance(p, dict) and p.get("provider")
    ]


async def sign_in_page(request: Request) -> Response:
    next_url = safe_next(request.query_params.get("next"), "")
    return render(
        request,
        "account/signin.html",
        {"next": next_url, "providers": await _providers(request)},
    )


#: the API's problem types: the password is right and the account has an authenticator app;
#: the second step's challenge is no longer good (expired, used, too many wrong codes)
SECOND_FACTOR_REQUIRED = "/second-factor-required"
CHALLENGE_INVALID = "/sign-in-challenge-invalid"


async def _login(request: Request, email: str, password: str) -> Any | None:
    """The token pair for these credentials, or None: the password is wrong. Raises
    :class:`SecondFactorNeeded` (with the API's challenge) when the password is right and
    the account also signs in with its authenticator app."""
    response = await _call_login(request, "/v1/auth/login", {"email": email, "password": password})
    if response.status_code == 200:
        return response.json()
    problem = ApiProblem.from_response(response).body
    if str(problem.get("type")).endswith(SECOND_FACTOR_REQUIRED):
        raise SecondFactorNeeded(str(problem["challenge"]), int(problem["challenge_expires_in"]))
    return None


async def _second_step(request: Request, challenge: str, **proof: str) -> Any | None:
    """The token pair for the challenge and this code, or None: the code is wrong. Raises
    :class:`ChallengeRefused` when the challenge no longer counts (the password is needed)."""
    response = await _call_login(
        request, "/v1/auth/login/second-factor", {"challenge": challenge, **proof}
    )
    if response.status_code == 200:
        return response.json()
    problem = ApiProblem.from_response(response).body
    if str(problem.get("type")).endswith(CHALLENGE_INVALID):
        raise ChallengeRefused(str(problem.get("reason", "")))
    return None


async def _call_login(request: Request, path: str, body: dict[str, str]) -> Any:
    web, visit = web_of(request), visit_of(request)
    return await web.api.call(visit, "POST", path, json=body, auth=False, ok=(401,))


class SecondFactorNeeded(Exception):
    """The password is right; the account also signs in with its authenticator app."""

    def __init__(self, challenge: str, expires_in: int) -> None:
        super().__init__("second factor needed")
        self.challenge = challenge
        self.expires_in = expires_in


class ChallengeRefused(Exception):
    """The second step's challenge expired, was used, or has had too many wrong codes."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def _signed_in(request: Request, pair: Any, next_url: str) -> Response:
    await _sign_in_with(request, visit_of(request), pair)
    return redirect(next_url) if next_url else flash_redirect("/me/profile", "signed-in")


async def sign_in(request: Request) -> Response:
    form = await read_form(request)
    visit = visit_of(request)
    values = {"email": str(form.get("email", ""))}
    next_url = safe_next(str(form.get("next", "")), "")
    password = str(form.get("password", ""))
    errors = check({**values, "password": password}, {"email": [required], "password": [required]})
    retry_after: int | None = None
    if not errors:
        try:
            pair = await _login(request, values["email"], password)
            if pair is not None:
                return await _signed_in(request, pair, next_url)
            errors = FormErrors(general=[N_("The email address or the password is not right.")])
        except SecondFactorNeeded as needed:
            visit.replace_session(
                visit.session.waiting_for_code(needed.challenge, needed.expires_in, next_url)
            )
            return redirect("/signin/code")
        except ApiProblem as problem:
            errors = problem_errors(problem)
            retry_after = problem.retry_after
    return render(
        request,
        "account/signin.html",
        {
            "values": values,
            "errors": errors,
            "next": next_url,
            "providers": await _providers(request),
            "retry_after": retry_after,
        },
        status=429 if retry_after else 401,
        headers={"Retry-After": str(retry_after)} if retry_after else None,
    )


async def second_factor_page(request: Request) -> Response:
    """The second step of a sign-in with an authenticator app: its code, or a recovery code."""
    if not visit_of(request).session.awaiting_code():
        return flash_redirect("/signin", "code-timed-out")
    return render(request, "account/signin_code.html")


async def second_factor(request: Request) -> Response:
    form = await read_form(request)
    visit = visit_of(request)
    session = visit.session
    if not session.awaiting_code():
        return flash_redirect("/signin", "code-timed-out")
    field = "recovery_code" if form.get("recovery_code") is not None else "otp"
    code = str(form.get(field, "")).strip()
    errors = check({field: code}, {field: [required]})
    retry_after: int | None = None
    if not errors:
        try:
            pair = await _second_step(request, session.pending_challenge, **{field: code})
            if pair is not None:
                return await _signed_in(request, pair, session.pending_next)
            errors = FormErrors(fields={field: N_("This code is not right. Try the newest one.")})
        except ChallengeRefused as refused:
            visit.replace_session(session.signed_out())
            spent = refused.reason == "too_many_wrong_codes"
            return flash_redirect("/signin", "code-spent" if spent else "code-timed-out")
        except ApiProblem as problem:
            errors = problem_errors(problem)
            retry_after = problem.retry_after
    return render(
        request,
        "account/signin_code.html",
        {"errors": errors, "retry_after": retry_after, "recovery": field == "recovery_code"},
        status=429 if retry_after else 401,
        headers={"Retry-After": str(retry_after)} if retry_after else None,
    )


async def sign_out(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), visit_of(request)
    if visit.session.signed_in:
        # the session ends here anyway; an access token that was out expires on its own
        with contextlib.suppress(ApiProblem):
            await web.api.call(
                visit,
                "POST",
                "/v1/auth/logout",
                json={"refresh_token": visit.session.refresh_token},
                auth=False,
            )
    visit.replace_session(visit.session.signed_out())
    return flash_redirect("/", "signed-out")


# ---- social sign-in (OIDC) --------------------------------------------------------------
#: where to go back after a social sign-in (the provider's round trip loses the query)
NEXT_COOKIE = "dep_next"


async def oidc_start(request: Request) -> Response:
    """Ask the API where the provider's sign-in page is, and go there."""
    web, visit = web_of(request), visit_of(request)
    provider = request.path_params["provider"]
    try:
        begun = await web.api.get(visit, f"/v1/auth/oidc/{provider}/authorize", auth=False)
    except ApiProblem as problem:
        return render(
            request,
            "account/signin.html",
            {"errors": problem_errors(problem), "providers": await _providers(request), "next": ""},
            status=problem.status if problem.status < 500 else 503,
        )
    response = redirect(str(begun["authorization_url"]))
    response.status_code = 302
    next_url = safe_next(request.query_params.get("next"), "")
    if next_url:
        response.set_cookie(
            NEXT_COOKIE,
            next_url,
            max_age=900,
            httponly=True,
            samesite="lax",
            secure=web.settings.cookie_secure,
        )
    return response


async def oidc_callback(request: Request) -> Response:
    """The provider sends the person back here (OIDC_CALLBACK_URL of profiles); the server
    hands code and state to the API, which answers tokens: they start the session and never
    reach the browser."""
    web, visit = web_of(request), visit_of(request)
    provider = request.path_params["provider"]
    params = {k: v for k in ("code", "state", "error") if (v := request.query_params.get(k))}
    try:
        pair = await web.api.get(
            visit, f"/v1/auth/oidc/{provider}/callback", params=params, auth=False
        )
        await _sign_in_with(request, visit, pair)
    except ApiProblem as problem:
        errors = problem_errors(problem)
        if problem.title == "Account exists":
            errors = FormErrors(
                general=[
                    N_("An account already uses this email address: sign in with your password.")
                ]
            )
        return render(
            request,
            "account/signin.html",
            {"errors": errors, "providers": await _providers(request), "next": ""},
            status=400,
        )
    target = safe_next(request.cookies.get(NEXT_COOKIE), "")
    response = redirect(target) if target else flash_redirect("/me/profile", "signed-in")
    response.delete_cookie(NEXT_COOKIE)
    return response


# ---- forgot / reset ---------------------------------------------------------------------
async def forgot_page(request: Request) -> Response:
    return render(request, "account/forgot.html")


async def forgot(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), visit_of(request)
    values = {"email": str(form.get("email", ""))}
    errors = check(values, {"email": [required]})
    if not errors:
        try:
            await web.api.call(visit, "POST", "/v1/auth/password-reset", json=values, auth=False)
            return flash_redirect("/signin", "reset-sent")
        except ApiProblem as problem:
            errors = problem_errors(problem, titles={"Invalid email address": "email"})
    return render(request, "account/forgot.html", {"values": values, "errors": errors}, status=422)


async def reset_page(request: Request) -> Response:
    return render(request, "account/reset.html", {"token": request.query_params.get("token", "")})


async def reset(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), visit_of(request)
    token = str(form.get("token", ""))
    password = str(form.get("new_password", ""))
    errors = check({"new_password": password}, {"new_password": [required]})
    if not errors:
        try:
            await web.api.call(
                visit,
                "POST",
                "/v1/auth/password-reset/confirm",
                json={"token": token, "new_password": password},
                auth=False,
            )
            visit.replace_session(visit.session.signed_out())
            return flash_redirect("/signin", "password-changed")
        except ApiProblem as problem:
            errors = problem_errors(problem, titles={"Weak password": "new_password"})
    return render(request, "account/reset.html", {"token": token, "errors": errors}, status=422)


ROUTES = [
    Route("/register", register_page, methods=["GET"]),
    Route("/register", register, methods=["POST"]),
    Route("/verify", verify, methods=["GET"]),
    Route("/verify", verify_confirm, methods=["POST"]),
    Route("/verify/resend", resend_verification, methods=["POST"]),
    Route("/signin", sign_in_page, methods=["GET"]),
    Route("/signin", sign_in, methods=["POST"]),
    Route("/signin/code", second_factor_page, methods=["GET"]),
    Route("/signin/code", second_factor, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"]),
    Route("/signin/oidc/{provider}", oidc_start, methods=["GET"]),
    Route("/auth/oidc/{provider}/callback", oidc_callback, methods=["GET"]),
    Route("/forgot", forgot_page, methods=["GET"]),
    Route("/forgot", forgot, methods=["POST"]),
    Route("/reset", reset_page, methods=["GET"]),
    Route("/reset", reset, methods=["POST"]),
]
