"""The organisation administrator's console (issue 28): the organisations a person runs, each
with its profile and verification status, its members and their roles, invitations and join
requests. Its calls for contributors and its events are in ``organisation_posts``.

For holders of the organisation administrator role (its permission to post opportunities
shows the console); inside it, the API decides who administers which organisation (a 403
from it is shown as such). Every form works without JavaScript; a change to the profile
carries the version that was read (If-Match), so two administrators never overwrite each
other unseen."""

from __future__ import annotations

import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_, ORGANISE
from web.people import people_cards
from web.runtime import (
    flash_redirect,
    language_of,
    read_form,
    render,
    require_sign_in,
    web_of,
)
from web.settings import LOCALES
from web.vocabulary import countries, country_name, language_name

ORGANISATION_KINDS: dict[str, str] = {
    "diaspora_association": N_("Diaspora association"),
    "consulate": N_("Consulate"),
    "ministry": N_("Ministry"),
    "academia": N_("University or research"),
    "private_sector": N_("Business"),
    "ngo": N_("Non-governmental organisation"),
    "international_organisation": N_("International organisation"),
}
MEMBER_ROLES: dict[str, str] = {"admin": N_("Administrator"), "member": N_("Member")}
REQUEST_KINDS: dict[str, str] = {
    "invitation": N_("Invitation"),
    "join_request": N_("Asks to join"),
}
REQUEST_STATUSES: dict[str, str] = {
    "pending": N_("Waiting for an answer"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
}
#: a person whose profile the viewer may not see (none yet, or hidden from them)
NO_PROFILE = N_("A member whose profile you cannot see")
ANSWERED = {"accept": "organisation-request-accepted", "decline": "organisation-request-declined"}
PROFILE_FIELDS = ("name", "kind", "country", "city", "website")
#: a person's page address or their member number: the id in it
PERSON_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def choices(request: Request, labels: dict[str, str]) -> list[tuple[str, str]]:
    """A select's options: each code with its label in the visitor's language."""
    language = language_of(request)
    return [(code, language.gettext(label)) for code, label in labels.items()]


async def display_names(request: Request, visit: Visit, ids: list[str]) -> dict[str, str]:
    """People's names as the viewer may see them ("" where they may not)."""
    cards = await people_cards(web_of(request).api, visit, ids)
    return {pid: card.get("display_name") or "" for pid, card in cards.items()}


def require_organiser(request: Request) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(ORGANISE):
        raise HTTPException(403)
    return visit


async def my_organisations(request: Request, visit: Visit) -> list[dict[str, Any]]:
    found = await web_of(request).api.get(visit, "/v1/me/organisations")
    return list(found.get("items", []))


# ---- the console's start: my organisations, register one --------------------------------
async def _home_context(request: Request, visit: Visit) -> dict[str, Any]:
    return {
        "organisations": await my_organisations(request, visit),
        "organisation_kinds": ORGANISATION_KINDS,
        "kind_options": choices(request, ORGANISATION_KINDS),
        "member_roles": MEMBER_ROLES,
        "country_options": countries(visit.locale),
        "country_name": lambda code: country_name(code, visit.locale),
    }


async def home_page(request: Request) -> Response:
    visit = require_organiser(request)
    return render(request, "consoles/organisation_home.html", await _home_context(request, visit))


async def register_organisation(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    values = {name: str(form.get(name, "")).strip() for name in (*PROFILE_FIELDS, "description")}
    errors = check(values, {"name": [required], "kind": [required], "country": [required]})
    if not errors:
        body: dict[str, Any] = {k: values[k] for k in PROFILE_FIELDS if values[k]}
        if values["description"]:
            body["description"] = {visit.locale: values["description"]}
        try:
            created = await web.api.post(visit, "/v1/organisations", json=body)
            return flash_redirect(
                f"/organisation/{created['organisation_id']}", "organisation-registered"
            )
        except ApiProblem as problem:
            errors = problem_errors(problem)
    context = await _home_context(request, visit)
    context.update(errors=errors, values=values)
    return render(request, "consoles/organisation_home.html", context, status=422)


# ---- one organisation ----------------------------------------------------------------------
async def _organisation_context(request: Request, visit: Visit, org_id: str) -> dict[str, Any]:
    api = web_of(request).api
    organisation = await api.get(visit, f"/v1/organisations/{org_id}")
    members = await api.get(visit, f"/v1/organisations/{org_id}/members")
    requests = await api.get(visit, f"/v1/organisations/{org_id}/requests")
    me = visit.session.account_id
    is_admin = any(m["person_id"] == me and m["role"] == "admin" for m in members)
    names = await display_names(
        request, visit, [m["person_id"] for m in members] + [r["person_id"] for r in requests]
    )
    description_lang = request.query_params.get("description_lang") or visit.locale
    if description_lang not in LOCALES:
        description_lang = visit.locale
    description = organisation.get("description") or {}
    values = {k: organisation.get(k) or "" for k in PROFILE_FIELDS}
    values.update(
        description_lang=description_lang, description=description.get(description_lang, "")
    )
    return {
        "organisation": organisation,
        "members": members,
        "pending": [r for r in requests if r["status"] == "pending"],
        "answered": [r for r in reversed(requests) if r["status"] != "pending"],
        "is_admin": is_admin,
        "me": me,
        "names": {**names, me: visit.session.display_name},  # with or without a profile
        "former_member": NO_PROFILE,
        "values": values,
        "organisation_kinds": ORGANISATION_KINDS,
        "kind_options": choices(request, ORGANISATION_KINDS),
        "role_options": choices(request, MEMBER_ROLES),
        "member_roles": MEMBER_ROLES,
        "request_kinds": REQUEST_KINDS,
        "request_statuses": REQUEST_STATUSES,
        "country_options": countries(visit.locale),
        "country_name": lambda code: country_name(code, visit.locale),
        "locales": LOCALES,
        "language_name": lambda code: language_name(code, visit.locale),
    }


async def organisation_page(request: Request) -> Response:
    visit = require_organiser(request)
    org_id = str(request.path_params["org_id"])
    return render(
        request,
        "consoles/organisation.html",
        await _organisation_context(request, visit, org_id),
    )


async def _again(
    request: Request,
    visit: Visit,
    org_id: str,
    errors: FormErrors,
    values: dict[str, str] | None = None,
    invite: dict[str, str] | None = None,
) -> Response:
    """The organisation's page again, with the errors and what the person typed."""
    context = await _organisation_context(request, visit, org_id)
    if values is not None:
        context["values"] = {**context["values"], **values}
    context.update(errors=errors, invite=invite or {})
    return render(request, "consoles/organisation.html", context, status=422)


async def save_profile(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    org_id = str(request.path_params["org_id"])
    values = {
        name: str(form.get(name, "")).strip()
        for name in (*PROFILE_FIELDS, "description", "description_lang")
    }
    if values["description_lang"] not in LOCALES:
        values["description_lang"] = visit.locale
    errors = check(values, {"name": [required], "kind": [required], "country": [required]})
    if not errors:
        patch: dict[str, Any] = {k: values[k] or None for k in PROFILE_FIELDS}
        patch["description"] = {values["description_lang"]: values["description"]}
        version = str(form.get("version", ""))
        try:
            await web.api.call(
                visit,
                "PATCH",
                f"/v1/organisations/{org_id}",
                json=patch,
                headers={
                    "Content-Type": "application/merge-patch+json",
                    **({"If-Match": f'W/"{version}"'} if version.isdigit() else {}),
                },
            )
            return flash_redirect(f"/organisation/{org_id}", "organisation-saved")
        except ApiProblem as problem:
            # a stale version (412) and a refused state (409) are said above the form
            errors = problem_errors(problem)
    return await _again(request, visit, org_id, errors, values=values)


async def invite(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    org_id = str(request.path_params["org_id"])
    typed = {
        "person": str(form.get("person", "")).strip(),
        "role": str(form.get("role", "member")),
        "message": str(form.get("message", "")).strip(),
    }
    errors = check(typed, {"person": [required]})
    found = PERSON_ID.search(typed["person"])
    if not errors and found is None:
        errors.add("person", N_("Paste the address of the person's page, or their member number."))
    if not errors and found is not None:
        body = {
            "person_id": found.group(0).lower(),
            "role": typed["role"] if typed["role"] in MEMBER_ROLES else "member",
            "message": typed["message"] or None,
        }
        try:
            await web.api.post(visit, f"/v1/organisations/{org_id}/invitations", json=body)
            return flash_redirect(f"/organisation/{org_id}", "organisation-invited")
        except ApiProblem as problem:
            if problem.status == 404:
                errors.add("person", N_("No member has this number."))
            elif problem.status == 409:
                errors.add("person", N_("This person is a member already, or is invited already."))
            else:
                errors = problem_errors(problem, fields={"person_id": "person"})
    return await _again(request, visit, org_id, errors, invite=typed)


async def answer_request(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    org_id = str(request.path_params["org_id"])
    request_id = str(request.path_params["request_id"])
    decision = str(request.path_params["decision"])
    if decision not in ANSWERED:
        raise HTTPException(404)
    try:
        await web.api.post(visit, f"/v1/organisations/{org_id}/requests/{request_id}/{decision}")
        return flash_redirect(f"/organisation/{org_id}", ANSWERED[decision])
    except ApiProblem as problem:
        return await _again(request, visit, org_id, problem_errors(problem))


async def change_member(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_organiser(request)
    org_id = str(request.path_params["org_id"])
    person_id = str(request.path_params["person_id"])
    try:
        if form.get("remove") == "1":
            await web.api.delete(visit, f"/v1/organisations/{org_id}/members/{person_id}")
            return flash_redirect(f"/organisation/{org_id}", "organisation-member-removed")
        role = str(form.get("role", ""))
        if role not in MEMBER_ROLES:
            raise HTTPException(422)
        await web.api.put(
            visit, f"/v1/organisations/{org_id}/members/{person_id}", json={"role": role}
        )
        return flash_redirect(f"/organisation/{org_id}", "organisation-role-changed")
    except ApiProblem as problem:
        errors = FormErrors()
        if problem.status == 409:
            errors.add(None, N_("An organisation keeps at least one administrator."))
        else:
            errors = problem_errors(problem)
        return await _again(request, visit, org_id, errors)


ROUTES = [
    Route("/organisation", home_page, methods=["GET"]),
    Route("/organisation", register_organisation, methods=["POST"]),
    Route("/organisation/{org_id:uuid}", organisation_page, methods=["GET"]),
    Route("/organisation/{org_id:uuid}/profile", save_profile, methods=["POST"]),
    Route("/organisation/{org_id:uuid}/invitations", invite, methods=["POST"]),
    Route(
        "/organisation/{org_id:uuid}/requests/{request_id:uuid}/{decision}",
        answer_request,
        methods=["POST"],
    ),
    Route("/organisation/{org_id:uuid}/members/{person_id:uuid}", change_member, methods=["POST"]),
]
