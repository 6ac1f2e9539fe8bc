"""My profile: every field with who may see it, photo with preview, languages, skills and
occupations from the platform's vocabulary, contribution modes."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import FormErrors, problem_errors
from web.navigation import N_
from web.people import has_photo
from web.runtime import flash_redirect, read_form, render, require_sign_in, web_of
from web.vocabulary import (
    LANGUAGE_LEVELS,
    classifications,
    contribution_modes,
    countries,
    languages,
)

TEXT_FIELDS = ("display_name", "given_name", "family_name", "city", "availability")
CODE_FIELDS = ("country_of_origin", "country_of_residence", "education_level")
LIST_FIELDS = ("skills", "occupations", "sectors", "contribution_modes")
#: fields whose visibility the form offers (the API keeps the rest at their defaults)
VISIBILITY_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "headline",
    "bio",
    "country_of_origin",
    "country_of_residence",
    "city",
    "languages",
    "skills",
    "occupations",
    "sectors",
    "education_level",
    "contribution_modes",
    "photo",
)
MAX_LANGUAGES = 8
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024


def form_values(profile: dict[str, Any], locale: str) -> dict[str, Any]:
    """The API's profile document as the form shows it."""
    values: dict[str, Any] = {
        name: profile.get(name) or "" for name in (*TEXT_FIELDS, *CODE_FIELDS)
    }
    values["headline"] = (profile.get("headline") or {}).get(locale, "")
    values["bio"] = (profile.get("bio") or {}).get(locale, "")
    for name in LIST_FIELDS:
        values[name] = list(profile.get(name) or [])
    values["languages"] = list(profile.get("languages") or [])
    values["open_to_opportunities"] = bool(profile.get("open_to_opportunities"))
    for name, level in (profile.get("visibility") or {}).items():
        values[f"vis_{name}"] = level
    values["_headline_all"] = profile.get("headline") or {}
    values["_bio_all"] = profile.get("bio") or {}
    return values


def document_from(form: FormData, locale: str, previous: dict[str, Any]) -> dict[str, Any]:
    """The whole profile (PUT) from the posted form; texts in other languages are kept."""
    doc: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, *CODE_FIELDS):
        value = str(form.get(name, "")).strip()
        doc[name] = value or None
    doc["display_name"] = doc["display_name"] or ""
    for name in ("headline", "bio"):
        texts = dict(previous.get(f"_{name}_all") or {})
        value = str(form.get(name, "")).strip()
        if value:
            texts[locale] = value
        else:
            texts.pop(locale, None)
        doc[name] = texts
    for name in LIST_FIELDS:
        doc[name] = [str(v) for v in form.getlist(name) if str(v)]
    spoken: list[dict[str, str]] = []
    for i in range(MAX_LANGUAGES + 1):
        code = str(form.get(f"lang_{i}", "")).strip()
        if code and code not in {s["code"] for s in spoken}:
            spoken.append({"code": code, "level": str(form.get(f"level_{i}", "fluent"))})
    doc["languages"] = spoken
    doc["open_to_opportunities"] = form.get("open_to_opportunities") == "on"
    doc["visibility"] = {
        name: str(form.get(f"vis_{name}"))
        for name in VISIBILITY_FIELDS
        if form.get(f"vis_{name}") in ("public", "members", "connections", "private")
    }
    # statistics-only fields are not on this form: keep what the person gave elsewhere
    for name in ("gender", "birth_year", "tags", "interests", "years_of_experience"):
        if previous.get(f"_{name}") is not None:
            doc[name] = previous[f"_{name}"]
    return doc


async def _load(request: Request) -> tuple[dict[str, Any], str]:
    web, visit = web_of(request), require_sign_in(request)
    response = await web.api.call(visit, "GET", "/v1/me/profile", ok=(404,))
    if response.status_code == 404:
        return {"display_name": visit.session.display_name}, ""
    return response.json(), response.headers.get("etag", "")


