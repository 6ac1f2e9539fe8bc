"""The resource library: search with facets in the reader's language, a resource's page with
its attachments, contribute (with an upload; type and size errors beside the field), my
submissions and their moderation status, report a resource."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, check, problem_errors, required
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
from web.settings import LOCALES
from web.vocabulary import (
    countries,
    country_name,
    language_name,
    term_label,
    term_labels,
)

KINDS: dict[str, str] = {
    "research": N_("Research and studies"),
    "law_policy": N_("Laws and policies"),
    "toolkit": N_("Toolkits"),
    "public_information": N_("Public information"),
    "newsletter": N_("Newsletters"),
    "podcast_episode": N_("Podcast episodes"),
    "video": N_("Videos"),
    "training": N_("Trainings"),
    "project_record": N_("Project records"),
}
STATUSES: dict[str, str] = {
    "draft": N_("Draft"),
    "submitted": N_("Waiting for review"),
    "published": N_("Published"),
    "rejected": N_("Returned by a moderator"),
    "archived": N_("Archived"),
}
FILTERS = ("kind", "theme", "sdg", "country", "language", "year")
#: what the upload accepts (the API sniffs the bytes and decides; this only guides people)
ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.txt,.csv,.png,.jpg,.jpeg,.webp,.mp3,.mp4"


THEMES = "resource_themes"


def facet_label(
    name: str,
    value: str,
    locale: str,
    gettext: Callable[[str], str],
    themes: Mapping[str, str],
) -> str:
    """A facet value in words, in the reader's language."""
    if name == "theme":
        return term_label(themes, value)
    if name == "kind":
        return gettext(KINDS.get(value, value))
    if name == "country":
        return country_name(value, locale)
    if name == "language":
        return language_name(value, locale)
    if name == "sdg":
        return gettext("Sustainable Development Goal %(number)s") % {"number": value}
    return value.replace("_", " ")


