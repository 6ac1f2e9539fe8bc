"""The directory: people search with facets (accent-insensitive, cursor paging) and a
person's page as the viewer may see it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.people import has_photo
from web.runtime import render, require_sign_in, web_of
from web.vocabulary import classification_labels, contribution_modes, country_name, language_name

#: the API's filters, each repeatable (any of its values matches)
FILTERS = ("origin", "residence", "occupation", "skill", "sector", "language", "mode")


def _query(request: Request) -> dict[str, Any]:
    params = request.query_params
    query: dict[str, Any] = {"q": params.get("q", "").strip()}
    for name in FILTERS:
        query[name] = [v for v in params.getlist(name) if v]
    return query


def facet_counts(facets: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``{filter: {code: count}}`` whether the API lists a facet's values as a mapping or as
    ``[{"value"|"code": ..., "count": ...}]``."""
    out: dict[str, dict[str, int]] = {}
    for name, values in (facets or {}).items():
        if isinstance(values, dict):
            out[name] = {str(k): int(v) for k, v in values.items()}
        elif isinstance(values, list):
            out[name] = {
                str(v.get("value", v.get("code"))): int(v.get("count", 0))
                for v in values
                if isinstance(v, dict)
            }
    return out


async def _labels(request: Request) -> dict[str, dict[str, str]]:
    """Facet values in words (codes are for machines)."""
    require_sign_in(request)
    labels = await classification_labels(request)
    return {
        "occupation": labels.get("occupations", {}),
        "skill": labels.get("skills", {}),
        "sector": labels.get("sectors", {}),
        "education_level": labels.get("education_levels", {}),
        "mode": await contribution_modes(request),
    }


def label_of(labels: dict[str, dict[str, str]], locale: str, name: str, code: str) -> str:
    if name in ("origin", "residence", "country_of_origin", "country_of_residence"):
        return country_name(code, locale)
    if name in ("language", "languages"):
        return language_name(code, locale)
    if name == "contribution_modes":
        name = "mode"
    return labels.get(name, {}).get(code, code)


async def people_page(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    query = _query(request)
    params: list[tuple[str, str]] = [("facets", "true"), ("limit", "20")]
    if query["q"]:
        params.append(("q", query["q"]))
    for name in FILTERS:
        params += [(name, v) for v in query[name]]
    cursor = request.query_params.get("cursor")
    if cursor:
        params.append(("cursor", cursor))
    problem = None
    try:
        found = await web.api.get(visit, "/v1/directory/people", params=params)
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        found, problem = {"items": []}, exc
    labels = await _labels(request)
    keep = [(k, v) for k, v in params if k not in ("facets", "limit", "cursor")]
    next_url = (
        "/people?" + urlencode([*keep, ("cursor", found["next_cursor"])])
        if found.get("next_cursor")
        else ""
    )
    context = {
        "query": query,
        "found": found,
        "facets": facet_counts(found.get("facets") or {}),
        "labels": labels,
        "label_of": lambda name, code: label_of(labels, visit.locale, name, code),
        "next_url": next_url,
        "first_url": "/people?" + urlencode(keep) if cursor else "",
        "problem": problem,
        "unverified": problem is not None and problem.email_not_verified,
    }
    template = (
        "portal/people_results.html" if request.headers.get("hx-request") else "portal/people.html"
    )
    return render(request, template, context)


async def person_page(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    person_id = str(request.path_params["person_id"])
    person = await web.api.get(visit, f"/v1/people/{person_id}")
    connections = await web.api.get(visit, "/v1/connections")
    relation = next(
        (
            c
            for c in connections
            if c["person_id"] == person_id and c["status"] in ("pending", "accepted")
        ),
        None,
    )
    labels = await _labels(request)
    return render(
        request,
        "portal/person.html",
        {
            "person": person,
            "person_id": person_id,
            "relation": relation,
            "is_me": person_id == visit.session.account_id,
            "has_photo": await has_photo(web.api, visit, person_id),
            "label_of": lambda name, code: label_of(labels, visit.locale, name, code),
        },
    )


ROUTES = [
    Route("/people", people_page, methods=["GET"]),
    Route("/people/{person_id:uuid}", person_page, methods=["GET"]),
]
