"""Realistic traffic through the gateway, at a steady pace.

``register_people``: people registering (the soak test). ``member_journeys``: people who
register, sign in, fill in their profile and, one in ``ERASING_EVERY``, ask to be erased — so
the traffic crosses every service: profiles' outbox feeds notifications (welcome email) and
resources (the people projection), and an erasure saga makes resources, alliance and
notifications answer through their own outboxes to profiles' worker.

Creating POSTs carry an ``Idempotency-Key``. With ``retry_unknown``, a request that got no
answer (connection lost, the gateway's 502/504) or a 503 (try again) is sent again with the
same key and body, as a careful client would, until it gets another answer or
``RETRY_FOR_S`` has passed; every attempt is kept with its times (``LoadResult.attempts``),
so a report can say what clients saw.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import httpx

LOCALES = ("en", "fr", "es", "ar", "pt")
PASSWORD = "correct horse battery staple"
#: one person in this many asks to be erased once their profile is saved
ERASING_EVERY = 4


@dataclass
class Step:
    """The outcomes of one kind of request: acknowledged, clearly refused, or unknown."""

    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> the answer's id
    rejected: dict[str, int] = field(default_factory=dict)  # key -> status (a clear "no")
    unknown: list[str] = field(default_factory=list)  # no answer: outcome not known

    @property
    def requests(self) -> int:
        return len(self.acknowledged) + len(self.rejected) + len(self.unknown)


@dataclass(frozen=True)
class Attempt:
    """One try of a state-changing request, as the client saw it (monotonic seconds)."""

    started: float
    ended: float
    #: "acknowledged", "refused" (a clear no) or "unknown" (no answer)
    outcome: str


@dataclass
class LoadResult:
    registrations: Step = field(default_factory=Step)  # email -> account id
    profiles: Step = field(default_factory=Step)  # account id -> account id
    erasures: Step = field(default_factory=Step)  # account id -> erasure id
    statuses: dict[int, int] = field(default_factory=dict)
    #: why attempts got no answer: the HTTP client's error, or the gateway's 502/504
    no_answer: dict[str, int] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)
    #: requests sent again after no answer (with ``retry_unknown``)
    retried: int = 0

    # the registration view, kept for the soak report and older callers
    @property
    def acknowledged(self) -> dict[str, str]:
        return self.registrations.acknowledged

    @property
    def rejected(self) -> dict[str, int]:
        return self.registrations.rejected

    @property
    def unknown(self) -> list[str]:
        return self.registrations.unknown

    @property
    def requests(self) -> int:
        return sum(s.requests for s in (self.registrations, self.profiles, self.erasures))


#: how long traffic may go on past its duration while waiting for ``until``
MAX_EXTENSION_S = 180.0


async def _paced(
    rate_per_s: float,
    duration_s: float,
    person: Callable[[int], Coroutine[Any, Any, None]],
    until: asyncio.Event | None = None,
) -> None:
    """Start ``person(i)`` at a steady rate for ``duration_s`` and, if given, on until
    ``until`` is set (at most ``MAX_EXTENSION_S`` longer); wait for all."""
    interval = 1.0 / rate_per_s
    planned = int(rate_per_s * duration_s)
    tasks = []
    start = time.monotonic()
    extended_until = start + duration_s + MAX_EXTENSION_S
    i = 0
    while i < planned or (
        until is not None and not until.is_set() and time.monotonic() < extended_until
    ):
        delay = start + i * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(person(i)))
        i += 1
    await asyncio.gather(*tasks)


#: connections the load's people may hold at once
PEOPLE_CONNECTIONS = 1000
#: how long a client with ``retry_unknown`` keeps retrying a request that got no answer
RETRY_FOR_S = 60.0
RETRY_BACKOFF_S = (0.2, 0.5, 1.0, 2.0)


async def _request(
    client: httpx.AsyncClient,
    result: LoadResult,
    step: Step,
    key: str,
    method: str,
    path: str,
    *,
    ok: int,
    answer: Callable[[httpx.Response], str],
    retry_unknown: bool = False,
    unknown_after_retry: tuple[int, ...] = (),
    **kwargs: Any,
) -> httpx.Response | None:
    """One state-changing request, its outcome recorded under ``key`` in ``step``; with
    ``retry_unknown``, sent again (same body, same headers: the same Idempotency-Key) while
    it gets no answer. ``unknown_after_retry``: statuses that, answering a retry, do not
    tell the outcome (the first try may have done what makes the retry refused)."""
    first = time.monotonic()
    tries = 0
    while True:
        response = await _attempt(client, result, method, path, kwargs)
        tries += 1
        # no answer, or 503: the platform's "try again" (a database failing over, or a
        # commit whose outcome it could not learn)
        again = response is None or response.status_code == 503
        if not (again and retry_unknown) or time.monotonic() - first > RETRY_FOR_S:
            break
        result.retried += tries == 1
        await asyncio.sleep(RETRY_BACKOFF_S[min(tries, len(RETRY_BACKOFF_S)) - 1])
    # a 503 is no refusal: the platform answers it when it could not learn whether its
    # commit landed (the database went away during it), so the request may have been done
    if (
        response is None
        or response.status_code == 503
        or (tries > 1 and response.status_code in unknown_after_retry)
    ):
        step.unknown.append(key)
        return None
    if response.status_code != ok:
        step.rejected[key] = response.status_code
        return None
    step.acknowledged[key] = answer(response)
    return response


async def _attempt(
    client: httpx.AsyncClient, result: LoadResult, method: str, path: str, kwargs: dict[str, Any]
) -> httpx.Response | None:
    """One try: the response, or None when there was no answer (why is counted in
    ``result.no_answer``)."""
    started = time.monotonic()
    try:
        response = await client.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        result.attempts.append(Attempt(started, time.monotonic(), "unknown"))
        _count(result.no_answer, type(exc).__name__)
        return None
    _count(result.statuses, response.status_code)
    if response.status_code in (502, 504):  # the gateway lost the answer: unknown
        result.attempts.append(Attempt(started, time.monotonic(), "unknown"))
        _count(result.no_answer, f"gateway {response.status_code}")
        return None
    outcome = "acknowledged" if response.status_code < 400 else "refused"
    result.attempts.append(Attempt(started, time.monotonic(), outcome))
    return response


def _count(counts: dict[Any, int], what: Any) -> None:
    counts[what] = counts.get(what, 0) + 1


def _registration(run: str, i: int) -> dict[str, str]:
    return {
        "email": f"{run}-{i}-{uuid.uuid4().hex[:6]}@chaos.example.org",
        "password": PASSWORD,
        "display_name": f"Person {i}",
        "locale": LOCALES[i % len(LOCALES)],
    }


def _account_id(response: httpx.Response) -> str:
    return str(response.json()["account_id"])


def _people(gateway_url: str) -> httpx.AsyncClient:
    """One client for the many people of a load: up to PEOPLE_CONNECTIONS connections at
    once (httpx's default of 100 made requests queue in the client itself, failing with
    PoolTimeout, while the platform answered slowly)."""
    return httpx.AsyncClient(
        base_url=gateway_url,
        timeout=30.0,
        limits=httpx.Limits(max_connections=PEOPLE_CONNECTIONS),
    )


def _idempotent() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def _register(
    client: httpx.AsyncClient, result: LoadResult, body: dict[str, str], retry_unknown: bool
) -> httpx.Response | None:
    return await _request(
        client,
        result,
        result.registrations,
        body["email"],
        "POST",
        "/v1/auth/register",
        ok=201,
        answer=_account_id,
        retry_unknown=retry_unknown,
        headers=_idempotent(),
        json=body,
    )


async def register_people(
    gateway_url: str, run: str, *, rate_per_s: float, duration_s: float
) -> LoadResult:
    """Registrations only; every request carries a unique email of this run."""
    result = LoadResult()
    async with _people(gateway_url) as client:

        async def one(i: int) -> None:
            await _register(client, result, _registration(run, i), retry_unknown=False)

        await _paced(rate_per_s, duration_s, one)
    return result


async def member_journeys(
    gateway_url: str,
    run: str,
    *,
    rate_per_s: float,
    duration_s: float,
    until: asyncio.Event | None = None,
    retry_unknown: bool = False,
) -> LoadResult:
    """People registering, signing in, saving a profile, some asking to be erased: for
    ``duration_s``, and on until ``until`` is set if given. ``retry_unknown``: requests
    that get no answer are sent again with the same Idempotency-Key."""
    result = LoadResult()
    async with _people(gateway_url) as client:

        async def one(i: int) -> None:
            body = _registration(run, i)
            registered = await _register(client, result, body, retry_unknown)
            if registered is None:
                return
            account_id = _account_id(registered)
            # signing in changes nothing others hear about: retried, not counted
            token = await _sign_in(client, body["email"])
            if token is None:
                return
            auth = {"Authorization": f"Bearer {token}"}
            saved = await _request(
                client,
                result,
                result.profiles,
                account_id,
                "PUT",
                "/v1/me/profile",
                ok=201,
                answer=lambda _: account_id,
                retry_unknown=retry_unknown,
                headers=auth,
                json={
                    "display_name": body["display_name"],
                    "country_of_residence": "SN",
                    "languages": [{"code": "fr", "level": "native"}],
                    "open_to_opportunities": True,
                },
            )
            if saved is None or i % ERASING_EVERY:
                return
            await _request(
                client,
                result,
                result.erasures,
                account_id,
                "POST",
                "/v1/me/erasure",
                ok=202,
                answer=lambda r: str(r.json()["erasure_id"]),
                retry_unknown=retry_unknown,
                # an erasure revokes the account's tokens: the retry of one whose answer was
                # lost is refused 401 when the first try erased the account
                unknown_after_retry=(401,),
                headers={**auth, **_idempotent()},
                json={"password": PASSWORD},
            )

        await _paced(rate_per_s, duration_s, one, until)
    return result


async def _sign_in(client: httpx.AsyncClient, email: str, attempts: int = 20) -> str | None:
    """An access token, trying again while a fault makes the service refuse (or drops the
    connection: signing in changes nothing others hear about)."""
    for _ in range(attempts):
        try:
            response = await client.post(
                "/v1/auth/login", json={"email": email, "password": PASSWORD}
            )
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 200:
            return str(response.json()["access_token"])
        await asyncio.sleep(1.0)
    return None
