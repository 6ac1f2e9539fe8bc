"""OWASP API Security Top 10 (2023): one concrete attack per item, through the gateway, against
the real services with real tokens (issued by profiles, verified by every service)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from hostile_stack import SERVICES, HostileStack, openapi_path

from devstack.paths import routes_path
from devstack.postgres import plain_url
from devstack.waiting import run_sync

TIMEOUT = 30


def client(stack: HostileStack) -> httpx.Client:
    return httpx.Client(base_url=stack.gateway_url, timeout=TIMEOUT)


def is_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json"), response
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def draft_resource(http: httpx.Client, headers: dict[str, str]) -> str:
    r = http.post(
        "/v1/resources",
        json={"kind": "toolkit", "language": "en", "title": "Owner's draft", "summary": "s"},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


# ---- API1: broken object-level authorisation ----------------------------------------------
def test_api1_object_ids_of_others_are_not_reachable(hostile: HostileStack) -> None:
    owner, intruder = hostile.member("owner"), hostile.member("intruder")
    with client(hostile) as http:
        rid = draft_resource(http, owner.headers)
        assert http.get(f"/v1/resources/{rid}", headers=owner.headers).status_code == 200
        # the same id, another member: a draft is its contributor's business only
        assert http.get(f"/v1/resources/{rid}", headers=intruder.headers).status_code in (403, 404)
        assert http.get(f"/v1/resources/{rid}/history", headers=intruder.headers).status_code in (
            403,
            404,
        )
        patched = http.patch(
            f"/v1/resources/{rid}",
            json={"themes": ["hijacked"]},
            headers={**intruder.headers, "If-Match": '"1"'},
        )
        assert patched.status_code in (403, 404), patched.text
        assert http.post(f"/v1/resources/{rid}/submit", headers=intruder.headers).status_code in (
            403,
            404,
        )
        # a connection request between two others cannot be accepted by a third person
        target = hostile.member("target")
        made = http.post(
            "/v1/connections", json={"person_id": target.account_id}, headers=owner.headers
        )
        if made.status_code == 201:
            cid = made.json()["connection_id"]
            stolen = http.post(f"/v1/connections/{cid}/accept", headers=intruder.headers)
            assert stolen.status_code in (403, 404), stolen.text


# ---- API2: broken authentication ----------------------------------------------------------
def _signing_key(hostile: HostileStack) -> tuple[str, str]:
    async def fetch() -> tuple[str, str]:
        conn = await asyncpg.connect(plain_url(hostile.infra.admin_database_url))
        try:
            row = await conn.fetchrow(
                "SELECT kid, private_pem FROM profiles.signing_keys ORDER BY created_at DESC"
                " LIMIT 1"
            )
        finally:
            await conn.close()
        assert row is not None
        return row["kid"], row["private_pem"]

    return run_sync(fetch)


def test_api2_tampered_forged_and_expired_tokens_are_refused(hostile: HostileStack) -> None:
    member = hostile.member("victim")
    header, _payload, signature = member.access_token.split(".")
    claims = jwt.decode(member.access_token, options={"verify_signature": False})
    kid = jwt.get_unverified_header(member.access_token)["kid"]
    escalated = {**claims, "roles": ["member", "platform_admin"]}
    real_kid, real_pem = _signing_key(hostile)
    now = datetime.now(UTC)
    forged = {
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT', 'kid': kid})}.{b64(escalated)}.",
        "tampered claims": f"{header}.{b64(escalated)}.{signature}",
        "HS256 with the public key as secret": hs256_with_public_key(hostile, kid, escalated),
        "wrong key": jwt.encode(
            escalated,
            ec.generate_private_key(ec.SECP256R1()),
            algorithm="ES256",
            headers={"kid": kid},
        ),
        "expired (real key)": jwt.encode(
            {**claims, "iat": now - timedelta(hours=2), "exp": now - timedelta(hours=1)},
            real_pem,
            algorithm="ES256",
            headers={"kid": real_kid},
        ),
        "wrong audience (real key)": jwt.encode(
            {**claims, "aud": "someone-else"},
            real_pem,
            algorithm="ES256",
            headers={"kid": real_kid},
        ),
        "garbage": "not.a.jwt",
    }
    with client(hostile) as http:
        assert http.get("/v1/auth/me", headers=member.headers).status_code == 200
        for path in ("/v1/auth/me", "/v1/preferences", "/v1/alliance/members"):
            for name, token in forged.items():
                r = http.get(path, headers={"Authorization": f"Bearer {token}"})
                assert r.status_code == 401, (path, name, r.status_code, r.text)
                assert r.headers["content-type"].startswith("application/problem+json")
        # an escalated token never reaches an admin route either
        rotate = http.post(
            "/v1/auth/signing-keys/rotate",
            headers={"Authorization": f"Bearer {forged['tampered claims']}"},
        )
        assert rotate.status_code == 401


def hs256_with_public_key(hostile: HostileStack, kid: str, claims: dict[str, Any]) -> str:
    """The algorithm-confusion attack: HMAC-sign with the (public) verification key as the
    secret, hoping the verifier lets the token choose its algorithm."""
    import hashlib
    import hmac

    from cryptography.hazmat.primitives import serialization

    url = f"http://127.0.0.1:{hostile.ports['profiles']}/.well-known/jwks.json"
    jwk = next(k for k in httpx.get(url, timeout=TIMEOUT).json()["keys"] if k["kid"] == kid)
    public = jwt.algorithms.ECAlgorithm.from_jwk(json.dumps(jwk))
    secret = public.public_bytes(  # type: ignore[union-attr]
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = f"{b64({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{b64(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


# ---- API3: broken object property-level authorisation (mass assignment) -------------------
def test_api3_roles_and_verification_cannot_be_mass_assigned(hostile: HostileStack) -> None:
    email = f"mass-{uuid.uuid4().hex[:8]}@example.org"
    with client(hostile) as http:
        r = http.post(
            "/v1/auth/register",
            json={
                "email": email,
                "password": "a long enough passphrase",
                "display_name": "Mass",
                "roles": ["platform_admin"],
                "status": "active",
                "email_verified": True,
            },
        )
        assert r.status_code in (201, 422), r.text
        if r.status_code == 201:
            token = hostile.login(email)["access_token"]
            claims = jwt.decode(token, options={"verify_signature": False})
            assert claims["roles"] == ["member"] and claims["email_verified"] is False
        member = hostile.member("massprofile")
        base = {"display_name": "Mass Assigner"}
        created = http.put("/v1/me/profile", json=base, headers=member.headers)
        assert created.status_code in (200, 201), created.text
        etag = created.headers["etag"]
        for extra in (
            {"roles": ["platform_admin"]},
            {"account_id": str(uuid.uuid4())},
            {"email_verified": True},
            {"person_id": str(uuid.uuid4())},
        ):
            put = http.put(
                "/v1/me/profile",
                json={**base, **extra},
                headers={**member.headers, "If-Match": etag},
            )
            is_problem(put, 422)
            patch = http.patch(
                "/v1/me/profile",
                content=json.dumps(extra),
                headers={
                    **member.headers,
                    "If-Match": etag,
                    "Content-Type": "application/merge-patch+json",
                },
            )
            is_problem(patch, 422)
        me = http.get("/v1/auth/me", headers=member.headers).json()
        assert me["roles"] == ["member"]
        # a member cannot give themself a role either
        grant = http.put(
            f"/v1/auth/accounts/{member.account_id}/roles/platform_admin", headers=member.headers
        )
        assert grant.status_code == 403


# ---- API4: unrestricted resource consumption ----------------------------------------------
def test_api4_body_size_page_size_and_sign_in_attempts_are_bounded(
    hostile: HostileStack,
) -> None:
    member = hostile.member("consumer")
    with client(hostile) as http:
        big = {"kind": "toolkit", "language": "en", "title": "t", "body": "x" * 2_000_000}
        is_problem(http.post("/v1/resources", json=big, headers=member.headers), 413)
        for path in (
            "/v1/directory/people",
            "/v1/resources",
            "/v1/alliance/members",
            "/v1/notifications/feed",
            "/v1/opportunities",
        ):
            r = http.get(path, params={"limit": 100_000}, headers=member.headers)
            is_problem(r, 422)
        victim = hostile.member("bruteforced")
        statuses = [
            http.post(
                "/v1/auth/login", json={"email": victim.email, "password": f"guess {i}"}
            ).status_code
            for i in range(8)
        ]
        assert statuses[0] == 401 and statuses[-1] == 429, statuses
        throttled = http.post(
            "/v1/auth/login", json={"email": victim.email, "password": "a long enough passphrase"}
        )
        body = is_problem(throttled, 429)  # even the right password waits: no oracle
        assert int(throttled.headers["retry-after"]) > 0 and body["retry_after"] > 0


# ---- API5: broken function-level authorisation --------------------------------------------
ADMIN_ROUTES = [
    ("POST", "/v1/auth/signing-keys/rotate", None),
    ("PUT", "/v1/auth/accounts/{me}/roles/platform_admin", None),
    ("POST", "/v1/organisations/{uuid}/verification", {"verified": True}),
    ("GET", "/v1/resources/moderation-queue", None),
    ("POST", "/v1/resources/{uuid}/publish", None),
    ("POST", "/v1/alliance/alliances", {"slug": "coup", "name": "Coup"}),
    ("POST", "/v1/alliance/commitments/status-review", None),
    ("POST", "/v1/newsletters", {"subject": "x", "body": "y"}),
    ("GET", "/v1/webhooks/endpoints", None),
]


def test_api5_members_and_strangers_cannot_call_admin_functions(hostile: HostileStack) -> None:
    member, admin = hostile.member("pleb"), hostile.admin()
    with client(hostile) as http:
        for method, template, body in ADMIN_ROUTES:
            path = template.format(me=member.account_id, uuid=uuid.uuid4())
            anonymous = http.request(method, path, json=body)
            assert anonymous.status_code == 401, (method, path, anonymous.text)
            as_member = http.request(method, path, json=body, headers=member.headers)
            # a made-up id may be "not found" first: it reveals nothing and does nothing
            allowed = (403, 404) if "{uuid}" in template else (403,)
            assert as_member.status_code in allowed, (method, path, as_member.text)
        # the contributor of a submitted resource sees it, yet cannot publish it themself
        rid = draft_resource(http, member.headers)
        assert http.post(f"/v1/resources/{rid}/submit", headers=member.headers).status_code == 200
        own = http.post(f"/v1/resources/{rid}/publish", headers=member.headers)
        assert own.status_code == 403, own.text
        # and the platform administrator really can (the routes are not simply broken)
        endpoints = http.get("/v1/webhooks/endpoints", headers=admin.headers)
        assert endpoints.status_code == 200, endpoints.text


# ---- API6: unrestricted access to sensitive business flows --------------------------------
def test_api6_password_reset_neither_enumerates_nor_mailbombs(hostile: HostileStack) -> None:
    known = hostile.member("reset")
    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.org"
    with client(hostile) as http:
        answers = [
            http.post("/v1/auth/password-reset", json={"email": email})
            for email in (known.email, unknown, known.email, unknown)
        ]
        assert {(a.status_code, a.content) for a in answers} == {(202, b"")}
        for _ in range(6):
            assert (
                http.post("/v1/auth/password-reset", json={"email": known.email}).status_code == 202
            )

    async def reset_links() -> int:
        conn = await asyncpg.connect(plain_url(hostile.infra.admin_database_url))
        try:
            return int(
                await conn.fetchval(
                    "SELECT count(*) FROM profiles.outbox WHERE aggregateid = $1"
                    " AND type = 'profiles.account.password_reset_requested'",
                    known.account_id,
                )
            )
        finally:
            await conn.close()

    # 8 requests, at most 3 emails an hour (LINK_EMAILS_MAX_PER_HOUR)
    assert 1 <= run_sync(reset_links) <= 3


def test_api6_registration_does_not_reveal_existing_accounts(hostile: HostileStack) -> None:
    known = hostile.member("enum")
    with client(hostile) as http:
        again = http.post(
            "/v1/auth/register",
            json={
                "email": known.email,
                "password": "a long enough passphrase",
                "display_name": "X",
            },
        )
        fresh = http.post(
            "/v1/auth/register",
            json={
                "email": f"new-{uuid.uuid4().hex[:8]}@example.org",
                "password": "a long enough passphrase",
                "display_name": "X",
            },
        )
    # the same answer: status, content type, body shape (an account id either way)
    assert again.status_code == fresh.status_code == 201
    assert again.headers["content-type"] == fresh.headers["content-type"]
    assert again.json().keys() == fresh.json().keys()
    assert again.json()["status"] == fresh.json()["status"]


# ---- API7: server-side request forgery ----------------------------------------------------
SSRF_TARGETS = [
    "http://127.0.0.1:5432/",
    "http://localhost/hook",
    "http://[::1]/hook",
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://10.0.0.7/hook",
    "http://192.168.1.1/hook",
    "http://0.0.0.0/hook",
    "http://2130706433/hook",  # 127.0.0.1 as a decimal integer
    "http://[::ffff:127.0.0.1]/hook",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
]


def test_api7_webhooks_refuse_private_loopback_and_metadata_targets(
    hostile: HostileStack,
) -> None:
    admin = hostile.admin()  # the operator may register endpoints (and so may partners)
    with client(hostile) as http:
        for url in SSRF_TARGETS:
            r = http.post("/v1/webhooks/endpoints", json={"url": url}, headers=admin.headers)
            assert r.status_code in (400, 422), (url, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
        listed = http.get("/v1/webhooks/endpoints", headers=admin.headers).json()
        assert not [e for e in listed if e["url"] in SSRF_TARGETS]


# ---- API8: security misconfiguration ------------------------------------------------------
def test_api8_no_stack_traces_security_headers_and_no_credentialed_wildcard_cors(
    hostile: HostileStack,
) -> None:
    member = hostile.member("misconfig")
    evil = {"Origin": "https://evil.example"}
    with client(hostile) as http:
        broken = http.post(
            "/v1/resources",
            content=b'{"kind": "toolkit", "title": ',
            headers={**member.headers, "Content-Type": "application/json"},
        )
        body = is_problem(broken, 400)  # not JSON at all: malformed syntax, not a bad value
        assert "Traceback" not in broken.text and 'File "' not in broken.text
        assert body["title"]
        nul = http.get("/v1/directory/people", params={"mode": "a\x00b"}, headers=member.headers)
        is_problem(nul, 422)  # was a 500 with the database's complaint before (schemathesis)
        for method, path in (
            ("GET", "/v1/auth/me"),
            ("GET", "/v1/resources"),
            ("GET", "/v1/alliance/members"),
            ("GET", "/v1/preferences"),
            ("OPTIONS", "/v1/auth/login"),
        ):
            r = http.request(
                method,
                path,
                headers={**member.headers, **evil, "Access-Control-Request-Method": "POST"},
            )
            assert r.status_code < 500, (path, r.text)
            assert r.headers.get("x-content-type-options") == "nosniff", (path, r.headers)
            assert r.headers.get("x-frame-options") == "DENY", path
            allowed = r.headers.get("access-control-allow-origin")
            assert allowed in (None, ""), (path, allowed)  # no CORS for foreign origins at all
            assert not (
                allowed == "*" and r.headers.get("access-control-allow-credentials") == "true"
            )
            assert (
                "server" not in {k.lower() for k in r.headers}
                or "uvicorn" not in r.headers.get("server", "").lower()
            ), (path, r.headers.get("server"))
        # no service's internal endpoint is exposed by the gateway. Its catch-all / is the
        # web client: its 404 is a page for people, and /readyz is its own probe ("ok")
        for internal in ("/metrics", "/docs", "/openapi.json", "/readyz", "/.well-known/jwks.json"):
            r = http.get(internal)
            assert not any(leak in r.text for leak in SERVICE_INTERNALS), (internal, r.text)
            assert r.status_code == 404 or (internal, r.text) == ("/readyz", "ok"), internal


#: what a service's internal endpoints answer (metrics, its OpenAPI, JWKS, readiness checks)
SERVICE_INTERNALS = ("process_cpu", '"openapi"', '"keys"', '"database"', '"broker"')


# ---- API9: improper inventory management --------------------------------------------------
def flat_routes(routes: Any) -> Any:
    """Every route, with FastAPI's included routers unfolded."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from flat_routes(route.original_router.routes)
        else:
            yield route


