"""Opportunities: the open list with filters, "for me" with the reasons in words, express
interest, my interests and their status."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import problem_errors
from web.navigation import N_
from web.runtime import (
    flash_redirect,
    language_of,
    read_form,
    render,
    require_sign_in,
    visit_of,
    web_of,
)
from web.vocabulary import (
    classification_labels,
    contribution_modes,
    countries,
    country_name,
    language_name,
)

KINDS: dict[str, str] = {
    "experts": N_("Call for experts"),
    "mentors": N_("Call for mentors"),
    "volunteers": N_("Call for volunteers"),
    "investment": N_("Investment"),
    "project": N_("Project"),
}
INTEREST_STATUSES: dict[str, str] = {
    "submitted": N_("Sent"),
    "shortlisted": N_("Shortlisted"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "withdrawn": N_("Withdrawn"),
}
FILTERS = ("kind", "sector", "country", "mode")


async def _taxonomy(request: Request) -> dict[str, dict[str, str]]:
    labels = await classification_labels(request)
    return {**labels, "contribution_modes": await contribution_modes(request)}


def reason_in_words(
    reason: dict[str, Any], labels: dict[str, dict[str, str]], locale: str, gettext: Any
) -> str:
    """A matching reason the way a person says it: "You have the skills asked for: ..."."""
    kind, values = reason.get("kind", ""), [str(v) for v in reason.get("values", [])]
    words: dict[str, tuple[str, list[str]]] = {
        "shared_skills": (
            gettext("You have the skills asked for"),
            [labels.get("skills", {}).get(v, v) for v in values],
        ),
        "shared_sectors": (
            gettext("You know the sectors concerned"),
            [labels.get("sectors", {}).get(v, v) for v in values],
        ),
        "shared_languages": (
            gettext("You speak the languages asked for"),
            [language_name(v, locale) for v in values],
        ),
        "contribution_modes": (
            gettext("You would like to contribute this way"),
            [labels.get("contribution_modes", {}).get(v, v) for v in values],
        ),
        "country_of_origin": (
            gettext("Your country of origin is concerned"),
            [country_name(v, locale) for v in values],
        ),
        "country_of_residence": (
            gettext("You live in a country concerned"),
            [country_name(v, locale) for v in values],
        ),
    }
    lead, named = words.get(kind, (gettext("It matches your profile"), values))
    return f"{lead}: {', '.join(named)}" if named else lead


async def open_list(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    query = {name: request.query_params.get(name, "") for name in FILTERS}
    params: list[tuple[str, str]] = [("limit", "20"), *((k, v) for k, v in query.items() if v)]
    if request.query_params.get("cursor"):
        params.append(("cursor", request.query_params["cursor"]))
    problem = None
    try:
        found = await web.api.get(visit, "/v1/opportunities", params=params, auth=False)
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        found, problem = {"items": []}, exc
    labels = await _taxonomy(request)
    keep = [(k, v) for k, v in params if k not in ("limit", "cursor")]
    gettext = language_of(request).gettext
    return render(
        request,
        "portal/opportunities.html",
        {
            "items": found.get("items", []),
            "query": query,
            "kinds": KINDS,
            "filter_options": {
                "kind": [(k, gettext(v)) for k, v in KINDS.items()],
                "sector": sorted(labels.get("sectors", {}).items(), key=lambda kv: kv[1]),
                "country": countries(visit.locale),
                "mode": list(labels["contribution_modes"].items()),
            },
            "next_url": "/opportunities?" + urlencode([*keep, ("cursor", found["next_cursor"])])
            if found.get("next_cursor")
            else "",
            "problem": problem,
        },
    )


async def for_me(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    response = await web.api.call(visit, "GET", "/v1/opportunities/for-me", ok=(404,))
    matches = response.json() if response.status_code == 200 else []
    labels = await _taxonomy(request)
    gettext = language_of(request).gettext
    for match in matches:
        match["reasons_in_words"] = [
            reason_in_words(r, labels, visit.locale, gettext) for r in match.get("reasons", [])
        ]
    return render(
        request,
        "portal/opportunities_for_me.html",
        {"matches": matches, "kinds": KINDS, "no_profile": response.status_code == 404},
    )


async def opportunity_page(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    opportunity_id = str(request.path_params["opportunity_id"])
    opportunity = await web.api.get(visit, f"/v1/opportunities/{opportunity_id}", auth=False)
    labels = await _taxonomy(request)
    mine = None
    if visit.session.signed_in:
        interests = await web.api.get(visit, "/v1/opportunities/interests/mine")
        mine = next(
            (i for i in interests.get("items", []) if i["opportunity_id"] == opportunity_id), None
        )
    return render(
        request,
        "portal/opportunity.html",
        {
            "o": opportunity,
            "kinds": KINDS,
            "labels": labels,
            "mine": mine,
            "statuses": INTEREST_STATUSES,
            "country_name": lambda c: country_name(c, visit.locale),
            "language_name": lambda c: language_name(c, visit.locale),
            "modes": labels["contribution_modes"],
        },
    )


async def express_interest(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    opportunity_id = str(request.path_params["opportunity_id"])
    message = str(form.get("message", "")).strip()
    try:
        await web.api.post(
            visit, f"/v1/opportunities/{opportunity_id}/interests", json={"message": message}
        )
    except ApiProblem as problem:
        opportunity = await web.api.get(visit, f"/v1/opportunities/{opportunity_id}", auth=False)
        labels = await _taxonomy(request)
        return render(
            request,
            "portal/opportunity.html",
            {
                "o": opportunity,
                "kinds": KINDS,
                "labels": labels,
                "mine": None,
                "statuses": INTEREST_STATUSES,
                "errors": problem_errors(problem, fields={"message": "message"}),
                "values": {"message": message},
                "country_name": lambda c: country_name(c, visit.locale),
                "language_name": lambda c: language_name(c, visit.locale),
                "modes": labels["contribution_modes"],
            },
            status=422,
        )
    return flash_redirect(f"/opportunities/{opportunity_id}", "interest-sent")


async def my_interests(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    interests = await web.api.get(visit, "/v1/opportunities/interests/mine")
    return render(
        request,
        "portal/interests.html",
        {"items": interests.get("items", []), "statuses": INTEREST_STATUSES},
    )


ROUTES = [
    Route("/opportunities", open_list, methods=["GET"]),
    Route("/opportunities/for-me", for_me, methods=["GET"]),
    Route("/opportunities/mine", my_interests, methods=["GET"]),
    Route("/opportunities/{opportunity_id:uuid}", opportunity_page, methods=["GET"]),
    Route("/opportunities/{opportunity_id:uuid}/interest", express_interest, methods=["POST"]),
]
