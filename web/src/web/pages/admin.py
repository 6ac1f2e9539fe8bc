"""The platform administrator's console (issue 28): find an account by its exact email, see
its roles and status, grant and revoke roles; verify organisations; rotate the token signing
keys; the dead-letter topics with their counts and a replay.

For holders of ``profiles.administer_accounts`` (the organisations' tab: of
``profiles.verify_organisations``); the API decides too and its refusals are shown beside the
field. Every account read here is recorded by the API in the person's audit log, which the
person sees in their privacy centre: the page says so. The email searched for travels in a
POST body, never in a link (links end up in logs and browser histories).

Decisions where issue 28 is silent: organisations awaiting verification are the public
directory's ``verified=false`` (first 50 by name; no new API read was needed); refusing an
organisation takes a reason (required), which the organisation's administrators read on
their console; a refused organisation stays in the list (it may be verified later); the
roles offered are those the role catalogue's ``granted_by`` allows the administrator's own
roles, and the API's ``may_grant`` has the last word; the dead-letter replay moves at most
``REPLAY_BATCH`` records per press and shows how many remain."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import ADMINISTER_ACCOUNTS, N_, VERIFY_ORGANISATIONS
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of
from web.vocabulary import country_name, language_name, role_catalogue

#: an account's status, in words
ACCOUNT_STATUSES: dict[str, str] = {
    "unverified": N_("Email address not confirmed yet"),
    "active": N_("Active"),
    "erased": N_("Erased"),
}


def require_permission(request: Request, permission: str) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(permission):
        raise HTTPException(403)
    return visit


# ---- accounts ------------------------------------------------------------------------------
async def find_page(request: Request) -> Response:
    require_permission(request, ADMINISTER_ACCOUNTS)
    return render(request, "consoles/admin_find.html", {"values": {}})


async def find_account(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_permission(request, ADMINISTER_ACCOUNTS)
    values = {"email": str(form.get("email", "")).strip()}
    errors = check(values, {"email": [required]})
    if not errors:
        try:
            found = await web.api.get(visit, "/v1/auth/accounts", params=values)
            if found["items"]:
                return flash_redirect(
                    f"/admin/accounts/{found['items'][0]['account_id']}", "admin-account-found"
                )
            errors.add("email", N_("No account uses this email address."))
        except ApiProblem as problem:
            errors = problem_errors(problem, fields={"email": "email"})
            if problem.status == 422:
                errors = FormErrors()
                errors.add("email", N_("Enter an email address like name@example.org."))
    return render(
        request, "consoles/admin_find.html", {"values": values, "errors": errors}, status=422
    )


async def _account_context(request: Request, visit: Visit, account_id: str) -> dict[str, Any]:
    account = await web_of(request).api.get(visit, f"/v1/auth/accounts/{account_id}")
    catalogue = await role_catalogue(request)
    mine = set(visit.session.roles)
    names = {role["role"]: role["name"]["text"] for role in catalogue}
    grantable = [
        (role["role"], role["name"]["text"])
        for role in catalogue
        if role["role"] != "member"
        and role["role"] not in account["roles"]
        and mine & set(role["granted_by"])
    ]
    return {
        "account": account,
        "role_names": names,
        "grantable": grantable,
        "statuses": ACCOUNT_STATUSES,
        "language_name": lambda code: language_name(code, visit.locale),
        "values": {},
    }


async def account_page(request: Request) -> Response:
    visit = require_permission(request, ADMINISTER_ACCOUNTS)
    account_id = str(request.path_params["account_id"])
    return render(
        request, "consoles/admin_account.html", await _account_context(request, visit, account_id)
    )


def _role_problem(problem: ApiProblem) -> FormErrors:
    errors = FormErrors()
    if problem.status == 403:
        errors.add("role", N_("Your roles may not grant or take away this role."))
    elif problem.status == 422:
        errors.add("role", N_("Choose a role from the list."))
    else:
        errors = problem_errors(problem, fields={"role": "role"})
    return errors


async def change_role(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_permission(request, ADMINISTER_ACCOUNTS)
    account_id = str(request.path_params["account_id"])
    change = str(request.path_params["change"])
    if change not in ("grant", "revoke"):
        raise HTTPException(404)
    grant = change == "grant"
    values = {"role": str(form.get("role", "")).strip()}
    errors = check(values, {"role": [required]})
    if not errors:
        path = f"/v1/auth/accounts/{account_id}/roles/{values['role']}"
        try:
            if grant:
                await web.api.put(visit, path)
            else:
                await web.api.delete(visit, path)
            return flash_redirect(
                f"/admin/accounts/{account_id}",
                "admin-role-granted" if grant else "admin-role-revoked",
            )
        except ApiProblem as problem:
            errors = _role_problem(problem)
    context = await _account_context(request, visit, account_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/admin_account.html", context, status=422)


# ---- organisations awaiting verification ----------------------------------------------------
async def _organisations_context(request: Request, visit: Visit) -> dict[str, Any]:
    page = await web_of(request).api.get(
        visit, "/v1/directory/organisations", params={"verified": "false", "limit": "50"}
    )
    return {
        "organisations": page["items"],
        "more": bool(page.get("next_cursor")),
        "country_name": lambda code: country_name(code, visit.locale),
    }


async def organisations_page(request: Request) -> Response:
    visit = require_permission(request, VERIFY_ORGANISATIONS)
    return render(
        request, "consoles/admin_organisations.html", await _organisations_context(request, visit)
    )


async def verify_organisation(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_permission(request, VERIFY_ORGANISATIONS)
    org_id = str(request.path_params["org_id"])
    errors = FormErrors()
    try:
        await web.api.post(visit, f"/v1/organisations/{org_id}/verification")
        return flash_redirect("/admin/organisations", "admin-organisation-verified")
    except ApiProblem as problem:
        if problem.status == 409:
            errors.add(None, N_("This organisation is already verified."))
        else:
            errors = problem_errors(problem)
    context = await _organisations_context(request, visit)
    context.update(errors=errors)
    return render(request, "consoles/admin_organisations.html", context, status=422)


# ---- dead-letter topics ------------------------------------------------------------------------
#: records one press of "Replay" sends back; the API also stops after a few seconds, so the
#: page answers promptly and shows how many remain (the next press, or the page's script, goes on)
REPLAY_BATCH = 100


async def _dead_letters_context(request: Request, visit: Visit) -> dict[str, Any]:
    found = await web_of(request).api.get(visit, "/v1/admin/dead-letters")
    return {"topics": found["items"], "result": None}


async def dead_letters_page(request: Request) -> Response:
    visit = require_permission(request, ADMINISTER_ACCOUNTS)
    return render(
        request, "consoles/admin_dead_letters.html", await _dead_letters_context(request, visit)
    )


async def replay_dead_letters(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_permission(request, ADMINISTER_ACCOUNTS)
    topic = str(form.get("topic", "")).strip()
    errors, result = FormErrors(), None
    try:
        result = await web.api.post(
            visit,
            f"/v1/admin/dead-letters/{quote(topic, safe='')}/replay",
            json={"limit": REPLAY_BATCH},
        )
    except ApiProblem as problem:
        if problem.status == 404:
            errors.add(None, N_("There is no such dead-letter topic."))
        else:
            errors = problem_errors(problem)
    context = await _dead_letters_context(request, visit)
    context.update(errors=errors, result=result)
    return render(
        request, "consoles/admin_dead_letters.html", context, status=422 if errors else 200
    )


async def _refusal_page(
    request: Request, visit: Visit, values: dict[str, str], errors: FormErrors | None = None
) -> Response:
    org_id = str(request.path_params["org_id"])
    organisation = await web_of(request).api.get(visit, f"/v1/organisations/{org_id}")
    context = {"organisation": organisation, "values": values, "errors": errors or FormErrors()}
    return render(
        request, "consoles/admin_organisation_refuse.html", context, status=422 if errors else 200
    )


async def refusal_page(request: Request) -> Response:
    visit = require_permission(request, VERIFY_ORGANISATIONS)
    return await _refusal_page(request, visit, {})


async def refuse_organisation(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_permission(request, VERIFY_ORGANISATIONS)
    org_id = str(request.path_params["org_id"])
    values = {"reason": str(form.get("reason", "")).strip()}
    errors = check(values, {"reason": [required]})
    if not errors:
        try:
            await web.api.post(
                visit, f"/v1/organisations/{org_id}/verification/refusal", json=values
            )
            return flash_redirect("/admin/organisations", "admin-organisation-refused")
        except ApiProblem as problem:
            if problem.status == 409:
                errors.add(None, N_("This organisation is already verified."))
            else:
                errors = problem_errors(problem, fields={"reason": "reason"})
    return await _refusal_page(request, visit, values, errors)


# ---- signing keys -----------------------------------------------------------------------------
async def keys_page(request: Request) -> Response:
    require_permission(request, ADMINISTER_ACCOUNTS)
    return render(request, "consoles/admin_keys.html", {"kid": None})


async def rotate_keys(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_permission(request, ADMINISTER_ACCOUNTS)
    errors = FormErrors()
    if form.get("confirm") != "yes":
        errors.add("confirm", N_("Tick the box to confirm."))
        return render(
            request, "consoles/admin_keys.html", {"kid": None, "errors": errors}, status=422
        )
    rotated = await web.api.post(visit, "/v1/auth/signing-keys/rotate")
    return render(request, "consoles/admin_keys.html", {"kid": rotated["kid"]}, status=201)


ROUTES = [
    Route("/admin", find_page, methods=["GET"]),
    Route("/admin/find", find_account, methods=["POST"]),
    Route("/admin/accounts/{account_id:uuid}", account_page, methods=["GET"]),
    Route("/admin/accounts/{account_id:uuid}/roles/{change:str}", change_role, methods=["POST"]),
    Route("/admin/organisations", organisations_page, methods=["GET"]),
    Route("/admin/organisations/{org_id:uuid}/verify", verify_organisation, methods=["POST"]),
    Route("/admin/organisations/{org_id:uuid}/refuse", refusal_page, methods=["GET"]),
    Route("/admin/organisations/{org_id:uuid}/refuse", refuse_organisation, methods=["POST"]),
    Route("/admin/dead-letters", dead_letters_page, methods=["GET"]),
    Route("/admin/dead-letters/replay", replay_dead_letters, methods=["POST"]),
    Route("/admin/signing-keys", keys_page, methods=["GET"]),
    Route("/admin/signing-keys/rotate", rotate_keys, methods=["POST"]),
]
