"""Sign-in abuse slows the attacker, never locks the account's owner out (NIST SP 800-63B
§5.2.2, OWASP ASVS v4 §2.2): through the real gateway, from several client addresses (the
loopback network has a whole /8; the gateway passes the real address on)."""

from __future__ import annotations

import httpx
from hostile_stack import ADMIN_EMAIL, ADMIN_PASSWORD, HostileStack


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
