"""The general rate limit: a token bucket per account (a token that verifies) or client
address, per route group; past it 429 with Retry-After, and the IETF RateLimit headers on
every answer of a limited path."""

from __future__ import annotations

import uuid

import kit
import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from devstack.testing import TokenIssuer
from eventkit.http.rate_limit import Quota, RateLimits, TokenBuckets

router = APIRouter()


@router.post("/v1/things", status_code=201)
async def create_thing(body: dict[str, str]) -> dict[str, str]:
    return {"id": "1"}


@router.get("/v1/other")
async def other() -> dict[str, str]:
    return {"ok": "yes"}


def _client(issuer: TokenIssuer | None = None, **settings: object) -> TestClient:
    chassis = kit.chassis("postgresql+asyncpg://kit@127.0.0.1:1/kit", "127.0.0.1:1", **settings)
    app = chassis.create_app([router], title="kit")  # no lifespan: no database
    if issuer is not None:
        issuer.install(app)
    return TestClient(app)


def test_past_its_quota_a_client_gets_429_with_retry_after_and_ratelimit_headers() -> None:
    client = _client(rate_limits=["/v1/things=3/60"])
    answers = [client.post("/v1/things", json={"a": "b"}) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert answers[0].headers["ratelimit-policy"] == '"v1-things";q=3;w=60'
    assert [a.headers["ratelimit"].split(";")[1] for a in answers] == ["r=2", "r=1", "r=0"]

    refused = client.post("/v1/things", json={"a": "b"})
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["status"] == 429 and refused.json()["retry_after"] >= 1
    assert 1 <= int(refused.headers["retry-after"]) <= 20  # one request refills in 20 s
    assert refused.headers["ratelimit"].startswith('"v1-things";r=0;t=')
    # the same headers as every other answer
    assert refused.headers["x-content-type-options"] == "nosniff"
    assert refused.headers["x-request-id"]

    # another group (here the default policy) has its own bucket
    other = client.get("/v1/other")
    assert other.status_code == 200
    assert other.headers["ratelimit-policy"] == '"default";q=1200;w=60'


def test_signed_in_callers_are_counted_per_account_and_forged_tokens_per_address() -> None:
    issuer = TokenIssuer()
    client = _client(issuer, rate_limits=["/v1/things=2/60"])
    alice, bob = uuid.uuid4(), uuid.uuid4()

    def post(headers: dict[str, str]) -> int:
        return client.post("/v1/things", json={"a": "b"}, headers=headers).status_code

    assert [post(issuer.headers(alice)) for _ in range(3)] == [201, 201, 429]
    # bob, from the same address, has his own quota
    assert post(issuer.headers(bob)) == 201
    # a token made up in bob's name is not bob (the route is open, so it answers): it is
    # counted against its address, and bob's quota is not spent by it
    forged = {"Authorization": f"Bearer {TokenIssuer().token(bob)}"}
    assert [post(forged), post({}), post({})] == [201, 201, 429]
    assert [post(issuer.headers(bob)), post(issuer.headers(bob))] == [201, 429]


def test_behind_the_gateway_each_client_address_has_its_own_bucket() -> None:
    client = _client(rate_limits=["/v1/other=1/60"], trust_forwarded_for=True)

    def get(address: str) -> int:
        return client.get("/v1/other", headers={"X-Forwarded-For": address}).status_code

    assert [get("203.0.113.7"), get("203.0.113.7"), get("198.51.100.2")] == [200, 429, 200]


def test_probes_and_metrics_are_never_limited_and_off_means_off() -> None:
    limits = RateLimits.from_settings("1/60", [])
    assert limits.policy_for("/readyz") is None and limits.policy_for("/metrics") is None
    assert RateLimits.from_settings("off", []).policy_for("/v1/other") is None
    client = _client(rate_limit_default="off")
    assert all(client.get("/v1/other").status_code == 200 for _ in range(5))
    assert "ratelimit" not in client.get("/v1/other").headers


def test_a_bucket_refills_evenly_and_forgets_the_least_recent_keys() -> None:
    now = [0.0]
    buckets = TokenBuckets(max_keys=2, clock=lambda: now[0])
    quota = Quota.parse("2/10")  # a request every 5 s
    assert [buckets.take("a", quota).allowed for _ in range(3)] == [True, True, False]
    assert buckets.take("a", quota).retry_after_s == 5
    now[0] = 5.0
    assert buckets.take("a", quota).allowed
    buckets.take("b", quota)
    buckets.take("c", quota)  # "a" is forgotten: memory stays bounded
    assert buckets.take("a", quota).remaining == 1


@pytest.mark.parametrize("text", ["0/60", "10/0", "ten/60"])
def test_a_quota_says_requests_per_seconds(text: str) -> None:
    with pytest.raises(ValueError):
        Quota.parse(text)
