"""What every page handler needs: the API, the session sealer, languages and templates, plus
the helpers that turn a request into a rendered, localised page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.ext import _make_new_gettext, _make_new_ngettext
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from web.api import Api, SignInRequired, Visit
from web.forms import FormErrors
from web.i18n import Language, Languages
from web.navigation import menus
from web.notices import NOTICES
from web.session import SessionSealer
from web.settings import LOCALES, WebSettings

PACKAGE = Path(__file__).parent
STATIC_DIR = PACKAGE / "static"


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token."""


def static_versions() -> dict[str, str]:
    """Content digests of the static files: URLs change when a file does, so browsers may
    keep them for a year."""
    return {
        str(p.relative_to(STATIC_DIR)): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in STATIC_DIR.rglob("*")
        if p.is_file()
    }


@dataclass
class Web:
    settings: WebSettings
    api: Api
    sealer: SessionSealer
    languages: Languages
    templates: Environment
    versions: dict[str, str]
    _formatting: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: the API's answers about the shared vocabulary, (scheme or "roles", language) -> answer
    #: (web.vocabulary): they change only when the platform is deployed again
    vocabulary: dict[tuple[str, str], Any] = field(default_factory=dict)

    @classmethod
    def build(cls, settings: WebSettings, api: Api) -> Web:
        env = Environment(
            loader=FileSystemLoader(PACKAGE / "templates"),
            autoescape=select_autoescape(["html"]),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        web = cls(settings, api, SessionSealer(settings.session_secret), Languages(), env, {})
        web.versions = static_versions()
        env.globals["static"] = web.static_url
        env.filters["pair"] = lambda value: (value, value)
        env.globals["LOCALES"] = LOCALES
        env.policies["ext.i18n.trimmed"] = True
        return web

    def formatting(self, language: Language) -> tuple[Any, Any]:
        """The language's gettext and ngettext as Jinja's "newstyle" calls: ``_("Hello
        %(name)s", name=...)`` formats, and the values are escaped (jinja2.ext's own wrappers,
        made once per language)."""
        cached = self._formatting.get(language.code)
        if cached is None:
            cached = (_make_new_gettext(language.gettext), _make_new_ngettext(language.ngettext))
            self._formatting[language.code] = cached
        return cached

    def static_url(self, path: str) -> str:
        return f"/static/{path}?v={self.versions.get(path, '0')}"


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def visit_of(request: Request) -> Visit:
    visit: Visit = request.state.visit
    return visit


def language_of(request: Request) -> Language:
    return web_of(request).languages[visit_of(request).locale]


def require_sign_in(request: Request) -> Visit:
    visit = visit_of(request)
    if not visit.session.signed_in:
        raise SignInRequired
    return visit


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path of this site (no scheme, no host, no '//'): no open redirect."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def sign_in_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET":
        here = safe_next(request.headers.get("hx-current-url-path") or request.url.path)
    return "/signin?next=" + quote(here, safe="/")


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    web, visit = web_of(request), visit_of(request)
    language = web.languages[visit.locale]
    session = visit.session
    gettext, ngettext = web.formatting(language)
    page = {
        "request": request,
        "session": session,
        "lang": language,
        "gettext": gettext,
        "ngettext": ngettext,
        "_": gettext,
        "when": language.when,
        "day": language.day,
        "csrf_token": web.sealer.csrf_token(session),
        "menus": menus(session),
        "path": request.url.path,
        "errors": FormErrors(),
        "values": {},
        "notice": NOTICES.get(request.query_params.get("done", "")),
        **(context or {}),
    }
    html = web.templates.get_template(template).render(page)
    return HTMLResponse(html, status_code=status, headers=headers)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def read_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matched the session's (else refused)."""
    form = await request.form(max_files=4, max_fields=400)
    token = form.get("csrf") or request.headers.get("x-csrf-token")
    web, visit = web_of(request), visit_of(request)
    if not web.sealer.csrf_valid(visit.session, str(token) if token else None):
        raise CsrfRejected
    return form


def flash_redirect(url: str, notice: str) -> Response:
    """Redirect with a one-line notice shown on the next page: ``notice`` is a key of
    :data:`web.notices.NOTICES` (never free text: a link cannot make the site say anything)."""
    sep = "&" if "?" in url else "?"
    return redirect(f"{url}{sep}done={quote(notice)}")
