"""Sign-in abuse slows the attacker, never locks the account's owner out (NIST SP 800-63B
§5.2.2, OWASP ASVS v4 §2.2): through the real gateway, from several client addresses (the
loopback network has a whole /8; the gateway passes the real address on)."""

from __future__ import annotations

import httpx
from hostile_stack import ADMIN_EMAIL, ADMIN_PASSWORD, RATE_LIMIT_PROBE, HostileStack


def client_at(stack: HostileStack, address: str) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=stack.gateway_url, transport=transport, timeout=30)


def sign_in(http: httpx.Client, password: str) -> httpx.Response:
    return http.post("/v1/auth/login", json={"email": ADMIN_EMAIL, "password": password})


def test_an_attacker_hammering_the_admin_cannot_stop_the_admin(hostile: HostileStack) -> None:
    with client_at(hostile, "127.0.0.1") as admin:
        assert sign_in(admin, ADMIN_PASSWORD).status_code == 200  # the admin's usual client

    # one address guesses the admin's password again and again
    with client_at(hostile, "127.0.0.2") as attacker:
        answers = [sign_in(attacker, f"guess number {n}").status_code for n in range(30)]
        assert answers[:5] == [401] * 5, answers
        assert set(answers[5:]) <= {401, 429} and answers.count(429) >= 15, answers
        held = sign_in(attacker, ADMIN_PASSWORD)  # even the right password waits there
        assert held.status_code == 429 and int(held.headers["retry-after"]) >= 1
        assert held.headers["content-type"].startswith("application/problem+json")

    with client_at(hostile, "127.0.0.1") as admin:
        assert sign_in(admin, ADMIN_PASSWORD).status_code == 200
    with client_at(hostile, "127.0.0.3") as elsewhere:  # a new address, no guesses from it
        assert sign_in(elsewhere, ADMIN_PASSWORD).status_code == 200

    # many addresses, a few guesses each: strangers wait, the admin's client does not
    for n in range(25):
        with client_at(hostile, f"127.0.1.{n + 1}") as bot:
            sign_in(bot, "distributed guess")
    with client_at(hostile, "127.0.0.4") as stranger:
        assert sign_in(stranger, ADMIN_PASSWORD).status_code == 429
    with client_at(hostile, "127.0.0.1") as admin:
        assert sign_in(admin, ADMIN_PASSWORD).status_code == 200

    metrics = httpx.get(f"http://127.0.0.1:{hostile.ports['profiles']}/metrics", timeout=10).text
    assert 'profiles_sign_in_throttled_total{scope="client"}' in metrics
    assert 'profiles_sign_in_throttled_total{scope="account"}' in metrics


def test_the_general_rate_limit_answers_429_per_client_through_the_gateway(
    hostile: HostileStack,
) -> None:
    with client_at(hostile, "127.0.2.1") as greedy:
        answers = [greedy.get(RATE_LIMIT_PROBE) for _ in range(5)]
        statuses = {a.status_code for a in answers}  # no such resource, but counted
        assert len(statuses) == 1 and statuses <= {404, 422}, answers
        assert answers[0].headers["ratelimit-policy"].endswith(";q=5;w=60")
        assert answers[-1].headers["ratelimit"].split(";")[1] == "r=0"
        # past the quota, a body the service never reads spoils nothing on the connection
        refused = greedy.post(RATE_LIMIT_PROBE, json={"x": "y" * 50_000})
        assert refused.status_code == 429, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(refused.headers["retry-after"]) <= 12
        assert refused.headers["x-content-type-options"] == "nosniff"
        assert refused.headers["x-request-id"]
        after = greedy.get("/v1/resources", params={"limit": 1})
        assert after.status_code == 200 and "ratelimit" in after.headers
    # another client is not held back by the greedy one
    with client_at(hostile, "127.0.2.2") as other:
        assert other.get(RATE_LIMIT_PROBE).status_code in statuses
