"""The alliance secretariat's console (issue 28): member applications and their review,
representatives, bodies and their memberships with terms, and meetings (agenda, invitations,
attendance with a live quorum indicator, motions, minutes).

For holders of ``alliance.act_as_secretariat`` (the ``alliance_secretariat`` role); the API
decides too, and its refusals are shown beside the form. The secretariat serves every alliance
on the platform, so the console starts from the list of alliances.

Decisions where issue 28 is silent: refusing an application needs a reason (the applicant
reads it in the member's history); a representative is added by the person's account id
(their member number, shown on their profile page), since the secretariat may not search
accounts by email; a meeting's start is typed on the clock of the meeting's own time zone;
the quorum indicator asks the API every 5 seconds while the page is open (htmx), and a plain
link reloads it without JavaScript. Every form works without JavaScript."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, Validator, check, problem_errors, required
from web.navigation import ACT_AS_SECRETARIAT, N_
from web.pages.alliance import MEMBER_KINDS, OUTCOMES, SEAT_ROLES
from web.pages.organisation import PERSON_ID, choices, display_names
from web.pages.organisation_posts import a_day, a_moment
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of
from web.vocabulary import country_name

MEMBER_STATUSES: dict[str, str] = {
    "applied": N_("Applied"),
    "admitted": N_("Admitted"),
    "rejected": N_("Refused"),
    "suspended": N_("Suspended"),
    "withdrawn": N_("Withdrawn"),
}
BODY_KINDS: dict[str, str] = {
    "secretariat": N_("Secretariat"),
    "steering_committee": N_("Steering committee"),
    "advisory_group": N_("Advisory group"),
    "working_group": N_("Working group"),
    "plenary": N_("Plenary"),
}
BODY_ROLES: dict[str, str] = {**SEAT_ROLES, "rapporteur": N_("Rapporteur")}
ITEM_KINDS: dict[str, str] = {
    "information": N_("Information"),
    "discussion": N_("Discussion"),
    "decision": N_("Decision"),
}
DECISIONS: dict[str, str] = {"admit": N_("Approve"), "reject": N_("Refuse")}
LABELS = {
    "member_statuses": MEMBER_STATUSES,
    "member_kinds": MEMBER_KINDS,
    "body_kinds": BODY_KINDS,
    "body_roles": BODY_ROLES,
    "item_kinds": ITEM_KINDS,
    "outcomes": OUTCOMES,
}
#: problem titles of the alliance's status table, in the secretariat's words
TITLES: dict[str, str] = {
    "No quorum": N_("The quorum is not present: mark who is present first."),
    "Invalid transition": N_("This cannot be done in its current state."),
    "Not allowed": N_("You are not allowed to do this."),
}


def require_secretariat(request: Request) -> Visit:
    visit = require_sign_in(request)
    if not visit.session.may(ACT_AS_SECRETARIAT):
        raise HTTPException(403)
    return visit


def typed(form: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {name: str(form.get(name, "")).strip() for name in names}


def _optional(validator: Validator) -> Validator:
    return lambda value: validator(value) if value else None


def refused(problem: ApiProblem, fields: dict[str, str] | None = None) -> FormErrors:
    """The API's refusal in our words: a rule of the alliance above the form, a field's
    problem beside the field."""
    if problem.title in TITLES and not problem.errors:
        errors = FormErrors()
        errors.add(None, TITLES[problem.title])
        return errors
    return problem_errors(problem, fields=fields)


async def members_of(request: Request, visit: Visit, alliance_id: str) -> list[dict[str, Any]]:
    """Every member of the alliance (pages of 200, until the API says there are no more)."""
    api, found, cursor = web_of(request).api, [], None
    while True:
        params = {"alliance_id": alliance_id, "limit": "200"}
        if cursor:
            params["cursor"] = cursor
        page = await api.get(visit, "/v1/alliance/members", params=params)
        found.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return found


# ---- alliances --------------------------------------------------------------------------------
async def alliances_page(request: Request) -> Response:
    visit = require_secretariat(request)
    page = await web_of(request).api.get(visit, "/v1/alliance/alliances", params={"limit": "100"})
    return render(request, "consoles/secretariat_alliances.html", {"alliances": page["items"]})


# ---- members: applications, review, representatives -------------------------------------------
async def members_page(request: Request) -> Response:
    visit = require_secretariat(request)
    alliance_id = str(request.path_params["alliance_id"])
    alliance = await web_of(request).api.get(visit, f"/v1/alliance/alliances/{alliance_id}")
    members = await members_of(request, visit, alliance_id)
    return render(
        request,
        "consoles/secretariat_members.html",
        {
            "alliance": alliance,
            "applications": [m for m in members if m["status"] == "applied"],
            "members": [m for m in members if m["status"] != "applied"],
            "country_name": lambda code: country_name(code, visit.locale),
            **LABELS,
        },
    )


async def _member_context(request: Request, visit: Visit, member_id: str) -> dict[str, Any]:
    api = web_of(request).api
    member = await api.get(visit, f"/v1/alliance/members/{member_id}")
    alliance = await api.get(visit, f"/v1/alliance/alliances/{member['alliance_id']}")
    people = [str(p) for p in member.get("representatives") or []]
    people += [str(h["by"]) for h in member.get("history") or []]
    return {
        "alliance": alliance,
        "member": member,
        "names": await display_names(request, visit, sorted(set(people))),
        "decision_options": choices(request, DECISIONS),
        "country_name": lambda code: country_name(code, visit.locale),
        "values": {},
        **LABELS,
    }


async def member_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _member_context(request, visit, str(request.path_params["member_id"]))
    return render(request, "consoles/secretariat_member.html", context)


REVIEW_FIELDS = ("decision", "reason", "term_starts_on", "term_ends_on")


async def review(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    member_id = str(request.path_params["member_id"])
    values = typed(form, REVIEW_FIELDS)
    errors = check(
        values,
        {
            "decision": [required],
            "term_starts_on": [_optional(a_day)],
            "term_ends_on": [_optional(a_day)],
        },
    )
    if values["decision"] and values["decision"] not in DECISIONS:
        errors.add("decision", N_("Choose approve or refuse."))
    if values["decision"] == "reject" and not values["reason"]:
        errors.add("reason", N_("Say why the application is refused: the applicant reads it."))
    if not errors:
        try:
            await web.api.post(
                visit,
                f"/v1/alliance/members/{member_id}/review",
                json={k: v for k, v in values.items() if v},
            )
            notice = (
                "application-approved" if values["decision"] == "admit" else "application-refused"
            )
            return flash_redirect(f"/secretariat/members/{member_id}", notice)
        except ApiProblem as problem:
            errors = refused(problem)
    context = await _member_context(request, visit, member_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_member.html", context, status=422)


async def add_representative(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    member_id = str(request.path_params["member_id"])
    values = typed(form, ("account_id",))
    errors = check(values, {"account_id": [required]})
    found = PERSON_ID.search(values["account_id"])
    if values["account_id"] and not found:
        errors.add("account_id", N_("Paste the person's member number or profile address."))
    if not errors and found:
        try:
            await web.api.post(
                visit,
                f"/v1/alliance/members/{member_id}/representatives",
                json={"account_id": found.group(0)},
            )
            return flash_redirect(f"/secretariat/members/{member_id}", "representative-added")
        except ApiProblem as problem:
            errors = refused(problem, fields={"account_id": "account_id"})
    context = await _member_context(request, visit, member_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_member.html", context, status=422)


async def remove_representative(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    member_id = str(request.path_params["member_id"])
    account_id = str(request.path_params["account_id"])
    await web.api.delete(visit, f"/v1/alliance/members/{member_id}/representatives/{account_id}")
    return flash_redirect(f"/secretariat/members/{member_id}", "representative-removed")


# ---- bodies and memberships with terms --------------------------------------------------------
async def _bodies_context(request: Request, visit: Visit, alliance_id: str) -> dict[str, Any]:
    api = web_of(request).api
    alliance = await api.get(visit, f"/v1/alliance/alliances/{alliance_id}")
    bodies = await api.get(
        visit, "/v1/alliance/bodies", params={"alliance_id": alliance_id, "limit": "200"}
    )
    return {
        "alliance": alliance,
        "bodies": bodies["items"],
        "kind_options": choices(request, BODY_KINDS),
        "theme_options": [(t["code"], t["title"]) for t in alliance.get("themes", [])],
        "values": {"quorum_percent": "50"},
        **LABELS,
    }


async def bodies_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _bodies_context(request, visit, str(request.path_params["alliance_id"]))
    return render(request, "consoles/secretariat_bodies.html", context)


def a_percent(value: str) -> str | None:
    if not (value.isdigit() and 1 <= int(value) <= 100):
        return N_("Enter a whole number from 1 to 100.")
    return None


async def establish_body(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    alliance_id = str(request.path_params["alliance_id"])
    values = typed(form, ("kind", "name", "theme", "mandate", "quorum_percent"))
    errors = check(
        values,
        {"kind": [required], "name": [required], "quorum_percent": [required, a_percent]},
    )
    if values["kind"] == "working_group" and not values["theme"]:
        errors.add("theme", N_("A working group works on one of the alliance's themes."))
    if not errors:
        try:
            body = await web.api.post(
                visit,
                "/v1/alliance/bodies",
                json={
                    "alliance_id": alliance_id,
                    "kind": values["kind"],
                    "name": values["name"],
                    "theme": values["theme"] or None,
                    "mandate": values["mandate"],
                    "rules": {"quorum_percent": int(values["quorum_percent"])},
                },
            )
            return flash_redirect(f"/secretariat/bodies/{body['id']}", "body-established")
        except ApiProblem as problem:
            errors = refused(problem)
    context = await _bodies_context(request, visit, alliance_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_bodies.html", context, status=422)


async def _body_context(request: Request, visit: Visit, body_id: str) -> dict[str, Any]:
    api = web_of(request).api
    body = await api.get(visit, f"/v1/alliance/bodies/{body_id}")
    alliance = await api.get(visit, f"/v1/alliance/alliances/{body['alliance_id']}")
    members = await members_of(request, visit, body["alliance_id"])
    meetings = await api.get(
        visit, "/v1/alliance/meetings", params={"body_id": body_id, "limit": "200"}
    )
    today = datetime.now().date().isoformat()
    return {
        "alliance": alliance,
        "body": body,
        "names": {m["id"]: m["name"] for m in members},
        "member_options": [(m["id"], m["name"]) for m in members if m["status"] == "admitted"],
        "role_options": choices(request, BODY_ROLES),
        "kind_options": choices(request, ITEM_KINDS),
        "meetings": meetings["items"],
        "today": today,
        "values": {"role": "member", "timezone": "UTC"},
        **LABELS,
    }


async def body_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _body_context(request, visit, str(request.path_params["body_id"]))
    return render(request, "consoles/secretariat_body.html", context)


async def appoint(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    body_id = str(request.path_params["body_id"])
    values = typed(form, ("member_id", "role", "starts_on", "ends_on"))
    errors = check(
        values,
        {
            "member_id": [required],
            "role": [required],
            "starts_on": [_optional(a_day)],
            "ends_on": [_optional(a_day)],
        },
    )
    if not errors:
        try:
            await web.api.post(
                visit,
                f"/v1/alliance/bodies/{body_id}/memberships",
                json={k: v for k, v in values.items() if v},
            )
            return flash_redirect(f"/secretariat/bodies/{body_id}", "member-appointed")
        except ApiProblem as problem:
            errors = refused(problem)
    context = await _body_context(request, visit, body_id)
    context.update(errors=errors, values=values, form="appoint")
    return render(request, "consoles/secretariat_body.html", context, status=422)


async def end_membership(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    body_id = str(request.path_params["body_id"])
    membership_id = str(request.path_params["membership_id"])
    try:
        await web.api.post(
            visit, f"/v1/alliance/bodies/{body_id}/memberships/{membership_id}/end", json={}
        )
    except ApiProblem as problem:
        context = await _body_context(request, visit, body_id)
        context.update(errors=refused(problem), form="memberships")
        return render(request, "consoles/secretariat_body.html", context, status=422)
    return flash_redirect(f"/secretariat/bodies/{body_id}", "membership-ended")


# ---- meetings ----------------------------------------------------------------------------------
def a_zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return N_("Enter a time zone like Europe/Dublin or UTC.")
    return None


MEETING_FIELDS = ("title", "starts_at", "timezone", "location", "agenda")


async def schedule_meeting(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    body_id = str(request.path_params["body_id"])
    values = typed(form, MEETING_FIELDS)
    values["timezone"] = values["timezone"] or "UTC"
    errors = check(
        values,
        {"title": [required], "starts_at": [required, a_moment], "timezone": [a_zone]},
    )
    if not errors:
        starts = datetime.fromisoformat(values["starts_at"])
        if starts.tzinfo is None:  # typed on the meeting's own clock
            starts = starts.replace(tzinfo=ZoneInfo(values["timezone"]))
        agenda = [line.strip() for line in values["agenda"].splitlines() if line.strip()]
        try:
            meeting = await web.api.post(
                visit,
                "/v1/alliance/meetings",
                json={
                    "body_id": body_id,
                    "title": values["title"],
                    "starts_at": starts.isoformat(),
                    "timezone": values["timezone"],
                    "location": values["location"],
                    "agenda": [{"title": title} for title in agenda],
                },
            )
            return flash_redirect(f"/secretariat/meetings/{meeting['id']}", "meeting-scheduled")
        except ApiProblem as problem:
            errors = refused(problem, fields={"title": "title", "starts_at": "starts_at"})
    context = await _body_context(request, visit, body_id)
    context.update(errors=errors, values=values, form="meeting")
    return render(request, "consoles/secretariat_body.html", context, status=422)


async def _meeting_context(request: Request, visit: Visit, meeting_id: str) -> dict[str, Any]:
    api = web_of(request).api
    meeting = await api.get(visit, f"/v1/alliance/meetings/{meeting_id}")
    body = await api.get(visit, f"/v1/alliance/bodies/{meeting['body_id']}")
    members = await members_of(request, visit, meeting["alliance_id"])
    motions = await api.get(visit, f"/v1/alliance/meetings/{meeting_id}/motions")
    pipeline = await api.get(
        visit, "/v1/alliance/recommendations", params={"alliance_id": meeting["alliance_id"]}
    )
    invited = set(meeting["invitations"])
    return {
        "meeting": meeting,
        "body": body,
        "names": {m["id"]: m["name"] for m in members},
        "invitable": [
            (m["id"], m["name"])
            for m in members
            if m["status"] == "admitted" and m["id"] not in invited
        ],
        "motions": motions["items"],
        # a vote of this body can move on the recommendations whose turn is this body's
        "recommendation_options": [
            (r["id"], r["title"]) for r in pipeline["items"] if r.get("awaiting") == body["kind"]
        ],
        "kind_options": choices(request, ITEM_KINDS),
        "values": {"minutes": (meeting.get("minutes") or {}).get("text", "")},
        **LABELS,
    }


async def meeting_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _meeting_context(request, visit, str(request.path_params["meeting_id"]))
    return render(request, "consoles/secretariat_meeting.html", context)


async def quorum(request: Request) -> Response:
    """The quorum indicator alone: what the meeting page's htmx polling swaps in."""
    visit = require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    meeting = await web_of(request).api.get(visit, f"/v1/alliance/meetings/{meeting_id}")
    return render(request, "consoles/secretariat_quorum.html", {"meeting": meeting})


