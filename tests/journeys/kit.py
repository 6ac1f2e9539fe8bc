"""What a journey has: people using the platform through the gateway, and what reaches them."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx

from devstack.system import Platform

#: how long a reaction may take to reach a person (relay, broker, worker, SMTP) on a loaded
#: 2-core machine; the journeys wait for it, they never sleep a fixed time
PATIENCE = 90.0
PASSWORD = "a long enough journey passphrase"
TOKEN = re.compile(r"[?&]token=([A-Za-z0-9_\-\.~%]+)")
#: a raw enumeration value in a localised text: snake_case words, or the bare English status
#: words the services use as codes (what "Votre adhésion à l'alliance : applied" looked like)
RAW_CODE = re.compile(
    r"\b(?:[a-z]+_[a-z_]+|applied|admitted|waitlisted|shortlisted|submitted|declined"
    r"|withdrawn|carried|rejected|scheduled|cancelled|confirmed|at_risk|late)\b"
)

#: a nurse from Haiti living in France, open to opportunities (ISCO 2221, ESCO S3, ISIC Q)
NURSE_PROFILE: dict[str, Any] = {
    "occupations": ["2221"],
    "skills": ["S3"],
    "sectors": ["Q"],
    "languages": [{"code": "fr"}, {"code": "ht", "level": "native"}],
    "country_of_origin": "HT",
    "country_of_residence": "FR",
    "contribution_modes": ["short_assignment"],
    "open_to_opportunities": True,
}


def text_of(message: EmailMessage) -> str:
    return "".join(
        part.get_content() for part in message.walk() if part.get_content_type() == "text/plain"
    )


def assert_localised(message: EmailMessage, locale: str) -> None:
    """The mail is in ``locale`` and says every value in words, never a raw code."""
    assert message["Content-Language"] == locale, message["Subject"]
    if locale != "en":
        said = f"{message['Subject']}\n{text_of(message)}"
        # links carry codes legitimately: look at the words only
        words = re.sub(r"https?://\S+", "", said)
        assert not RAW_CODE.search(words), f"raw code in a {locale} text: {said}"


@dataclass
class Person:
    """Someone using the platform through the gateway, as a client app would."""

    platform: Platform
    email: str
    name: str
    locale: str
    account_id: str = ""
    token: str = ""
    http: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.platform.gateway_url, timeout=30)

    # ---- the account ------------------------------------------------------------------
    def register(self) -> Person:
        r = self.http.post(
            "/v1/auth/register",
            json={
                "email": self.email,
                "password": PASSWORD,
                "display_name": self.name,
                "locale": self.locale,
            },
        )
        assert r.status_code == 201, r.text
        self.account_id = r.json()["account_id"]
        found = TOKEN.search(text_of(self.mail(lambda m: TOKEN.search(text_of(m)) is not None)))
        assert found
        verified = self.http.post("/v1/auth/verify-email", json={"token": found.group(1)})
        assert verified.status_code == 200, verified.text
        return self.sign_in()

    def sign_in(self, password: str = PASSWORD) -> Person:
        """(Again, after a role change: roles ride in the token.)"""
        r = self.http.post("/v1/auth/login", json={"email": self.email, "password": password})
        assert r.status_code == 200, r.text
        self.token = r.json()["access_token"]
        return self

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    # ---- HTTP as this person ---------------------------------------------------------
    def call(self, method: str, path: str, expect: int | None = None, **kw: Any) -> httpx.Response:
        headers = {**self.auth, **kw.pop("headers", {})}
        r = self.http.request(method, path, headers=headers, **kw)
        if expect is not None:
            assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text}"
        # bad input is a problem document, never a 5xx
        assert r.status_code < 500, f"{method} {path}: {r.status_code} {r.text}"
        return r

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, 200, **kw).json()

    def post(self, path: str, body: Any = None, expect: int = 200, **kw: Any) -> Any:
        if "content" not in kw:
            kw["json"] = body if body is not None else {}
        r = self.call("POST", path, expect, **kw)
        return r.json() if r.content else None

    def fill_profile(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Create the profile (a new account has none yet) with these fields."""
        r = self.call("PUT", "/v1/me/profile", 201, json={"display_name": self.name, **fields})
        profile: dict[str, Any] = r.json()
        return profile

    def etag(self, path: str) -> dict[str, str]:
        """If-Match for a change: the ETag the thing has now."""
        return {"If-Match": self.call("GET", path, 200).headers["ETag"]}

    # ---- what reaches this person ------------------------------------------------------
    def mails(self) -> list[EmailMessage]:
        return [m for m in self.platform.smtp.messages() if self.email in str(m["To"])]

    def mail(self, matches: Callable[[EmailMessage], bool], what: str = "") -> EmailMessage:
        """The first mail to this person that ``matches``, waiting for it to arrive."""
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            found = [m for m in self.mails() if matches(m)]
            if found:
                return found[0]
            time.sleep(0.3)
        subjects = [str(m["Subject"]) for m in self.mails()]
        raise AssertionError(
            f"no mail {what} to {self.email} within {PATIENCE}s (got {subjects})\n"
            + self.platform.logs()
        )

    def feed(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.get("/v1/notifications/feed")["items"]
        return items


def grant(admin: Person, person: Person, role: str) -> Person:
    """The platform admin grants a role through the admin API; the person signs in again."""
    admin.call("PUT", f"/v1/auth/accounts/{person.account_id}/roles/{role}", 200)
    return person.sign_in()


def eventually(check: Callable[[], Any], what: str, timeout: float = PATIENCE) -> Any:
    """Poll ``check`` until it returns something truthy (a read model catching up)."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"{what}: not within {timeout}s (last: {last!r})")
