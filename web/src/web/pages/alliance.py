"""The representative's console (issue 28): a member state's (or any alliance member's)
representative sees the members they act for, those members' seats on the alliance's bodies
and the meetings they are invited to; registers for a meeting, votes on its open motions,
reads the results of closed ones, and reports progress on the member's commitments.

Representing a member is not a platform role: the alliance keeps who represents whom. So the
menu offers this page to every signed-in person (under "My account"), and what it shows is
what the API says about them (``GET /v1/alliance/me``): someone who represents no member reads
how one becomes a representative; every action is the API's to allow (a 403 or 409 from it is
shown beside the form). Every form works without JavaScript."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_
from web.pages.events import viewer_zone
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of
from web.vocabulary import country_name

MEMBER_KINDS: dict[str, str] = {
    "member_state": N_("Member state"),
    "organisation": N_("Organisation"),
    "expert": N_("Expert"),
    "youth_leader": N_("Youth leader"),
    "guest": N_("Guest"),
}
SEAT_ROLES: dict[str, str] = {
    "chair": N_("Chair"),
    "co_chair": N_("Co-chair"),
    "member": N_("Member"),
    "observer": N_("Observer"),
}
CHOICES: dict[str, str] = {"yes": N_("Yes"), "no": N_("No"), "abstain": N_("Abstain")}
OUTCOMES: dict[str, str] = {
    "carried": N_("Carried"),
    "rejected": N_("Rejected"),
    "invalid": N_("Invalid: the quorum was lost"),
}
COMMITMENT_STATUSES: dict[str, str] = {
    "on_track": N_("On track"),
    "at_risk": N_("At risk"),
    "late": N_("Late"),
    "achieved": N_("Achieved"),
}
LABELS = {
    "member_kinds": MEMBER_KINDS,
    "seat_roles": SEAT_ROLES,
    "choices": CHOICES,
    "outcomes": OUTCOMES,
    "commitment_statuses": COMMITMENT_STATUSES,
}


async def _mine(request: Request, visit: Visit) -> dict[str, Any]:
    me: dict[str, Any] = await web_of(request).api.get(visit, "/v1/alliance/me")
    me["names"] = {m["id"]: m["name"] for m in me["members"]}
    return me


# ---- my members, seats, meetings and commitments --------------------------------------------
async def home(request: Request) -> Response:
    visit = require_sign_in(request)
    api = web_of(request).api
    me = await _mine(request, visit)
    commitments = [
        c
        for m in me["members"]
        for c in (
            await api.get(
                visit,
                "/v1/alliance/commitments",
                params={"alliance_id": m["alliance_id"], "member_id": m["id"]},
            )
        )["items"]
    ]
    bodies = {s["body_id"]: s["body_name"] for s in me["seats"]}
    return render(
        request,
        "consoles/alliance_home.html",
        {
            "me": me,
            "bodies": bodies,
            "commitments": commitments,
            "country_name": lambda code: country_name(code, visit.locale),
            "zone": await viewer_zone(api, visit),
            **LABELS,
        },
    )


# ---- one meeting: register, vote, results -----------------------------------------------------
async def _meeting_context(request: Request, visit: Visit, meeting_id: str) -> dict[str, Any]:
    api = web_of(request).api
    me = await _mine(request, visit)
    meeting = await api.get(visit, f"/v1/alliance/meetings/{meeting_id}")
    motions = (await api.get(visit, f"/v1/alliance/meetings/{meeting_id}/motions"))["items"]
    body = await api.get(visit, f"/v1/alliance/bodies/{meeting['body_id']}")
    mine = set(me["names"])
    invited = [m for m in meeting["invitations"] if m in mine]
    for motion in motions:
        voters = [m for m in motion["electorate"] if m in mine]
        motion["my_voters"] = voters
        # what the members we represent voted, as the API keeps it (open or closed)
        motion["my_ballots"] = {m: b["choice"] for m, b in motion.get("own_ballots", {}).items()}
    return {
        "me": me,
        "meeting": meeting,
        "body": body,
        "motions": motions,
        "invited": invited,
        "unregistered": [m for m in invited if m not in meeting["registrations"]],
        "present": [m for m in invited if m in meeting["attendance"]],
        "zone": await viewer_zone(api, visit),
        "values": {},
        **LABELS,
    }


async def meeting_page(request: Request) -> Response:
    visit = require_sign_in(request)
    meeting_id = str(request.path_params["meeting_id"])
    return render(
        request,
        "consoles/alliance_meeting.html",
        await _meeting_context(request, visit, meeting_id),
    )


def _action_problem(problem: ApiProblem) -> FormErrors:
    """What the API refused, above the form: who may act, and when."""
    errors = FormErrors()
    detail = problem.detail.lower()
    if problem.status == 409 and "already voted" in detail:
        # a second ballot, e.g. from a form left open in another tab
        errors.add(None, N_("The member you represent has already voted on this."))
    elif problem.status == 409 and "vote is closed" in detail:
        errors.add(None, N_("The vote on this motion is closed: its result is below."))
    elif problem.status == 403:
        errors.add(None, N_("The member you represent may not do this."))
    elif problem.status == 409:
        errors.add(None, N_("Not now: this can only be done while the meeting is open."))
    else:
        errors = problem_errors(problem)
    return errors


async def register(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    meeting_id = str(request.path_params["meeting_id"])
    on_behalf_of = str(form.get("on_behalf_of", "")) or None
    try:
        await web.api.post(
            visit,
            f"/v1/alliance/meetings/{meeting_id}/registrations",
            json={"on_behalf_of": on_behalf_of},
        )
    except ApiProblem as problem:
        context = await _meeting_context(request, visit, meeting_id)
        context["errors"] = _action_problem(problem)
        return render(request, "consoles/alliance_meeting.html", context, status=422)
    return flash_redirect(f"/alliance/meetings/{meeting_id}", "meeting-registered")


async def vote(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    meeting_id = str(request.path_params["meeting_id"])
    motion_id = str(request.path_params["motion_id"])
    values = {
        "choice": str(form.get("choice", "")),
        "on_behalf_of": str(form.get("on_behalf_of", "")),
    }
    errors = check(values, {"choice": [required]})
    if values["choice"] and values["choice"] not in CHOICES:
        errors.add("choice", N_("Choose yes, no or abstain."))
    if not errors:
        try:
            await web.api.post(
                visit,
                f"/v1/alliance/motions/{motion_id}/ballots",
                json={"choice": values["choice"], "on_behalf_of": values["on_behalf_of"] or None},
            )
            return flash_redirect(f"/alliance/meetings/{meeting_id}", "ballot-cast")
        except ApiProblem as problem:
            errors = _action_problem(problem)
    context = await _meeting_context(request, visit, meeting_id)
    context.update(errors=errors, values=values, voting_on=motion_id)
    return render(request, "consoles/alliance_meeting.html", context, status=422)


# ---- one commitment: its indicators and a progress report -------------------------------------
async def _commitment_context(request: Request, visit: Visit, commitment_id: str) -> dict[str, Any]:
    api = web_of(request).api
    commitment = await api.get(visit, f"/v1/alliance/commitments/{commitment_id}")
    return {
        "commitment": commitment,
        "indicators": [(i["id"], i["name"]) for i in commitment["indicators"]],
        "values": {},
        **LABELS,
    }


async def commitment_page(request: Request) -> Response:
    visit = require_sign_in(request)
    commitment_id = str(request.path_params["commitment_id"])
    return render(
        request,
        "consoles/alliance_commitment.html",
        await _commitment_context(request, visit, commitment_id),
    )


async def report_progress(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    commitment_id = str(request.path_params["commitment_id"])
    values = {name: str(form.get(name, "")).strip() for name in ("indicator_id", "value", "note")}
    errors = check(values, {"indicator_id": [required], "value": [required]})
    if values["value"] and "value" not in errors.fields:
        try:
            float(values["value"])
        except ValueError:
            errors.add("value", N_("Enter a number."))
    if not errors:
        try:
            await web.api.post(
                visit,
                f"/v1/alliance/commitments/{commitment_id}/progress",
                json=values,
            )
            return flash_redirect(f"/alliance/commitments/{commitment_id}", "progress-reported")
        except ApiProblem as problem:
            errors = (
                _action_problem(problem)
                if problem.status == 403
                else problem_errors(problem, fields={"value": "value"})
            )
    context = await _commitment_context(request, visit, commitment_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/alliance_commitment.html", context, status=422)


ROUTES = [
    Route("/alliance", home, methods=["GET"]),
    Route("/alliance/meetings/{meeting_id:uuid}", meeting_page, methods=["GET"]),
    Route("/alliance/meetings/{meeting_id:uuid}/registration", register, methods=["POST"]),
    Route(
        "/alliance/meetings/{meeting_id:uuid}/motions/{motion_id:uuid}/ballot",
        vote,
        methods=["POST"],
    ),
    Route("/alliance/commitments/{commitment_id:uuid}", commitment_page, methods=["GET"]),
    Route("/alliance/commitments/{commitment_id:uuid}/progress", report_progress, methods=["POST"]),
]
