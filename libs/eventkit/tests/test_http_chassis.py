"""The HTTP chassis every service shares: problem+json everywhere, size limits, health,
metrics, request ids, and bearer-token verification."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import httpx
import kit
import pytest
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from eventkit import domain_errors as rules
from eventkit.http.auth import CurrentPrincipal, Principal, require_role
from eventkit.http.problems import Problem

router = APIRouter()


class Greeting(BaseModel):
    name: str
    n: int = 0


@router.post("/greet")
async def greet(body: Greeting) -> dict[str, str]:
    return {"hello": body.name}


@router.get("/boom")
async def boom() -> None:
    raise RuntimeError("secret internal detail")


@router.get("/echo")
async def echo(q: str, n: int = 0) -> dict[str, object]:
    # what a repository does with a client's text: hand it to PostgreSQL as a parameter
    import asyncpg

    conn = await asyncpg.connect(ECHO_DSN[0])
    try:
        text = await conn.fetchval("SELECT $1::text", q)
        return {"q": text, "n": await conn.fetchval("SELECT $1::int4", n)}
    finally:
        await conn.close()


ECHO_DSN: list[str] = []


@router.get("/teapot")
async def teapot() -> None:
    raise Problem(418, "I'm a teapot", "Short and stout.", type_="https://example.org/teapot")


class NoQuorum(rules.Conflict):
    title = "No quorum"


RULES: dict[str, rules.DomainError] = {
    "quorum": NoQuorum("3 of 7 present; 4 needed."),
    "stale": rules.PreconditionFailed("Read it again.", current_etag='W/"4"'),
    "field": rules.InvalidInput("Unknown country.", field="country"),
    "slow": rules.TooManyRequests("Wait.", retry_after_s=7),
    "absent": rules.NotFound(),
}


@router.get("/rules/{name}")
async def break_rule(name: str) -> None:
    raise RULES[name]


@router.get("/things/blocks")
async def blocks() -> list[str]:
    return []


@router.delete("/things/{thing_id}", status_code=204)
async def drop_thing(thing_id: uuid.UUID) -> None:
    return None


@router.put("/profile")
@router.patch("/profile")
@router.get("/profile")
async def profile() -> dict[str, str]:
    return {}


@router.get("/me")
async def me(principal: CurrentPrincipal) -> dict[str, str]:
    return {"sub": str(principal.subject)}


@router.get("/admin")
async def admin(principal: Principal = Depends(require_role("platform_admin"))) -> dict[str, str]:
    return {"ok": "yes"}


@pytest.fixture
async def client(kit_db: str, infra: TestInfra) -> AsyncIterator[httpx.AsyncClient]:
    c = kit.chassis(kit_db, infra.kafka_bootstrap)
    c.settings.max_request_bytes = 3000
    c.settings.max_json_string_chars = 800
    app = c.create_app([router], title="kit")
    issuer.install(app)
    async with api_client(app) as http:
        yield http


issuer = TokenIssuer()


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert "title" in body
    return body


async def test_errors_are_problem_documents(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/nowhere"), 404)
    assert_problem(await client.delete("/greet"), 405)
    body = assert_problem(await client.post("/greet", json={"nom": "x"}), 422)
    assert body["errors"]
    assert_problem(
        await client.post(
            "/greet", content=b"{not json", headers={"content-type": "application/json"}
        ),
        400,
    )
    teapot = assert_problem(await client.get("/teapot"), 418)
    assert teapot["type"] == "https://example.org/teapot"


async def test_unexpected_errors_hide_internals(client: httpx.AsyncClient) -> None:
    response = await client.get("/boom")
    body = assert_problem(response, 500)
    assert "secret" not in response.text and "Traceback" not in response.text
    assert body["title"] == "Internal Server Error"


async def test_domain_errors_answer_from_one_status_table(client: httpx.AsyncClient) -> None:
    quorum = assert_problem(await client.get("/rules/quorum"), 409)
    assert (quorum["title"], quorum["detail"]) == ("No quorum", "3 of 7 present; 4 needed.")
    assert assert_problem(await client.get("/rules/stale"), 412)["current_etag"] == 'W/"4"'
    field = assert_problem(await client.get("/rules/field"), 422)
    assert field["errors"] == [{"loc": ["body", "country"], "msg": "Unknown country."}]
    slow = await client.get("/rules/slow")
    assert assert_problem(slow, 429)["retry_after"] == 7 and slow.headers["retry-after"] == "7"
    assert assert_problem(await client.get("/rules/absent"), 404)["title"] == "Not Found"


async def test_a_405_lists_exactly_the_methods_of_the_path(client: httpx.AsyncClient) -> None:
    def allow(response: httpx.Response) -> set[str]:
        assert_problem(response, 405)
        return {m.strip() for m in response.headers["allow"].split(",")}

    assert allow(await client.options("/profile")) == {"GET", "PUT", "PATCH"}
    assert allow(await client.post("/things/blocks")) == {"GET"}  # not the {id} DELETE
    assert allow(await client.get(f"/things/{uuid.uuid4()}")) == {"DELETE"}


async def test_no_error_escapes_to_the_server(kit_db: str, infra: TestInfra) -> None:
    """An exception that reached the server made uvicorn drop the keep-alive connection after
    the answer (the next request on it, through the gateway, got a 502). Every error path
    now ends in the app: the transport below raises whatever the app raises."""
    c = kit.chassis(kit_db, infra.kafka_bootstrap)
    app = c.create_app([router], title="kit")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://kit") as http:
        response = await http.get("/boom")
        assert_problem(response, 500)
        for header in ("x-request-id", "x-content-type-options", "referrer-policy"):
            assert header in response.headers, header
        from devstack.postgres import plain_url

        ECHO_DSN[:] = [plain_url(infra.admin_database_url)]
        invalid = await http.get("/echo", params={"q": "nul\x00byte"})
        assert_problem(invalid, 422)
        assert invalid.headers["referrer-policy"] == "no-referrer"
    await c.dispose()


async def test_json_bodies_are_checked_before_any_model(client: httpx.AsyncClient) -> None:
    def post(raw: bytes, content_type: str = "application/json") -> Awaitable[httpx.Response]:
        return client.post("/greet", content=raw, headers={"content-type": content_type})

    cases = {
        b"[" * 1000 + b"]" * 1000: 400,  # deeper than the parser can go
        b'{"name": ' + b"[" * 40 + b"]" * 40 + b"}": 400,  # deeper than the limit
        b'{"name": "\xff\xfe"}': 400,  # not UTF-8
        b'{"name": "a\\u0000b"}': 422,  # NUL
        b'{"name": "\\ud800"}': 422,  # lone surrogate
        b'{"name": "x", "n": 1' + b"0" * 30 + b"}": 422,  # beyond 64 bits
        b'{"name": "x", "n": 1e999}': 422,  # infinite
        b'{"name": "x", "n": NaN}': 422,
        b'{"name": "' + b"y" * 900 + b'"}': 422,  # longer than the test limit (800)
    }
    for raw, status in cases.items():
        body = assert_problem(await post(raw), status)
        assert body["detail"], raw[:40]
    assert_problem(await post(b'{"\\u0000": 1}', "application/merge-patch+json"), 422)
    ok = await post(b'{"name": "caf\xc3\xa9 \\ud83d\\ude00"}')  # a valid surrogate pair
    assert ok.status_code == 200 and ok.json() == {"hello": "caf\u00e9 \U0001f600"}


async def test_a_body_that_stops_arriving_is_408_and_closes() -> None:
    from eventkit.http.guard import RequestGuard, RequestLimits

    async def receive() -> dict[str, object]:
        if not pieces:
            await asyncio.sleep(10)  # the client stopped sending
        return pieces.pop(0)

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def app(scope: object, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        raise AssertionError("the app must not see a body that never ended")

    for content_type in (b"application/json", b"application/octet-stream"):
        pieces: list[dict[str, object]] = [
            {"type": "http.request", "body": b'{"na', "more_body": True}
        ]
        sent.clear()
        guard = RequestGuard(app, RequestLimits(body_idle_timeout_s=0.2))  # type: ignore[arg-type]
        scope = {
            "type": "http",
            "path": "/x",
            "headers": [(b"content-length", b"100"), (b"content-type", content_type)],
        }
        await asyncio.wait_for(guard(scope, receive, send), 5)  # type: ignore[arg-type]
        assert sent[0]["status"] == 408, content_type
        assert (b"connection", b"close") in sent[0]["headers"]


async def test_values_the_database_refuses_are_422_not_500(
    client: httpx.AsyncClient, infra: TestInfra
) -> None:
    """Found by schemathesis: a NUL character in a search term reached PostgreSQL and the
    client got a 500. Values PostgreSQL refuses (SQLSTATE class 22) are the client's error."""
    from devstack.postgres import plain_url

    ECHO_DSN[:] = [plain_url(infra.admin_database_url)]
    assert (await client.get("/echo", params={"q": "fine"})).json() == {"q": "fine", "n": 0}
    body = assert_problem(await client.get("/echo", params={"q": "nul\x00byte"}), 422)
    assert "NUL" in body["detail"]
    assert_problem(await client.get("/echo", params={"q": "x", "n": 2**40}), 422)


