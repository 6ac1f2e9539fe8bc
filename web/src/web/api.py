"""The web's only way to the platform: HTTP to the public API through the gateway.

A call carries the visitor's access token. A 401 refreshes the token pair once (one refresh
at a time per session, and a request that lost the race reuses the winner's pair instead of
presenting a spent refresh token, which profiles would take for theft and end the session),
then the call is retried; a second 401 means the person must sign in again.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import httpx
import structlog

from web.session import Session

log = structlog.get_logger("web.api")


@dataclass
class ApiProblem(Exception):
    """An RFC 9457 answer of the API (or the gateway saying it cannot reach it)."""

    status: int
    title: str = ""
    detail: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    retry_after: int | None = None
    body: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status} {self.title}"

    @property
    def email_not_verified(self) -> bool:
        """Refused because the person has not confirmed their email address yet."""
        return self.status == 403 and _is_unverified_problem(self.body)

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiProblem:
        body: dict[str, Any] = {}
        try:
            parsed = response.json()
            body = parsed if isinstance(parsed, dict) else {}
        except ValueError:
            body = {}
        retry = response.headers.get("retry-after")
        errors = body.get("errors")
        return cls(
            status=response.status_code,
            title=str(body.get("title") or response.reason_phrase),
            detail=str(body.get("detail") or ""),
            errors=errors if isinstance(errors, list) else [],
            retry_after=int(retry) if retry and retry.isdigit() else None,
            body=body,
        )


class SignInRequired(Exception):
    """The visitor must sign in (again) to see this; the page sends them and back."""


@dataclass
class Visit:
    """One request's view of the visitor: the session may change (refresh, sign-in, out)."""

    session: Session
    locale: str
    request_id: str = ""
    session_changed: bool = False

    def replace_session(self, session: Session) -> None:
        self.session = session
        self.session_changed = True


class _RotatedPairs:
    """Pairs handed out by recent refreshes, by the spent refresh token's digest (30 s):
    a concurrent request of the same session that still holds the spent token takes these."""

    def __init__(self, ttl_s: float = 30.0, size: int = 4096) -> None:
        self._ttl, self._size = ttl_s, size
        self._pairs: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()

    @staticmethod
    def key(refresh_token: str) -> str:
        return hashlib.sha256(refresh_token.encode()).hexdigest()

    def get(self, refresh_token: str) -> dict[str, Any] | None:
        hit = self._pairs.get(self.key(refresh_token))
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, refresh_token: str, pair: dict[str, Any]) -> None:
        self._pairs[self.key(refresh_token)] = (time.monotonic() + self._ttl, pair)
        while len(self._pairs) > self._size:
            self._pairs.popitem(last=False)


def _unverified_claim(response: httpx.Response) -> bool:
    """A 403 because the access token says the email is not verified: the person may have
    confirmed it since the token was issued (in this or another browser), so a refreshed
    token may say otherwise."""
    if response.status_code != 403:
        return False
    try:
        problem = response.json()
    except ValueError:
        return False
    return _is_unverified_problem(problem)


def _is_unverified_problem(problem: Any) -> bool:
    return isinstance(problem, dict) and str(problem.get("type", "")).endswith(
        "/email-not-verified"
    )


class Api:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._locks: dict[str, asyncio.Lock] = {}
        self._rotated = _RotatedPairs()

    # ---- low level ---------------------------------------------------------------------
    def _headers(self, visit: Visit, extra: dict[str, str] | None, auth: bool) -> dict[str, str]:
        headers = {"Accept-Language": visit.locale}
        if visit.request_id:
            headers["X-Request-ID"] = visit.request_id
        if auth and visit.session.signed_in:
            headers["Authorization"] = f"Bearer {visit.session.access_token}"
        return {**headers, **(extra or {})}

    async def request(
        self,
        visit: Visit,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send; refresh once on 401 (or a 403 for an unverified email, which a fresh token may
        no longer say); raise :class:`SignInRequired` when the refresh fails.

        Answers other than 401 come back as they are (the caller decides)."""
        if auth and visit.session.signed_in and visit.session.access_expires_at < time.time():
            await self.refresh(visit)
        try:
            response = await self.client.request(
                method, path, headers=self._headers(visit, headers, auth), **kwargs
            )
            if (
                auth
                and visit.session.signed_in
                and (response.status_code == 401 or _unverified_claim(response))
            ):
                await self.refresh(visit)
                response = await self.client.request(
                    method, path, headers=self._headers(visit, headers, auth), **kwargs
                )
        except httpx.TransportError as exc:
            log.warning("api.unreachable", path=path, error=type(exc).__name__)
            raise ApiProblem(503, "Service Unavailable") from exc
        if response.status_code == 401 and auth:
            if visit.session.signed_in:
                visit.replace_session(visit.session.signed_out())
            raise SignInRequired
        return response

    async def refresh(self, visit: Visit) -> None:
        session = visit.session
        lock = self._locks.setdefault(session.sid, asyncio.Lock())
        async with lock:
            pair = self._rotated.get(session.refresh_token)
            if pair is None:
                try:
                    response = await self.client.post(
                        "/v1/auth/refresh", json={"refresh_token": session.refresh_token}
                    )
                except httpx.TransportError as exc:
                    raise ApiProblem(503, "Service Unavailable") from exc
                if response.status_code != 200:
                    self._locks.pop(session.sid, None)
                    visit.replace_session(session.signed_out())
                    raise SignInRequired
                pair = response.json()
                self._rotated.put(session.refresh_token, pair)
            visit.replace_session(session.with_tokens(pair))

    # ---- conveniences ------------------------------------------------------------------
    async def call(
        self, visit: Visit, method: str, path: str, *, ok: tuple[int, ...] = (), **kwargs: Any
    ) -> httpx.Response:
        """Like :meth:`request`, but an answer of 400 or more raises :class:`ApiProblem`
        (except the statuses in ``ok``)."""
        response = await self.request(visit, method, path, **kwargs)
        if response.status_code >= 400 and response.status_code not in ok:
            raise ApiProblem.from_response(response)
        return response

    async def get(self, visit: Visit, path: str, **kwargs: Any) -> Any:
        return (await self.call(visit, "GET", path, **kwargs)).json()

    async def post(self, visit: Visit, path: str, **kwargs: Any) -> Any:
        response = await self.call(visit, "POST", path, **kwargs)
        return response.json() if response.content else None

    async def put(self, visit: Visit, path: str, **kwargs: Any) -> Any:
        response = await self.call(visit, "PUT", path, **kwargs)
        return response.json() if response.content else None

    async def delete(self, visit: Visit, path: str, **kwargs: Any) -> None:
        await self.call(visit, "DELETE", path, **kwargs)
