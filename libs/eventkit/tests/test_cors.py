"""CORS is off unless a deployment names its origins (CORS_ALLOWED_ORIGINS); then exactly those
origins get answers a browser accepts, preflights included, and no other origin does."""

from __future__ import annotations

import kit
import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from eventkit.settings import ServiceSettings

APP_ORIGIN = "https://app.example.org"
router = APIRouter()


@router.post("/things", status_code=201)
async def create_thing() -> dict[str, str]:
    return {"id": "1"}


def _client(**settings: object) -> TestClient:
    chassis = kit.chassis("postgresql+asyncpg://kit@127.0.0.1:1/kit", "127.0.0.1:1", **settings)
    return TestClient(chassis.create_app([router], title="kit"))  # no lifespan: no database


def test_no_cors_by_default() -> None:
    client = _client()
    response = client.post("/things", headers={"Origin": APP_ORIGIN})
    assert response.status_code == 201
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/things",
        headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_allowed_origins_get_cors_answers_and_others_do_not() -> None:
    client = _client(cors_allowed_origins=[APP_ORIGIN, "http://localhost:5173"])
    preflight = client.options(
        "/things",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, idempotency-key, content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "access-control-allow-credentials" not in preflight.headers
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert {"authorization", "idempotency-key", "content-type"} <= {
        h.strip() for h in allowed.split(",")
    }

    response = client.post("/things", headers={"Origin": APP_ORIGIN})
    assert response.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "location" in response.headers["access-control-expose-headers"].lower()

    foreign = client.post("/things", headers={"Origin": "https://evil.example.com"})
    assert "access-control-allow-origin" not in foreign.headers
    refused = client.options(
        "/things",
        headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("https://a.example,https://b.example", ["https://a.example", "https://b.example"]),
        (' ["https://a.example"] ', ["https://a.example"]),
        ("", []),
    ],
)
def test_the_allow_list_is_written_comma_separated_or_as_json(
    raw: str, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", raw)
    assert ServiceSettings().cors_allowed_origins == parsed
