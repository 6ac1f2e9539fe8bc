"""POSTs signed webhook messages over HTTP (httpx, pooled connections, no redirects)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookSender:
    def __init__(self, timeout_s: float, max_connections: int = 100) -> None:
        self.timeout_s = timeout_s
        self.max_connections = max_connections
        self._client: httpx.AsyncClient | None = None

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self.timeout_s,
                follow_redirects=False,  # a redirect could point anywhere (SSRF)
                limits=httpx.Limits(max_connections=self.max_connections),
                headers={"user-agent": "diaspora-platform-webhooks/1"},
            )
        return self._client

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> PostResult:
        started = time.monotonic()
        try:
            response = await self.client.post(
                url, content=body, headers={**headers, "content-type": "application/json"}
            )
            await response.aclose()
            error = None if response.is_success else f"HTTP {response.status_code}"
            return PostResult(response.status_code, error, _ms(started))
        except httpx.HTTPError as exc:
            return PostResult(None, type(exc).__name__, _ms(started))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
