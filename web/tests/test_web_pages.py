"""Every page renders in every language against a stand-in API, and every state-changing
route refuses a request without the session's CSRF token (no infrastructure)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fake_api import ME, OTHER, REMITTANCES, TERMS, THING, handler, transport
from starlette.routing import Route
from starlette.testclient import TestClient

from web.app import create_app
from web.session import COOKIE, Session
from web.settings import WebSettings

SECRET = "test secret"
PAGES = [
    "/",
    "/register",
    "/signin",
    "/forgot",
    "/reset?token=t",
    "/verify?token=t",
    "/me/profile",
    "/people",
    "/people?q=elo&origin=HT",
    f"/people/{OTHER}",
    "/connections",
    "/messages",
    f"/messages/new?person={OTHER}",
    f"/messages/{THING}",
    "/library",
    "/library?q=guide&kind=toolkit",
    f"/library/{THING}",
    "/library/contribute",
    "/library/mine",
    "/events",
    f"/events/{THING}",
    "/courses",
    f"/courses/{THING}",
    "/courses/verify?code=abc",
    "/opportunities",
    "/opportunities/for-me",
    "/opportunities/mine",
    f"/opportunities/{THING}",
    "/surveys",
    f"/surveys/{THING}",
    "/notifications",
    "/notifications/preferences",
    "/unsubscribe?token=t",
    "/me/security",
    "/privacy",
    "/privacy/notice",
    f"/privacy/exports/{THING}",
    f"/privacy/exports/{THING}?token=t",
    "/privacy/erase",
    f"/privacy/erasures/{THING}?receipt=r",
]


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_app(WebSettings(api_base_url="http://api", session_secret=SECRET), transport())
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


def sign_in(
    client: TestClient,
    roles: tuple[str, ...] = ("member",),
    permissions: tuple[str, ...] = (),
) -> Session:
    pair = {
        "access_token": "t",
        "refresh_token": "r",
        "expires_in": 900,
        "refresh_expires_in": 3600,
    }
    session = (
        Session()
        .with_tokens(pair)
        .with_account(
            {
                "account_id": ME,
                "display_name": "Amina",
                "roles": list(roles),
                "locale": "",
                "status": "active",
            },
            permissions,
        )
    )
    client.cookies.set(COOKIE, client.app.state.web.sealer.seal(session))  # type: ignore[attr-defined]
    return session


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_every_member_page_renders_in_every_language(client: TestClient, locale: str) -> None:
    sign_in(client)
    client.cookies.set("dep_lang", locale)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:2000]}"
        html = response.text
        assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in html, path
        assert "Traceback" not in html
        # a text the API gives per language is shown in one, never as a raw mapping
        assert "{&#39;" not in html, f"{path}: a raw mapping on the page"


def test_a_survey_speaks_the_respondents_language(client: TestClient) -> None:
    client.cookies.set("dep_lang", "fr")
    html = client.get(f"/surveys/{THING}").text
    assert '<h1 lang="fr">Compétences de la diaspora</h1>' in html


def test_pages_that_need_an_account_send_visitors_to_sign_in_and_back(client: TestClient) -> None:
    response = client.get("/me/profile", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/me/profile"


def test_every_state_changing_route_refuses_a_request_without_csrf(client: TestClient) -> None:
    sign_in(client)
    routes = client.app.routes  # type: ignore[attr-defined]
    posts = [
        r
        for r in routes
        if isinstance(r, Route) and "POST" in (r.methods or ()) and not r.path.startswith("/v1/")
    ]
    assert len(posts) > 20
    for route in posts:
        path = re.sub(r"\{[^}]+\}", THING, route.path)
        refused = client.post(path, data={"anything": "x"}, follow_redirects=False)
        assert refused.status_code == 403, f"{path} accepted a form without CSRF"
        forged = client.post(path, data={"csrf": "forged"}, follow_redirects=False)
        assert forged.status_code == 403, f"{path} accepted a forged CSRF token"


def test_the_session_cookie_is_http_only_secure_and_same_site(client: TestClient) -> None:
    response = client.get("/")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    for attribute in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/"):
        assert attribute in cookie


def test_pages_forbid_other_origins_and_framing(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_an_api_path_nobody_serves_is_the_gateways_problem_json(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_sign_in_redirects_only_within_the_site(client: TestClient) -> None:
    from web.runtime import safe_next

    assert safe_next("/people?q=a") == "/people?q=a"
    for hostile in ("https://evil.example", "//evil.example", "javascript:alert(1)", "evil"):
        assert safe_next(hostile) == "/"


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_the_library_names_themes_in_the_readers_language(client: TestClient, locale: str) -> None:
    client.cookies.set("dep_lang", locale)
    for path in ("/library", f"/library/{THING}"):
        html = client.get(path).text
        assert REMITTANCES[locale] in html, path


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_ways_to_contribute_are_named_by_the_shared_vocabulary(
    client: TestClient, locale: str
) -> None:
    """The profile form, a person's page and an opportunity name contribution modes as
    GET /v1/vocabulary/contribution_modes does in the reader's language (one source)."""
    sign_in(client)
    client.cookies.set("dep_lang", locale)
    mentoring = TERMS["contribution_modes"][1][locale]
    for path in ("/me/profile", f"/people/{OTHER}", f"/opportunities/{THING}", "/opportunities"):
        html = client.get(path).text
        assert mentoring in html, path