async def test_request_body_limit(client: httpx.AsyncClient) -> None:
    big = {"name": "x" * 5000}
    assert_problem(await client.post("/greet", json=big), 413)

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: counted while streaming
        yield b'{"name": "'
        for _ in range(40):
            yield b"y" * 100
        yield b'"}'

    assert_problem(
        await client.post("/greet", content=chunks(), headers={"content-type": "application/json"}),
        413,
    )
    assert (await client.post("/greet", json={"name": "ok"})).json() == {"hello": "ok"}


async def test_every_answer_carries_security_headers(client: httpx.AsyncClient) -> None:
    for response in (await client.get("/teapot"), await client.post("/greet", json={"name": "a"})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "access-control-allow-origin" not in response.headers


async def test_an_early_answer_still_reads_the_request_body() -> None:
    """A 405 (or 401...) answered before the app reads the body: the middleware drains the
    body first, so the server never closes on unread data (which resets the connection and
    cuts the answer short behind the gateway)."""
    from eventkit.http.guard import RequestGuard, RequestLimits

    chunks = [
        {"type": "http.request", "body": b"a" * 10, "more_body": True},
        {"type": "http.request", "body": b"b" * 10, "more_body": False},
    ]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return chunks.pop(0)

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    async def early(scope: object, receive: object, send: object) -> None:  # never reads
        await send({"type": "http.response.start", "status": 405, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]

    middleware = RequestGuard(early, RequestLimits(max_bytes=1000))  # type: ignore[arg-type]
    scope = {"type": "http", "path": "/x", "headers": [(b"content-length", b"20")]}
    await middleware(scope, receive, send)  # type: ignore[arg-type]
    assert chunks == [] and [m["type"] for m in sent] == [
        "http.response.start",
        "http.response.body",
    ]
    assert sent[0]["status"] == 405


async def test_a_413_reads_the_refused_body_so_the_answer_arrives() -> None:
    """Found through Caddy (hostile API4): a 2 MB body refused by its Content-Length before
    a byte was read made uvicorn close on unread data, the kernel reset the connection and
    the gateway answered 502 instead of 413. The refused body (up to a bound) is read and
    dropped first; then the connection can even carry the next request."""
    from eventkit.http.guard import RequestGuard, RequestLimits

    async def never(scope: object, receive: Any, send: object) -> None:
        while (await receive()).get("more_body"):  # an upload streams: refused while read
            pass
        raise AssertionError("the app must not see a body over the limit")

    for content_type in (b"application/json", b"application/octet-stream"):
        for declared in (b"30", None):  # by Content-Length, or counted (chunked)
            pieces = [
                {"type": "http.request", "body": b"x" * 10, "more_body": True} for _ in range(2)
            ] + [{"type": "http.request", "body": b"x" * 10, "more_body": False}]
            sent: list[dict[str, Any]] = []

            async def receive(pieces: list[dict[str, Any]] = pieces) -> dict[str, Any]:
                return pieces.pop(0)

            async def send(message: dict[str, Any], sent: list[dict[str, Any]] = sent) -> None:
                sent.append(message)

            length = (
                (b"content-length", declared) if declared else (b"transfer-encoding", b"chunked")
            )
            scope = {
                "type": "http",
                "path": "/x",
                "headers": [length, (b"content-type", content_type)],
            }
            guard = RequestGuard(never, RequestLimits(max_bytes=15))  # type: ignore[arg-type]
            await guard(scope, receive, send)  # type: ignore[arg-type]
            assert sent[0]["status"] == 413, (content_type, declared)
            assert pieces == [], "the whole body was read"
            assert (b"connection", b"close") not in sent[0]["headers"]


async def test_request_id_is_echoed_or_made(client: httpx.AsyncClient) -> None:
    response = await client.get("/livez", headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert (await client.get("/livez")).headers["x-request-id"]


async def test_health_and_metrics(client: httpx.AsyncClient) -> None:
    assert (await client.get("/livez")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}
    await client.post("/greet", json={"name": "m"})
    metrics = (await client.get("/metrics")).text
    assert 'http_requests_total{method="POST",route="/greet",service="kit",status="200"}' in metrics


async def test_readyz_fails_when_a_dependency_is_down(kit_db: str) -> None:
    c = kit.chassis(kit_db, "127.0.0.1:1")  # nothing listens there
    async with api_client(c.create_app([], title="kit")) as http:
        response = await http.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"]["broker"].startswith("failing")
        assert (await http.get("/livez")).status_code == 200  # liveness never depends on it
    await c.dispose()


async def test_bearer_tokens(client: httpx.AsyncClient) -> None:
    person = uuid.uuid4()
    assert_problem(await client.get("/me"), 401)
    ok = await client.get("/me", headers=issuer.headers(person))
    assert ok.json() == {"sub": str(person)}

    token = issuer.token(person)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert_problem(await client.get("/me", headers={"Authorization": f"Bearer {tampered}"}), 401)
    expired = issuer.token(person, ttl_s=-10)
    assert_problem(await client.get("/me", headers={"Authorization": f"Bearer {expired}"}), 401)
    stranger = TokenIssuer().token(person)  # signed by a key nobody published
    assert_problem(await client.get("/me", headers={"Authorization": f"Bearer {stranger}"}), 401)
    assert_problem(await client.get("/me", headers={"Authorization": "Bearer nonsense"}), 401)

    assert_problem(await client.get("/admin", headers=issuer.headers(person)), 403)
    admin = await client.get("/admin", headers=issuer.headers(person, ["platform_admin"]))
    assert admin.status_code == 200