def test_api9_every_route_the_apps_serve_is_documented_or_not_exposed(
    hostile: HostileStack,
) -> None:
    import importlib

    import yaml
    from fastapi.routing import APIRoute

    table = yaml.safe_load(routes_path().read_text())
    for service in SERVICES:
        prefixes = [r["prefix"] for r in table["routes"] if r["service"] == service]
        documented = json.loads(openapi_path(service).read_text())["paths"]
        app = importlib.import_module(f"{service}.bootstrap").bootstrap().create_app()
        routes = list(flat_routes(app.routes))
        for route in routes:
            path = getattr(route, "path", "")
            exposed = any(path == p or path.startswith(p + "/") for p in prefixes)
            if isinstance(route, APIRoute) and route.include_in_schema:
                methods = {m.lower() for m in route.methods} - {"head", "options"}
                assert path in documented, (service, path)
                assert methods <= set(documented[path]), (service, path, methods)
            else:
                assert not exposed, f"{service} serves undocumented {path} through the gateway"
        # and nothing is documented that the app does not serve
        served = {getattr(r, "path", "") for r in routes}
        assert set(documented) <= served, (service, set(documented) - served)
    with client(hostile) as http:
        # an API path no service serves is the API's problem+json 404 (a client reads the
        # problem, never the web client's HTML page), with the headers of every API answer
        for path in ("/v1/admin", "/v1/authx", "/v1", "/v1/", "/v1/no/such/thing?x=1"):
            r = http.get(path, headers={"Accept": "text/html", "X-Request-ID": "rid-unknown"})
            assert is_problem(r, 404)["status"] == 404, path
            assert r.headers["x-request-id"] == "rid-unknown", path
            assert r.headers.get("x-content-type-options") == "nosniff", path
            assert not any(leak in r.text for leak in SERVICE_INTERNALS), (path, r.text)
        assert is_problem(http.post("/v1/unknown", json={}), 404)
        # outside /v1 the web client's catch-all answers for people (its 404 page)
        for path in ("/v2/auth/me", "/internal"):
            r = http.get(path)
            assert r.status_code == 404, (path, r.status_code)
            assert r.headers["content-type"].startswith("text/html"), path
            assert not any(leak in r.text for leak in SERVICE_INTERNALS), (path, r.text)


