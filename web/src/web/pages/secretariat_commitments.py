"""The secretariat's commitments (issue 28): the dashboard (counts per status, grouped by
pillar, member or theme), the commitments themselves filtered by member, pillar and status,
each with its indicators and progress reports, and the API's CSV export.

Decisions where issue 28 is silent: the filters are a plain GET form (a filtered view is a
link one can share or bookmark); the status filter is applied by the page (the API filters by
member and pillar only); the CSV is the API's export of the whole alliance, unfiltered, passed
through as it comes (the page says so beside the link)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.navigation import N_
from web.pages.alliance import COMMITMENT_STATUSES
from web.pages.organisation import choices
from web.pages.secretariat import LABELS, members_of, require_secretariat
from web.runtime import render, web_of

GROUPINGS: dict[str, str] = {"pillar": N_("Pillar"), "member": N_("Member"), "theme": N_("Theme")}


async def commitments_page(request: Request) -> Response:
    visit = require_secretariat(request)
    api = web_of(request).api
    alliance_id = str(request.path_params["alliance_id"])
    alliance = await api.get(visit, f"/v1/alliance/alliances/{alliance_id}")
    query = request.query_params
    chosen = {
        "by": query.get("by") if query.get("by") in GROUPINGS else "pillar",
        "member_id": query.get("member_id", ""),
        "pillar": query.get("pillar", ""),
        "status": query.get("status", "") if query.get("status") in COMMITMENT_STATUSES else "",
    }
    dashboard = await api.get(
        visit,
        "/v1/alliance/dashboards/commitments",
        params={"alliance_id": alliance_id, "by": chosen["by"]},
    )
    filters = {k: chosen[k] for k in ("member_id", "pillar") if chosen[k]}
    found = await api.get(
        visit, "/v1/alliance/commitments", params={"alliance_id": alliance_id, **filters}
    )
    members = await members_of(request, visit, alliance_id)
    names = {m["id"]: m["name"] for m in members}
    pillars = {p["code"]: p["title"] for p in alliance.get("pillars", [])}
    themes = {t["code"]: t["title"] for t in alliance.get("themes", [])}
    return render(
        request,
        "consoles/secretariat_commitments.html",
        {
            "alliance": alliance,
            "dashboard": dashboard,
            "commitments": [
                c for c in found["items"] if not chosen["status"] or c["status"] == chosen["status"]
            ],
            "names": names,
            "pillars": pillars,
            "themes": themes,
            "commitment_statuses": COMMITMENT_STATUSES,
            "groupings": GROUPINGS,
            "grouping_options": choices(request, GROUPINGS),
            "status_options": choices(request, COMMITMENT_STATUSES),
            "member_options": sorted(names.items(), key=lambda item: item[1]),
            "pillar_options": list(pillars.items()),
            "values": chosen,
            **LABELS,
        },
    )


async def commitment_page(request: Request) -> Response:
    visit = require_secretariat(request)
    api = web_of(request).api
    commitment = await api.get(
        visit, f"/v1/alliance/commitments/{request.path_params['commitment_id']}"
    )
    alliance = await api.get(visit, f"/v1/alliance/alliances/{commitment['alliance_id']}")
    member = await api.get(visit, f"/v1/alliance/members/{commitment['member_id']}")
    return render(
        request,
        "consoles/secretariat_commitment.html",
        {
            "alliance": alliance,
            "commitment": commitment,
            "member": member,
            "commitment_statuses": COMMITMENT_STATUSES,
        },
    )


async def export_csv(request: Request) -> Response:
    """The API's CSV, passed through (its name and type kept)."""
    visit = require_secretariat(request)
    answer = await web_of(request).api.call(
        visit,
        "GET",
        "/v1/alliance/commitments/export.csv",
        params={"alliance_id": str(request.path_params["alliance_id"])},
    )
    return Response(
        answer.content,
        media_type=answer.headers.get("content-type", "text/csv; charset=utf-8"),
        headers={
            "Content-Disposition": answer.headers.get(
                "content-disposition", 'attachment; filename="commitments.csv"'
            )
        },
    )


ROUTES = [
    Route(
        "/secretariat/alliances/{alliance_id:uuid}/commitments", commitments_page, methods=["GET"]
    ),
    Route("/secretariat/alliances/{alliance_id:uuid}/commitments.csv", export_csv, methods=["GET"]),
    Route("/secretariat/commitments/{commitment_id:uuid}", commitment_page, methods=["GET"]),
]
