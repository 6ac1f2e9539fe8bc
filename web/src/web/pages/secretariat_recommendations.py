"""The secretariat's recommendation pipeline as a board (issue 28): one column per step
(working group → adopted → advisory review → steering committee → published) and one for
the returned; each item's page shows its trail and the one form that moves it on.

Decisions where issue 28 is silent: an item sent back sits in "Returned" (its last step is a
return) until it moves again, whatever stage it went back to; the board is a list of columns
that wraps on a narrow screen, so it works without JavaScript and with a screen reader (each
column a headed list); moving is a form on the item's page (the API decides whether the
secretariat may take each step: refusals are shown above the form)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem, Visit
from web.forms import FormErrors, check, required
from web.navigation import N_
from web.pages.organisation import choices
from web.pages.secretariat import LABELS, TITLES, refused, require_secretariat, typed
from web.runtime import flash_redirect, read_form, render, web_of

#: the board's columns, in order: (key, heading)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("draft", N_("Working group")),
    ("adopted", N_("Adopted")),
    ("reviewed", N_("Advisory review")),
    ("endorsed", N_("Steering committee")),
    ("published", N_("Published")),
    ("returned", N_("Returned")),
)
STAGES: dict[str, str] = {
    "draft": N_("Draft in the working group"),
    "adopted": N_("Adopted, awaiting advice"),
    "reviewed": N_("Advised, awaiting the steering committee"),
    "endorsed": N_("Endorsed, awaiting publication"),
    "published": N_("Published"),
}
ACTIONS: dict[str, str] = {
    "drafted": N_("Drafted"),
    "revised": N_("Revised"),
    "adopted": N_("Adopted"),
    "reviewed": N_("Advice given"),
    "endorsed": N_("Endorsed"),
    "published": N_("Published"),
    "returned": N_("Returned"),
}
POSITIONS: dict[str, str] = {
    "support": N_("Support"),
    "support_with_changes": N_("Support with changes"),
    "oppose": N_("Oppose"),
}
BOARD_LABELS = {"stages": STAGES, "actions": ACTIONS, "positions": POSITIONS, **LABELS}


def column_of(rec: dict[str, Any]) -> str:
    trail = rec.get("trail") or []
    if trail and trail[-1]["action"] == "returned":
        return "returned"
    return str(rec["stage"])


async def board_page(request: Request) -> Response:
    visit = require_secretariat(request)
    api = web_of(request).api
    alliance_id = str(request.path_params["alliance_id"])
    alliance = await api.get(visit, f"/v1/alliance/alliances/{alliance_id}")
    found = await api.get(
        visit, "/v1/alliance/recommendations", params={"alliance_id": alliance_id}
    )
    board: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in COLUMNS}
    for rec in found["items"]:
        board[column_of(rec)].append(rec)
    return render(
        request,
        "consoles/secretariat_board.html",
        {"alliance": alliance, "columns": COLUMNS, "board": board, **BOARD_LABELS},
    )


async def _item_context(request: Request, visit: Visit, rec_id: str) -> dict[str, Any]:
    api = web_of(request).api
    rec = await api.get(visit, f"/v1/alliance/recommendations/{rec_id}")
    alliance = await api.get(visit, f"/v1/alliance/alliances/{rec['alliance_id']}")
    bodies = (
        await api.get(
            visit,
            "/v1/alliance/bodies",
            params={"alliance_id": rec["alliance_id"], "limit": "200"},
        )
    )["items"]
    endorsing: list[tuple[str, str]] = []
    if rec["stage"] == "reviewed":  # the steering committee's carried votes on this item
        for body in (b for b in bodies if b["kind"] == "steering_committee"):
            meetings = await api.get(
                visit, "/v1/alliance/meetings", params={"body_id": body["id"], "limit": "200"}
            )
            for meeting in meetings["items"]:
                motions = await api.get(visit, f"/v1/alliance/meetings/{meeting['id']}/motions")
                endorsing += [
                    (m["id"], f"{m['title']} ({meeting['title']})")
                    for m in motions["items"]
                    if m.get("recommendation_id") == rec["id"]
                    and (m.get("result") or {}).get("outcome") == "carried"
                ]
    return {
        "alliance": alliance,
        "rec": rec,
        "column": column_of(rec),
        "body_names": {b["id"]: b["name"] for b in bodies},
        "advisory_options": [(b["id"], b["name"]) for b in bodies if b["kind"] == "advisory_group"],
        "position_options": choices(request, POSITIONS),
        "motion_options": endorsing,
        "earlier_options": [
            (code, label)
            for code, label in choices(request, STAGES)
            if list(STAGES).index(code) < list(STAGES).index(rec["stage"])
        ],
        "values": {},
        **BOARD_LABELS,
    }


async def item_page(request: Request) -> Response:
    visit = require_secretariat(request)
    context = await _item_context(request, visit, str(request.path_params["rec_id"]))
    return render(request, "consoles/secretariat_recommendation.html", context)


#: each move: the form's fields, the checks, and the API call it makes
MOVES: dict[str, tuple[tuple[str, ...], dict[str, Any], str]] = {
    "adopt": ((), {}, "adoption"),
    "advise": (
        ("advisory_group_id", "position", "advice"),
        {"advisory_group_id": [required], "position": [required], "advice": [required]},
        "advice",
    ),
    "endorse": (("motion_id",), {"motion_id": [required]}, "endorsement"),
    "publish": ((), {}, "publication"),
    "return": (("reason", "to_stage"), {"reason": [required]}, "return"),
}
MOVED = {
    "adopt": "recommendation-adopted",
    "advise": "recommendation-advised",
    "endorse": "recommendation-endorsed",
    "publish": "recommendation-published",
    "return": "recommendation-returned",
}


def _payload(move: str, values: dict[str, str]) -> dict[str, Any]:
    if move == "advise":
        return {
            "advisory_group_id": values["advisory_group_id"],
            "position": values["position"],
            "text": values["advice"],
        }
    if move == "return":
        return {"reason": values["reason"], "to_stage": values["to_stage"] or None}
    return {k: v for k, v in values.items() if v}


async def move(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_secretariat(request)
    rec_id = str(request.path_params["rec_id"])
    step = str(request.path_params["move"])
    if step not in MOVES:
        errors = FormErrors()
        errors.add(None, TITLES["Invalid transition"])
        values: dict[str, str] = {}
    else:
        names, rules, path = MOVES[step]
        values = typed(form, names)
        errors = check(values, rules)
        if not errors:
            try:
                await web.api.post(
                    visit,
                    f"/v1/alliance/recommendations/{rec_id}/{path}",
                    json=_payload(step, values),
                )
                return flash_redirect(f"/secretariat/recommendations/{rec_id}", MOVED[step])
            except ApiProblem as problem:
                errors = refused(problem, fields={"text": "advice", "reason": "reason"})
    context = await _item_context(request, visit, rec_id)
    context.update(errors=errors, values=values)
    return render(request, "consoles/secretariat_recommendation.html", context, status=422)


ROUTES = [
    Route("/secretariat/alliances/{alliance_id:uuid}/recommendations", board_page, methods=["GET"]),
    Route("/secretariat/recommendations/{rec_id:uuid}", item_page, methods=["GET"]),
    Route("/secretariat/recommendations/{rec_id:uuid}/{move:str}", move, methods=["POST"]),
]
