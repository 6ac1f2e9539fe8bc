"""The browser tests' platform and what they need on it, reached only as an outside client:
HTTP through the gateway, and the SMTP sink's mail.

One platform for the whole folder (four services' API, relay and worker, the gateway, the
web client), a Chromium of Debian driven by Playwright, and data a member's journey needs
(a staff account with the moderator and focal point roles, granted on the admin console,
creates it through the API)."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

import httpx

from devstack.paths import repo_root
from devstack.system import Platform
from devstack.waiting import free_port, wait_until

ADMIN_EMAIL = "web-admin@example.org"
ADMIN_PASSWORD = "web tests admin passphrase"
PASSWORD = "a long enough passphrase"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
SERVICES = ("profiles", "resources", "alliance", "notifications")
ENV = {
    # the partner console's test receives its webhooks on a loopback port
    "notifications": {"WEBHOOK_ALLOWED_PRIVATE": "127.0.0.1"},
    "profiles": {
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        # argon2's cheapest legal cost: the tests sign in a lot; hash strength is not tested
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST_KIB": "8192",
        "PRIVACY_RETRY_AFTER_S": "5",
        "PRIVACY_JOBS_INTERVAL_S": "0.5",
    },
}


def unique(prefix: str) -> str:
    """A word no other test writes (letters only: survives any normalisation)."""
    return prefix + "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:8])


@dataclass
class Api:
    """The public API through the gateway, as a partner's program would call it."""

    base: str
    http: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.base, timeout=30)

    def call(
        self, method: str, path: str, token: str | None = None, expect: int | None = None, **kw: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(kw.pop("headers", {}))
        r = self.http.request(method, path, headers=headers, **kw)
        if expect is not None:
            assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text}"
        return r

    def register(self, name: str, email: str | None = None, locale: str = "en") -> tuple[str, str]:
        address = email or f"{unique('web')}@example.org"
        r = self.call(
            "POST",
            "/v1/auth/register",
            json={"email": address, "password": PASSWORD, "display_name": name, "locale": locale},
            expect=201,
        )
        return r.json()["account_id"], address

    def login(self, email: str, password: str = PASSWORD) -> str:
        r = self.call("POST", "/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])


@dataclass
class Mailbox:
    """The SMTP sink's folder: what the platform emailed."""

    platform: Platform

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.platform.smtp.messages() if address in str(m.get("To", ""))]

    def wait_link(self, address: str, path: str, timeout: float = 60) -> str:
        """The first link to ``path`` (e.g. ``/verify``) in a mail to ``address``."""
        pattern = re.compile(r"https?://[^\s\"'<>]+" + re.escape(path) + r"[^\s\"'<>]*")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                for part in message.walk():
                    if part.get_content_maintype() != "text":
                        continue
                    found = pattern.search(str(part.get_content()))
                    if found:
                        return found.group(0).replace("&amp;", "&")
            time.sleep(0.3)
        subjects = [str(m.get("Subject")) for m in self.to(address)]
        raise AssertionError(f"no mail to {address} with a link to {path}; got {subjects}")


@dataclass
class World:
    """What the journeys find on the platform (made by staff through the API)."""

    api: Api
    mail: Mailbox
    admin_token: str
    staff_token: str
    staff_email: str = ""
    french_resource: dict[str, Any] = field(default_factory=dict)
    full_event: dict[str, Any] = field(default_factory=dict)
    seat_holder: tuple[str, str] = ("", "")  # (email, token) of who holds the only seat
    course: dict[str, Any] = field(default_factory=dict)
    opportunity: dict[str, Any] = field(default_factory=dict)
    campaign: dict[str, Any] = field(default_factory=dict)
    #: a person to find by an accent-free query ("Élodie" found by "elodie")
    findable: dict[str, str] = field(default_factory=dict)


def verified_member(api: Api, mail: Mailbox, name: str, locale: str = "en") -> tuple[str, str, str]:
    """(account id, email, token) of a member who confirmed their address from the email."""
    account, address = api.register(name, locale=locale)
    link = mail.wait_link(address, "/verify?token=")
    token = re.search(r"token=([^&\s]+)", link)
    assert token, link
    api.call("POST", "/v1/auth/verify-email", json={"token": token.group(1)}, expect=200)
    return account, address, api.login(address)


def full_event(api: Api, mail: Mailbox, staff: str) -> tuple[dict[str, Any], tuple[str, str]]:
    """An event with one seat, already taken: (the event, (holder's email, token))."""
    starts = (datetime.now(UTC) + timedelta(days=20)).replace(microsecond=0)
    event = api.call(
        "POST",
        "/v1/events",
        staff,
        json={
            "kind": "webinar",
            "title": f"Webinar {unique('Invest')}",
            "description": "Investing at home, safely.",
            "organiser": "Diaspora desk",
            "time_zone": "Europe/Paris",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "capacity": 1,
        },
        expect=201,
    ).json()
    _, holder_email, holder = verified_member(api, mail, "Seat Holder")
    api.call("POST", f"/v1/events/{event['id']}/registrations", holder, expect=201)
    return event, (holder_email, holder)