@pytest.mark.parametrize(
    ("locale", "country", "closes"),
    [
        ("en", "Haiti", "December 31, 2026"),
        ("fr", "Haïti", "31 décembre 2026"),
        ("es", "Haití", "31 de diciembre de 2026"),
        ("ar", "هايتي", "31 ديسمبر 2026"),
    ],
)
def test_the_surveys_page_lists_the_campaigns_open_now(
    client: TestClient, locale: str, country: str, closes: str
) -> None:
    sign_in(client)
    client.cookies.set("dep_lang", locale)
    html = client.get("/surveys").text
    assert f'<a href="/surveys/{THING}">Haitian diaspora mapping 2026</a>' in html
    assert country in html and closes in html, html[html.find("<h2") :][:600]


def unverified_directory(request: httpx.Request) -> httpx.Response:
    """The API as it answers a person whose email address is not confirmed yet."""
    if request.url.path == "/v1/directory/people":
        problem = {
            "type": "https://diaspora.example/problems/email-not-verified",
            "title": "Email not verified",
            "status": 403,
        }
        return httpx.Response(403, json=problem, headers={"content-type": "application/json"})
    if request.url.path == "/v1/auth/refresh":  # the web asks once whether a new token says more
        pair = {"access_token": "t2", "refresh_token": "r2", "expires_in": 900}
        return httpx.Response(200, json={**pair, "refresh_expires_in": 3600})
    return handler(request)


def test_an_unverified_searcher_is_asked_to_confirm_and_may_get_a_new_link() -> None:
    app = create_app(
        WebSettings(api_base_url="http://api", session_secret=SECRET),
        httpx.MockTransport(unverified_directory),
    )
    with TestClient(app, base_url="https://testserver") as client:
        sign_in(client)
        client.cookies.set("dep_lang", "fr")
        html = client.get("/people?q=elo").text
        assert "Confirmez d'abord votre adresse électronique" in html
        assert "could not be done" not in html and "pu être faite" not in html
        # the button sits in the results (inside the search form) and submits its own form
        assert 'form="resend-verification"' in html
        assert '<form id="resend-verification" method="post" action="/verify/resend">' in html
        token = re.search(r'name="csrf" value="([^"]+)"', html)
        assert token
        sent = client.post(
            "/verify/resend", data={"csrf": token[1], "next": "/people"}, follow_redirects=False
        )
        assert sent.status_code == 303
        assert sent.headers["location"] == "/people?done=link-sent"


CONSOLE_PAGES = ["/moderation", "/moderation?reason=submitted&kind=toolkit", f"/moderation/{THING}"]


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar"])
def test_the_moderator_console_renders_in_every_language(client: TestClient, locale: str) -> None:
    sign_in(client, ("member", "moderator"), ("resources.moderate",))
    client.cookies.set("dep_lang", locale)
    for path in CONSOLE_PAGES:
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.text[:2000]}"
        assert f'<html lang="{locale}" dir="{"rtl" if locale == "ar" else "ltr"}">' in response.text
    queue = client.get("/moderation").text
    assert 'href="/moderation"' in queue  # the console is in the menu
    item = client.get(f"/moderation/{THING}").text
    assert f'action="/moderation/{THING}/publish"' in item
    assert f'action="/moderation/{THING}/reject"' in item


def moderator_me(request: httpx.Request) -> httpx.Response:
    """The API as it answers for a person who holds the moderator role."""
    if request.url.path == "/v1/auth/me":
        me = {"account_id": ME, "display_name": "Amina", "roles": ["member", "moderator"]}
        return httpx.Response(200, json={**me, "locale": "en", "status": "active"})
    return handler(request)


def test_signing_in_gives_the_console_that_the_roles_catalogue_permits() -> None:
    """The web knows no role by name: what a role permits comes from GET /v1/vocabulary/roles
    at sign-in, and the moderation console follows the permission resources.moderate."""
    app = create_app(
        WebSettings(api_base_url="http://api", session_secret=SECRET),
        httpx.MockTransport(moderator_me),
    )
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/signin").text
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token
        signed = client.post(
            "/signin",
            data={"csrf": token[1], "email": "a@example.org", "password": "long enough"},
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        assert client.get("/moderation").status_code == 200
        assert 'href="/moderation"' in client.get("/").text


def test_the_privacy_centre_names_roles_as_the_catalogue_does(client: TestClient) -> None:
    sign_in(client)
    client.cookies.set("dep_lang", "fr")
    html = client.get("/privacy").text
    assert "<td>Modérateur</td>" in html  # the access log's accessor_role "moderator"


def test_the_moderator_console_is_for_moderators_only(client: TestClient) -> None:
    sign_in(client)
    assert 'href="/moderation"' not in client.get("/").text
    for path in CONSOLE_PAGES:
        assert client.get(path).status_code == 403, path


def test_a_rejection_needs_a_reason_and_keeps_the_page(client: TestClient) -> None:
    sign_in(client, ("moderator",), ("resources.moderate",))
    page = client.get(f"/moderation/{THING}").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    refused = client.post(
        f"/moderation/{THING}/reject", data={"csrf": token[1], "reason": " ", "version": "3"}
    )
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text and "e-reason" in refused.text
    done = client.post(
        f"/moderation/{THING}/reject",
        data={"csrf": token[1], "reason": "Add sources", "version": "3"},
        follow_redirects=False,
    )
    assert done.headers["location"] == f"/moderation/{THING}?done=moderation-rejected"