async def library_page(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    params = request.query_params
    query: dict[str, Any] = {"q": params.get("q", "").strip()}
    api_params: list[tuple[str, str]] = [("lang", visit.locale), ("limit", "20")]
    if query["q"]:
        api_params.append(("q", query["q"]))
    for name in FILTERS:
        query[name] = params.get(name, "")
        if query[name]:
            api_params.append((name, query[name]))
    if params.get("cursor"):
        api_params.append(("cursor", params["cursor"]))
    problem = None
    try:
        found = await web.api.get(visit, "/v1/resources", params=api_params, auth=False)
    except ApiProblem as exc:
        if exc.status >= 500:
            raise
        found, problem = {"items": [], "facets": {}}, exc
    keep = [(k, v) for k, v in api_params if k not in ("lang", "limit", "cursor")]
    themes = await term_labels(request, THEMES)
    context = {
        "query": query,
        "found": found,
        "facets": found.get("facets") or {},
        "facet_label": lambda name, value: facet_label(
            name, value, visit.locale, language_of(request).gettext, themes
        ),
        "kinds": KINDS,
        "next_url": "/library?" + urlencode([*keep, ("cursor", found["next_cursor"])])
        if found.get("next_cursor")
        else "",
        "problem": problem,
    }
    template = (
        "portal/library_results.html"
        if request.headers.get("hx-request")
        else "portal/library.html"
    )
    return render(request, template, context)


async def resource_context(request: Request, resource: dict[str, Any]) -> dict[str, Any]:
    """What a resource's page needs to name its codes in the reader's language (the
    moderator's preview uses it too)."""
    locale = visit_of(request).locale
    return {
        "resource": resource,
        "kinds": KINDS,
        "statuses": STATUSES,
        "language_name": lambda code: language_name(code, locale),
        "country_name": lambda code: country_name(code, locale),
        "theme_name": partial(term_label, await term_labels(request, THEMES)),
    }


async def resource_page(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    resource_id = str(request.path_params["resource_id"])
    resource = await web.api.get(
        visit, f"/v1/resources/{resource_id}", params={"lang": visit.locale}
    )
    return render(request, "portal/resource.html", await resource_context(request, resource))


async def report(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    resource_id = str(request.path_params["resource_id"])
    reason = str(form.get("reason", "")).strip()
    errors = check({"reason": reason}, {"reason": [required]})
    if not errors:
        try:
            await web.api.call(
                visit, "POST", f"/v1/resources/{resource_id}/reports", json={"reason": reason}
            )
            return flash_redirect(f"/library/{resource_id}", "reported")
        except ApiProblem as problem:
            errors = problem_errors(problem, fields={"reason": "reason"})
    resource = await web.api.get(
        visit, f"/v1/resources/{resource_id}", params={"lang": visit.locale}
    )
    context = await resource_context(request, resource)
    context.update(errors=errors, values={"reason": reason})
    return render(request, "portal/resource.html", context, status=422)


# ---- contribute -------------------------------------------------------------------------
def _contribute_context(
    request: Request, values: dict[str, Any], errors: FormErrors
) -> dict[str, Any]:
    visit = visit_of(request)
    gettext = language_of(request).gettext
    return {
        "values": values,
        "errors": errors,
        "kind_options": [(code, gettext(label)) for code, label in KINDS.items()],
        "countries": countries(visit.locale),
        "languages": [(code, language_name(code, visit.locale)) for code in LOCALES],
        "accept": ACCEPT,
    }


async def contribute_page(request: Request) -> Response:
    visit = require_sign_in(request)
    return render(
        request,
        "portal/contribute.html",
        _contribute_context(request, {"language": visit.locale}, FormErrors()),
    )


def _resource_document(form: FormData) -> dict[str, Any]:
    themes = [t.strip() for t in str(form.get("themes", "")).split(",") if t.strip()]
    year = str(form.get("year", "")).strip()
    return {
        "kind": str(form.get("kind", "")),
        "language": str(form.get("language", "")),
        "title": str(form.get("title", "")).strip(),
        "summary": str(form.get("summary", "")).strip(),
        "themes": themes,
        "countries": [c for c in form.getlist("countries") if c],
        "year": int(year) if year.isdigit() else None,
        "url": str(form.get("url", "")).strip() or None,
    }


async def contribute(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    values: dict[str, Any] = {
        k: str(form.get(k, ""))
        for k in ("kind", "language", "title", "summary", "themes", "year", "url", "resource_id")
    }
    values["countries"] = list(form.getlist("countries"))
    errors = check(values, {"title": [required], "kind": [required], "language": [required]})
    year = values["year"].strip()
    if year and not year.isdigit():
        errors.add("year", N_("Enter a whole number."))
    upload = form.get("file")
    if errors:
        return render(
            request,
            "portal/contribute.html",
            _contribute_context(request, values, errors),
            status=422,
        )
    document = _resource_document(form)
    resource_id = values["resource_id"]
    try:
        if not resource_id:
            created = await web.api.post(visit, "/v1/resources", json=document)
            resource_id = str(created["id"])
            values["resource_id"] = resource_id
        else:
            await web.api.put(
                visit,
                f"/v1/resources/{resource_id}/translations/{document['language']}",
                json={"title": document["title"], "summary": document["summary"]},
            )
    except ApiProblem as problem:
        errors = problem_errors(
            problem,
            fields={
                "countries": "countries",
                "url": "url",
                "title": "title",
                "summary": "summary",
                "themes": "themes",
                "year": "year",
            },
        )
        return render(
            request,
            "portal/contribute.html",
            _contribute_context(request, values, errors),
            status=422,
        )
    if isinstance(upload, UploadFile) and upload.filename:
        try:
            await web.api.call(
                visit,
                "POST",
                f"/v1/resources/{resource_id}/attachments",
                params={"filename": upload.filename},
                content=await upload.read(),
                headers={"Content-Type": "application/octet-stream"},
            )
        except ApiProblem as problem:
            file_errors = FormErrors()
            if problem.status == 413:
                file_errors.add("file", N_("This file is too large."))
            elif problem.status == 415:
                file_errors.add(
                    "file",
                    N_(
                        "This type of file is not accepted. Send a PDF, an office document, "
                        "a picture, a sound or a video."
                    ),
                )
            else:
                file_errors = problem_errors(problem, titles={problem.title: "file"})
            return render(
                request,
                "portal/contribute.html",
                _contribute_context(request, values, file_errors),
                status=422,
            )
    await web.api.post(visit, f"/v1/resources/{resource_id}/submit")
    return flash_redirect("/library/mine", "submitted")


async def my_submissions(request: Request) -> Response:
    web, visit = web_of(request), require_sign_in(request)
    mine = await web.api.get(visit, "/v1/resources/mine", params={"lang": visit.locale})
    return render(
        request,
        "portal/library_mine.html",
        {"items": mine.get("items", []), "statuses": STATUSES, "kinds": KINDS},
    )


ROUTES = [
    Route("/library", library_page, methods=["GET"]),
    Route("/library/contribute", contribute_page, methods=["GET"]),
    Route("/library/contribute", contribute, methods=["POST"]),
    Route("/library/mine", my_submissions, methods=["GET"]),
    Route("/library/{resource_id:uuid}", resource_page, methods=["GET"]),
    Route("/library/{resource_id:uuid}/report", report, methods=["POST"]),
]
