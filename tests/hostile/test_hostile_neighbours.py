"""No request can affect another: hostile requests mixed with valid writes through the real
gateway (Caddy reusing its upstream connections), and on one keep-alive connection straight to
each service.

The failure this guards against: an error answered by an exception handler that re-raised
(Starlette's ServerErrorMiddleware) made uvicorn close the connection after the answer; the
gateway had already picked that pooled connection for the next person's request, which got a
502 with an empty body and was not saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import random
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from hostile_stack import Account, HostileStack

FULL = os.environ.get("HOSTILE_MODE") == "full"
MEMBERS = 8 if FULL else 4
ROUNDS = 40 if FULL else 10
#: a client that stops sending its body waits at most this long for its 408 (the gateway's and
#: the services' body timeouts are shorter; see hostile_stack's settings)
HANG_LIMIT_S = 30.0


@dataclass(frozen=True)
class Raw:
    """A hostile request as bytes on the wire (httpx would refuse to send most of them)."""

    name: str
    method: str
    path: str
    body: bytes
    content_type: str = "application/json"
    #: declare more bytes than are sent: the client then waits (or hangs up when ``hang_up``)
    declared: int | None = None
    hang_up: bool = False
    #: send the body in pieces this many seconds apart
    trickle_s: float = 0.0
    extra: tuple[tuple[str, str], ...] = ()


def hostile_requests() -> list[Raw]:
    resource = {"kind": "toolkit", "language": "en", "summary": "s"}
    deep_list = b'{"bio": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    deep_object = b'{"a": ' * 1000 + b"1" + b"}" * 1000
    return [
        Raw("NUL in a string", "POST", "/v1/resources", _json({**resource, "title": "a\x00b"})),
        Raw("NUL in a profile", "PATCH", "/v1/me/profile", _json({"city": "Dakar\x00"})),
        Raw(
            "invalid UTF-8",
            "POST",
            "/v1/resources",
            b'{"kind": "toolkit", "language": "en", "summary": "s", "title": "\xff\xfe\xc3"}',
        ),
        Raw("lone surrogate", "PATCH", "/v1/me/profile", b'{"city": "\\ud800"}'),
        Raw(
            "lone surrogate in a new resource",
            "POST",
            "/v1/resources",
            b'{"kind": "toolkit", "language": "en", "summary": "s", "title": "x\\udfff"}',
        ),
        Raw("1000-deep list", "PATCH", "/v1/me/profile", deep_list),
        Raw("1000-deep object", "POST", "/v1/resources", deep_object),
        Raw("1000-deep preferences", "PUT", "/v1/preferences", deep_object),
        Raw("huge integer", "PATCH", "/v1/me/profile", b'{"birth_year": 1' + b"0" * 5000 + b"}"),
        Raw("huge float", "PATCH", "/v1/me/profile", b'{"years_of_experience": 1e999}'),
        Raw("NaN", "PUT", "/v1/preferences", b'{"time_zone": NaN}'),
        Raw(
            "wrong content type",
            "POST",
            "/v1/resources",
            _json({**resource, "title": "plain"}),
            content_type="text/plain",
        ),
        Raw("not JSON", "PUT", "/v1/preferences", b'{"channels": {"email": tru'),
        Raw(
            "truncated body (client waits)",
            "POST",
            "/v1/resources",
            _json({**resource, "title": "cut"})[:20],
            declared=400,
        ),
        Raw(
            "truncated body (client hangs up)",
            "PATCH",
            "/v1/me/profile",
            b'{"city": "Da',
            declared=300,
            hang_up=True,
        ),
        Raw(
            "slow body with a NUL",
            "POST",
            "/v1/resources",
            _json({**resource, "title": "slow\x00"}),
            trickle_s=0.05,
        ),
    ]


def _json(data: object) -> bytes:
    return json.dumps(data).encode()


async def send_raw(base_url: str, request: Raw, token: str) -> int | None:
    """The status the server answered, or None when it answered nothing (a hung-up client
    expects nothing)."""
    url = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    try:
        declared = request.declared if request.declared is not None else len(request.body)
        head = [
            f"{request.method} {request.path} HTTP/1.1",
            f"Host: {url.netloc}",
            f"Authorization: Bearer {token}",
            f"Content-Type: {request.content_type}",
            f"Content-Length: {declared}",
            "If-Match: *",
            *(f"{k}: {v}" for k, v in request.extra),
            "",
            "",
        ]
        writer.write("\r\n".join(head).encode())
        if request.trickle_s:
            for i in range(0, len(request.body), 16):
                writer.write(request.body[i : i + 16])
                await writer.drain()
                await asyncio.sleep(request.trickle_s)
        else:
            writer.write(request.body)
        await writer.drain()
        if request.hang_up:
            return None
        line = await asyncio.wait_for(reader.readline(), HANG_LIMIT_S)
        if not line:
            return 0  # closed without an answer
        return int(line.split()[1])
    except TimeoutError:
        return -1  # no answer in time: the connection is held open
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


@dataclass
class Outcome:
    valid: Counter[int]
    hostile: dict[str, Counter[int | None]]
    lost: list[str]


async def valid_writer(http: httpx.AsyncClient, member: Account, rounds: int, out: Outcome) -> None:
    """A person saving their profile and contributing resources, checking each is stored."""
    h = member.headers
    created = await http.put("/v1/me/profile", json={"display_name": "Neighbour"}, headers=h)
    out.valid[created.status_code] += 1
    etag = created.headers.get("etag", "*")
    titles: dict[str, str] = {}
    for i in range(rounds):
        city = f"City {uuid.uuid4().hex[:8]}"
        patched = await http.patch(
            "/v1/me/profile",
            content=_json({"city": city}),
            headers={**h, "Content-Type": "application/merge-patch+json", "If-Match": etag},
        )
        out.valid[patched.status_code] += 1
        if patched.status_code == 200:
            etag = patched.headers["etag"]
            mine = await http.get("/v1/me/profile", headers=h)
            if mine.status_code != 200 or mine.json().get("city") != city:
                out.lost.append(f"profile city {city}: {mine.status_code}")
        title = f"Toolkit {member.account_id[:8]} {i}"
        posted = await http.post(
            "/v1/resources",
            json={"kind": "toolkit", "language": "en", "title": title, "summary": "s"},
            headers=h,
        )
        out.valid[posted.status_code] += 1
        if posted.status_code == 201:
            titles[posted.json()["id"]] = title
        prefs = await http.put(
            "/v1/preferences", json={"time_zone": random.choice(["UTC", "Africa/Dakar"])}, headers=h
        )
        out.valid[prefs.status_code] += 1
    for rid, title in titles.items():
        got = await http.get(f"/v1/resources/{rid}", headers=h)
        if got.status_code != 200 or got.json().get("title") != title:
            out.lost.append(f"resource {rid}: {got.status_code}")


async def hostile_sender(base_url: str, member: Account, rounds: int, out: Outcome) -> None:
    requests = hostile_requests()
    for _ in range(rounds):
        for request in random.sample(requests, len(requests)):
            status = await send_raw(base_url, request, member.access_token)
            out.hostile.setdefault(request.name, Counter())[status] += 1


def run(coro: Callable[[], Awaitable[Outcome]]) -> Outcome:
    return asyncio.run(coro())


def test_hostile_requests_cost_no_neighbour_a_write(hostile: HostileStack) -> None:
    writers = [hostile.member("writer") for _ in range(MEMBERS)]
    attackers = [hostile.member("attacker") for _ in range(MEMBERS)]

    async def scenario() -> Outcome:
        out = Outcome(Counter(), {}, [])
        async with httpx.AsyncClient(base_url=hostile.gateway_url, timeout=60) as http:
            await asyncio.gather(
                *(valid_writer(http, m, ROUNDS, out) for m in writers),
                *(hostile_sender(hostile.gateway_url, m, ROUNDS // 5 + 1, out) for m in attackers),
            )
        return out

    out = run(scenario)
    report = f"valid: {dict(out.valid)}; hostile: {out.hostile}; lost: {out.lost[:5]}"
    assert set(out.valid) <= {200, 201}, report
    assert not out.lost, report
    for name, statuses in out.hostile.items():
        if name == "truncated body (client hangs up)":
            assert set(statuses) == {None}, report
        else:
            assert all(s is not None and 400 <= s < 500 for s in statuses), (name, report)


def test_an_error_leaves_the_connection_usable(hostile: HostileStack) -> None:
    """Straight to each service: a hostile request then a valid one on the SAME connection."""
    member = hostile.member("sameconn")
    checks = {
        "profiles": ("PATCH", "/v1/me/profile", b'{"city": "Dakar\\u0000"}', "/v1/me/profile"),
        "resources": (
            "POST",
            "/v1/resources",
            _json({"kind": "toolkit", "language": "en", "title": "a\x00", "summary": "s"}),
            "/v1/resources",
        ),
        "alliance": (
            "POST",
            "/v1/alliance/alliances",
            b'{"slug": "nul-alliance", "name": "\\u0000"}',
            "/v1/alliance/bodies",
        ),
        "notifications": ("PUT", "/v1/preferences", b'{"time_zone": "\\u0000"}', "/v1/preferences"),
    }
    for service, (method, path, body, after) in checks.items():
        # http.client never reconnects by itself: a connection the server dropped fails the
        # second request (RemoteDisconnected / BrokenPipe) instead of being silently replaced
        conn = http.client.HTTPConnection("127.0.0.1", hostile.ports[service], timeout=20)
        try:
            headers = {**member.headers, "Content-Type": "application/json", "If-Match": "*"}
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            answer.read()
            assert 400 <= answer.status < 500, (service, answer.status)
            for header in ("x-request-id", "x-content-type-options", "referrer-policy"):
                assert answer.getheader(header), (service, header)
            assert answer.getheader("content-type", "").startswith("application/problem+json")
            conn.request("GET", after, headers=member.headers)
            follow = conn.getresponse()
            follow.read()
            assert follow.status < 500, (service, follow.status)
        finally:
            conn.close()
