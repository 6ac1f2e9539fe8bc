"""POSTs signed webhook messages over HTTP: httpx, no redirects, and a pool of kept-alive
connections per endpoint, so one endpoint's stuck connections never take another's."""

from __future__ import annotations

import time
from dataclasses import dataclass
from uuid import UUID

import httpx

#: a pool unused this long is closed (its endpoint went quiet, or away)
IDLE_POOL_S = 300.0


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookSender:
    def __init__(self, timeout_s: float, connections_per_endpoint: int = 4) -> None:
        self.timeout_s = timeout_s
        self.connections_per_endpoint = connections_per_endpoint
        #: endpoint -> its pool and when it was last used
        self._pools: dict[UUID, tuple[httpx.AsyncClient, float]] = {}
        self._swept = time.monotonic()

    def _pool(self, endpoint_id: UUID) -> httpx.AsyncClient:
        now = time.monotonic()
        found = self._pools.get(endpoint_id)
        client = found[0] if found else None
        if client is None:
            client = httpx.AsyncClient(
                timeout=self.timeout_s,
                follow_redirects=False,  # a redirect could point anywhere (SSRF)
                limits=httpx.Limits(
                    max_connections=self.connections_per_endpoint,
                    max_keepalive_connections=self.connections_per_endpoint,
                ),
                headers={"user-agent": "diaspora-platform-webhooks/1"},
            )
        self._pools[endpoint_id] = (client, now)
        return client

    async def post(
        self, endpoint_id: UUID, url: str, body: bytes, headers: dict[str, str]
    ) -> PostResult:
        started = time.monotonic()
        try:
            response = await self._pool(endpoint_id).post(
                url, content=body, headers={**headers, "content-type": "application/json"}
            )
            await response.aclose()
            error = None if response.is_success else f"HTTP {response.status_code}"
            return PostResult(response.status_code, error, _ms(started))
        except httpx.HTTPError as exc:
            return PostResult(None, type(exc).__name__, _ms(started))

    async def close_idle(self) -> None:
        """Close the pools of endpoints not posted to for ``IDLE_POOL_S``."""
        now = time.monotonic()
        if now - self._swept < IDLE_POOL_S / 10:
            return
        self._swept = now
        for endpoint_id, (client, used) in list(self._pools.items()):
            if now - used > IDLE_POOL_S:
                del self._pools[endpoint_id]
                await client.aclose()

    async def close(self) -> None:
        pools, self._pools = self._pools, {}
        for client, _ in pools.values():
            await client.aclose()


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