class Grant(Protocol):
    """Gives the account of ``email`` staff ``roles`` (through the admin console: conftest)."""

    def __call__(self, email: str, *roles: str) -> None: ...


def build_world(platform: Platform, grant: Grant) -> World:
    api, mail = Api(platform.gateway_url), Mailbox(platform)
    admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    _, staff_email, _ = verified_member(api, mail, "Staff Person")
    grant(staff_email, "moderator", "government_focal_point")
    staff = api.login(staff_email)
    world = World(api, mail, admin, staff, staff_email)

    # a resource in French, published by a moderator
    word = unique("Transfert")
    created = api.call(
        "POST",
        "/v1/resources",
        staff,
        json={
            "kind": "toolkit",
            "language": "fr",
            "title": f"Guide des envois de fonds {word}",
            "summary": "Comment envoyer de l'argent à sa famille à moindre coût.",
            "themes": ["remittances"],
            "countries": ["HT"],
            "year": 2025,
        },
        expect=201,
    ).json()
    for step in ("submit", "publish"):
        api.call("POST", f"/v1/resources/{created['id']}/{step}", staff, expect=200)
    world.french_resource = {"id": created["id"], "word": word}

    world.full_event, world.seat_holder = full_event(api, mail, staff)

    world.course = api.call(
        "POST",
        "/v1/courses",
        staff,
        json={
            "title": f"Course {unique('Remit')}",
            "description": "Two short lessons.",
            "language": "en",
            "modules": [
                {
                    "title": "Basics",
                    "lessons": [
                        {"id": "l1", "title": "Read the guide", "resource_id": created["id"]},
                        {"id": "l2", "title": "Compare providers"},
                    ],
                }
            ],
        },
        expect=201,
    ).json()
    world.opportunity = api.call(
        "POST",
        "/v1/opportunities",
        staff,
        json={
            "kind": "mentors",
            "title": f"Mentors wanted {unique('Ment')}",
            "description": "Mentor young entrepreneurs.",
            "organisation": "Diaspora desk",
            "deadline": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
            "required_skills": ["s1"],
            "contribution_modes": ["mentoring"],
            "languages": ["fr"],
        },
        expect=201,
    ).json()

    template = api.call("GET", "/v1/mapping/template.xlsx", expect=200).content
    survey = api.call(
        "POST",
        f"/v1/mapping/surveys/xlsform?key=web-{uuid.uuid4().hex[:6]}",
        staff,
        content=template,
        headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        },
        expect=201,
    ).json()
    world.campaign = api.call(
        "POST",
        "/v1/mapping/campaigns",
        staff,
        json={
            "survey_id": survey["id"],
            "name": "Diaspora skills 2026",
            "owner_kind": "government",
            "origin_country": "HT",
            "opens_on": "2026-01-01",
            "closes_on": "2099-12-31",
            "channels": ["web"],
        },
        expect=201,
    ).json()

    # someone to find without typing accents
    given = unique("Élodie")
    person_id, person_email, person = verified_member(api, mail, f"{given} Baptiste")
    api.call(
        "PUT",
        "/v1/me/profile",
        person,
        json={
            "display_name": f"{given} Baptiste",
            "country_of_origin": "HT",
            "country_of_residence": "CA",
            "skills": ["S1"],
            "visibility": {"display_name": "members"},
        },
        expect=201,
    )
    world.findable = {
        "id": person_id,
        "email": person_email,
        "query": given.replace("É", "E").lower(),
        "name": given,
    }
    return world


OIDC_CLIENT = ("diaspora-web", "web tests client secret")
PROVIDER_SCRIPT = "services/profiles/tests/api/profiles_pkce_provider.py"


@contextlib.contextmanager
def oidc_provider() -> Iterator[str]:
    """A real OpenID Provider process (authlib, PKCE enforced), for social sign-in."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(repo_root() / PROVIDER_SCRIPT),
            "--port",
            str(port),
            "--client-id",
            OIDC_CLIENT[0],
            "--client-secret",
            OIDC_CLIENT[1],
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: (
                httpx.get(f"{base}/.well-known/openid-configuration", timeout=2).status_code == 200
            ),
            60,
            what="the OpenID provider",
        )
        yield base
    finally:
        process.terminate()
        process.wait(10)


def oidc_env(issuer: str) -> dict[str, str]:
    providers = {
        "mock": {
            "issuer": issuer,
            "client_id": OIDC_CLIENT[0],
            "client_secret": OIDC_CLIENT[1],
            "label": "Mock ID",
        }
    }
    return {"OIDC_PROVIDERS": json.dumps(providers)}
