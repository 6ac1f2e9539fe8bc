"""The HTTP chassis every service shares: problem+json everywhere, size limits, health,
metrics, request ids, and bearer-token verification."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import kit
import pytest
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from devstack.harness import TestInfra
from devstack.testing import TokenIssuer, api_client
from eventkit.http.auth import CurrentPrincipal, Principal, require_role
from eventkit.http.problems import Problem

router = APIRouter()


class Greeting(BaseModel):
    name: str


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


@router.get("/me")
async def me(principal: CurrentPrincipal) -> dict[str, str]:
    return {"sub": str(principal.subject)}


@router.get("/admin")
async def admin(principal: Principal = Depends(require_role("platform_admin"))) -> dict[str, str]:
    return {"ok": "yes"}


@pytest.fixture
async def client(kit_db: str, infra: TestInfra) -> AsyncIterator[httpx.AsyncClient]:
    c = kit.chassis(kit_db, infra.kafka_bootstrap)
    c.settings.max_request_bytes = 1000
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
        422,
    )
    teapot = assert_problem(await client.get("/teapot"), 418)
    assert teapot["type"] == "https://example.org/teapot"


async def test_unexpected_errors_hide_internals(client: httpx.AsyncClient) -> None:
    response = await client.get("/boom")
    body = assert_problem(response, 500)
    assert "secret" not in response.text and "Traceback" not in response.text
    assert body["title"] == "Internal Server Error"


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
    big = {"name": "x" * 2000}
    assert_problem(await client.post("/greet", json=big), 413)

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: counted while streaming
        yield b'{"name": "'
        for _ in range(20):
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
    from eventkit.http.middleware import BodySizeLimitMiddleware

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

    middleware = BodySizeLimitMiddleware(early, max_bytes=1000)  # type: ignore[arg-type]
    await middleware({"type": "http", "path": "/x", "headers": []}, receive, send)  # type: ignore[arg-type]
    assert chunks == [] and [m["type"] for m in sent] == [
        "http.response.start",
        "http.response.body",
    ]
    assert sent[0]["status"] == 405


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