async def _meeting_action(
    request: Request,
    visit: Visit,
    meeting_id: str,
    call: Callable[[], Awaitable[Any]],
    notice: str,
    *,
    form: str,
    values: dict[str, str] | None = None,
    errors: FormErrors | None = None,
    fields: dict[str, str] | None = None,
) -> Response:
    """Do one thing to a meeting and come back to it: the notice on success; on refusal the
    meeting again with the API's reason beside the form that asked (``form``) and what was
    typed kept."""
    errors = errors or FormErrors()
    if not errors:
        try:
            await call()
            return flash_redirect(f"/secretariat/meetings/{meeting_id}", notice)
        except ApiProblem as problem:
            errors = refused(problem, fields=fields)
    context = await _meeting_context(request, visit, meeting_id)
    context["values"].update(values or {})
    context.update(errors=errors, form=form)
    return render(request, "consoles/secretariat_meeting.html", context, status=422)


async def add_agenda_item(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    values = typed(form, ("item_title", "item_kind"))
    errors = check(values, {"item_title": [required]})
    call = partial(
        web.api.post,
        visit,
        f"/v1/alliance/meetings/{meeting_id}/agenda-items",
        json={"title": values["item_title"], "kind": values["item_kind"] or "discussion"},
    )
    return await _meeting_action(
        request, visit, meeting_id, call, "agenda-item-added",
        form="agenda", values=values, errors=errors, fields={"title": "item_title"},
    )  # fmt: skip


async def invite(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    member_ids = [str(m) for m in form.getlist("member_ids")]
    errors = FormErrors()
    if not member_ids:
        errors.add("member_ids", N_("Choose at least one member to invite."))
    call = partial(
        web.api.post,
        visit,
        f"/v1/alliance/meetings/{meeting_id}/invitations",
        json={"member_ids": member_ids},
    )
    return await _meeting_action(
        request, visit, meeting_id, call, "members-invited", form="invitations", errors=errors
    )


async def record_attendance(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    present = {str(m) for m in form.getlist("present")}
    invited = {str(m) for m in form.getlist("invited")}
    call = partial(
        web.api.post,
        visit,
        f"/v1/alliance/meetings/{meeting_id}/attendance",
        json={"present": sorted(present), "absent": sorted(invited - present)},
    )
    return await _meeting_action(
        request, visit, meeting_id, call, "attendance-recorded", form="attendance"
    )


async def open_motion(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    values = typed(form, ("motion_title", "motion_text", "recommendation_id"))
    errors = check(values, {"motion_title": [required]})
    call = partial(
        web.api.post,
        visit,
        f"/v1/alliance/meetings/{meeting_id}/motions",
        json={
            "title": values["motion_title"],
            "text": values["motion_text"],
            "recommendation_id": values["recommendation_id"] or None,
        },
    )
    return await _meeting_action(
        request, visit, meeting_id, call, "motion-opened",
        form="motion", values=values, errors=errors,
        fields={"title": "motion_title", "text": "motion_text"},
    )  # fmt: skip


async def close_motion(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    motion_id = str(request.path_params["motion_id"])
    call = partial(web.api.post, visit, f"/v1/alliance/motions/{motion_id}/close")
    return await _meeting_action(request, visit, meeting_id, call, "motion-closed", form="motions")


async def draft_minutes(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    values = {"minutes": str(form.get("minutes", ""))}
    errors = check(values, {"minutes": [required]})
    call = partial(
        web.api.put,
        visit,
        f"/v1/alliance/meetings/{meeting_id}/minutes",
        json={"text": values["minutes"]},
    )
    return await _meeting_action(
        request, visit, meeting_id, call, "minutes-saved",
        form="minutes", values=values, errors=errors, fields={"text": "minutes"},
    )  # fmt: skip


async def approve_minutes(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    meeting_id = str(request.path_params["meeting_id"])
    call = partial(web.api.post, visit, f"/v1/alliance/meetings/{meeting_id}/minutes/approval")
    return await _meeting_action(
        request, visit, meeting_id, call, "minutes-approved", form="minutes"
    )


_MEETING = "/secretariat/meetings/{meeting_id:uuid}"
ROUTES = [
    Route("/secretariat", alliances_page, methods=["GET"]),
    Route("/secretariat/alliances/{alliance_id:uuid}", members_page, methods=["GET"]),
    Route("/secretariat/members/{member_id:uuid}", member_page, methods=["GET"]),
    Route("/secretariat/members/{member_id:uuid}/review", review, methods=["POST"]),
    Route(
        "/secretariat/members/{member_id:uuid}/representatives",
        add_representative,
        methods=["POST"],
    ),
    Route(
        "/secretariat/members/{member_id:uuid}/representatives/{account_id:uuid}/remove",
        remove_representative,
        methods=["POST"],
    ),
    Route("/secretariat/alliances/{alliance_id:uuid}/bodies", bodies_page, methods=["GET"]),
    Route("/secretariat/alliances/{alliance_id:uuid}/bodies", establish_body, methods=["POST"]),
    Route("/secretariat/bodies/{body_id:uuid}", body_page, methods=["GET"]),
    Route("/secretariat/bodies/{body_id:uuid}/memberships", appoint, methods=["POST"]),
    Route(
        "/secretariat/bodies/{body_id:uuid}/memberships/{membership_id:uuid}/end",
        end_membership,
        methods=["POST"],
    ),
    Route("/secretariat/bodies/{body_id:uuid}/meetings", schedule_meeting, methods=["POST"]),
    Route(_MEETING, meeting_page, methods=["GET"]),
    Route(f"{_MEETING}/quorum", quorum, methods=["GET"]),
    Route(f"{_MEETING}/agenda", add_agenda_item, methods=["POST"]),
    Route(f"{_MEETING}/invitations", invite, methods=["POST"]),
    Route(f"{_MEETING}/attendance", record_attendance, methods=["POST"]),
    Route(f"{_MEETING}/motions", open_motion, methods=["POST"]),
    Route(f"{_MEETING}/motions/{{motion_id:uuid}}/close", close_motion, methods=["POST"]),
    Route(f"{_MEETING}/minutes", draft_minutes, methods=["POST"]),
    Route(f"{_MEETING}/minutes/approval", approve_minutes, methods=["POST"]),
]