async def _context(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    visit = require_sign_in(request)
    taxonomy = await classifications(request)
    spoken = list(values.get("languages") or [])
    return {
        "values": values,
        "taxonomy": taxonomy,
        "countries": countries(visit.locale),
        "all_languages": languages(visit.locale),
        "language_rows": [*spoken, {"code": "", "level": "fluent"}][: MAX_LANGUAGES + 1],
        "levels": LANGUAGE_LEVELS,
        "modes": await contribution_modes(request, values.get("contribution_modes") or []),
        "education": [(i["code"], i["label"]) for i in taxonomy.get("education_levels", [])],
    }


async def profile_page(request: Request) -> Response:
    visit = require_sign_in(request)
    profile, etag = await _load(request)
    values = form_values(profile, visit.locale)
    context = await _context(request, values)
    return render(
        request,
        "portal/profile.html",
        {
            **context,
            "etag": etag,
            "photo_url": profile.get("photo_url"),
            "account_id": visit.session.account_id,
            "has_photo": await has_photo(web_of(request).api, visit, visit.session.account_id),
        },
    )


async def save_profile(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    profile, etag = await _load(request)
    previous = form_values(profile, visit.locale)
    for name in ("gender", "birth_year", "tags", "interests", "years_of_experience"):
        previous[f"_{name}"] = profile.get(name)
    document = document_from(form, visit.locale, previous)
    headers = {"If-Match": etag} if etag else {}
    errors = FormErrors()
    if not document["display_name"]:
        errors.add("display_name", N_("This field is required."))
    if not errors:
        try:
            await web.api.put(visit, "/v1/me/profile", json=document, headers=headers)
            return flash_redirect("/me/profile", "profile-saved")
        except ApiProblem as problem:
            errors = problem_errors(problem)
    # keep what was typed
    typed = form_values({**document, "visibility": document["visibility"]}, visit.locale)
    typed["headline"], typed["bio"] = str(form.get("headline", "")), str(form.get("bio", ""))
    context = await _context(request, typed)
    return render(
        request,
        "portal/profile.html",
        {
            **context,
            "errors": errors,
            "etag": etag,
            "account_id": visit.session.account_id,
            "has_photo": False,
        },
        status=422,
    )


async def upload_photo(request: Request) -> Response:
    form = await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    upload = form.get("photo")
    errors = FormErrors()
    if form.get("remove") == "1":
        await web.api.call(visit, "DELETE", "/v1/me/profile/photo", ok=(404,))
        return flash_redirect("/me/profile", "photo-removed")
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.add("photo", N_("Choose a picture first."))
    else:
        content_type = (upload.content_type or "").lower()
        data = await upload.read(PHOTO_MAX_BYTES + 1)
        if content_type not in PHOTO_TYPES:
            errors.add("photo", N_("Choose a JPEG, PNG or WebP picture."))
        elif len(data) > PHOTO_MAX_BYTES:
            errors.add("photo", N_("This picture is larger than 5 MB."))
        else:
            try:
                await web.api.put(
                    visit,
                    "/v1/me/profile/photo",
                    content=data,
                    headers={"Content-Type": content_type},
                )
                return flash_redirect("/me/profile", "photo-saved")
            except ApiProblem as problem:
                errors = problem_errors(
                    problem,
                    titles={
                        t: "photo"
                        for t in (
                            "Unprocessable Content",
                            "Not Found",
                            "Payload Too Large",
                            "Content Too Large",
                            "Unsupported Media Type",
                        )
                    },
                )
                if problem.status == 404:
                    errors = FormErrors(
                        fields={"photo": N_("Save your profile once before adding a photo.")}
                    )
    profile, etag = await _load(request)
    context = await _context(request, form_values(profile, visit.locale))
    return render(
        request,
        "portal/profile.html",
        {
            **context,
            "errors": errors,
            "etag": etag,
            "account_id": visit.session.account_id,
            "has_photo": await has_photo(web_of(request).api, visit, visit.session.account_id),
        },
        status=422,
    )


async def photo(request: Request) -> Response:
    """A person's photo, fetched with the viewer's token (the API decides who may see it)."""
    web, visit = web_of(request), require_sign_in(request)
    person = request.path_params["person_id"]
    size = "thumbnail" if request.query_params.get("size") == "thumbnail" else "full"
    response = await web.api.call(
        visit, "GET", f"/v1/people/{person}/photo", params={"size": size}, ok=(404,)
    )
    if response.status_code == 404:
        return Response(status_code=404)
    return Response(
        response.content,
        media_type=response.headers.get("content-type", "image/jpeg"),
        headers={"Cache-Control": "private, max-age=300"},
    )


ROUTES = [
    Route("/me/profile", profile_page, methods=["GET"]),
    Route("/me/profile", save_profile, methods=["POST"]),
    Route("/me/profile/photo", upload_photo, methods=["POST"]),
    Route("/people/{person_id:uuid}/photo", photo, methods=["GET"]),
]
