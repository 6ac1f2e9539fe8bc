"""Courses: the catalogue, enrol, lessons, progress, completion with its verification code,
and the public page that verifies a code."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from web.api import ApiProblem
from web.forms import problem_errors
from web.runtime import flash_redirect, read_form, render, require_sign_in, visit_of, web_of


async def catalogue(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    params: dict[str, Any] = {"limit": 20}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]
    found = await web.api.get(visit, "/v1/courses", params=params, auth=False)
    return render(
        request,
        "portal/courses.html",
        {"courses": found.get("items", []), "next_cursor": found.get("next_cursor")},
    )


async def _course_context(request: Request) -> dict[str, Any]:
    web, visit = web_of(request), visit_of(request)
    course_id = str(request.path_params["course_id"])
    course = await web.api.get(visit, f"/v1/courses/{course_id}", auth=False)
    progress = None
    if visit.session.signed_in:
        response = await web.api.call(
            visit, "GET", f"/v1/courses/{course_id}/enrolments/me", ok=(404,)
        )
        if response.status_code == 200:
            progress = response.json()
    return {"course": course, "progress": progress, "code": request.query_params.get("code", "")}


async def course_page(request: Request) -> Response:
    return render(request, "portal/course.html", await _course_context(request))


async def enrol(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    course_id = str(request.path_params["course_id"])
    try:
        await web.api.post(visit, f"/v1/courses/{course_id}/enrolments")
    except ApiProblem as problem:
        if problem.status != 409:  # already enrolled: nothing to say
            return render(
                request,
                "portal/course.html",
                {**await _course_context(request), "errors": problem_errors(problem)},
                status=problem.status,
            )
    return flash_redirect(f"/courses/{course_id}", "enrolled")


async def complete_lesson(request: Request) -> Response:
    await read_form(request)
    web, visit = web_of(request), require_sign_in(request)
    course_id = str(request.path_params["course_id"])
    lesson = request.path_params["lesson_id"]
    try:
        progress = await web.api.post(visit, f"/v1/courses/{course_id}/lessons/{lesson}/complete")
    except ApiProblem as problem:
        return render(
            request,
            "portal/course.html",
            {**await _course_context(request), "errors": problem_errors(problem)},
            status=problem.status,
        )
    if progress.get("verification_code"):
        # shown once: the API keeps only its digest
        return render(
            request,
            "portal/course.html",
            {**await _course_context(request), "code": progress["verification_code"]},
        )
    return flash_redirect(f"/courses/{course_id}#lesson-{lesson}", "lesson-done")


async def verify_completion(request: Request) -> Response:
    web, visit = web_of(request), visit_of(request)
    code = request.query_params.get("code", "").strip()
    completion = None
    checked = False
    if code:
        checked = True
        response = await web.api.call(
            visit, "GET", f"/v1/courses/completions/{code}", auth=False, ok=(404, 422)
        )
        if response.status_code == 200:
            completion = response.json()
    return render(
        request,
        "portal/completion.html",
        {"code": code, "completion": completion, "checked": checked},
    )


ROUTES = [
    Route("/courses", catalogue, methods=["GET"]),
    Route("/courses/verify", verify_completion, methods=["GET"]),
    Route("/courses/{course_id:uuid}", course_page, methods=["GET"]),
    Route("/courses/{course_id:uuid}/enrolment", enrol, methods=["POST"]),
    Route(
        "/courses/{course_id:uuid}/lessons/{lesson_id}/complete", complete_lesson, methods=["POST"]
    ),
]
