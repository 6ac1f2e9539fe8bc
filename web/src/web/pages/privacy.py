"""The privacy centre: consents per purpose and recipient, my audit log (who read my data),
export (progress, then the emailed download link lands here), erase my account (password
confirmation, then the receipt page showing which services confirmed)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, check, problem_errors, required
from web.navigation import N_
from web.runtime import (
    flash_redirect,
    read_form,
    redirect,
    render,
    require_sign_in,
    visit_of,
    web_of,
)
from web.vocabulary import role_names

PURPOSES: dict[str, tuple[str, str]] = {
    "directory_listing": (
        N_("Appear in the people directory"),
        N_(
            "Members can find you by your visible profile, and opportunities can be matched to you."
        ),
    ),
    "government_contact": (
        N_("Contact by governments and organisations"),
        N_("Organisations you name may contact you about their opportunities."),
    ),
    "mapping_sharing": (
        N_("Share survey answers"),
        N_("People you name may read the survey answers you linked to your profile."),
    ),
    "newsletters": (N_("Newsletters"), N_("Receive the platform's newsletters.")),
    "partner_sharing": (
        N_("Share with partners"),
        N_("Partners you name receive events about you with your personal details."),
    ),
}
RECIPIENTS: dict[str, str] = {
    "platform": N_("the platform"),
    "organisation": N_("an organisation"),
    "partner": N_("a partner"),
    "account": N_("a person"),
}
SERVICES: dict[str, str] = {
    "profiles": N_("Accounts and profiles"),
    "resources": N_("Library, events and opportunities"),
    "alliance": N_("Alliance"),
    "notifications": N_("Notifications"),
}


async def centre(request: Request, errors: FormErrors | None = None) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    consents = await web.api.get(visit, "/v1/me/consents")
    params = {"limit": 20}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]  # type: ignore[assignment]
    audit = await web.api.get(visit, "/v1/me/audit-log", params=params)
    return render(
        request,
        "portal/privacy.html",
        {
            "consents": consents.get("consents", []),
            "history": consents.get("history", [])[:20],
            "audit": audit,
            "purposes": PURPOSES,
            "recipients": RECIPIENTS,
            "services": SERVICES,
            "roles": await role_names(request),
            "errors": errors or FormErrors(),
            "export_id": request.query_params.get("export", ""),
        },
        status=422 if errors else 200,
    )


async def consent(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    body: dict[str, Any] = {
        "purpose": str(form.get("purpose", "")),
        "recipient_kind": str(form.get("recipient_kind", "platform")),
        "recipient_id": str(form.get("recipient_id", "")) or None,
        "channel": "web",
    }
    path = "/v1/me/consents" if form.get("grant") == "1" else "/v1/me/consents/withdrawals"
    try:
        await web.api.post(visit, path, json=body)
    except ApiProblem as problem:
        return await centre(request, problem_errors(problem))
    return flash_redirect("/privacy#consents", "consent-saved")


# ---- export -----------------------------------------------------------------------------
async def start_export(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    started = await web.api.post(visit, "/v1/me/exports")
    return flash_redirect(f"/privacy/exports/{started['export_id']}", "export-started")


async def export_page(request: Request) -> Response:
    """Progress of an export; the emailed link (``?token=``) lands here and offers the file."""
    web, visit = web_of(request), visit_of(request)
    export_id = str(request.path_params["export_id"])
    token = request.query_params.get("token", "")
    progress = None
    if visit.session.signed_in:
        response = await web.api.call(visit, "GET", f"/v1/me/exports/{export_id}", ok=(404,))
        if response.status_code == 200:
            progress = response.json()
    context = {"export_id": export_id, "progress": progress, "token": token, "services": SERVICES}
    if request.headers.get("hx-request"):
        return render(request, "portal/export_progress.html", context)
    return render(request, "portal/export.html", context)


async def download_export(request: Request) -> Response:
    """The archive through the emailed secret link (the link is the proof, as in the API)."""
    web, visit = web_of(request), visit_of(request)
    export_id = str(request.path_params["export_id"])
    token = request.query_params.get("token", "")
    response = await web.api.call(
        visit,
        "GET",
        f"/v1/me/exports/{export_id}/archive",
        params={"token": token},
        auth=False,
        ok=(400, 403, 404, 410),
    )
    if response.status_code != 200:
        message = (
            N_("This link has expired: ask for a new export.")
            if response.status_code == 410
            else N_("This link is not valid.")
        )
        return render(request, "error.html", {"message": message}, status=response.status_code)
    return Response(
        response.content,
        media_type=response.headers.get("content-type", "application/zip"),
        headers={
            "Content-Disposition": response.headers.get(
                "content-disposition", 'attachment; filename="my-data.zip"'
            ),
            "Cache-Control": "no-store",
        },
    )


# ---- erasure ----------------------------------------------------------------------------
async def erase_page(request: Request) -> Response:
    require_sign_in(request)
    return render(request, "portal/erase.html")


async def erase(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    password = str(form.get("password", ""))
    errors = check(
        {"password": password, "confirm": str(form.get("confirm", ""))},
        {"password": [required], "confirm": [required]},
    )
    if not errors:
        response = await web.api.request(
            visit, "POST", "/v1/me/erasure", json={"password": password}
        )
        if response.status_code == 202:
            receipt = response.json()
            visit.replace_session(visit.session.signed_out())
            return redirect(
                f"/privacy/erasures/{receipt['erasure_id']}?receipt={receipt['receipt']}"
            )
        problem = ApiProblem.from_response(response)
        errors = problem_errors(problem)
        if problem.status == 403:
            errors = FormErrors(fields={"password": N_("This password is not right.")})
    return render(request, "portal/erase.html", {"errors": errors}, status=422)


async def erasure_receipt(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    erasure_id = str(request.path_params["erasure_id"])
    receipt = request.query_params.get("receipt", "")
    response = await web.api.call(
        visit,
        "GET",
        f"/v1/privacy/erasures/{erasure_id}",
        params={"receipt": receipt},
        auth=False,
        ok=(400, 403, 404),
    )
    status = response.json() if response.status_code == 200 else None
    context = {"status": status, "services": SERVICES, "erasure_id": erasure_id, "receipt": receipt}
    if request.headers.get("hx-request"):
        return render(request, "portal/erasure_status.html", context)
    return render(request, "portal/erasure.html", context, status=200 if status else 404)


async def notice(request: Request) -> Response:
    return render(request, "portal/privacy_notice.html", {"purposes": PURPOSES})


ROUTES = [
    Route("/privacy", centre, methods=["GET"]),
    Route("/privacy/notice", notice, methods=["GET"]),
    Route("/privacy/consents", consent, methods=["POST"]),
    Route("/privacy/exports", start_export, methods=["POST"]),
    Route("/privacy/exports/{export_id:uuid}", export_page, methods=["GET"]),
    Route("/privacy/exports/{export_id:uuid}/download", download_export, methods=["GET"]),
    Route("/privacy/erase", erase_page, methods=["GET"]),
    Route("/privacy/erase", erase, methods=["POST"]),
    Route("/privacy/erasures/{erasure_id:uuid}", erasure_receipt, methods=["GET"]),
]