# ---- API10: unsafe consumption of APIs (partner input) ------------------------------------
def test_api10_hostile_kobo_exports_are_refused_or_rejected_row_by_row(
    hostile: HostileStack,
) -> None:
    admin = hostile.admin()
    with client(hostile) as http:
        template = http.get("/v1/mapping/template.xlsx", headers=admin.headers)
        assert template.status_code == 200
        survey = http.post(
            f"/v1/mapping/surveys/xlsform?key=hostile-{uuid.uuid4().hex[:6]}",
            content=template.content,
            headers={
                **admin.headers,
                "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            },
        )
        assert survey.status_code == 201, survey.text
        campaign = http.post(
            "/v1/mapping/campaigns",
            json={
                "survey_id": survey.json()["id"],
                "name": "Hostile import",
                "owner_kind": "government",
                "origin_country": "ht",
                "opens_on": "2026-01-01",
                "closes_on": "2026-12-31",
                "channels": ["kobo"],
            },
            headers=admin.headers,
        )
        assert campaign.status_code == 201, campaign.text
        url = f"/v1/mapping/campaigns/{campaign.json()['id']}/imports"
        # unreadable exports: a clear refusal, never a 5xx
        for fmt, content in (
            ("kobo_json", b"{not json"),
            ("kobo_json", b'"a string"'),
            ("kobo_json", b"\xff\xfe\x00garbage"),
            ("kobo_json", json.dumps({"results": "nope"}).encode()),
            ("kobo_json", ("[" * 5000 + "]" * 5000).encode()),  # nesting bomb
            ("kobo_csv", b"\xff\xfe\x00\x01"),
        ):
            r = http.post(url, params={"format": fmt}, content=content, headers=admin.headers)
            assert r.status_code in (400, 413, 415, 422), (fmt, content[:20], r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
        # readable exports whose rows are hostile: each row rejected with its reason
        script = "<script>alert(1)</script>"
        rows = [
            {"_uuid": str(uuid.uuid4()), "consent": "yes", "about_you/gender": script},
            {"_uuid": str(uuid.uuid4()), "consent": "yes", "about_you/birth_year": "=1+1"},
            {"_uuid": str(uuid.uuid4()), "consent": "yes", "about_you/gender": {"$ne": 1}},
            {"_uuid": str(uuid.uuid4()), "consent": "yes", "about_you/country_of_origin": "HT\x00"},
            {"_uuid": "x" * 10_000, "consent": "yes"},
            {"consent": "yes", "about_you/gender": "female"},
        ]
        r = http.post(
            url,
            params={"format": "kobo_json"},
            content=json.dumps({"results": rows}),
            headers=admin.headers,
        )
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["accepted"] == 0, report
        assert len(report["rejected"]) == len(rows), report
        # the report is JSON (never HTML), so echoed partner text cannot run in a browser
        assert r.headers["content-type"] == "application/json"
