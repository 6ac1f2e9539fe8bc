"""``Idempotency-Key`` on creating POSTs, for every service (the store: eventkit.idempotency).

A route takes ``once: Once`` and wraps its work::

    @router.post("/v1/things", status_code=201, response_model=ThingOut)
    async def create_thing(body: ThingIn, once: Once, ...) -> Response:
        return await once(lambda: handlers.create(...), status_code=201)

Without the header the work just runs. With it: the first request runs the work and its
answer is kept; a retry with the same key and the same body gets that answer again (with
``Idempotent-Replayed: true``) and nothing is created twice; the same key with another body
is 422; a retry while the first is still running is 409 with ``Retry-After``.

Routes nobody is signed in for (registration) take ``AnonymousOnce``: their keys are kept
under one anonymous principal (a key is the client's own random value, and a replay must
carry the same request); an erasure forgets those whose answer names the person. A body's
``password`` is never part of the stored fingerprint: a fast hash of it beside the request
must not outlive the request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from eventkit import idempotency as store
from eventkit.http.auth import CurrentPrincipal
from eventkit.http.problems import Problem

_RETRY_SAFELY = (
    "Retry safely: a retry with the same key and the same body gets the first answer again "
    "(marked Idempotent-Replayed: true) and creates nothing twice; the same key with another "
    "body is refused with 422. "
)
KEY_DESCRIPTION = _RETRY_SAFELY + "Keys are per account and kept for a day."
#: callers not signed in share one namespace of keys: theirs must be random
ANONYMOUS_KEY_DESCRIPTION = (
    _RETRY_SAFELY + "Use a new random value (a UUID) per request; keys are kept for a day."
)
#: how long a retry waits for a twin still running with the same key
_TWIN_WAIT_S = 5.0
#: top-level body fields left out of the fingerprint (secrets)
_SECRET_FIELDS = ("password",)

Work = Callable[[], Awaitable[Any]]


class IdempotentCall:
    def __init__(self, request: Request, principal_id: Any, key: str | None) -> None:
        self.request = request
        self.principal_id = principal_id
        self.key = key

    async def __call__(
        self,
        work: Work,
        *,
        status_code: int = 201,
        headers: Callable[[Any], dict[str, str]] | None = None,
    ) -> Response:
        if self.key is None:
            result = await work()
            return _answer(result, status_code, headers)
        chassis = self.request.app.state.chassis
        clock = chassis.clock
        body = _without_secrets(await self.request.body())
        fingerprint = hashlib.sha256(
            b"%s %s\n%s" % (self.request.method.encode(), self.request.url.path.encode(), body)
        ).hexdigest()
        async with chassis.sessions() as session:
            seen = await store.recall(
                session, chassis.idempotency_table, self.principal_id, self.key, clock.now()
            )
        if seen is not None:
            return await self._replay(seen, fingerprint)
        now = clock.now()
        claim = store.Claim(
            chassis.idempotency_table,
            self.principal_id,
            self.key,
            fingerprint,
            now,
            now + timedelta(seconds=chassis.settings.idempotency_ttl_s),
        )
        token = store.claiming(claim)
        try:
            result = await work()
        except store.DuplicateRequest:
            return await self._replay(await self._wait_for_twin(), fingerprint)
        finally:
            store.stop_claiming(token)
        response = _answer(result, status_code, headers)
        async with chassis.sessions() as session, session.begin():
            await store.store_answer(session, claim, response.status_code, _kept(response))
        return response

    async def _wait_for_twin(self) -> store.Remembered | None:
        chassis = self.request.app.state.chassis
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _TWIN_WAIT_S
        while True:
            async with chassis.sessions() as session:
                seen = await store.recall(
                    session,
                    chassis.idempotency_table,
                    self.principal_id,
                    self.key or "",
                    chassis.clock.now(),
                )
            if seen is None or seen.status is not None or loop.time() > deadline:
                return seen
            await asyncio.sleep(0.1)

    async def _replay(self, seen: store.Remembered | None, fingerprint: str) -> Response:
        if seen is not None and seen.fingerprint != fingerprint:
            raise Problem(
                422,
                "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; use a new key.",
            )
        if seen is None or seen.status is None or seen.response is None:
            raise Problem(
                409,
                "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry shortly.",
                headers={"Retry-After": "1"},
            )
        return JSONResponse(
            seen.response.get("content"),
            status_code=seen.status,
            headers={**seen.response.get("headers", {}), "Idempotent-Replayed": "true"},
        )


def _without_secrets(body: bytes) -> bytes:
    """The body as fingerprinted: a JSON object without its secret fields."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if not isinstance(data, dict) or not any(f in data for f in _SECRET_FIELDS):
        return body
    kept = {k: v for k, v in data.items() if k not in _SECRET_FIELDS}
    return json.dumps(kept, sort_keys=True).encode()


#: the headers of a first answer a replay repeats
_REPLAYED_HEADERS = ("location", "etag", "cache-control")


def _kept(response: Response) -> dict[str, Any]:
    body = bytes(response.body)
    return {
        "content": json.loads(body) if body else None,
        "headers": {k: v for k, v in response.headers.items() if k in _REPLAYED_HEADERS},
    }


def _headers(result: Any, headers: Callable[[Any], dict[str, str]] | None) -> dict[str, str]:
    return headers(result) if headers is not None else {}


def _answer(
    result: Any, status_code: int, headers: Callable[[Any], dict[str, str]] | None
) -> Response:
    if isinstance(result, Response):
        return result
    return JSONResponse(
        jsonable_encoder(result), status_code=status_code, headers=_headers(result, headers)
    )


def _key_header(description: str) -> Any:
    return Header(alias="Idempotency-Key", min_length=1, max_length=200, description=description)


IdempotencyKey = Annotated[str | None, _key_header(KEY_DESCRIPTION)]
AnonymousIdempotencyKey = Annotated[str | None, _key_header(ANONYMOUS_KEY_DESCRIPTION)]


async def idempotent_call(
    request: Request, principal: CurrentPrincipal, key: IdempotencyKey = None
) -> IdempotentCall:
    return IdempotentCall(request, principal.subject, key)


async def anonymous_idempotent_call(
    request: Request, key: AnonymousIdempotencyKey = None
) -> IdempotentCall:
    return IdempotentCall(request, store.ANONYMOUS, key)


Once = Annotated[IdempotentCall, Depends(idempotent_call)]
#: ``Once`` for routes nobody is signed in for (registration)
AnonymousOnce = Annotated[IdempotentCall, Depends(anonymous_idempotent_call)]
